import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/commands/customId.js';
import { groupBoard, hardestChapters } from '../../src/study/stats.js';
import { buttonIds, kst, studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
const minsu = { user: { id: 'u1', name: '민수' } };
const jiyoung = { user: { id: 'u2', name: '지영' } };
const hyun = { user: { id: 'u3', name: '현' } };

beforeEach(async () => {
  env = studyEnv();
  env.clock.set(kst(2026, 11, 28, 12));
  const log = (as: object, minutes: string, date: string) => env.run('log', 'add', { minutes, chapter: '1', date }, as);
  await log(minsu, '30', '2026-11-27'); // this week
  await log(jiyoung, '90', '2026-11-02'); // this month, earlier week
  await log(jiyoung, '10', '2026-11-24'); // this week
  await log(hyun, '300', '2026-10-10'); // earlier month
  const rate = (as: object, chapter: string, stars: number) => env.run('rate', undefined, { chapter, stars }, as);
  await rate(minsu, '1', 4);
  await rate(jiyoung, '1', 5);
  await rate(minsu, '3', 2);
  await rate(jiyoung, '3', 1);
  await rate(jiyoung, '3', 3); // re-rating: only the newest counts
  await env.run('question', 'add', { text: '볼륨은 언제 지워지나요?' }, minsu);
});
afterEach(() => env.cleanup());

describe('/group', () => {
  it('ranks members by minutes this week, this month and all time', () => {
    const board = (p: 'week' | 'month' | 'all') =>
      groupBoard(env.services.db, env.deps.book, 'g1', p, '2026-11-28').leaderboard.map((r) => [r.name, r.minutes]);
    expect(board('week')).toEqual([
      ['민수', 30],
      ['지영', 10],
    ]);
    expect(board('month')).toEqual([
      ['지영', 100],
      ['민수', 30],
    ]);
    expect(board('all')).toEqual([
      ['현', 300],
      ['지영', 100],
      ['민수', 30],
    ]);
  });

  it('builds the chapter × member star matrix with averages, hardest first', () => {
    const board = groupBoard(env.services.db, env.deps.book, 'g1', 'all', '2026-11-28');
    expect(board.members.map((m) => m.name)).toEqual(['현', '지영', '민수']);
    expect(board.matrix.map((r) => [r.chapter, r.stars, r.average])).toEqual([
      [1, [null, 5, 4], 4.5],
      [2, [null, null, null], null],
      [3, [null, 3, 2], 2.5],
      [4, [null, null, null], null],
    ]);
    expect(hardestChapters(board).map((r) => r.chapter)).toEqual([3, 1]);
    expect(board.openQuestions).toBe(1);
  });

  it('replies with the board and matrix PNG, and its buttons switch the period in place', async () => {
    const reply = await env.run('group', undefined, {}, minsu);
    const text = textOf(reply);
    expect(text).toContain('스터디 보드 · 이번 주');
    expect(text).toContain('🥇 민수 — **30분**');
    expect(text).toContain('3장 이미지와 레이어 — 평균 2.5★ (2명)');
    expect(text).toContain('**1** · 평균 4.5★ — 민수 4★, 지영 5★');
    expect(text).toContain('1개');
    expect(reply.embeds?.[0]?.image).toBe('group.png');
    expect(reply.files?.[0]?.data.subarray(1, 4).toString()).toBe('PNG');
    const ids = buttonIds(reply);
    expect(ids.map((id) => decodeCustomId(id)?.args[0])).toEqual(['week', 'month', 'all']);
    expect(reply.buttons?.[0]?.[0]?.disabled).toBe(true);

    const all = await env.click(ids[2] ?? '', minsu);
    expect(all.update).toBe(true);
    expect(textOf(all)).toContain('스터디 보드 · 전체');
    expect(textOf(all)).toContain('🥇 현 — **5시간**');
    expect(all.buttons?.[0]?.[2]?.disabled).toBe(true);
  });

  it('shows an empty board without errors', async () => {
    const empty = await env.run('group', undefined, {}, { guildId: 'g-empty' });
    expect(textOf(empty)).toContain('이 기간에는 아직 기록이 없어요');
    expect(textOf(empty)).toContain('아직 별점이 없어요');
  });
});
