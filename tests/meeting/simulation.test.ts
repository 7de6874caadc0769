/**
 * The meeting on S's simulated month (tests/group/simulation.ts: 5 members, 4 weeks, the real bot and the fake
 * Discord): the presenter sequence over the month is fair (only members with notes that week, never twice in a row,
 * nobody twice while someone with notes has not presented), reproducible from the seeds, and week 4's pack names its
 * presenter, its open questions and the quiz button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeeting, listMeetings } from '../../src/group/schedule.js';
import { hasNotes } from '../../src/group/week.js';
import { translator } from '../../src/i18n/index.js';
import { ADMIN, embedOf, reply } from '../group/support.js';
import { MEMBERS, simulateMonth, type Simulation } from '../group/simulation.js';

const ko = translator('ko');
let sim: Simulation;

beforeAll(async () => {
  sim = await simulateMonth();
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

const user = MEMBERS[0].user;
/** Discord's refusals of the bot's own requests, but the simulation's: its bot has no Manage Events on purpose. */
const mine = (h: Simulation['harness']) => h.fake.violations.filter((v) => !v.route.includes('scheduled-events'));

describe('the presenter over the simulated month', () => {
  const sequence: string[] = [];

  it('picks week by week: members with notes only, never twice in a row, least recent first', async () => {
    const h = sim.harness;
    const db = h.bot.app.services.db;
    const meetings = listMeetings(db, h.fake.guild.id);
    expect(meetings.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    for (const [i, m] of meetings.entries()) {
      const r = await reply(
        await h.fake.sendCommand({
          name: 'presenter',
          subcommand: 'pick',
          user,
          options: { week: m.seq, seed: `month-${m.seq}` },
        }),
      );
      expect(String(embedOf(r).title)).toContain(`${m.seq}주차 발표자`);
      const chosen = getMeeting(db, h.fake.guild.id, m.id)!.presenter!.name;
      const withNotes = sim.weeks[i]!.board.members.filter(hasNotes).map((x) => x.name);
      expect(withNotes).toContain(chosen);
      if (i > 0) expect(chosen).not.toBe(sequence[i - 1]);
      // Least recent first: while a member with notes this week has never presented, nobody presents twice.
      if (sequence.includes(chosen)) expect(withNotes.every((n) => sequence.includes(n))).toBe(true);
      sequence.push(chosen);
    }
    expect(mine(h)).toEqual([]);
  });

  it('gives the same sequence again from the same seeds (an admin picks each week again)', async () => {
    const h = sim.harness;
    for (const [i, name] of sequence.entries()) {
      const r = await reply(
        await h.fake.sendCommand({
          name: 'presenter',
          subcommand: 'pick',
          user,
          memberPermissions: ADMIN,
          options: { week: i + 1, seed: `month-${i + 1}`, again: true },
        }),
      );
      expect(String(embedOf(r).title)).toBe(ko('meeting.pick.title', { week: i + 1, name }));
    }
  });

  it('puts week 4’s presenter, open questions and the quiz button in the pack', async () => {
    const h = sim.harness;
    const r = await reply(await h.fake.sendCommand({ name: 'meeting', subcommand: 'pack', user }));
    const embed = embedOf(r);
    expect(embed.title).toBe(ko('meeting.pack.title', { week: 4 }));
    const fields = (embed.fields as { name: string; value: string }[]).map((f) => `${f.name}\n${f.value}`).join('\n');
    expect(fields).toContain(`${ko('meeting.pack.presenter')}\n${sequence[3]}`);
    for (const q of ['컨트롤 플레인 없이 파드가 도나요?', 'etcd가 죽으면?', 'kubelet의 역할은?'])
      expect(fields).toContain(q);
    const ids = ((r.message?.components as { components: { custom_id: string }[] }[]) ?? []).flatMap((row) =>
      row.components.map((c) => c.custom_id),
    );
    expect(ids[0]).toMatch(/^v1:meeting\.quiz:\d+$/);
    expect(mine(h)).toEqual([]);
  });
});
