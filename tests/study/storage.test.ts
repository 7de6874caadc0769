import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion } from '../../src/db/connection.js';
import { migrations } from '../../src/db/migrations/index.js';
import type { Db } from '../../src/core/context.js';

let dir: string;
let db: Db;

function open(): Db {
  dir = mkdtempSync(path.join(tmpdir(), 'study-db-'));
  db = openDatabase(path.join(dir, 'study.db'));
  return db;
}

afterEach(() => {
  if (db?.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertLog = (d: Db, minutes: number, day = '2026-11-28', source = 'log', user = 'u1', chapter = 1) =>
  d
    .prepare(
      'INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, source, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)',
    )
    .run('g1', user, chapter, minutes, day, source);

describe('study schema', () => {
  it('opens in WAL mode with foreign keys on and every migration applied', () => {
    const d = open();
    expect(d.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(d)).toBe(Math.max(...migrations.map((m) => m.version)));
  });

  it('rejects minutes outside 1–1440 and stars outside 1–5 in SQL itself', () => {
    const d = open();
    expect(() => insertLog(d, 0)).toThrow(/CHECK constraint failed/);
    expect(() => insertLog(d, 1441)).toThrow(/CHECK constraint failed/);
    expect(() => insertLog(d, 30, '28/11/2026')).toThrow(/CHECK constraint failed/);
    const rate = d.prepare(
      "INSERT INTO study_ratings (guild_id, user_id, chapter, stars, created_at) VALUES ('g1', 'u1', 1, ?, 0)",
    );
    expect(() => rate.run(6)).toThrow(/CHECK constraint failed/);
    expect(() => rate.run(0)).toThrow(/CHECK constraint failed/);
    expect(insertLog(d, 1440).changes).toBe(1);
    expect(rate.run(5).changes).toBe(1);
    expect((d.prepare('SELECT count(*) AS n FROM study_logs').get() as { n: number }).n).toBe(1);
  });

  it('keeps the chapter and day rollups equal to the logs through inserts and deletes', () => {
    const d = open();
    const a = insertLog(d, 30);
    insertLog(d, 45);
    insertLog(d, 100, '2026-11-28', 'import');
    insertLog(d, 20, '2026-11-27');
    const chapter = () => d.prepare('SELECT minutes, entries FROM study_chapter_totals').all();
    const days = () => d.prepare('SELECT day, minutes, entries FROM study_daily ORDER BY day').all();
    expect(chapter()).toEqual([{ minutes: 195, entries: 4 }]);
    // Imported time counts toward the chapter, not toward a day.
    expect(days()).toEqual([
      { day: '2026-11-27', minutes: 20, entries: 1 },
      { day: '2026-11-28', minutes: 75, entries: 2 },
    ]);
    d.prepare('DELETE FROM study_logs WHERE id = ?').run(a.lastInsertRowid);
    d.prepare("DELETE FROM study_logs WHERE day = '2026-11-27'").run();
    expect(chapter()).toEqual([{ minutes: 145, entries: 2 }]);
    expect(days()).toEqual([{ day: '2026-11-28', minutes: 45, entries: 1 }]);
    d.prepare('DELETE FROM study_logs').run();
    expect(chapter()).toEqual([]);
    expect(days()).toEqual([]);
  });

  it('refuses UPDATE on logs, which would bypass the rollups', () => {
    const d = open();
    insertLog(d, 30);
    expect(() => d.prepare('UPDATE study_logs SET minutes = 60').run()).toThrow(/immutable/);
  });

  it('refuses to open a database newer than the code', () => {
    const d = open();
    d.pragma('user_version = 99');
    d.close();
    expect(() => openDatabase(path.join(dir, 'study.db'))).toThrow(DatabaseTooNewError);
  });
});
