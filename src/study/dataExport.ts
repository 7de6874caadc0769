/**
 * A member's own data as CSV or JSON files (the admin's online backup is src/db/backups.ts).
 */
import type { Db } from '../core/context.js';
import { memberSettings, sql, type LogEntry, type Question, type Rating } from './store.js';

export interface ExportFile {
  name: string;
  data: Buffer;
}

export interface MemberData {
  guildId: string;
  userId: string;
  exportedAt: string;
  settings: { timezone: string | null; reminderTime: string | null };
  logs: LogEntry[];
  /** Every rating, oldest first (the history). */
  ratings: Rating[];
  questions: Question[];
}

export function memberData(db: Db, guildId: string, userId: string, now: number): MemberData {
  const s = sql(db);
  return {
    guildId,
    userId,
    exportedAt: new Date(now).toISOString(),
    settings: memberSettings(db, guildId, userId),
    logs: s.allLogs.all(guildId, userId) as LogEntry[],
    ratings: s.ratingHistory.all(guildId, userId) as Rating[],
    questions: s.memberQuestions.all(guildId, userId) as Question[],
  };
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralized for spreadsheets. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv<T extends object>(rows: T[], columns: (keyof T & string)[]): Buffer {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
  // BOM so spreadsheet apps read the Korean text as UTF-8.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export function exportMemberData(data: MemberData, format: 'csv' | 'json'): ExportFile[] {
  const base = `study-${data.userId}`;
  if (format === 'json') return [{ name: `${base}.json`, data: Buffer.from(`${JSON.stringify(data, null, 2)}\n`) }];
  return [
    {
      name: `${base}-logs.csv`,
      data: csv(data.logs, ['id', 'day', 'chapter', 'minutes', 'memo', 'source', 'createdAt']),
    },
    {
      name: `${base}-ratings.csv`,
      data: csv(data.ratings, ['id', 'chapter', 'stars', 'hardPart', 'why', 'insight', 'createdAt']),
    },
    {
      name: `${base}-questions.csv`,
      data: csv(data.questions, ['id', 'chapter', 'text', 'createdAt', 'doneAt', 'doneBy']),
    },
  ];
}
