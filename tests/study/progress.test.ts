import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progress, streaks } from '../../src/study/stats.js';
import { kst, studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(() => {
  env = studyEnv();
  env.clock.set(kst(2026, 11, 28, 21)); // Saturday evening in Seoul
});
afterEach(() => env.cleanup());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function seed() {
  const logs: [string, string, string][] = [
    ['2026-11-20', '30', '1'],
    ['2026-11-21', '40', '1'],
    ['2026-11-22', '50', '2'],
    ['2026-11-24', '1h', '2'],
    ['2026-11-25', '20', '3'],
    ['2026-11-27', '25', '3'],
    ['2026-11-28', '35', '3'],
  ];
  for (const [date, minutes, chapter] of logs) await env.run('log', 'add', { date, minutes, chapter });
  await env.run('rate', undefined, { chapter: '1', stars: 4 });
  await env.run('rate', undefined, { chapter: '3', stars: 2 });
}

describe('progress', () => {
  it('counts the current streak from today or yesterday, and the longest one', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06'];
    expect(streaks(days, '2026-11-06')).toEqual({ current: 2, longest: 3 });
    expect(streaks(days, '2026-11-07')).toEqual({ current: 2, longest: 3 });
    expect(streaks(days, '2026-11-08')).toEqual({ current: 0, longest: 3 });
    expect(streaks([], '2026-11-08')).toEqual({ current: 0, longest: 0 });
  });

  it('sums time per chapter, stars per chapter, streaks and this week vs last week', async () => {
    await seed();
    const p = progress(env.services.db, env.deps.book, 'g1', 'u1', '2026-11-28');
    expect(p.totalMinutes).toBe(260);
    expect(p.chapters).toEqual([
      { chapter: 1, title: '도커 소개', minutes: 70, stars: 4 },
      { chapter: 2, title: '도커의 구조', minutes: 110, stars: null },
      { chapter: 3, title: '이미지와 레이어', minutes: 80, stars: 2 },
      { chapter: 4, title: '컨테이너 라이프 사이클', minutes: 0, stars: null },
    ]);
    expect([p.currentStreak, p.longestStreak, p.activeDays]).toEqual([2, 3, 7]);
    expect([p.thisWeek, p.lastWeek]).toEqual([140, 120]);
    expect(p.daily).toHaveLength(28);
    expect(p.daily.at(-1)).toEqual({ day: '2026-11-28', minutes: 35 });
    expect(p.daily[0]?.day).toBe('2026-11-01');
  });

  it('replies with an embed that reads on its own and the PNG chart attached', async () => {
    await seed();
    const reply = await env.run('progress', undefined);
    const text = textOf(reply);
    expect(text).toContain('4시간 20분');
    expect(text).toContain('현재 2일 · 최장 3일');
    expect(text).toContain('2시간 20분 (지난주 2시간, +17%)');
    expect(text).toContain('1장 도커 소개 — **1시간 10분** · ⭐⭐⭐⭐☆ (4/5)');
    expect(text).toContain('아직 기록 없는 장\n4');
    const embed = reply.embeds?.[0];
    expect(embed?.image).toBe('progress.png');
    const file = reply.files?.find((f) => f.name === embed?.image);
    expect(file?.data.subarray(0, 8)).toEqual(PNG);
    expect(file?.data.readUInt32BE(16)).toBe(960);
  });

  it("shows another member's progress and an encouraging empty state", async () => {
    await seed();
    const other = await env.run('progress', undefined, { member: { id: 'u9', name: '새멤버' } });
    expect(textOf(other)).toContain('새멤버님의 진도');
    expect(textOf(other)).toContain('아직 기록이 없어요');
    const mine = await env.run('progress', undefined, { member: { id: 'u1', name: 'member1' } });
    expect(textOf(mine)).toContain('4시간 20분');
  });

  it('does not count imported time toward days, weeks or streaks', async () => {
    await env.run('log', 'add', { minutes: '30', chapter: '1' });
    env.services.db
      .prepare(
        "INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, source, created_at) VALUES ('g1', 'u1', 2, 500, '2026-11-28', 'import', 0)",
      )
      .run();
    const p = progress(env.services.db, env.deps.book, 'g1', 'u1', '2026-11-28');
    expect(p.totalMinutes).toBe(530);
    expect(p.thisWeek).toBe(30);
    expect(p.daily.at(-1)?.minutes).toBe(30);
  });
});
