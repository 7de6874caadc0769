/**
 * /meeting pack and /meeting notes on a simulated week (real SQLite, real notes index, the real dispatcher): the
 * agenda names the presenter, the chapters, every open question for them (and no other), this week's "not found"
 * questions, the chapters rated lowest and the sections missed most; the retrospective is markdown in the study
 * template's style with who came, what was discussed and what is still open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../src/commands/customId.js';
import { getMeeting } from '../../src/group/schedule.js';
import { translator } from '../../src/i18n/index.js';
import { recordAsk } from '../../src/notes/learning.js';
import { noteCardKey } from '../../src/quiz/keys.js';
import { ReviewService } from '../../src/quiz/review.js';
import { renderRetro, RETRO } from '../../src/meeting/retro.js';
import { meetingPack } from '../../src/meeting/service.js';
import { meetingDeps } from '../../src/commands/meeting/common.js';
import { TEMPLATE } from '../../src/study/template.js';
import {
  ADMIN,
  buttonIds,
  DAEUN,
  GAYOUNG,
  groupEnv,
  kst,
  meetingStart,
  NARAE,
  notesOf,
  RAHEE,
  RULES_ON,
  textOf,
  type GroupEnv,
} from './support.js';

const ko = translator('ko');
const HOUR = 3_600_000;
let env: GroupEnv | undefined;
afterEach(() => env?.cleanup());

const WRITTEN = { 가영: [1, 2], 나래: [1], 다은: [1, 2], 라희: [2] };

/** Week 1's record: questions, ratings, not-found asks, quiz lapses, and a presenter. */
async function week1(e: GroupEnv) {
  e.clock.set(kst(2026, 11, 28, 10));
  await e.run('question', 'add', { text: '레이어는 왜 읽기 전용인가요?', chapter: '1' }, GAYOUNG);
  await e.run('question', 'add', { text: '가상 머신과 컨테이너의 격리 차이는?', chapter: '1' }, NARAE);
  await e.run('question', 'add', { text: '데몬이 죽으면 컨테이너는?', chapter: '2' }, DAEUN);
  await e.run('question', 'add', { text: '컨테이너는 프로세스인가요?', chapter: '1' }, DAEUN);
  await e.run('question', 'done', { id: '4' }, DAEUN);
  await e.run('rate', undefined, { chapter: '1', stars: 2, hard_part: '커널 공유가 헷갈려요' }, GAYOUNG);
  await e.run('rate', undefined, { chapter: '1', stars: 3 }, NARAE);
  await e.run('rate', undefined, { chapter: '2', stars: 5 }, DAEUN);
  const { db } = e.services;
  for (const [q, n] of [
    ['cgroup이 뭐예요', 3],
    ['네임스페이스 종류', 1],
  ] as const) {
    for (let i = 0; i < n; i++)
      recordAsk(db, { guildId: 'g1', question: q, missed: true, now: e.clock.now(), day: '2026-11-28' });
  }
  // An older miss, before the week began, is not this week's.
  recordAsk(db, { guildId: 'g1', question: '지난달 질문', missed: true, now: e.clock.now(), day: '2026-10-01' });
  // Quiz answers: three members got the "가상 머신" section of chapter 1 wrong, one the "컨테이너" section.
  const index = e.services.notes.index;
  const vm = index.sections.find((s) => s.heading === '가상 머신' && s.author === '가영')!;
  const ct = index.sections.find((s) => s.heading === '컨테이너' && s.author === '나래')!;
  const review = new ReviewService({ db, clock: e.clock, notes: () => index, bank: () => [], timeZone: 'Asia/Seoul' });
  for (const m of [GAYOUNG, NARAE, RAHEE]) review.recordQuizAnswer('g1', m.id, noteCardKey(vm), false);
  review.recordQuizAnswer('g1', DAEUN.id, noteCardKey(ct), false);
  // A chapter 2 section's lapses are not chapter 1's confusion.
  const daemon = index.sections.find((s) => s.heading === '도커 데몬')!;
  for (const m of [GAYOUNG, NARAE, DAEUN, RAHEE]) review.recordQuizAnswer('g1', m.id, noteCardKey(daemon), false);
  e.clock.set(meetingStart(1) - 2 * HOUR);
  await e.run('presenter', 'set', { user: { id: NARAE.id, name: NARAE.name } }, ADMIN, true);
}

describe('/meeting pack', () => {
  it('gathers the agenda: presenter, chapters, open questions, not-found questions, confusion map, quiz button', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    await week1(env);
    const reply = await env.run('meeting', 'pack');
    expect(reply.ephemeral).toBe(false);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe(ko('meeting.pack.title', { week: 1 }));
    expect(embed.description).toContain(`<t:${meetingStart(1) / 1000}:F>`);
    expect(embed.description).toContain('강남역 스터디룸');
    const field = (key: Parameters<typeof ko>[0], params?: Record<string, number>) =>
      embed.fields!.find((f) => f.name === ko(key, params))?.value ?? `(no ${key})`;
    expect(field('meeting.pack.presenter')).toBe('나래');
    expect(field('meeting.pack.chapters')).toBe('1장 도커 소개');
    // Notes: 가영, 나래, 다은 wrote chapter 1; 라희 and 마루 did not.
    expect(field('meeting.pack.notes')).toBe(
      ko('meeting.pack.notesValue', {
        done: 3,
        total: 5,
        missing: ko('meeting.pack.notesMissing', { names: '라희, 마루' }),
      }),
    );
    const questions = field('meeting.pack.questions', { n: 2 });
    expect(questions).toContain('레이어는 왜 읽기 전용인가요?');
    expect(questions).toContain('가상 머신과 컨테이너의 격리 차이는?');
    expect(questions).not.toContain('데몬이 죽으면'); // chapter 2
    expect(questions).not.toContain('프로세스인가요'); // discussed already
    const misses = field('meeting.pack.misses', { n: 2 });
    expect(misses.split('\n')).toEqual([
      ko('meeting.pack.missRow', { question: 'cgroup이 뭐예요', count: 3 }),
      ko('meeting.pack.missRow', { question: '네임스페이스 종류', count: 1 }),
    ]);
    const hard = field('meeting.pack.hardChapters');
    expect(hard).toContain(ko('meeting.pack.chapterRow', { chapter: '1장 도커 소개', mean: '2.5', n: 2 }));
    expect(hard).toContain('커널 공유가 헷갈려요');
    const lapses = field('meeting.pack.lapses').split('\n');
    expect(lapses[0]).toBe(ko('meeting.pack.lapseRow', { path: 'Chapter 1: 도커 소개 › 가상 머신', n: 3, members: 3 }));
    expect(lapses[1]).toBe(ko('meeting.pack.lapseRow', { path: 'Chapter 1: 도커 소개 › 컨테이너', n: 1, members: 1 }));
    expect(lapses.join('\n')).not.toContain('도커 데몬');
    expect(buttonIds(reply)).toEqual([encodeCustomId('meeting.quiz', env.meetings[0]!.id)]);
  });

  it('is ephemeral on request, and keeps the quiz on the week’s chapters', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(2) - 2 * HOUR);
    const reply = await env.run('meeting', 'pack', { private: true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds?.[0]?.title).toBe(ko('meeting.pack.title', { week: 2 }));
    expect(meetingPack(meetingDeps(env.ctxFor(GAYOUNG)), 'g1', env.meetings[1]!).quizTopic).toBe('도커의 구조');
  });

  it('adds 참석 when attendance is on; pressing it redraws the pack with the member', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(WRITTEN) });
    env.clock.set(meetingStart(1) + HOUR / 2);
    const pack = await env.run('meeting', 'pack');
    const attend = encodeCustomId('meeting.attend', env.meetings[0]!.id);
    expect(buttonIds(pack)).toEqual([encodeCustomId('meeting.quiz', env.meetings[0]!.id), attend]);
    expect(textOf(pack)).toContain(ko('meeting.pack.noAttendance'));
    const pressed = await env.click(attend, RAHEE);
    expect(pressed.update).toBe(true);
    expect(textOf(pressed)).toContain(ko('meeting.pack.attendance', { n: 1 }));
    expect(textOf(pressed)).toContain('라희');
    const twice = await env.click(attend, RAHEE);
    expect(twice.content).toBe(ko('meeting.attend.already', { week: 1 }));
    env.clock.set(meetingStart(1) + 5 * HOUR);
    expect((await env.click(attend, DAEUN)).content).toBe(ko('meeting.error.attendClosed', { week: 1 }));
  });

  it('says when there is no meeting to prepare', async () => {
    env = groupEnv({ notes: notesOf(WRITTEN), weeks: 1 });
    env.clock.set(meetingStart(1) + 4 * HOUR);
    expect((await env.run('meeting', 'pack')).content).toBe(ko('meeting.error.noMeeting'));
    expect((await env.run('meeting', 'pack', { week: 9 })).content).toBe(ko('meeting.error.noWeek', { week: 9 }));
  });
});

describe('/meeting notes', () => {
  it('exports the retrospective as a markdown attachment in the template’s style', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(WRITTEN) });
    await week1(env);
    env.clock.set(meetingStart(1) + HOUR / 2);
    for (const m of [GAYOUNG, NARAE, DAEUN]) await env.click(encodeCustomId('meeting.attend', env.meetings[0]!.id), m);
    env.clock.set(kst(2026, 11, 30, 9));
    await env.run('fines', 'excuse', { reason: '야근' }, RAHEE);
    env.clock.set(meetingStart(1) + 4 * HOUR);
    await env.run('question', 'done', { id: '1' }, GAYOUNG);
    const reply = await env.run('meeting', 'notes');
    expect(reply.content).toBe(ko('meeting.notes.done', { week: 1, path: '회고/2026-12-01-1주차.md' }));
    const file = reply.files?.[0];
    expect(file?.name).toBe('2026-12-01-1주차.md');
    const md = file!.data.toString('utf8');
    const lines = md.split('\n');
    expect(lines[0]).toBe(RETRO.title);
    expect(lines[0]?.slice(0, 4)).toBe(TEMPLATE.title.slice(0, 4)); // "# 📚" like the template
    expect(lines[2]).toBe('> 테스트 도커 책 · 1주차 · Chapter 1: 도커 소개');
    expect(md).toContain('- **날짜**: 2026-12-01 (화) 20:00');
    expect(md).toContain('- **발표자**: 나래');
    expect(md).toContain('- **노트 마감**: 2026-11-30 (월) 23:59');
    const section = (heading: string) => {
      const start = lines.indexOf(heading);
      const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
      return lines.slice(start + 1, end === -1 ? undefined : end).filter((l) => l.trim() !== '');
    };
    expect(section(RETRO.attendance)).toEqual([
      '- [x] 가영',
      '- [x] 나래',
      '- [x] 다은',
      '- [ ] 라희 (사정: 야근)',
      '- [ ] 마루 (불참)',
      '- **참석**: 3명',
    ]);
    expect(section(RETRO.discussed)).toEqual([
      '- [x] Chapter 1: 레이어는 왜 읽기 전용인가요? — 가영',
      '- [x] Chapter 1: 컨테이너는 프로세스인가요? — 다은',
    ]);
    expect(section(RETRO.open)).toEqual(['- [ ] Chapter 1: 가상 머신과 컨테이너의 격리 차이는? — 나래']);
    expect(section(RETRO.misses)).toEqual(['- cgroup이 뭐예요 (3번)', '- 네임스페이스 종류 (1번)']);
    expect(section(RETRO.hard)[0]).toBe('- Chapter 1: ⭐⭐⭐☆☆ (평균 2.5/5, 2명)');
    expect(section(RETRO.fines)).toEqual(['- 마루: 노트 늦음 ₩5,000', '- 마루: 불참 ₩5,000']);
    // The same markdown the core renders (the CLI prints it too).
    const meeting = getMeeting(env.services.db, 'g1', env.meetings[0]!.id)!;
    expect(renderRetro(meetingDeps(env.ctxFor(GAYOUNG)), 'g1', meeting)).toBe(md);
  });
});
