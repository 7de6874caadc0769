import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, dayOf } from '../../src/study/time.js';
import { BOOK_YAML } from './support.js';
import { runCliCaptured } from '../support/cli.js';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'study-cli-'));
  dbPath = path.join(dir, 'study.db');
  writeFileSync(path.join(dir, 'book.yaml'), BOOK_YAML);
  vi.stubEnv('BOOK_PATH', path.join(dir, 'book.yaml'));
  vi.stubEnv('STUDY_TIMEZONE', 'Asia/Seoul');
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'default.db'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(argv);

const rows = (sql: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
};

describe('study CLI', () => {
  it('logs time and prints JSON with the totals', async () => {
    const first = await cli('log', '1시간', '20분', '--chapter', '3', '--db', dbPath, '--json');
    expect(first.code).toBe(0);
    const today = dayOf(Date.now(), 'Asia/Seoul');
    expect(JSON.parse(first.out)).toMatchObject({
      user: 'local',
      chapter: 3,
      minutes: 80,
      date: today,
      dayMinutes: 80,
    });
    const second = await cli(
      'log',
      '1:20',
      '--chapter',
      '3',
      '--date',
      addDays(today, -1),
      '--user',
      'kim',
      '--db',
      dbPath,
    );
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/chapter 3 이미지와 레이어 · logged 1 h 20 min/);
  });

  it.each([
    [['log', '0', '--chapter', '1'], /Zero minutes/],
    [['log', '45', '--chapter', '9'], /No chapter `9`/],
    [['log', '45'], /missing --chapter/],
    [['log', '45', '--chapter', '1', '--date', '2999-01-01'], /in the future/],
    [['log', '45', '--chapter', '1', '--bogus'], /Unknown option/],
    [['log', '45', '--chapter', '1', '--user', 'a b'], /--user/],
    [['rate', '1', '6'], /between 1 and 5/],
    [['rate', '1'], /expected a chapter and stars/],
    [['progress', 'extra'], /unexpected/],
    [['template', 'import', '/nonexistent.md', '--yes'], /cannot read/],
  ])('exits 2 with one line and writes nothing: %j', async (argv, message) => {
    const r = await cli(...argv, '--db', dbPath);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    // The database may not even exist; if it does, it holds nothing.
    const n = (() => {
      try {
        return rows('SELECT (SELECT count(*) FROM study_logs) + (SELECT count(*) FROM study_ratings)');
      } catch {
        return 0;
      }
    })();
    expect(n).toBe(0);
  });

  it("prints progress --json in the issue's shape", async () => {
    await cli('log', '45', '--chapter', '1', '--db', dbPath);
    await cli('log', '30', '--chapter', '2', '--db', dbPath);
    expect((await cli('rate', '2', '3', '--db', dbPath)).out).toMatch(/⭐⭐⭐☆☆ \(3\/5\) · First rating/);
    expect((await cli('rate', '2', '4', '--db', dbPath)).out).toMatch(/3★ → 4★/);
    const r = await cli('progress', '--db', dbPath, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      user: 'local',
      totalMinutes: 75,
      streakDays: 1,
      chapters: [
        { chapter: 1, title: '도커 소개', minutes: 45, stars: null },
        { chapter: 2, title: '도커의 구조', minutes: 30, stars: 4 },
        { chapter: 3, title: '이미지와 레이어', minutes: 0, stars: null },
        { chapter: 4, title: '컨테이너 라이프 사이클', minutes: 0, stars: null },
      ],
    });
    expect(JSON.parse((await cli('progress', '--db', dbPath, '--json', '--user', 'nobody')).out).totalMinutes).toBe(0);
  });

  it('exports the template as markdown and imports it for another user only with --yes', async () => {
    await cli('log', '2h', '--chapter', '1', '--db', dbPath);
    await cli('rate', '1', '2', '--hard', '레이어', '--why', '처음 봄', '--db', dbPath);
    const exported = await cli('template', 'export', '--db', dbPath);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('  - Chapter 1: 2시간\n');
    const file = path.join(dir, 'mine.md');
    writeFileSync(file, exported.out);

    const dry = await cli('template', 'import', file, '--user', 'lee', '--db', dbPath);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('+ chapter 1 time 2 h');
    expect(dry.err).toContain('--yes');
    expect(rows("SELECT count(*) FROM study_logs WHERE user_id = 'lee'")).toBe(0);

    const yes = await cli('template', 'import', file, '--user', 'lee', '--db', dbPath, '--yes');
    expect(yes.out).toContain('Recorded: 1 time entries (2 h), 1 ratings, 0 questions.');
    const again = await cli('template', 'export', '--user', 'lee', '--db', dbPath);
    const body = (s: string) => s.replace(/^> .*$/m, '');
    expect(body(again.out)).toBe(body(exported.out));
    expect((await cli('template', 'import', file, '--user', 'lee', '--db', dbPath, '--yes')).out).toContain(
      'Nothing new',
    );
  });
});
