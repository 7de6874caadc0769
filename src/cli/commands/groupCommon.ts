/**
 * Shared plumbing of the group CLI commands (schedule, week, link): the study session (book, database) plus the
 * guild (`--guild ID`, default the console's `local`) prepared like the bot prepares it, and `--at` for "now".
 */
import { prepareGuild } from '../../group/service.js';
import type { NotesIndex } from '../../notes/types.js';
import { CliUsageError, type CliIo } from '../types.js';
import { guildIdFrom, withStudy, type StudySession } from './studyCommon.js';
import { openNotes } from '../notes.js';

export const groupOptions = {
  user: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  guild: { type: 'string' },
  book: { type: 'string' },
  at: { type: 'string' },
} as const;

export interface GroupSession extends StudySession {
  book: string;
  now: number;
}

/** `--at 2026-12-05T10:00:00Z` (any ISO 8601 time with a zone): the moment the command acts at; default now. */
export function nowFrom(value: string | undefined): number {
  if (value === undefined) return Date.now();
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) throw new CliUsageError('--at needs a time zone (Z or ±HH:MM)');
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliUsageError(`--at: not a time: ${value.slice(0, 40)}`);
  return ms;
}

export async function withGroup<T>(
  io: CliIo,
  flags: { db?: string; user?: string; guild?: string; at?: string },
  fn: (session: GroupSession) => T | Promise<T>,
): Promise<T> {
  const now = nowFrom(flags.at);
  return withStudy(io, flags, (s) => {
    const guildId = guildIdFrom(flags.guild, s.guildId);
    const prepared = prepareGuild({ db: s.deps.db, book: s.deps.book, timeZone: s.deps.groupTimeZone, now }, guildId);
    return fn({ ...s, guildId, now, book: prepared.book });
  });
}

/** The notes index (through the bot's parse cache), `--notes DIR` overriding NOTES_DIR. */
export async function notesFor(io: CliIo, dir: string | undefined): Promise<NotesIndex> {
  return openNotes(io.config, dir);
}
