/**
 * What the last syncs said, kept beside the clone (`<NOTES_GIT_DIR>/sync.json`) so `/notes status` after a restart
 * and `cli notes status` still know when the last good sync was and why the last one failed.
 *
 * A file beside the clone rather than a SQLite table: the clone is one for the whole bot (like the parse cache,
 * src/notes/cache.ts), so rows could carry no meaningful guild_id, and the state describes that clone and goes with
 * it (deleting NOTES_GIT_DIR forgets both). The commit itself is always read from the clone, never from here.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface SyncState {
  /** ms since the epoch; null when never. */
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** Why the last sync failed (credentials scrubbed), null when it worked. */
  error: string | null;
  /** The branch the last successful sync used. */
  branch: string | null;
}

export const EMPTY_STATE: SyncState = { lastAttemptAt: null, lastSuccessAt: null, error: null, branch: null };

const schema = z.object({
  lastAttemptAt: z.number().nullable().catch(null),
  lastSuccessAt: z.number().nullable().catch(null),
  error: z.string().max(2000).nullable().catch(null),
  branch: z.string().max(250).nullable().catch(null),
});

const fileOf = (dir: string) => path.join(dir, 'sync.json');

/** The stored state; the empty one when there is none or it cannot be read (it is only a record). */
export function readSyncState(dir: string): SyncState {
  try {
    const raw = readFileSync(fileOf(dir), 'utf8');
    if (raw.length > 16_384) return { ...EMPTY_STATE };
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...EMPTY_STATE };
  } catch {
    return { ...EMPTY_STATE };
  }
}

/** Written whole (a temporary file renamed over the old one), so a crash never leaves half a file. */
export function writeSyncState(dir: string, state: SyncState): void {
  const file = fileOf(dir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, file);
}
