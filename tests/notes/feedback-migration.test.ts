/**
 * Migration 005 (what the group teaches /explain): a version-4 database with study data is migrated in one step,
 * every new row carries its guild and is bounded by CHECK constraints, a vote or a not-found count can only point
 * at a question of its own guild, and a failure part-way leaves the database at version 4.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { openDatabase, schemaVersion } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';

const V4 = migrations.filter((m) => m.version <= 4);
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'explain-migrate-'));
  file = path.join(dir, 'study.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Study rows through the version-4 schema's own columns (today's store also writes 006's book column). */
function writeStudy(db: Db): void {
  for (const guildId of ['g1', 'g2']) {
    db.prepare(
      `INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, memo, source, created_at)
       VALUES (?, 'u1', 2, 30, '2026-11-27', NULL, 'log', 0)`,
    ).run(guildId);
    db.prepare(
      `INSERT INTO study_questions (guild_id, user_id, chapter, text, created_at, done_at, done_by)
       VALUES (?, 'u1', NULL, '레이어는 어떻게 공유돼요?', 0, NULL, NULL)`,
    ).run(guildId);
  }
}

const insertQuestion = (db: Db, guildId: string, question: string) =>
  Number(
    db
      .prepare(
        `INSERT INTO explain_questions (guild_id, question, asks, misses, first_asked_at, last_asked_at)
         VALUES (?, ?, 1, 1, 0, 0)`,
      )
      .run(guildId, question).lastInsertRowid,
  );

const insertVote = (db: Db, guildId: string, questionId: number, over: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO explain_votes (guild_id, question_id, section_key, user_id, vote, source, file, heading_path, created_at)
       VALUES (@guild, @question, @key, @user, @vote, @source, @file, @path, 0)`,
    )
    .run({
      guild: guildId,
      question: questionId,
      key: 'k1',
      user: 'u1',
      vote: 1,
      source: 'pick',
      file: 'docker-study.md',
      path: '이미지 레지스트리',
      ...over,
    });

describe('migration 005 (explain feedback)', () => {
  it('migrates a version-4 database with study data to version 5 and keeps that data', () => {
    const old = openDatabase(file, { migrations: V4 });
    writeStudy(old);
    expect(schemaVersion(old)).toBe(4);
    const before = old.prepare('SELECT * FROM study_questions ORDER BY id').all();
    old.close();

    // Up to 005: later migrations change these tables again (006 adds study_questions.book).
    const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 5) });
    try {
      expect(schemaVersion(db)).toBe(5);
      expect(db.prepare('SELECT * FROM study_questions ORDER BY id').all()).toEqual(before);
      const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'explain_%' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(['explain_misses', 'explain_questions', 'explain_votes']);
      for (const table of tables as string[]) {
        const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
        expect(columns, table).toContain('guild_id');
      }
    } finally {
      db.close();
    }
  });

  it('bounds every row: question length, section key, vote and source, day format', () => {
    const db = openDatabase(file);
    try {
      expect(() => insertQuestion(db, 'g1', '가'.repeat(201))).toThrow(/CHECK constraint/);
      expect(() => insertQuestion(db, 'g1', '')).toThrow(/CHECK constraint/);
      const q = insertQuestion(db, 'g1', '가'.repeat(200));
      expect(() => insertVote(db, 'g1', q, { key: 'k'.repeat(33) })).toThrow(/CHECK constraint/);
      expect(() => insertVote(db, 'g1', q, { vote: 2 })).toThrow(/CHECK constraint/);
      expect(() => insertVote(db, 'g1', q, { vote: -1, source: 'up' })).toThrow(/CHECK constraint/);
      expect(() => insertVote(db, 'g1', q, { path: '›'.repeat(1001) })).toThrow(/CHECK constraint/);
      expect(() =>
        db
          .prepare("INSERT INTO explain_misses (guild_id, day, question_id, count, last_at) VALUES ('g1', ?, ?, 1, 0)")
          .run('28/11/2026', q),
      ).toThrow(/CHECK constraint/);
      insertVote(db, 'g1', q);
      // One vote per member, section and question: a second insert conflicts (the code upserts).
      expect(() => insertVote(db, 'g1', q, { vote: -1, source: 'down' })).toThrow(/UNIQUE|PRIMARY KEY/);
    } finally {
      db.close();
    }
  });

  it("never lets a vote or a not-found count point at another guild's question, and deletes them with it", () => {
    const db = openDatabase(file);
    try {
      const q = insertQuestion(db, 'g1', '레지스트리 비밀번호 분실');
      expect(() => insertVote(db, 'g2', q)).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare("INSERT INTO explain_misses (guild_id, day, question_id, count, last_at) VALUES ('g2', ?, ?, 1, 0)")
          .run('2026-11-27', q),
      ).toThrow(/FOREIGN KEY/);
      insertVote(db, 'g1', q);
      db.prepare(
        "INSERT INTO explain_misses (guild_id, day, question_id, count, last_at) VALUES ('g1', '2026-11-27', ?, 1, 0)",
      ).run(q);
      db.prepare('DELETE FROM explain_questions WHERE id = ?').run(q);
      expect(db.prepare('SELECT count(*) FROM explain_votes').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM explain_misses').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('applies as one transaction: a failure part-way leaves the database at version 4 without the new tables', () => {
    const old = openDatabase(file, { migrations: V4 });
    writeStudy(old);
    old.exec('CREATE TABLE explain_votes (x)'); // in the way of the migration's last CREATE TABLE
    old.close();

    expect(() => openDatabase(file)).toThrow(/already exists/);
    const db = openDatabase(file, { migrations: V4 });
    try {
      expect(schemaVersion(db)).toBe(4);
      const names = db
        .prepare("SELECT name FROM sqlite_schema WHERE name IN ('explain_questions', 'explain_misses')")
        .all();
      expect(names).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM study_questions').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });
});
