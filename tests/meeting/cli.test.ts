/**
 * The meeting CLI on a real SQLite file and real notes files: `presenter pick --json` (the shape scripts read, a
 * dry run that re-checks a pick from its seed, exit 2 with nothing written on bad input), `meeting pack` drawn as
 * the console draws it and as JSON, `meeting notes` on stdout, `fines --json` and `fines paid`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { setLink } from '../../src/group/links.js';
import { saveMeeting } from '../../src/group/schedule.js';
import { defaultDeadline } from '../../src/group/time.js';
import { rememberMember } from '../../src/study/store.js';
import { runCliCaptured } from '../support/cli.js';
import { BOOK_KEY, MEMBERS, noteFile, TZ } from './support.js';

const DAY = 86_400_000;
let dir: string;
let dbPath: string;
let rulesPath: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'meeting-cli-'));
  dbPath = path.join(dir, 'study.db');
  rulesPath = path.join(dir, 'rules.yaml');
  writeFileSync(rulesPath, 'enabled: false\n');
  const notesDir = path.join(dir, 'notes');
  // 가영, 나래, 다은 wrote chapters 1–3; 라희 only chapter 1.
  for (const [i, m] of MEMBERS.slice(0, 4).entries()) {
    for (const chapter of i === 3 ? [1] : [1, 2, 3]) {
      const { file, text } = noteFile(m.name, chapter);
      mkdirSync(path.dirname(path.join(notesDir, file)), { recursive: true });
      writeFileSync(path.join(notesDir, file), text);
    }
  }
  vi.stubEnv('STUDY_TIMEZONE', TZ);
  vi.stubEnv('DATABASE_PATH', dbPath);
  vi.stubEnv('NOTES_DIR', notesDir);
  vi.stubEnv('NOTES_CACHE_PATH', 'off');
  vi.stubEnv('RULES_PATH', rulesPath);
  const db = openDatabase(dbPath);
  const now = Date.now();
  for (const m of MEMBERS) {
    setLink(db, 'local', m.id, m.name, m.id, now);
    rememberMember(db, 'local', m.id, m.name, now);
  }
  // Week 1 was yesterday; week 2 is in two days (the next meeting); week 3 a week later.
  for (const [seq, startsAt] of [
    [1, now - DAY],
    [2, now + 2 * DAY],
    [3, now + 9 * DAY],
  ] as const) {
    const input = { book: BOOK_KEY, seq, startsAt, deadlineAt: defaultDeadline(startsAt, TZ), chapters: [seq] };
    saveMeeting(db, 'local', { ...input, presenter: null, place: null, voiceChannelId: null }, 'set', now);
  }
  db.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(argv);

function state() {
  const db = openDatabase(dbPath);
  try {
    return {
      picks: (db.prepare('SELECT count(*) AS n FROM meeting_presenter_picks').get() as { n: number }).n,
      presenters: db.prepare('SELECT seq, presenter_name AS name FROM group_meetings ORDER BY seq').all(),
    };
  } finally {
    db.close();
  }
}

describe('presenter pick --json', () => {
  it('prints { meeting, presenter, candidates, seed, reason } and saves the pick', async () => {
    const r = await cli('presenter', 'pick', '--seed', 'cli-1', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['meeting', 'presenter', 'candidates', 'seed', 'reason', 'saved']);
    expect(json.meeting).toMatchObject({ book: BOOK_KEY, week: 2, chapters: [2] });
    expect(json.seed).toBe('cli-1');
    // Chapter 2's notes: 가영, 나래, 다은 (라희 wrote only chapter 1).
    expect(json.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['가영', '나래', '다은']);
    expect(['가영', '나래', '다은']).toContain(json.presenter.name);
    expect(json.reason).toContain('tie of 3 broken by seed cli-1');
    expect(json.saved).toBe(true);
    expect(state().picks).toBe(1);
    expect(state().presenters).toContainEqual({ seq: 2, name: json.presenter.name });
  });

  it('re-checks a pick from its seed with --dry-run, writing nothing', async () => {
    const a = JSON.parse((await cli('presenter', 'pick', '--week', '3', '--seed', 'again', '--dry-run', '--json')).out);
    const b = JSON.parse((await cli('presenter', 'pick', '--week', '3', '--seed', 'again', '--dry-run', '--json')).out);
    expect(b.presenter).toEqual(a.presenter);
    expect(a.saved).toBe(false);
    expect(state().picks).toBe(0);
    const saved = JSON.parse((await cli('presenter', 'pick', '--week', '3', '--seed', 'again', '--json')).out);
    expect(saved.presenter).toEqual(a.presenter);
  });

  it.each([
    [['presenter', 'pick', '--week', 'abc'], /--week must be a number/],
    [['presenter', 'pick', '--week', '9'], /no meeting for week 9/],
    [['presenter', 'pick', '--seed', ''], /--seed must be 1–64 characters/],
    [['presenter', 'pick', '--frob'], /Unknown option/],
    [['presenter', 'choose'], /usage: presenter pick/],
    [['presenter', 'pick', '--guild', '../x'], /--guild must be a server id/],
    [['presenter', 'pick', '--guild', '..'], /--guild must be a server id/],
  ])('exits 2 on %j with one line on stderr and nothing written', async (argv, message) => {
    const before = state();
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
    expect(state()).toEqual(before);
  });

  it('acts in the server --guild names (a pick made in Discord can be checked against the bot’s database)', async () => {
    const none = await cli('presenter', 'pick', '--guild', '123456789012345678', '--json');
    expect(none.code).toBe(2);
    expect(none.err).toContain('no upcoming meeting');
    const local = await cli('presenter', 'pick', '--guild', 'local', '--seed', 'g', '--dry-run', '--json');
    expect(JSON.parse(local.out).meeting.week).toBe(2);
  });

  it('exits 2 on a broken rules file, naming its line', async () => {
    writeFileSync(rulesPath, 'enabled: true\nfines:\n  absence:\n    amount: lots\n');
    const r = await cli('presenter', 'pick', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${rulesPath}:4: fines.absence.amount`);
    expect(state().picks).toBe(0);
  });
});

describe('meeting pack and notes', () => {
  it('draws the pack as the console does, and prints its data as JSON', async () => {
    const text = await cli('meeting', 'pack');
    expect(text.code).toBe(0);
    expect(text.out).toContain('╭─ 📋 Week 2 meeting');
    expect(text.out).toContain('▸ 📝 Notes');
    expect(text.out).toContain('3/5 members wrote theirs');
    const json = JSON.parse((await cli('meeting', 'pack', '--json')).out);
    expect(json.meeting.week).toBe(2);
    expect(json.members).toHaveLength(5);
    expect(Object.keys(json)).toEqual([
      'meeting',
      'chapters',
      'members',
      'questions',
      'notFound',
      'chaptersByRating',
      'lapses',
      'quizTopic',
      'attendance',
    ]);
  });

  it('prints the last meeting’s retrospective markdown', async () => {
    const r = await cli('meeting', 'notes');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('# 📚 스터디 회고');
    expect(r.out).toContain('1주차');
  });
});

describe('fines', () => {
  it('refuses while the rules are off', async () => {
    const r = await cli('fines', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('rules');
  });

  it('prints the ledger and records a payment when they are on', async () => {
    writeFileSync(rulesPath, 'enabled: true\nattendance: false\nfines:\n  late_notes:\n    amount: 5000\n');
    const r = await cli('fines', '--json');
    expect(r.code).toBe(0);
    // Week 1 (chapter 1): 마루 has no notes → late.
    const maru = MEMBERS[4]!;
    expect(JSON.parse(r.out).members).toEqual([
      {
        user: maru.id,
        name: '마루',
        owed: 5000,
        paid: 0,
        balance: 5000,
        fines: [{ week: 1, kind: 'late_notes', nth: 1, amount: 5000 }],
      },
    ]);
    const paid = await cli('fines', 'paid', maru.id, '5000', '--json');
    expect(JSON.parse(paid.out).members[0]).toMatchObject({ paid: 5000, balance: 0 });
    expect((await cli('fines', 'paid', maru.id, 'five')).code).toBe(2);
  });
});
