/**
 * Migration 006 on a database that already has study data (a version-5 file written through that schema): the
 * rows keep everything, get the guild's book on first use, the group board and /progress read the same as before,
 * and ratings written after the migration keep the rollups right (the rating triggers were rebuilt with the book).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';
import { ensureActiveBook } from '../../src/group/books.js';
import type { Book } from '../../src/study/book.js';
import { progress } from '../../src/study/stats.js';
import { insertRating } from '../../src/study/store.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-migrate-'));
  file = path.join(dir, 'study.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BOOK: Book = { key: 'docker', title: '도커', chapters: [1, 2, 3].map((n) => ({ number: n, title: '' })) };
const V5 = migrations.filter((m) => m.version <= 5);

describe('migration 006 (group)', () => {
  it('keeps version-5 study data, claims it for the guild book, and keeps the rollups right afterwards', () => {
    const old = openDatabase(file, { migrations: V5 });
    const log = old.prepare(
      `INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, memo, source, created_at)
       VALUES (?, ?, ?, ?, '2026-11-27', NULL, 'log', 0)`,
    );
    const rate = old.prepare(
      `INSERT INTO study_ratings (guild_id, user_id, chapter, stars, source, created_at) VALUES (?, ?, ?, ?, 'rate', 0)`,
    );
    log.run('g1', 'u1', 1, 30);
    log.run('g1', 'u1', 2, 45);
    log.run('g2', 'u1', 1, 10);
    rate.run('g1', 'u1', 1, 2);
    rate.run('g1', 'u2', 1, 4);
    const stars = () =>
      old.prepare('SELECT chapter, ratings, stars FROM study_chapter_stars ORDER BY guild_id, chapter').all();
    const starsBefore = stars();
    old.close();

    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
      expect(db.prepare("SELECT count(*) FROM study_logs WHERE book = ''").pluck().get()).toBe(3);
      const before = progress(db, BOOK, 'g1', 'u1', '2026-11-28');
      expect(before.totalMinutes).toBe(75);
      ensureActiveBook(db, 'g1', BOOK, 1);
      expect(db.prepare('SELECT guild_id, book FROM study_logs ORDER BY id').all()).toEqual([
        { guild_id: 'g1', book: 'docker' },
        { guild_id: 'g1', book: 'docker' },
        { guild_id: 'g2', book: '' }, // another guild is claimed when it is first seen
      ]);
      expect(progress(db, BOOK, 'g1', 'u1', '2026-11-28')).toEqual(before);
      expect(
        db.prepare('SELECT chapter, ratings, stars FROM study_chapter_stars ORDER BY guild_id, chapter').all(),
      ).toEqual(starsBefore);
      // A new rating replaces the member's old one in the rollup (the rebuilt trigger matches on the book too).
      insertRating(db, {
        guildId: 'g1',
        userId: 'u1',
        chapter: 1,
        stars: 5,
        hardPart: null,
        why: null,
        insight: null,
        source: 'rate',
        createdAt: 1,
      });
      expect(
        db.prepare("SELECT ratings, stars FROM study_chapter_stars WHERE guild_id = 'g1' AND chapter = 1").get(),
      ).toEqual({
        ratings: 2,
        stars: 9,
      });
      expect(db.prepare('SELECT book FROM study_ratings WHERE created_at = 1').pluck().get()).toBe('docker');
    } finally {
      db.close();
    }
  });
});
