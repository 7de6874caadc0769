/**
 * Loading the notes folder. Bad files never stop the bot: each is skipped with a warning naming it.
 * Only a missing or unreadable folder is fatal (NotesDirError; the CLI maps it to exit 2).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/context.js';
import { containerMarkers, MAX_MARKERS } from './complexity.js';
import { createNotesIndex } from './notes-index.js';
import { parseNotes } from './parse.js';
import type { NotesIndex, Section } from './types.js';

export class NotesDirError extends Error {
  constructor(
    readonly dir: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`notes folder ${dir}: ${reason}`, options);
    this.name = 'NotesDirError';
  }
}

export interface LoadOptions {
  logger?: Logger;
  /** Record headings (see DEFAULT_RECORD_HEADINGS); the app passes NOTES_RECORD_HEADINGS. */
  recordHeadings?: readonly string[];
}

export interface NoteFile {
  /** Relative to the notes folder, `/` separators. */
  file: string;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or why it cannot be notes (binary or not UTF-8). */
function decode(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.includes(0)) return { problem: 'binary file (NUL bytes)' };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { problem: 'not valid UTF-8' };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every `.md` below `dir`, relative, sorted by code unit so the order (and thus ids and ties) is the same on
 * every machine. Symlinked folders are not followed (no cycles); symlinked files are.
 */
async function listMarkdown(dir: string, warn: (message: string) => void): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw new NotesDirError(dir, `cannot read (${reasonOf(error)})`, { cause: error });
      warn(`${relative}: skipped folder, cannot read (${reasonOf(error)})`);
      return;
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md'))
        found.push(child);
    }
  };
  await walk('');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function loadNotes(dir: string, options: LoadOptions = {}): Promise<NotesIndex> {
  const root = path.resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) throw new NotesDirError(root, 'not a folder');
  } catch (error) {
    if (error instanceof NotesDirError) throw error;
    throw new NotesDirError(root, `missing or unreadable (${reasonOf(error)})`, { cause: error });
  }

  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.logger?.warn({ dir: root }, `notes: ${message}`);
  };
  // Each file is parsed right after it is read, so the event loop runs between files (the awaited read is the
  // yield point): a live reload of a large folder blocks interactions for one file's parse at a time, not all.
  const sections: Section[] = [];
  for (const file of await listMarkdown(root, warn)) {
    let text: string;
    try {
      const decoded = decode(await readFile(path.join(root, file)));
      if ('problem' in decoded) {
        warn(`${file}: skipped, ${decoded.problem}`);
        continue;
      }
      text = decoded.text;
    } catch (error) {
      warn(`${file}: skipped, cannot read (${reasonOf(error)})`);
      continue;
    }
    parseInto(sections, root, { file, text }, options, warn);
  }
  return createNotesIndex(root, sections, warnings);
}

/** The in-memory variant for tests and benchmarks: same parsing and index, no folder walk. */
export function buildIndex(files: readonly NoteFile[], options: LoadOptions & { dir?: string } = {}): NotesIndex {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.logger?.warn(`notes: ${message}`);
  };
  return indexFiles(path.resolve(options.dir ?? '.'), files, options, warnings, warn);
}

function indexFiles(
  dir: string,
  files: readonly NoteFile[],
  options: LoadOptions,
  warnings: string[],
  warn: (message: string) => void,
): NotesIndex {
  const sections: Section[] = [];
  for (const note of files) parseInto(sections, dir, note, options, warn);
  return createNotesIndex(dir, sections, warnings);
}

function parseInto(
  sections: Section[],
  dir: string,
  { file, text }: NoteFile,
  options: LoadOptions,
  warn: (message: string) => void,
): void {
  const markers = containerMarkers(text);
  if (markers > MAX_MARKERS.notesFile) {
    warn(`${file}: skipped, ${markers} nested list or quote markers (at most ${MAX_MARKERS.notesFile})`);
    return;
  }
  try {
    sections.push(...parseNotes(file, text, { dir, recordHeadings: options.recordHeadings }));
  } catch (error) {
    // micromark accepts any text, so this is a safety net for the unexpected (e.g. a stack overflow on
    // absurdly nested input): one bad file must not take the others down.
    warn(`${file}: skipped, cannot parse (${reasonOf(error)})`);
  }
}
