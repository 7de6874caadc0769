import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseCorruptError, openDatabase } from '../../src/db/connection.js';
import { spawnEntry } from '../support/entry.js';

let dir: string;
let file: string;
let backups: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'db-corrupt-'));
  file = path.join(dir, 'study.db');
  backups = path.join(dir, 'backups');
  const db = openDatabase(file);
  const insert = db.prepare(
    "INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, source, created_at) VALUES ('g1', ?, 1, 30, '2026-11-28', 'log', 0)",
  );
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`u${i % 9}`);
  })();
  db.close(); // checkpoints the WAL into the file
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Two backups; the newer one by modification time has the older-looking name, so the choice is by time. */
function makeBackups(): string {
  mkdirSync(backups);
  const older = path.join(backups, 'study-20261201-000000.db');
  const newer = path.join(backups, 'study-20261101-000000.db');
  copyFileSync(file, older);
  copyFileSync(file, newer);
  utimesSync(older, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
  utimesSync(newer, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
  return newer;
}

function overwrite(offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

function openError(): DatabaseCorruptError {
  try {
    openDatabase(file, { backupDir: backups }).close();
  } catch (err) {
    if (err instanceof DatabaseCorruptError) return err;
    throw err;
  }
  throw new Error('the damaged database opened');
}

describe('corrupt database at start', () => {
  it('opens the undamaged file (the checks below start from a healthy database)', () => {
    const db = openDatabase(file, { backupDir: backups });
    expect(db.prepare('SELECT count(*) AS n FROM study_logs').get()).toEqual({ n: 3000 });
    db.close();
  });

  it('refuses a file with garbage over its header, naming the file and the newest backup', () => {
    const newest = makeBackups();
    overwrite(0, 100);
    const err = openError();
    expect(err.file).toBe(file);
    expect(err.backup).toBe(newest);
    expect(err.message).toContain(`copy ${newest} to ${file}`);
    expect(err.message).toContain(`${file}-wal`);
  });

  it('refuses a file whose b-tree pages are damaged (quick_check) and says when there is no backup', () => {
    overwrite(4096 * 4, 4096 * 2);
    const err = openError();
    expect(err.backup).toBeUndefined();
    expect(err.message).toContain(file);
    expect(err.message).toContain(`No backup found in ${backups}`);
  });

  it('makes `npm start` exit non-zero with that one message and never open the console', async () => {
    const newest = makeBackups();
    overwrite(0, 100);
    // Without a token `npm start` is the console, which opens CONSOLE_DATABASE_PATH (its own file).
    const run = spawnEntry(null, {
      CONSOLE_DATABASE_PATH: file,
      CONSOLE_FILES_DIR: path.dirname(backups),
      DATABASE_PATH: file,
      BACKUP_DIR: backups,
    });
    const code = await run.exited;
    const { stdout, stderr } = run;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stdout).toBe(''); // the console never started
    const lines = stderr.trimEnd().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain(`The database file ${file} is damaged`);
    expect(lines[0]).toContain(`Newest backup: ${newest}`);
  });
});
