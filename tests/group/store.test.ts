/**
 * The schedule and the books in real SQLite (every migration applied): meetings per guild, the "next" meeting
 * (one in progress counts for 3 hours), YAML seeding where /schedule set rows win, and a book switch that keeps
 * the old book's logs, ratings and questions while /progress's rollups follow the new book.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { ensureActiveBook, listBooks } from '../../src/group/books.js';
import { linkedAuthor, linkedMember, setLink } from '../../src/group/links.js';
import {
  getMeeting,
  listMeetings,
  nextMeeting,
  previousMeeting,
  saveMeeting,
  seedMeetings,
  setPresenter,
  type MeetingInput,
} from '../../src/group/schedule.js';
import { bookRowKeys, chaptersOfLabel, hasNotes, weekBoard } from '../../src/group/week.js';
import type { Book } from '../../src/study/book.js';
import { progress } from '../../src/study/stats.js';
import { addQuestion, chapterTotals, insertLog, insertRating, sql } from '../../src/study/store.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-store-'));
  db = openDatabase(path.join(dir, 'study.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 5, 5); // Sat 5 Dec 2026 14:00 KST
const meeting = (seq: number, extra: Partial<MeetingInput> = {}): MeetingInput => ({
  book: 'b1',
  seq,
  startsAt: T0 + (seq - 1) * 7 * 24 * H,
  deadlineAt: T0 + (seq - 1) * 7 * 24 * H - 15 * H,
  chapters: [seq + 3],
  presenter: null,
  place: null,
  voiceChannelId: null,
  ...extra,
});

describe('meetings', () => {
  it('lists per guild, finds the next one (in progress for 3 h) and the previous one of the same book', () => {
    const [m1, m2, m3] = [1, 2, 3].map((s) => saveMeeting(db, 'g1', meeting(s), 'set', 0));
    saveMeeting(db, 'g2', meeting(1), 'set', 0);
    expect(listMeetings(db, 'g1').map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(listMeetings(db, 'g2')).toHaveLength(1);
    expect(nextMeeting(db, 'g1', T0 - H)?.id).toBe(m1!.id);
    expect(nextMeeting(db, 'g1', T0 + 2 * H)?.id).toBe(m1!.id); // in progress
    expect(nextMeeting(db, 'g1', T0 + 3 * H)?.id).toBe(m2!.id);
    expect(nextMeeting(db, 'g1', T0 + 100 * 24 * H)).toBeNull();
    expect(previousMeeting(db, 'g1', m3!)?.id).toBe(m2!.id);
    expect(previousMeeting(db, 'g1', m1!)).toBeNull();
    expect(getMeeting(db, 'g2', m1!.id)).toBeNull(); // another guild's row is not found
  });

  it('stores a presenter set by the meeting side', () => {
    const m = saveMeeting(db, 'g1', meeting(1), 'set', 0);
    setPresenter(db, 'g1', m.id, { userId: '42', name: '김규민' });
    expect(getMeeting(db, 'g1', m.id)?.presenter).toEqual({ userId: '42', name: '김규민' });
    setPresenter(db, 'g1', m.id, null);
    expect(getMeeting(db, 'g1', m.id)?.presenter).toBeNull();
  });

  it('seeds from YAML; a /schedule set row wins; a YAML week that left the file goes', () => {
    seedMeetings(db, 'g1', 'b1', [meeting(1), meeting(2)], 0);
    const set = saveMeeting(db, 'g1', meeting(2, { chapters: [9], place: '강남' }), 'set', 0);
    seedMeetings(db, 'g1', 'b1', [meeting(1, { place: '홍대' }), meeting(2), meeting(3)], 0);
    const rows = listMeetings(db, 'g1');
    expect(rows.map((m) => [m.seq, m.place, m.chapters])).toEqual([
      [1, '홍대', [4]], // YAML row follows the file
      [2, '강남', [9]], // the set row won
      [3, null, [6]],
    ]);
    expect(rows[1]?.id).toBe(set.id);
    const { deleted } = seedMeetings(db, 'g1', 'b1', [meeting(2)], 0);
    expect(deleted.map((d) => d.id).sort()).toEqual([rows[0]!.id, rows[2]!.id].sort());
    expect(listMeetings(db, 'g1').map((m) => m.seq)).toEqual([2]);
  });

  it('refuses a deadline after the start (CHECK)', () => {
    expect(() => saveMeeting(db, 'g1', meeting(1, { deadlineAt: T0 + 1 }), 'set', 0)).toThrow(/CHECK/);
  });
});

const book = (key: string, title: string): Book => ({
  key,
  title,
  chapters: [1, 2, 3, 4].map((n) => ({ number: n, title: '' })),
});
const log = (userId: string, chapter: number, minutes: number, day = '2026-12-01') =>
  insertLog(db, { guildId: 'g1', userId, chapter, minutes, day, memo: null, source: 'log', createdAt: 0 });
const rate = (userId: string, chapter: number, stars: number) =>
  insertRating(db, {
    guildId: 'g1',
    userId,
    chapter,
    stars,
    hardPart: null,
    why: null,
    insight: null,
    source: 'rate',
    createdAt: 0,
  });

describe('books', () => {
  it('claims rows from before books were tracked, then a switch keeps them under the old book', () => {
    log('u1', 4, 30); // before the guild has a book: book ''
    rate('u1', 4, 2);
    addQuestion(db, { guildId: 'g1', userId: 'u1', chapter: 4, text: 'q', createdAt: 0, done: false });
    const docker = book('docker', '도커');
    expect(ensureActiveBook(db, 'g1', docker, 1)).toBe('docker');
    const keys = (table: string) =>
      (db.prepare(`SELECT DISTINCT book FROM ${table} WHERE guild_id = 'g1'`).all() as { book: string }[]).map(
        (r) => r.book,
      );
    expect([keys('study_logs'), keys('study_ratings'), keys('study_questions')]).toEqual([
      ['docker'],
      ['docker'],
      ['docker'],
    ]);

    const redis = book('redis', '레디스');
    ensureActiveBook(db, 'g1', redis, 2);
    log('u1', 4, 10); // chapter 4 of the new book
    rate('u1', 4, 5);
    expect(listBooks(db, 'g1').map((b) => [b.key, b.active])).toEqual([
      ['redis', true],
      ['docker', false],
    ]);
    // /progress reads the rollups: only the new book's 10 minutes and its own rating of chapter 4.
    const p = progress(db, redis, 'g1', 'u1', '2026-12-01');
    expect(p.totalMinutes).toBe(10);
    expect(p.chapters.find((c) => c.chapter === 4)).toMatchObject({ minutes: 10, stars: 5 });
    expect(chapterTotals(db, 'g1', 'u1').get(4)).toBe(10);
    // The old book's rows are all still there.
    const old = db
      .prepare("SELECT sum(minutes) AS m FROM study_logs WHERE guild_id = 'g1' AND book = 'docker'")
      .get() as { m: number };
    expect(old.m).toBe(30);
    expect(bookRowKeys(db, 'g1', 'docker')).toEqual(['docker']);
    expect(bookRowKeys(db, 'g1', 'redis')).toEqual(['redis', '']);

    // Switching back rebuilds the rollups from the old book's rows.
    ensureActiveBook(db, 'g1', docker, 3);
    const back = progress(db, docker, 'g1', 'u1', '2026-12-01');
    expect(back.totalMinutes).toBe(30);
    expect(back.chapters.find((c) => c.chapter === 4)?.stars).toBe(2);
  });

  it('/log undo sees only the active book: an old book log is never deleted through the rollups', () => {
    ensureActiveBook(db, 'g1', book('docker', '도커'), 1);
    log('u1', 2, 30);
    ensureActiveBook(db, 'g1', book('redis', '레디스'), 2);
    expect(sql(db).lastLog.get('g1', 'u1')).toBeUndefined();
  });
});

describe('weekBoard', () => {
  it('counts an imported study template for the chapters as notes, and only that book and those chapters', () => {
    const m = saveMeeting(db, 'g1', meeting(1, { chapters: [4] }), 'set', 0);
    ensureActiveBook(db, 'g1', book('b1', '책'), 0);
    insertLog(db, {
      guildId: 'g1',
      userId: 'u1',
      chapter: 4,
      minutes: 40,
      day: '2026-12-01',
      memo: null,
      source: 'import',
      createdAt: 0,
    });
    insertLog(db, {
      guildId: 'g1',
      userId: 'u2',
      chapter: 3,
      minutes: 10,
      day: '2026-12-01',
      memo: null,
      source: 'log',
      createdAt: 0,
    });
    const board = weekBoard({ db, notes: { sections: [] } }, 'g1', m);
    const u1 = board.members.find((x) => x.userId === 'u1')!;
    const u2 = board.members.find((x) => x.userId === 'u2')!;
    expect([u1.imported, hasNotes(u1), u1.minutes]).toEqual([true, true, 40]);
    expect([u2.imported, hasNotes(u2), u2.minutes]).toEqual([false, false, 0]); // a member of the book, not of ch. 4
  });
});

describe('links and chapter labels', () => {
  it('one author per member and one member per author', () => {
    setLink(db, 'g1', 'u1', '김규민', 'u1', 0);
    expect(linkedAuthor(db, 'g1', 'u1')).toBe('김규민');
    const { takenFrom } = setLink(db, 'g1', 'u2', '김규민', 'admin', 0);
    expect(takenFrom).toBe('u1');
    expect(linkedMember(db, 'g1', '김규민')).toBe('u2');
    expect(linkedAuthor(db, 'g1', 'u1')).toBeNull();
    // A folder name in NFD (macOS) is the same author.
    expect(linkedMember(db, 'g1', '김규민'.normalize('NFD'))).toBe('u2');
  });

  it('reads chapter labels from the notes index', () => {
    expect(chaptersOfLabel('4')).toEqual([4]);
    expect(chaptersOfLabel('5-7')).toEqual([5, 6, 7]);
    expect(chaptersOfLabel('4, 5.7')).toEqual([4, 5]);
    expect(chaptersOfLabel(null)).toEqual([]);
    expect(chaptersOfLabel('1-999')).toHaveLength(50);
  });
});
