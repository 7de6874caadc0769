/**
 * Shared plumbing of the study CLI commands (log, rate, progress, template): flags, the database and the book.
 * The CLI acts in the local console's guild (`local`) as `--user ID` (default `local`).
 */
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../../core/context.js';
import { systemClock } from '../../core/context.js';
import { openDatabase } from '../../db/connection.js';
import { translator, type Translator } from '../../i18n/index.js';
import { BookError, loadBook } from '../../study/book.js';
import type { StudyDeps } from '../../study/deps.js';
import { CliUsageError, type CliIo } from '../types.js';

export const LOCAL_GUILD = 'local';
export const LOCAL_USER = 'local';

export const commonOptions = {
  user: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export { parseFlags } from '../types.js';

/**
 * `--guild ID`: the server to act in, or `fallback` (the local console's). Discord ids are digits, the console's is
 * `local`; letters, digits, `_` and `-` only, so an id can never read as a path (`..`) in a file name or a log line.
 */
export function guildIdFrom(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!/^[\w-]{1,64}$/.test(value))
    throw new CliUsageError('--guild must be a server id (1–64 letters, digits, _ or -)');
  return value;
}

export function userIdFrom(value: string | undefined): string {
  if (value === undefined) return LOCAL_USER;
  if (!/^[\w.@-]{1,64}$/.test(value)) throw new CliUsageError('--user must be 1–64 letters, digits, _ . @ or -');
  return value;
}

export interface StudySession {
  deps: StudyDeps;
  guildId: string;
  userId: string;
  t: Translator;
}

/** Loads the book, opens the database (`--db` overrides DATABASE_PATH), runs `fn`, and closes the database. */
export async function withStudy<T>(
  io: CliIo,
  flags: { db?: string | undefined; user?: string | undefined },
  fn: (session: StudySession) => T | Promise<T>,
): Promise<T> {
  const userId = userIdFrom(flags.user);
  if (flags.db !== undefined && flags.db.trim() === '') throw new CliUsageError('--db must not be empty');
  let book;
  try {
    book = await loadBook(io.config.BOOK_PATH);
  } catch (err) {
    if (err instanceof BookError) throw new CliUsageError(err.message);
    throw err;
  }
  const file = flags.db === undefined ? io.config.DATABASE_PATH : path.resolve(flags.db);
  const db: Db = openDatabase(file);
  try {
    const deps: StudyDeps = { db, book, clock: systemClock, groupTimeZone: io.config.STUDY_TIMEZONE };
    return await fn({ deps, guildId: LOCAL_GUILD, userId, t: translator('en') });
  } finally {
    db.close();
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}
