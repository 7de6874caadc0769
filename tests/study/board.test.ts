/**
 * The indexed group board (migration 004): it must show exactly what the full computation (referenceBoard.ts)
 * shows, cut to the top N and the first columns, on any history of logs, deletions and re-ratings.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';
import { groupBoard, PERIODS, type GroupBoard } from '../../src/study/stats.js';
import { insertLog, insertRating, rememberMember } from '../../src/study/store.js';
import { addDays } from '../../src/study/time.js';
import { expectedBoard, referenceBoard } from './referenceBoard.js';
import { kst, studyEnv, textOf, type StudyEnv } from './support.js';

const TODAY = '2026-11-28'; // a Saturday: week 11-23 … 11-29
let env: StudyEnv;
let db: Db;

beforeEach(() => {
  env = studyEnv();
  env.clock.set(kst(2026, 11, 28, 12));
  db = env.services.db;
});
afterEach(() => env.cleanup());

const log = (
  guildId: string,
  userId: string,
  minutes: number,
  day = TODAY,
  chapter = 1,
  source: 'log' | 'import' = 'log',
) => insertLog(db, { guildId, userId, chapter, minutes, day, memo: null, source, createdAt: 0 });
const rate = (guildId: string, userId: string, chapter: number, stars: number) =>
  insertRating(db, {
    guildId,
    userId,
    chapter,
    stars,
    hardPart: null,
    why: null,
    insight: null,
    source: 'rate',
    createdAt: 0,
  });

/** The board without its period header, for comparing with `expectedBoard`. */
function shown(board: GroupBoard) {
  const { period: _period, from: _from, to: _to, ...rest } = board;
  return rest;
}

function expectMatchesReference(guildId: string, top: number, columns: number, viewer?: string) {
  for (const period of PERIODS) {
    const board = groupBoard(db, env.deps.book, guildId, period, TODAY, { top, columns, viewer });
    const want = expectedBoard(referenceBoard(db, env.deps.book, guildId, period, TODAY), top, columns, viewer);
    expect(shown(board), `${period}, top ${top}, columns ${columns}, viewer ${viewer}`).toEqual(want);
  }
}

describe('the group board at scale', () => {
  /** 20 members: m01 read 20 minutes this week … m20 read 1 minute; each rated chapter 1. */
  function twentyMembers() {
    for (let i = 1; i <= 20; i++) {
      const id = `m${String(i).padStart(2, '0')}`;
      rememberMember(db, 'g1', id, `독자${i}`, 0);
      log('g1', id, 21 - i);
      rate('g1', id, 1, 1 + (i % 5));
    }
  }

  it('shows the top 15 of 20 members, the viewer’s own place below them, and the first 12 matrix columns', async () => {
    twentyMembers();
    const reply = await env.run('group', undefined, {}, { user: { id: 'm20', name: '독자20' } });
    const text = textOf(reply);
    expect(text).toContain('🥇 독자1 — **20분**');
    expect(text).toContain('`15.` 독자15 — **6분**');
    expect(text).not.toContain('독자16 —');
    expect(text).toContain('…\n`20.` 독자20 — **1분**\n상위 15명만 표시 · 전체 20명');
    expect(text).toContain('상위 12명만 표시 · 전체 20명');
    // The average counts all 20 ratings of chapter 1 (4 × each of 1–5★ = 3.0), not only the 12 shown columns.
    expect(text).toContain('1장 도커 소개 — 평균 3.0★ (20명)');
    const matrix = reply.embeds?.[0]?.fields?.find((f) => f.name === '⭐ 장별 이해도')?.value ?? '';
    expect(matrix).toContain('독자12 3★');
    expect(matrix).not.toContain('독자13');
  });

  it('says so in English for an English locale, and adds no own-place line for a viewer on the board', async () => {
    twentyMembers();
    const reply = await env.run('group', undefined, {}, { user: { id: 'm02', name: '독자2' }, locale: 'en' });
    const text = textOf(reply);
    const en = translator('en');
    expect(text).toContain(en('study.group.topOf', { n: 15, total: 20 }));
    expect(text).toContain(en('study.group.topOf', { n: 12, total: 20 }));
    expect(text).not.toContain('…\n');
  });

  it('adds no "top N of M" line when every member fits', async () => {
    rememberMember(db, 'g1', 'a', '가영', 0);
    log('g1', 'a', 30);
    const text = textOf(await env.run('group', undefined, {}, { user: { id: 'a', name: '가영' } }));
    expect(text).toContain('🥇 가영 — **30분**');
    expect(text).not.toContain('상위');
  });

  it('ranks tied members by name, and gives a tied viewer below the cut the place that order gives them', () => {
    for (const [id, name] of [
      ['u1', '다'],
      ['u2', '가'],
      ['u3', '나'],
      ['u4', '라'],
    ] as const) {
      rememberMember(db, 'g1', id, name, 0);
      log('g1', id, 10);
    }
    const board = groupBoard(db, env.deps.book, 'g1', 'week', TODAY, { top: 2, columns: 2, viewer: 'u4' });
    expect(board.leaderboard.map((r) => r.name)).toEqual(['가', '나']);
    expect(board.viewer).toEqual({ userId: 'u4', name: '라', minutes: 10, rank: 4 });
    expect(board.ranked).toBe(4);
  });

  it('fills the matrix columns with members who read earlier or only rated, by name, on a quiet week', () => {
    rememberMember(db, 'g1', 'w', '이번주', 0);
    rememberMember(db, 'g1', 'z', '가나다', 0);
    log('g1', 'w', 5);
    log('g1', 'old', 50, '2026-01-05');
    rate('g1', 'z', 2, 4);
    const board = groupBoard(db, env.deps.book, 'g1', 'week', TODAY);
    expect(board.leaderboard.map((r) => r.userId)).toEqual(['w']);
    expect(board.members.map((m) => m.name)).toEqual(['이번주', 'old', '가나다']);
    expect(board.memberCount).toBe(3);
    expect(board.matrix.find((r) => r.chapter === 2)?.stars).toEqual([null, null, 4]);
  });

  it('counts time logged for a later day of this week (a member ahead of the group’s timezone)', () => {
    log('g1', 'ahead', 40, addDays(TODAY, 1)); // Sunday 11-29, still this week and month
    const board = groupBoard(db, env.deps.book, 'g1', 'week', TODAY);
    expect(board.leaderboard).toEqual([{ userId: 'ahead', name: 'ahead', minutes: 40 }]);
  });

  it('agrees with the full computation after any logs, deletions and re-ratings (property)', () => {
    const names = ['민수', '지영', '현', '민수', 'Alex', 'alex', '지영'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('log' as const),
        user: fc.integer({ min: 0, max: 6 }),
        minutes: fc.integer({ min: 1, max: 4 }), // small, so members tie
        back: fc.integer({ min: 0, max: 70 }),
        chapter: fc.integer({ min: 1, max: 6 }),
        imported: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('unlog' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('rate' as const),
        user: fc.integer({ min: 0, max: 6 }),
        chapter: fc.integer({ min: 1, max: 6 }),
        stars: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({ kind: fc.constant('unrate' as const), pick: fc.nat() }),
    );
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 7 }),
        (ops, top, columns, viewer) => {
          const guildId = `p${run++}`;
          for (let u = 0; u < 6; u++) rememberMember(db, guildId, `u${u}`, names[u] ?? `n${u}`, 0); // u6 has no name
          const ids = (table: string) =>
            db.prepare(`SELECT id FROM ${table} WHERE guild_id = ? ORDER BY id`).pluck().all(guildId) as number[];
          for (const o of ops) {
            if (o.kind === 'log')
              log(guildId, `u${o.user}`, o.minutes, addDays(TODAY, -o.back), o.chapter, o.imported ? 'import' : 'log');
            else if (o.kind === 'rate') rate(guildId, `u${o.user}`, o.chapter, o.stars);
            else {
              const table = o.kind === 'unlog' ? 'study_logs' : 'study_ratings';
              const all = ids(table);
              if (all.length > 0) db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(all[o.pick % all.length]);
            }
          }
          expectMatchesReference(guildId, top, columns, `u${viewer}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses UPDATE on ratings, which would bypass the rollups', () => {
    rate('g1', 'u1', 1, 3);
    expect(() => db.prepare('UPDATE study_ratings SET stars = 5').run()).toThrow(/immutable/);
    expect(groupBoard(db, env.deps.book, 'g1', 'all', TODAY).matrix[0]?.average).toBe(3);
  });
});
