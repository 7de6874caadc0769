/**
 * The group CLI on a real SQLite file and a real notes folder: `schedule set` / `schedule --json`, `week --json`
 * in the shape, `link`; bad input exits 2 and writes nothing (the database file is byte-for-byte the same);
 * meetings from book.yaml seed the schedule and a `set` row wins over the file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

const BOOK = `key: docker
title: 도커 책
chapters:
  - { number: 2, title: 도커의 개념 }
  - { number: 4, title: 도커 기초 }
  - { number: 5, title: 볼륨 }
meetings:
  - { week: 1, date: 2027-01-09, time: '14:00', chapters: [2], presenter: 김규민 }
  - { week: 2, date: 2027-01-16, time: '00:30', chapters: [4], place: 강남 }
`;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-cli-'));
  db = path.join(dir, 'study.db');
  writeFileSync(path.join(dir, 'book.yaml'), BOOK);
  const notes = path.join(dir, 'notes', 'book');
  for (const [author, file] of [
    ['김규민', '[Chapter4] 도커 기초.md'],
    ['이서연', '[Chapter2] 도커의 개념.md'],
  ] as const) {
    mkdirSync(path.join(notes, author), { recursive: true });
    writeFileSync(path.join(notes, author, file), `# 정리\n\n## 이미지\n\n${author}의 정리.\n`);
  }
  vi.stubEnv('BOOK_PATH', path.join(dir, 'book.yaml'));
  vi.stubEnv('NOTES_DIR', path.join(dir, 'notes'));
  vi.stubEnv('NOTES_CACHE_PATH', 'off');
  vi.stubEnv('STUDY_TIMEZONE', 'Asia/Seoul');
  vi.stubEnv('DATABASE_PATH', db);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(argv);
const json = async (...argv: string[]) => {
  const r = await cli(...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
};

describe('group CLI', () => {
  it('schedule --json: book.yaml seeds the meetings in the group timezone (00:30 KST is the UTC day before)', async () => {
    const out = (await json('schedule', '--json')) as {
      book: string;
      timeZone: string;
      meetings: Record<string, unknown>[];
    };
    expect(out.book).toBe('docker');
    expect(out.timeZone).toBe('Asia/Seoul');
    expect(out.meetings.map((m) => [m.seq, m.start, m.deadline, m.chapters, m.presenter, m.place])).toEqual([
      [1, '2027-01-09T05:00:00.000Z', '2027-01-08T14:59:00.000Z', [2], { userId: null, name: '김규민' }, null],
      [2, '2027-01-15T15:30:00.000Z', '2027-01-15T14:59:00.000Z', [4], null, '강남'],
    ]);
  });

  it('schedule set wins over book.yaml; delete removes; JSON echoes the meeting', async () => {
    const saved = await json(
      'schedule',
      'set',
      '--week',
      '2',
      '--date',
      '2027-01-17',
      '--time',
      '10:00',
      '--chapters',
      '4-5',
      '--deadline',
      '2027-01-16 21:00',
      '--presenter',
      '이서연',
      '--json',
    );
    expect(saved).toMatchObject({ seq: 2, chapters: [4, 5], presenter: { userId: null, name: '이서연' }, place: null });
    expect(saved.deadline).toBe('2027-01-16T12:00:00.000Z');
    const again = (await json('schedule', '--json')) as { meetings: { seq: number; chapters: number[] }[] };
    expect(again.meetings.map((m) => [m.seq, m.chapters])).toEqual([
      [1, [2]],
      [2, [4, 5]],
    ]);
    expect(await json('schedule', 'delete', '--week', '1', '--json')).toEqual({ deleted: 1 });
    const left = (await json('schedule', '--json')) as { meetings: { seq: number }[] };
    // Week 1 is back: it is still in book.yaml, and a YAML week is seeded again (delete it from the file to drop it).
    expect(left.meetings.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('week --json: the next meeting and every member in the issue shape', async () => {
    await json('link', '김규민', '--user', 'kim', '--json');
    await cli('log', '45', '--chapter', '4', '--user', 'kim', '--db', db);
    const out = (await json('week', '--at', '2027-01-10T00:00:00Z', '--json')) as {
      meeting: { seq: number; chapters: number[] };
      members: { name: string; notes: string[]; minutes: number; stars: number | null; questions: number }[];
    };
    expect(out.meeting).toMatchObject({ seq: 2, chapters: [4] });
    expect(out.members.map((m) => [m.name, m.notes, m.minutes, m.stars, m.questions])).toEqual([
      ['김규민', ['book/김규민/[Chapter4] 도커 기초.md'], 45, null, 0],
      ['이서연', [], 0, null, 0],
    ]);
    const first = (await json('week', '--at', '2027-01-09T06:00:00Z', '--json')) as { meeting: { seq: number } };
    expect(first.meeting.seq).toBe(1); // in progress (started an hour ago) still counts
  });

  it('a group abroad (America/New_York): a meeting the evening DST starts, its deadline the evening before in EST', async () => {
    vi.stubEnv('STUDY_TIMEZONE', 'America/New_York');
    const saved = await json(
      'schedule',
      'set',
      '--week',
      '3',
      '--date',
      '2027-03-14',
      '--time',
      '19:00',
      '--chapters',
      '5',
      '--json',
    );
    expect(saved.start).toBe('2027-03-14T23:00:00.000Z'); // EDT, UTC−4
    expect(saved.deadline).toBe('2027-03-14T04:59:00.000Z'); // 23:59 EST (UTC−5) on 13 March
    expect(saved.local).toEqual({ date: '2027-03-14', time: '19:00', deadline: '2027-03-13 23:59' });
  });

  it('exits 2 on bad input and writes nothing', async () => {
    await json('schedule', '--json'); // create and seed the database first
    const before = readFileSync(db);
    const count = () =>
      new Database(db, { readonly: true }).prepare('SELECT count(*) FROM group_meetings').pluck().get();
    const n = count();
    for (const argv of [
      ['schedule', 'set', '--week', '3', '--date', '2027-02-30', '--time', '14:00', '--chapters', '4'],
      ['schedule', 'set', '--week', '3', '--date', '2027-02-01', '--time', '14:00', '--chapters', '99'],
      ['schedule', 'set', '--week', '3', '--date', '2027-02-01', '--time', '14:00'],
      ['schedule', 'set', '--week', 'x', '--date', '2027-02-01', '--time', '14:00', '--chapters', '4'],
      ['schedule', 'delete', '--week', '9'],
      ['schedule', 'move'],
      ['week', '--at', 'tomorrow'],
      ['week', '--at', '2030-01-01T00:00:00Z'],
      ['link', '--remove', '김규민'],
      ['schedule', '--guild', '..'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^error: /);
      expect(r.out).toBe('');
    }
    expect(count()).toBe(n);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
