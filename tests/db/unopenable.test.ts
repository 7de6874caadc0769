/**
 * A database that cannot be opened at all says where and why in one line, at start, instead of a raw stack.
 * Tests run as root, where a read-only folder would not stop anything, so the paths fail for root too: a path under
 * a regular file (ENOTDIR when creating its folder) and a path that is a folder (SQLITE_CANTOPEN).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnEntry } from '../support/entry.js';
import { DatabaseOpenError, openDatabase } from '../../src/db/connection.js';

const HINT = " — set DATABASE_PATH or fix the folder's permissions";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'db-unopenable-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function openError(file: string): DatabaseOpenError {
  try {
    openDatabase(file).close();
  } catch (err) {
    if (err instanceof DatabaseOpenError) return err;
    throw err;
  }
  throw new Error('expected the database not to open');
}

/** Runs `npm start`'s entry point on `file`; resolves with its exit code and output. */
async function start(file: string, env: Record<string, string> = {}) {
  // The console (no token) opens CONSOLE_DATABASE_PATH, the bot DATABASE_PATH: both point at `file`.
  const run = spawnEntry(null, { DATABASE_PATH: file, CONSOLE_DATABASE_PATH: file, ...env });
  const code = await run.exited;
  return { code, stdout: run.stdout, stderr: run.stderr };
}

describe('a database path that cannot be opened', () => {
  it('under a regular file: names the path and the file in the way, in one line', () => {
    const blocker = path.join(dir, 'notes.txt');
    writeFileSync(blocker, 'not a folder');
    const file = path.join(blocker, 'data', 'study.db');
    const err = openError(file);
    expect(err.file).toBe(file);
    expect(err.message).toBe(`cannot open the database at ${file}: ${blocker} is a file, not a folder${HINT}`);
    expect(err.message).not.toContain('\n');
    expect((err.cause as NodeJS.ErrnoException).code).toBe('ENOTDIR');
  });

  it('that is a folder: says so', () => {
    const file = path.join(dir, 'study.db');
    mkdirSync(file);
    const err = openError(file);
    expect(err.message).toBe(`cannot open the database at ${file}: ${file} is a folder, not a file${HINT}`);
    expect((err.cause as { code?: string }).code).toBe('SQLITE_CANTOPEN');
  });

  it('still opens a path whose folders are missing (they are created)', () => {
    openDatabase(path.join(dir, 'a', 'b', 'study.db')).close();
  });

  it('makes `npm start` (console and bot) exit 1 with that one line, not a stack', async () => {
    const blocker = path.join(dir, 'notes.txt');
    writeFileSync(blocker, 'not a folder');
    const file = path.join(blocker, 'study.db');
    const expected = `fatal: cannot open the database at ${file}: ${blocker} is a file, not a folder${HINT}`;
    const consoleRun = await start(file);
    expect(consoleRun.code).toBe(1);
    expect(consoleRun.stdout).toBe(''); // the console never started
    expect(consoleRun.stderr.trimEnd().split('\n')).toEqual([expected]);
    // With a token: fails before connecting anywhere (the API URL is never reached).
    const botRun = await start(file, { DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    expect(botRun.code).toBe(1);
    expect(botRun.stderr.trimEnd().split('\n')).toEqual([expected]);
  }, 60_000);
});
