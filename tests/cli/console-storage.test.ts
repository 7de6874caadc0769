/**
 * The console keeps to its own database and files: `npm start` without a token never opens the bot's database
 * (DATABASE_PATH), says in its banner which file it uses, saves charts and backups under one folder, and leaves no
 * temp folder behind. The real entry point (`npm start`'s dist/main.js, built by the test setup) runs as a child
 * process with stdin piped.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleConfig } from '../../src/cli/console.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-storage-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm start`'s entry (the built `dist/main.js`) with lines on stdin; resolves with its output once it exits. */
function runMain(env: Record<string, string>, lines: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'error', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

describe('console storage', () => {
  it('defaults to data/console.db and data/console-files/, apart from the bot’s database and backups', () => {
    const config = loadConfig({});
    expect(config.CONSOLE_DATABASE_PATH).toBe(path.join(PROJECT_ROOT, 'data', 'console.db'));
    expect(config.CONSOLE_FILES_DIR).toBe(path.join(PROJECT_ROOT, 'data', 'console-files'));
    const local = consoleConfig(config);
    expect(local.DATABASE_PATH).toBe(config.CONSOLE_DATABASE_PATH);
    expect(local.DATABASE_PATH).not.toBe(config.DATABASE_PATH);
    expect(local.BACKUP_DIR).toBe(path.join(config.CONSOLE_FILES_DIR, 'backups'));
  });

  it('npm start without a token uses its own database, names it, and saves files in one folder', async () => {
    const botDb = path.join(dir, 'bot', 'study.db');
    const consoleDb = path.join(dir, 'console.db');
    const files = path.join(dir, 'files');
    const temp = path.join(dir, 'tmp');
    mkdirSync(path.dirname(botDb), { recursive: true });
    mkdirSync(temp);
    const { code, out } = await runMain(
      {
        DATABASE_PATH: botDb,
        BACKUP_DIR: path.join(dir, 'bot', 'backups'),
        CONSOLE_DATABASE_PATH: consoleDb,
        CONSOLE_FILES_DIR: files,
        TMPDIR: temp,
      },
      ['/rate 3 4', '/progress', '/backup', '/quit'],
    );
    expect(code, out).toBe(0);
    expect(out).toContain(`콘솔 데이터베이스: ${consoleDb}`);
    expect(out).toContain(files);
    expect(existsSync(consoleDb)).toBe(true);
    expect(readdirSync(path.dirname(botDb))).toEqual([]);
    expect(existsSync(path.join(files, 'progress.png'))).toBe(true);
    expect(readdirSync(path.join(files, 'backups')).some((f) => /^study-.*-local\.db$/.test(f))).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
  });
});
