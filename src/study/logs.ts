/**
 * Reading-time entries: validate everything first, then write one row (nothing is written on bad input).
 */
import { UserError } from '../core/errors.js';
import { resolveChapter, type Chapter } from './book.js';
import { memberToday, type StudyDeps } from './deps.js';
import { parseDuration } from './duration.js';
import { chapterMinutes, dayMinutes, insertLog, sql, type LogEntry } from './store.js';
import { oneLine } from './template.js';
import { addDays, oneYearBefore, parseDay, type Day } from './time.js';

export const MEMO_MAX = 500;
export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface LogInput {
  guildId: string;
  userId: string;
  duration: string;
  chapter: string;
  date?: string | undefined;
  memo?: string | undefined;
}

export interface LogResult {
  entry: LogEntry;
  chapter: Chapter;
  chapterMinutes: number;
  dayMinutes: number;
}

export function requireChapter(deps: StudyDeps, input: string): Chapter {
  const chapter = resolveChapter(deps.book, input);
  if (!chapter) throw new UserError('study.error.chapter', { input: input.slice(0, 50) });
  return chapter;
}

export function parseMinutes(input: string): number {
  const d = parseDuration(input);
  if (!d.ok) throw new UserError(`study.error.duration.${d.error}`, { input: input.slice(0, 30) });
  return d.minutes;
}

const RELATIVE: Record<string, number> = { today: 0, 오늘: 0, yesterday: -1, 어제: -1, 그제: -2, 그저께: -2 };

/** A day the member may log for: today, or up to one year back, never in the future. */
export function resolveDay(today: Day, input: string | undefined): Day {
  if (input === undefined || input.trim() === '') return today;
  const text = input.trim().toLowerCase();
  // Own keys only: `constructor` or `__proto__` would otherwise come from Object.prototype (found by fuzzing).
  const offset = Object.hasOwn(RELATIVE, text) ? RELATIVE[text] : undefined;
  const day = offset !== undefined ? addDays(today, offset) : parseDay(text);
  if (day === null) throw new UserError('study.error.date.format', { input: input.slice(0, 30) });
  if (day > today) throw new UserError('study.error.date.future', { date: day, today });
  const earliest = oneYearBefore(today);
  if (day < earliest) throw new UserError('study.error.date.tooOld', { date: day, earliest });
  return day;
}

export function logReading(deps: StudyDeps, input: LogInput): LogResult {
  const minutes = parseMinutes(input.duration);
  const chapter = requireChapter(deps, input.chapter);
  const day = resolveDay(memberToday(deps, input.guildId, input.userId), input.date);
  const memo = input.memo === undefined ? null : oneLine(input.memo) || null;
  if (memo && memo.length > MEMO_MAX) throw new UserError('error.optionTooLong', { name: 'memo', max: MEMO_MAX });
  const { db } = deps;
  const createdAt = deps.clock.now();
  const row = { chapter: chapter.number, minutes, day, memo, source: 'log' as const, createdAt };
  const id = insertLog(db, { guildId: input.guildId, userId: input.userId, ...row });
  return {
    entry: { id, ...row },
    chapter,
    chapterMinutes: chapterMinutes(db, input.guildId, input.userId, chapter.number),
    dayMinutes: dayMinutes(db, input.guildId, input.userId, day),
  };
}

/** Removes the member's newest entry if it was made within the last 24 hours. */
export function undoLast(deps: StudyDeps, guildId: string, userId: string): LogEntry {
  const s = sql(deps.db);
  return deps.db
    .transaction(() => {
      const last = s.lastLog.get(guildId, userId) as LogEntry | undefined;
      if (!last) throw new UserError('study.error.nothingToUndo');
      if (deps.clock.now() - last.createdAt > UNDO_WINDOW_MS) throw new UserError('study.error.undoTooOld');
      s.deleteLog.run(last.id, guildId, userId);
      return last;
    })
    .immediate();
}

/** Deletes one of the member's own entries (the list's delete buttons). */
export function deleteEntry(deps: StudyDeps, guildId: string, userId: string, id: number): LogEntry {
  if (!Number.isSafeInteger(id)) throw new UserError('study.error.logNotFound');
  const deleted = sql(deps.db).deleteLog.get(id, guildId, userId) as LogEntry | undefined;
  if (!deleted) throw new UserError('study.error.logNotFound');
  return deleted;
}

export const LIST_PAGE_SIZE = 10;

export function listEntries(
  deps: StudyDeps,
  guildId: string,
  userId: string,
  page: number,
): { entries: LogEntry[]; page: number; pages: number; total: number } {
  const s = sql(deps.db);
  const total = (s.countLogs.get(guildId, userId) as { n: number }).n;
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const p = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const entries = s.listLogs.all(guildId, userId, LIST_PAGE_SIZE, p * LIST_PAGE_SIZE) as LogEntry[];
  return { entries, page: p, pages, total };
}
