/**
 * SQL for the study domain: prepared statements only, cached per connection. Plain rows in, plain objects out.
 */
import type { Db } from '../core/context.js';
import { perConnection } from '../db/statements.js';

export type LogSource = 'log' | 'import';

export interface LogEntry {
  id: number;
  chapter: number;
  minutes: number;
  day: string;
  memo: string | null;
  source: LogSource;
  createdAt: number;
}

export interface Rating {
  id: number;
  chapter: number;
  stars: number;
  hardPart: string | null;
  why: string | null;
  insight: string | null;
  createdAt: number;
}

export interface Question {
  id: number;
  userId: string;
  chapter: number | null;
  text: string;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}

export interface NewLog {
  guildId: string;
  userId: string;
  chapter: number;
  minutes: number;
  day: string;
  memo: string | null;
  source: LogSource;
  createdAt: number;
}

export interface NewRating {
  guildId: string;
  userId: string;
  chapter: number;
  stars: number;
  hardPart: string | null;
  why: string | null;
  insight: string | null;
  source: 'rate' | 'import';
  createdAt: number;
}

/**
 * The guild's active book (migration 006): new rows carry it, and what the member sees and changes by default
 * (their logs, current ratings, open questions) is that book's. No group_books row yet: every row counts.
 */
// Named, not numbered: better-sqlite3 binds an array to anonymous `?` only.
const ACTIVE_BOOK = "coalesce((SELECT b.book FROM group_books AS b WHERE b.guild_id = @guildId AND b.active = 1), '')";
const IN_ACTIVE = (table: string) =>
  `${table}.book = coalesce((SELECT b.book FROM group_books AS b WHERE b.guild_id = ${table}.guild_id AND b.active = 1), ${table}.book)`;

interface NewQuestionRow extends Omit<Question, 'id'> {
  guildId: string;
}

const LOG_COLS = 'id, chapter, minutes, day, memo, source, created_at AS createdAt';
const RATING_COLS = 'id, chapter, stars, hard_part AS hardPart, why, insight, created_at AS createdAt';
const QUESTION_COLS =
  'id, user_id AS userId, chapter, text, created_at AS createdAt, done_at AS doneAt, done_by AS doneBy';

function statements(db: Db) {
  return {
    insertLog: db.prepare<[NewLog]>(
      `INSERT INTO study_logs (guild_id, user_id, chapter, minutes, day, memo, source, created_at, book)
       VALUES (@guildId, @userId, @chapter, @minutes, @day, @memo, @source, @createdAt, ${ACTIVE_BOOK})`,
    ),
    deleteLog: db.prepare<[number, string, string]>(
      `DELETE FROM study_logs WHERE id = ? AND guild_id = ? AND user_id = ? AND ${IN_ACTIVE('study_logs')} RETURNING ${LOG_COLS}`,
    ),
    lastLog: db.prepare<[string, string]>(
      `SELECT ${LOG_COLS} FROM study_logs WHERE guild_id = ? AND user_id = ? AND ${IN_ACTIVE('study_logs')} ORDER BY id DESC LIMIT 1`,
    ),
    listLogs: db.prepare<[string, string, number, number]>(
      `SELECT ${LOG_COLS} FROM study_logs WHERE guild_id = ? AND user_id = ? AND ${IN_ACTIVE('study_logs')} ORDER BY id DESC LIMIT ? OFFSET ?`,
    ),
    allLogs: db.prepare<[string, string]>(
      `SELECT ${LOG_COLS} FROM study_logs WHERE guild_id = ? AND user_id = ? ORDER BY id`,
    ),
    countLogs: db.prepare<[string, string]>(
      `SELECT count(*) AS n FROM study_logs WHERE guild_id = ? AND user_id = ? AND ${IN_ACTIVE('study_logs')}`,
    ),
    chapterMinutes: db.prepare<[string, string, number]>(
      'SELECT minutes FROM study_chapter_totals WHERE guild_id = ? AND user_id = ? AND chapter = ?',
    ),
    chapterTotals: db.prepare<[string, string]>(
      'SELECT chapter, minutes FROM study_chapter_totals WHERE guild_id = ? AND user_id = ? ORDER BY chapter',
    ),
    dayMinutes: db.prepare<[string, string, string]>(
      'SELECT minutes FROM study_daily WHERE guild_id = ? AND user_id = ? AND day = ?',
    ),
    days: db.prepare<[string, string]>(
      'SELECT day, minutes FROM study_daily WHERE guild_id = ? AND user_id = ? ORDER BY day',
    ),
    daysBetween: db.prepare<[string, string, string, string]>(
      'SELECT day, minutes FROM study_daily WHERE guild_id = ? AND user_id = ? AND day BETWEEN ? AND ? ORDER BY day',
    ),
    insertRating: db.prepare<[NewRating]>(
      `INSERT INTO study_ratings (guild_id, user_id, chapter, stars, hard_part, why, insight, source, created_at, book)
       VALUES (@guildId, @userId, @chapter, @stars, @hardPart, @why, @insight, @source, @createdAt, ${ACTIVE_BOOK})`,
    ),
    currentRating: db.prepare<[string, string, number]>(
      `SELECT ${RATING_COLS} FROM study_ratings WHERE guild_id = ? AND user_id = ? AND chapter = ? AND ${IN_ACTIVE('study_ratings')}
       ORDER BY id DESC LIMIT 1`,
    ),
    // SQLite returns the bare columns of the row holding max(id): each chapter's newest rating.
    currentRatings: db.prepare<[string, string]>(
      `SELECT ${RATING_COLS}, max(id) AS _latest FROM study_ratings WHERE guild_id = ? AND user_id = ?
       AND ${IN_ACTIVE('study_ratings')} GROUP BY chapter ORDER BY chapter`,
    ),
    ratingHistory: db.prepare<[string, string]>(
      `SELECT ${RATING_COLS} FROM study_ratings WHERE guild_id = ? AND user_id = ? ORDER BY id`,
    ),
    addQuestion: db.prepare<[NewQuestionRow]>(
      `INSERT INTO study_questions (guild_id, user_id, chapter, text, created_at, done_at, done_by, book)
       VALUES (@guildId, @userId, @chapter, @text, @createdAt, @doneAt, @doneBy, ${ACTIVE_BOOK})`,
    ),
    getQuestion: db.prepare<[string, number]>(
      `SELECT ${QUESTION_COLS} FROM study_questions WHERE guild_id = ? AND id = ?`,
    ),
    openQuestions: db.prepare<[string, number]>(
      `SELECT ${QUESTION_COLS} FROM study_questions WHERE guild_id = ? AND done_at IS NULL AND ${IN_ACTIVE('study_questions')}
       ORDER BY id LIMIT ?`,
    ),
    countOpenQuestions: db.prepare<[string]>(
      `SELECT count(*) AS n FROM study_questions WHERE guild_id = ? AND done_at IS NULL AND ${IN_ACTIVE('study_questions')}`,
    ),
    memberQuestions: db.prepare<[string, string]>(
      `SELECT ${QUESTION_COLS} FROM study_questions WHERE guild_id = ? AND user_id = ? ORDER BY id`,
    ),
    markDone: db.prepare<[number, string, string, number]>(
      'UPDATE study_questions SET done_at = ?, done_by = ? WHERE guild_id = ? AND id = ? AND done_at IS NULL',
    ),
    upsertMember: db.prepare<[string, string, string, number]>(
      `INSERT INTO study_members (guild_id, user_id, display_name, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at
       WHERE display_name IS NOT excluded.display_name`,
    ),
    memberNames: db.prepare<[string]>(
      'SELECT user_id AS userId, display_name AS name FROM study_members WHERE guild_id = ?',
    ),
    getSettings: db.prepare<[string, string]>(
      'SELECT timezone, reminder_time AS reminderTime FROM member_settings WHERE guild_id = ? AND user_id = ?',
    ),
    setTimezone: db.prepare<[string, string, string | null]>(
      `INSERT INTO member_settings (guild_id, user_id, timezone) VALUES (?, ?, ?)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET timezone = excluded.timezone`,
    ),
    setReminder: db.prepare<[string, string, string | null]>(
      `INSERT INTO member_settings (guild_id, user_id, reminder_time) VALUES (?, ?, ?)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET reminder_time = excluded.reminder_time`,
    ),
    savePending: db.prepare<[string, string, string, string, number]>(
      'INSERT INTO study_pending_imports (id, guild_id, user_id, plan, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    takePending: db.prepare<[string, string]>(
      'DELETE FROM study_pending_imports WHERE id = ? AND guild_id = ? RETURNING user_id AS userId, plan, created_at AS createdAt',
    ),
    peekPending: db.prepare<[string, string]>(
      'SELECT user_id AS userId FROM study_pending_imports WHERE id = ? AND guild_id = ?',
    ),
    purgePending: db.prepare<[number]>('DELETE FROM study_pending_imports WHERE created_at < ?'),
  };
}

export type Statements = ReturnType<typeof statements>;

/** The study statements for this connection, prepared once. */
export const sql: (db: Db) => Statements = perConnection(statements);

export function insertLog(db: Db, log: NewLog): number {
  const r = sql(db).insertLog.run(log);
  return Number(r.lastInsertRowid);
}

export function insertRating(db: Db, r: NewRating): number {
  const res = sql(db).insertRating.run(r);
  return Number(res.lastInsertRowid);
}

export function chapterMinutes(db: Db, guildId: string, userId: string, chapter: number): number {
  const row = sql(db).chapterMinutes.get(guildId, userId, chapter) as { minutes: number } | undefined;
  return row?.minutes ?? 0;
}

export function dayMinutes(db: Db, guildId: string, userId: string, day: string): number {
  const row = sql(db).dayMinutes.get(guildId, userId, day) as { minutes: number } | undefined;
  return row?.minutes ?? 0;
}

export function chapterTotals(db: Db, guildId: string, userId: string): Map<number, number> {
  const rows = sql(db).chapterTotals.all(guildId, userId) as { chapter: number; minutes: number }[];
  return new Map(rows.map((r) => [r.chapter, r.minutes]));
}

export function currentRatings(db: Db, guildId: string, userId: string): Map<number, Rating> {
  const rows = sql(db).currentRatings.all(guildId, userId) as (Rating & { _latest: number })[];
  return new Map(rows.map(({ _latest, ...r }) => [r.chapter, r]));
}

export function currentRating(db: Db, guildId: string, userId: string, chapter: number): Rating | undefined {
  return sql(db).currentRating.get(guildId, userId, chapter) as Rating | undefined;
}

export function memberQuestions(db: Db, guildId: string, userId: string): Question[] {
  return sql(db).memberQuestions.all(guildId, userId) as Question[];
}

export function addQuestion(
  db: Db,
  q: { guildId: string; userId: string; chapter: number | null; text: string; createdAt: number; done: boolean },
): number {
  const r = sql(db).addQuestion.run({
    guildId: q.guildId,
    userId: q.userId,
    chapter: q.chapter,
    text: q.text,
    createdAt: q.createdAt,
    doneAt: q.done ? q.createdAt : null,
    doneBy: q.done ? q.userId : null,
  });
  return Number(r.lastInsertRowid);
}

export function memberNames(db: Db, guildId: string): Map<string, string> {
  const rows = sql(db).memberNames.all(guildId) as { userId: string; name: string }[];
  return new Map(rows.map((r) => [r.userId, r.name]));
}

export function rememberMember(db: Db, guildId: string, userId: string, name: string, now: number): void {
  const clean = name.trim().slice(0, 100) || userId;
  sql(db).upsertMember.run(guildId, userId, clean, now);
}

export function memberSettings(
  db: Db,
  guildId: string,
  userId: string,
): { timezone: string | null; reminderTime: string | null } {
  const row = sql(db).getSettings.get(guildId, userId) as
    { timezone: string | null; reminderTime: string | null } | undefined;
  return row ?? { timezone: null, reminderTime: null };
}
