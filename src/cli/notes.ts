/**
 * The notes as the CLI reads them: `--notes DIR`, else the folder the bot reads (the clone's book folder with
 * NOTES_GIT_URL, else NOTES_DIR), through the parse cache the bot keeps, so a call on unchanged notes parses
 * nothing. A missing or unreadable folder is bad usage (exit 2).
 */
import path from 'node:path';
import { openNotesCache, recordHeadings } from '../app.js';
import type { Config } from '../config.js';
import { loadNotes, NotesDirError } from '../notes/load.js';
import type { NotesIndex } from '../notes/types.js';
import { configuredNotesDir } from '../repo/service.js';
import { CliUsageError } from './types.js';

export async function openNotes(config: Config, dirFlag: string | undefined): Promise<NotesIndex> {
  const dir = dirFlag === undefined ? configuredNotesDir(config) : path.resolve(dirFlag);
  const headings = recordHeadings(config);
  const cache = openNotesCache(config, dir, headings);
  try {
    return await loadNotes(dir, { recordHeadings: headings, ...(cache ? { cache } : {}) });
  } catch (err) {
    if (err instanceof NotesDirError) throw new CliUsageError(err.message);
    throw err;
  } finally {
    cache?.close();
  }
}
