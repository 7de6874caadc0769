/**
 * /presenter over a simulated month: five members, four weekly meetings, real SQLite and the real dispatcher.
 * The rotation is fair (least recent first, never twice in a row), reproducible from the seed the reply shows, kept
 * in history, and overridable by admins only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getMeeting } from '../../src/group/schedule.js';
import { translator } from '../../src/i18n/index.js';
import {
  ADMIN,
  DAEUN,
  GAYOUNG,
  groupEnv,
  MARU,
  meetingStart,
  MEMBERS,
  NARAE,
  notesOf,
  RAHEE,
  textOf,
  type GroupEnv,
} from './support.js';

const ko = translator('ko');
const DAY = 86_400_000;
let env: GroupEnv | undefined;
afterEach(() => env?.cleanup());

/** Who wrote which chapter: 라희 skipped chapter 2, 마루 skipped chapter 4. */
const WRITTEN: Record<string, number[]> = {
  가영: [1, 2, 3, 4],
  나래: [1, 2, 3, 4],
  다은: [1, 2, 3, 4],
  라희: [1, 3, 4],
  마루: [1, 2, 3],
};

async function month(e: GroupEnv, seeds: string[]): Promise<string[]> {
  const sequence: string[] = [];
  for (let week = 1; week <= 4; week++) {
    e.clock.set(meetingStart(week) - 2 * DAY);
    const reply = await e.run('presenter', 'pick', { seed: seeds[week - 1] ?? `w${week}` });
    const meeting = getMeeting(e.services.db, 'g1', e.meetings[week - 1]!.id);
    expect(meeting?.presenter, textOf(reply)).not.toBeNull();
    sequence.push(meeting!.presenter!.name);
  }
  return sequence;
}

describe('/presenter pick over a 5-member, 4-week group', () => {
  it('never repeats a presenter twice in a row, picks who presented least recently, and only members with notes', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    const sequence = await month(env, ['a', 'b', 'c', 'd']);
    // Four weeks, five members: nobody needs a second turn yet, so all four are different people…
    expect(new Set(sequence).size).toBe(4);
    for (let w = 1; w < 4; w++) expect(sequence[w]).not.toBe(sequence[w - 1]);
    // …and each one had notes for that week's chapter.
    sequence.forEach((name, i) => expect(WRITTEN[name]).toContain(i + 1));
  });

  it('prefers who never presented, then the least recent, and leaves last week’s presenter out', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN), weeks: 4 });
    const e = env;
    // History: 가영 week 1, 나래 week 2, 다은 week 3 (set by an admin).
    for (const [week, who] of [
      [1, GAYOUNG],
      [2, NARAE],
      [3, DAEUN],
    ] as const) {
      e.clock.set(meetingStart(week) - DAY);
      await e.run('presenter', 'set', { user: { id: who.id, name: who.name } }, ADMIN, true);
    }
    // Week 4: 라희 never presented, 마루 never presented but has no chapter 4 notes → 라희.
    e.clock.set(meetingStart(4) - DAY);
    const reply = await e.run('presenter', 'pick', { seed: 'any' });
    expect(reply.embeds?.[0]?.title).toBe(ko('meeting.pick.title', { week: 4, name: RAHEE.name }));
    const text = textOf(reply);
    // Candidates in rotation order: never presented first, then by their last turn; 다은 presented last week.
    const rows = (reply.embeds?.[0]?.fields?.[0]?.value ?? '').split('\n');
    expect(rows.map((r) => r.replace(/^`\d\.` /, '').split(' ')[0])).toEqual(['라희', '가영', '나래', '다은']);
    expect(rows[0]).toContain(ko('meeting.pick.never'));
    expect(rows[1]).toContain(ko('meeting.pick.last', { week: 1 }));
    expect(rows[3]).toContain(ko('meeting.pick.excluded'));
    expect(text).not.toContain('마루');
    expect(text).toContain(ko('meeting.pick.noTie', { seed: 'any' }));
  });

  it('gives the same month from the same seeds, and shows the seed that decided each tie', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    const first = await month(env, ['s1', 's2', 's3', 's4']);
    env.cleanup();
    env = groupEnv({ notes: notesOf(WRITTEN) });
    const again = await month(env, ['s1', 's2', 's3', 's4']);
    expect(again).toEqual(first);

    env.cleanup();
    env = groupEnv({ notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(1) - DAY);
    const reply = await env.run('presenter', 'pick', { seed: 's1' });
    expect(textOf(reply)).toContain(ko('meeting.pick.tie', { n: 5, seed: 's1' }));
    expect(reply.embeds?.[0]?.footer).toContain('--seed s1');
  });

  it('makes up a seed when none is given and keeps every pick in the history', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(1) - DAY);
    await env.run('presenter', 'pick', {});
    const rows = env.services.db
      .prepare('SELECT how, seed, name, candidates_json AS c, reason FROM meeting_presenter_picks')
      .all() as { how: string; seed: string; name: string; c: string; reason: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.how).toBe('pick');
    expect(rows[0]?.seed).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.parse(rows[0]!.c)).toHaveLength(5);
    expect(rows[0]?.reason).toContain('tie of 5 broken by seed');
    const history = await env.run('presenter', 'history', {});
    expect(textOf(history)).toContain(rows[0]!.name);
    expect(textOf(history)).toContain(rows[0]!.seed);
  });

  it('refuses a second pick for the same meeting unless an admin asks again', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(1) - DAY);
    await env.run('presenter', 'pick', { seed: 'x' });
    const name = getMeeting(env.services.db, 'g1', env.meetings[0]!.id)!.presenter!.name;
    const again = await env.run('presenter', 'pick', { seed: 'y' }, NARAE);
    expect(again.content).toBe(ko('meeting.error.alreadyPicked', { week: 1, name }));
    const notAdmin = await env.run('presenter', 'pick', { seed: 'y', again: true }, NARAE);
    expect(notAdmin.content).toBe(ko('error.adminOnly'));
    const admin = await env.run('presenter', 'pick', { seed: 'y', again: true }, ADMIN, true);
    expect(admin.embeds?.[0]?.title).toContain(ko('meeting.pick.title', { week: 1, name: '' }).trim());
  });

  it('says who it cannot pick from: nobody with notes, or only last week’s presenter', async () => {
    env = groupEnv({ notes: notesOf({}) });
    env.clock.set(meetingStart(1) - DAY);
    const none = await env.run('presenter', 'pick', {});
    expect(none.content).toBe(ko('meeting.error.noCandidates', { week: 1 }));
    expect(env.services.db.prepare('SELECT count(*) AS n FROM meeting_presenter_picks').get()).toEqual({ n: 0 });

    env.setNotes(notesOf({ 마루: [1, 2] }));
    await env.run('presenter', 'pick', {});
    env.clock.set(meetingStart(2) - DAY);
    const only = await env.run('presenter', 'pick', {});
    expect(only.content).toBe(ko('meeting.error.onlyPrevious', { name: MARU.name }));
  });
});

describe('/presenter set', () => {
  it('is for admins; it sets the meeting’s presenter (a member or a notes author by name) and keeps it in history', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(2) - DAY);
    const refused = await env.run('presenter', 'set', { user: { id: NARAE.id, name: NARAE.name } }, DAEUN);
    expect(refused.content).toBe(ko('error.adminOnly'));
    const set = await env.run('presenter', 'set', { name: '외부 발표자' }, ADMIN, true);
    expect(set.content).toBe(ko('meeting.set.done', { week: 2, name: '외부 발표자' }));
    expect(getMeeting(env.services.db, 'g1', env.meetings[1]!.id)?.presenter).toEqual({
      userId: null,
      name: '외부 발표자',
    });
    const byWeek = await env.run(
      'presenter',
      'set',
      { user: { id: NARAE.id, name: NARAE.name }, week: 3 },
      ADMIN,
      true,
    );
    expect(byWeek.content).toBe(ko('meeting.set.done', { week: 3, name: NARAE.name }));
    const nobody = await env.run('presenter', 'set', {}, ADMIN, true);
    expect(nobody.content).toBe(ko('meeting.error.presenterWho'));
    const rows = env.services.db.prepare("SELECT count(*) AS n FROM meeting_presenter_picks WHERE how = 'set'").get();
    expect(rows).toEqual({ n: 2 });
    expect(MEMBERS).toHaveLength(5);
  });
});
