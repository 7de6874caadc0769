/**
 * A group of 5 members over 4 weeks (tests/group/simulation.ts): each week's /week board, in Discord and as the
 * core's JSON, shows exactly who wrote notes for that week's chapters, their reading time, ratings and questions,
 * with ✅ for what is there, ❌ for notes missing after the note deadline and ⏳ for what is due at the meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERS, SCRIPT, simulateMonth, type Simulation } from './simulation.js';

let sim: Simulation;
beforeAll(async () => {
  sim = await simulateMonth();
}, 120_000);
afterAll(async () => sim?.close());

describe('a month of a 5-member group', () => {
  it('reads four boards, one per meeting', () => {
    expect(sim.weeks.map((w) => w.board.meeting.seq)).toEqual([1, 2, 3, 4]);
    expect(sim.weeks.map((w) => w.board.meeting.chapters)).toEqual(SCRIPT.map((s) => s.chapters));
  });

  it.each(SCRIPT.map((s, i) => [s.seq, i] as const))('week %i: every member as the script says', (_seq, i) => {
    const w = sim.weeks[i]!;
    expect(w.board.members.map((m) => m.name).sort()).toEqual(MEMBERS.map((m) => m.author).sort());
    for (const spec of MEMBERS) {
      const m = w.board.members.find((x) => x.name === spec.author)!;
      const file = w.script.notes[spec.author];
      expect(m.userId, spec.author).toBe(spec.user?.id ?? null);
      expect(m.notes, spec.author).toEqual(file ? [`docker-book/${spec.author}/${file}`] : []);
      expect(m.minutes, spec.author).toBe(w.script.minutes[spec.author] ?? 0);
      expect(m.stars, spec.author).toBe(w.script.stars[spec.author] ?? null);
      expect(m.questions, spec.author).toBe(w.script.questions[spec.author] ? 1 : 0);

      const line = w.discord.description.split('\n').find((l) => l.startsWith(`**${spec.author}`)) ?? '';
      expect(
        line.startsWith(file ? `**${spec.author}${spec.user ? '' : ' (연결 안 됨)'}** — ✅ 노트 1개` : ''),
        line,
      ).toBe(true);
      if (!file) expect(line, spec.author).toContain('❌ 노트 없음');
      // Time, stars and questions are due at the meeting itself, an hour away: missing ones are ⏳, not ❌.
      expect(line.includes('⏳ 기록 없음'), spec.author).toBe(!w.script.minutes[spec.author]);
    }
    const ready = Object.keys(w.script.notes).length;
    expect(w.discord.description).toContain(`노트 낸 사람: ${ready}/5명`);
    expect(w.discord.title).toBe(`📝 ${w.script.seq}주차 준비 현황 · ${w.script.chapters.join(', ')}장`);
  });

  it('week 3 covers two chapters: a 5-6 note and a 6-only note both count', () => {
    const w = sim.weeks[2]!;
    const notes = Object.fromEntries(w.board.members.map((m) => [m.name, m.notes.length]));
    expect(notes).toEqual({ 김규민: 1, 이서연: 0, 박지훈: 1, 최민수: 0, 정하늘: 1 });
  });
});
