/**
 * The one place that turns SQLite's storage failures into what the member is told. The dispatcher's errorReply
 * calls `storageUserError`, so no handler catches SQLITE_BUSY or SQLITE_FULL itself.
 * Every writer commits in one statement or one transaction, so a failed write left nothing behind: the message
 * can say that nothing was saved.
 */
import Database from 'better-sqlite3';
import { UserError } from '../core/errors.js';

export type StorageFault = 'busy' | 'notSaved';

/** Primary result codes by fault; extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE…) map by their prefix. */
const FAULTS: Record<string, StorageFault> = {
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_READONLY: 'notSaved',
  SQLITE_FULL: 'notSaved',
  SQLITE_IOERR: 'notSaved',
  SQLITE_CANTOPEN: 'notSaved',
  SQLITE_CORRUPT: 'notSaved',
  SQLITE_NOTADB: 'notSaved',
};

/** The primary SQLite result code of a better-sqlite3 error (`SQLITE_IOERR_WRITE` → `SQLITE_IOERR`). */
export function sqliteCode(err: unknown): string | undefined {
  if (!(err instanceof Database.SqliteError)) return undefined;
  return /^SQLITE_[A-Z]+/.exec(err.code)?.[0];
}

export function storageFault(err: unknown): StorageFault | undefined {
  const code = sqliteCode(err);
  return code === undefined ? undefined : FAULTS[code];
}

/**
 * The translated error for a storage failure, or undefined for anything else. `id` lets an admin find the logged
 * error (the dispatcher logs storage faults: a full disk needs someone to act).
 */
export function storageUserError(err: unknown, id: string): UserError | undefined {
  const fault = storageFault(err);
  if (fault === 'busy') return new UserError('error.busy');
  if (fault === 'notSaved') return new UserError('error.notSaved', { id });
  return undefined;
}
