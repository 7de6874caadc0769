/**
 * Loading the notes folder. Bad files never stop the bot: each is skipped with a warning naming it (too large or too
 * complex by the bounds in src/markdown/limits.ts, binary, unreadable, or a parse that ran out of time or memory on
 * the parser's thread). Only a missing or unreadable folder is fatal (NotesDirError; the CLI maps it to exit 2), and
 * notes too large for the heap (NotesMemoryError: the caller keeps what it has).
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Logger } from '../core/context.js';
import { checkInside } from '../core/paths.js';
import { checkMarkdown, describeBreach, NOTES_FILE_LIMITS } from '../markdown/limits.js';
import { sharedMarkdownPool, type MarkdownPool } from '../markdown/pool.js';
import { membersAtTop, topMemberOf } from './authors.js';
import { createNotesIndex } from './notes-index.js';
import { prepareSections, shareFields } from './fields.js';
import type { NotesIndex, Section } from './types.js';
import { messageOf } from '../core/errors.js';

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
  /** Where files are parsed (default: the process's shared parser thread). */
  pool?: MarkdownPool;
  /** Reuse the sections of files whose bytes did not change (the app keeps one across reloads). */
  cache?: ParseCache;
  /** Heap reading for the memory check (tests inject one). */
  heap?: () => HeapReading;
  /**
   * Who wrote a file when neither its front matter nor a member folder says (the notes repository passes the commit
   * author, src/repo): applied to copies, so cached sections stay as parsed.
   */
  authorFallback?: (file: string) => string | null;
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

/**
 * Every `.md` below `dir`, relative, sorted by code unit so the order (and thus ids and ties) is the same on
 * every machine. Symlinked folders are not followed (no cycles); symlinked files are.
 */
export async function listMarkdown(dir: string, warn: (message: string) => void): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw new NotesDirError(dir, `cannot read (${messageOf(error)})`, { cause: error });
      warn(`${relative}: skipped folder, cannot read (${messageOf(error)})`);
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

/**
 * Sections of files already parsed, by content hash: a reload re-parses only the files whose bytes changed, and the
 * new index shares the unchanged files' sections with the old one instead of holding a second copy.
 */
export interface ParseCache {
  get(file: string, hash: string): Section[] | undefined;
  set(file: string, hash: string, sections: Section[]): void;
  /** Forgets every file not in `files` (removed or renamed). */
  keepOnly(files: ReadonlySet<string>): void;
  readonly size: number;
}

export function createParseCache(): ParseCache {
  const entries = new Map<string, { hash: string; sections: Section[] }>();
  return {
    get: (file, hash) => {
      const entry = entries.get(file);
      return entry?.hash === hash ? entry.sections : undefined;
    },
    set: (file, hash, sections) => void entries.set(file, { hash, sections }),
    keepOnly(files) {
      for (const file of entries.keys()) if (!files.has(file)) entries.delete(file);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * One listed file's text and content hash, or null (with a warning naming it) when it cannot be notes: a link out of
 * the folder, too large (refused from its size, never read whole), binary, not UTF-8, too complex, or unreadable.
 */
async function readNote(
  root: string,
  file: string,
  warn: (message: string) => void,
): Promise<{ text: string; hash: string; bytes: number } | null> {
  try {
    // A listed file may be a symlink: only one whose real path stays inside the folder is notes.
    const inside = checkInside(root, path.join(root, file));
    if (!inside.ok) {
      warn(
        inside.reason === 'outside'
          ? `${file}: skipped, a link to a file outside the notes folder`
          : `${file}: skipped, cannot read (missing or a broken link)`,
      );
      return null;
    }
    const handle = await open(inside.realPath, 'r');
    let data: Buffer;
    try {
      // Read at most one byte past the limit: a huge file is refused without being read whole.
      const size = (await handle.stat()).size;
      if (size > NOTES_FILE_LIMITS.bytes) {
        warn(
          `${file}: skipped, ${describeBreach({ limit: 'bytes', found: size, max: NOTES_FILE_LIMITS.bytes, line: null })}`,
        );
        return null;
      }
      data = Buffer.alloc(Math.min(size, NOTES_FILE_LIMITS.bytes) + 1);
      const { bytesRead } = await handle.read(data, 0, data.length, 0);
      data = data.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const decoded = decode(data);
    if ('problem' in decoded) {
      warn(`${file}: skipped, ${decoded.problem}`);
      return null;
    }
    const breach = checkMarkdown(decoded.text, NOTES_FILE_LIMITS);
    if (breach) {
      warn(`${file}: skipped, ${describeBreach(breach)}`);
      return null;
    }
    return { text: decoded.text, hash: createHash('sha1').update(data).digest('base64'), bytes: data.length };
  } catch (error) {
    warn(`${file}: skipped, cannot read (${messageOf(error)})`);
    return null;
  }
}

export async function loadNotes(dir: string, options: LoadOptions = {}): Promise<NotesIndex> {
  const root = path.resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) throw new NotesDirError(root, 'not a folder');
  } catch (error) {
    if (error instanceof NotesDirError) throw error;
    throw new NotesDirError(root, `missing or unreadable (${messageOf(error)})`, { cause: error });
  }

  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.logger?.warn({ dir: root }, `notes: ${message}`);
  };
  // Each file goes to the parser's thread (src/markdown/pool.ts) as soon as it is read, so that thread starts and
  // parses while this one reads the rest; its sections are analysed for the index as they arrive, while the parser
  // works on the next files (src/notes/fields.ts prepareSections): the build after the last file only counts terms.
  const pool = options.pool ?? sharedMarkdownPool();
  const cache = options.cache;
  const heap = options.heap ?? heapNow;
  const parseOptions = { dir: root, ...(options.recordHeadings ? { recordHeadings: options.recordHeadings } : {}) };
  // Set when the notes turn out too large for memory: the files already sent are parsed, and dropped unanalysed.
  let abandoned = false;
  const list = await listMarkdown(root, warn);
  // NOTES_DIR may be one book's folder, with the members' folders at its top (authors.ts membersAtTop).
  const members = membersAtTop(list);
  // The same for parsed and cached sections: a file whose analysis fails is skipped with a warning, never the load.
  const prepared = (file: string, parsed: Section[]): Section[] => {
    try {
      prepareSections(parsed);
      const fallback = topMemberOf(file, members) ?? options.authorFallback?.(file) ?? null;
      return fallback === null ? parsed : parsed.map((s) => withAuthor(s, fallback));
    } catch (error) {
      warn(`${file}: skipped, cannot index (${messageOf(error)})`);
      return [];
    }
  };
  const parsedLater = async (file: string, text: string, hash: string): Promise<Section[]> => {
    let parsed: Section[];
    try {
      parsed = await pool.parseNotes(file, text, parseOptions); // parseNotes normalises line ends
    } catch (error) {
      if (!abandoned) warn(`${file}: skipped, cannot parse (${messageOf(error)})`);
      return [];
    }
    if (abandoned) return [];
    cache?.set(file, hash, parsed);
    return prepared(file, parsed);
  };

  // Per file, its sections: cached ones are analysed once every file is read, a parse as it arrives.
  const files: { file: string; sections: () => Section[] | Promise<Section[]> }[] = [];
  let bytes = 0;
  for (const file of list) {
    const read = await readNote(root, file, warn);
    if (!read) continue;
    bytes += read.bytes;
    try {
      // Before this file is parsed: notes that will not fit stop here, not in a V8 abort further on.
      ensureRoom(root, bytes, heap);
    } catch (error) {
      abandoned = true;
      throw error;
    }
    const cached = cache?.get(file, read.hash);
    if (cached) {
      files.push({ file, sections: () => prepared(file, cached) });
    } else {
      const parsing = parsedLater(file, read.text, read.hash); // sent to the parser now
      files.push({ file, sections: () => parsing });
    }
  }
  const parsedFiles = await Promise.all(files.map((f) => f.sections()));
  const sections: Section[] = parsedFiles.flat();
  cache?.keepOnly(new Set(files.map((f) => f.file)));
  return createNotesIndex(root, sections, warnings);
}

/**
 * A section with the fallback author, the same copy on every load while the parse cache keeps its section, so a
 * reload finds the copy's fields (fields.ts) instead of analysing it again.
 */
const authored = new WeakMap<Section, Section>();
function withAuthor(section: Section, author: string): Section {
  if (section.author !== null) return section;
  const known = authored.get(section);
  if (known?.author === author) return known;
  const copy = { ...section, author };
  authored.set(section, copy);
  shareFields(section, copy);
  return copy;
}

/** Heap in use and the most V8 will allow, in bytes. */
export interface HeapReading {
  used: number;
  limit: number;
}

const heapNow = (): HeapReading => {
  const stats = getHeapStatistics();
  return { used: stats.used_heap_size, limit: stats.heap_size_limit };
};

/**
 * Heap one byte of notes may need while its index is built (file texts, parsed sections, the search engine's
 * term counts before they become postings), with a margin. Measured on the generated corpus: the index keeps ~8
 * bytes of heap per byte of notes once built (80 MB for 10 MB), but building 3.7 MB needs ~70 MB at its peak (it
 * fails under `--max-old-space-size=48` and passes under 64), ~19 per byte.
 */
export const HEAP_PER_NOTES_BYTE = 24;

/** Thrown instead of letting V8 abort the process: the notes would not fit beside what the heap holds now. */
export class NotesMemoryError extends NotesDirError {
  constructor(dir: string, bytes: number, need: number, room: number) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    super(
      dir,
      `${mb(bytes)} of notes need about ${mb(need)} of memory to index, and only ${mb(room)} is free: ` +
        'kept the notes already loaded. Split NOTES_DIR into a smaller folder, or give node a larger ' +
        '--max-old-space-size (NODE_OPTIONS)',
    );
    this.name = 'NotesMemoryError';
  }
}

function ensureRoom(dir: string, bytes: number, heap: () => HeapReading): void {
  const { used, limit } = heap();
  const need = bytes * HEAP_PER_NOTES_BYTE;
  const room = limit * 0.9 - used;
  if (need > room) throw new NotesMemoryError(dir, bytes, need, Math.max(0, room));
}
