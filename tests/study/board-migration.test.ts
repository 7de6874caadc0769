/**
 * Migration 004 on a database that already has study data: a version-3 file with logs (dated and imported, some
 * deleted), re-ratings, members and questions in two guilds is opened by the current code, which must migrate it in
 * one step and then show the same board as the full computation did before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { openDatabase, schemaVersion } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';
import { groupBoard, PERIODS, type Period } from '../../src/study/stats.js';
import type { NewLog, NewRating } from '../../src/study/store.js';
import { addDays } from '../../src/study/time.js';
import { expectedBoard, referenceBoard, type ReferenceBoard } from './referenceBoard.js';
import { testBook } from './support.js';

const TODAY = '2026-11-28';
const GUILDS = ['g1', 'g2'];
const V3 = migrations.filter((m) => m.version <= 3);
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'study-migrate-'));
  file = path.join(dir, 'study.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic PRNG, so every run writes the same history. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

// The version-3 schema's own inserts (today's store writes columns later migrations add, e.g. 006's book).
function insertLog(db: Db, l: NewLog): number {
  const sql = `INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, memo, source, created_at)
    VALUES (@guildId, @userId, @chapter, @minutes, @day, @memo, @source, @createdAt)`;
  return Number(db.prepare(sql).run(l).lastInsertRowid);
}
function insertRating(db: Db, r: NewRating): void {
  const sql = `INSERT INTO study_ratings (guild_id, user_id, chapter, stars, hard_part, why, insight, source, created_at)
    VALUES (@guildId, @userId, @chapter, @stars, @hardPart, @why, @insight, @source, @createdAt)`;
  db.prepare(sql).run(r);
}
function rememberMember(db: Db, guildId: string, userId: string, name: string, now: number): void {
  db.prepare(
    'INSERT OR REPLACE INTO study_members (guild_id, user_id, display_name, updated_at) VALUES (?, ?, ?, ?)',
  ).run(guildId, userId, name, now);
}
function addQuestion(
  db: Db,
  q: { guildId: string; userId: string; chapter: number | null; text: string; createdAt: number; done: boolean },
): void {
  db.prepare(
    'INSERT INTO study_questions (guild_id, user_id, chapter, text, created_at, done_at, done_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(q.guildId, q.userId, q.chapter, q.text, q.createdAt, q.done ? 0 : null, q.done ? q.userId : null);
}

/** Writes a history through the version-3 schema (its triggers keep 002's rollups). */
function writeHistory(db: Db, seed: number): void {
  const pick = rng(seed);
  db.transaction(() => {
    for (const guildId of GUILDS) {
      for (let u = 0; u < 30; u++) if (u % 4 !== 0) rememberMember(db, guildId, `u${u}`, `독자${u % 9}`, 0);
      const logIds: number[] = [];
      for (let i = 0; i < 400; i++) {
        logIds.push(
          insertLog(db, {
            guildId,
            userId: `u${pick(30)}`,
            chapter: 1 + pick(6),
            minutes: 1 + pick(90),
            day: addDays(TODAY, -pick(120)),
            memo: null,
            source: pick(10) === 0 ? 'import' : 'log',
            createdAt: 0,
          }),
        );
      }
      for (let i = 0; i < 40; i++) db.prepare('DELETE FROM study_logs WHERE id = ?').run(logIds[pick(logIds.length)]);
      for (let i = 0; i < 120; i++) {
        insertRating(db, {
          guildId,
          userId: `u${pick(35)}`, // some members only rate
          chapter: 1 + pick(6),
          stars: 1 + pick(5),
          hardPart: null,
          why: null,
          insight: null,
          source: 'rate',
          createdAt: 0,
        });
      }
      for (let i = 0; i < 5; i++)
        addQuestion(db, { guildId, userId: 'u1', chapter: null, text: `q${i}`, createdAt: 0, done: i % 2 === 0 });
    }
  })();
}

function references(db: Db): Map<string, ReferenceBoard> {
  const out = new Map<string, ReferenceBoard>();
  for (const guildId of GUILDS)
    for (const period of PERIODS) out.set(`${guildId}/${period}`, referenceBoard(db, testBook, guildId, period, TODAY));
  return out;
}

function expectBoards(db: Db, want: Map<string, ReferenceBoard>, viewer: string): void {
  for (const guildId of GUILDS) {
    for (const period of PERIODS as Period[]) {
      const {
        period: _p,
        from: _f,
        to: _t,
        ...board
      } = groupBoard(db, testBook, guildId, period, TODAY, {
        viewer,
        top: 5,
        columns: 4,
      });
      const ref = want.get(`${guildId}/${period}`) as ReferenceBoard;
      expect(board, `${guildId} ${period}`).toEqual(expectedBoard(ref, 5, 4, viewer));
    }
  }
}

/** 004's rollup tables, recomputed from the raw logs and ratings. */
function expectRollupsMatchRawRows(db: Db): void {
  const rows = (q: string) => db.prepare(q).all();
  expect(rows('SELECT * FROM study_member_totals ORDER BY guild_id, user_id')).toEqual(
    rows(`SELECT guild_id, user_id, total(minutes) AS minutes, count(l.id) AS entries,
            (SELECT count(DISTINCT chapter) FROM study_ratings AS r WHERE r.guild_id = u.guild_id AND r.user_id = u.user_id) AS rated
          FROM (SELECT guild_id, user_id FROM study_logs UNION SELECT guild_id, user_id FROM study_ratings) AS u
          LEFT JOIN study_logs AS l USING (guild_id, user_id) GROUP BY guild_id, user_id ORDER BY guild_id, user_id`),
  );
  expect(rows('SELECT * FROM study_period_totals ORDER BY guild_id, period, user_id')).toEqual(
    rows(`SELECT guild_id, period, user_id, sum(minutes) AS minutes, count(*) AS entries FROM (
            SELECT guild_id, user_id, minutes, 'W:' || date(day, '-6 days', 'weekday 1') AS period FROM study_logs WHERE source = 'log'
            UNION ALL SELECT guild_id, user_id, minutes, 'M:' || substr(day, 1, 7) FROM study_logs WHERE source = 'log')
          GROUP BY guild_id, period, user_id ORDER BY guild_id, period, user_id`),
  );
  expect(rows('SELECT * FROM study_chapter_stars ORDER BY guild_id, chapter')).toEqual(
    rows(`SELECT guild_id, chapter, count(*) AS ratings, sum(stars) AS stars FROM (
            SELECT guild_id, chapter, stars, max(id) FROM study_ratings GROUP BY guild_id, user_id, chapter)
          GROUP BY guild_id, chapter ORDER BY guild_id, chapter`),
  );
}

describe('migration 004 (group board rollups)', () => {
  it('migrates a version-3 database with data and shows the board the full computation showed before', () => {
    const old = openDatabase(file, { migrations: V3 });
    writeHistory(old, 7);
    expect(schemaVersion(old)).toBe(3);
    const before = references(old);
    old.close();

    const db = openDatabase(file);
    try {
      // 004 and every later migration, in one step.
      expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
      expectRollupsMatchRawRows(db);
      for (const viewer of ['u3', 'u17', 'u29', 'nobody']) expectBoards(db, before, viewer);

      // The new triggers keep the rollups from here on.
      writeHistory(db, 8);
      expectRollupsMatchRawRows(db);
      expectBoards(db, references(db), 'u5');
    } finally {
      db.close();
    }
  });

  it('applies as one transaction: a failure part-way leaves the database at version 3 without the new tables', () => {
    const old = openDatabase(file, { migrations: V3 });
    writeHistory(old, 9);
    // A table in the way of the migration's third CREATE TABLE.
    old.exec('CREATE TABLE study_chapter_stars (x)');
    old.close();

    expect(() => openDatabase(file)).toThrow(/already exists/);
    const db = openDatabase(file, { migrations: V3 });
    try {
      expect(schemaVersion(db)).toBe(3);
      const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE name IN ('study_member_totals', 'study_period_totals')")
        .all();
      expect(tables).toEqual([]);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_board'").pluck().get()).toBe(0);
      // The index 004 drops is still there.
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'study_daily_guild_day'").pluck().get()).toBe(
        1,
      );
    } finally {
      db.close();
    }
  });
});
