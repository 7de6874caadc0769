/**
 * The in-memory index for tests, benchmarks and tools: the same bounds, parser and index as loadNotes, parsed in
 * this thread and with no folder walk. Apart from load.ts so the bot's own thread never loads the markdown parser
 * (the bot parses on the parser's thread: src/markdown/pool.ts).
 */
import path from 'node:path';
import { checkMarkdown, describeBreach, NOTES_FILE_LIMITS } from '../markdown/limits.js';
import type { LoadOptions, NoteFile } from './load.js';
import { createNotesIndex } from './notes-index.js';
import { parseNotes } from './parse.js';
import type { NotesIndex, Section } from './types.js';
import { messageOf } from '../core/errors.js';

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
  const breach = checkMarkdown(text, NOTES_FILE_LIMITS);
  if (breach) {
    warn(`${file}: skipped, ${describeBreach(breach)}`);
    return;
  }
  try {
    sections.push(...parseNotes(file, text, { dir, recordHeadings: options.recordHeadings }));
  } catch (error) {
    // The parser accepts any text, so this is a safety net for the unexpected (e.g. a stack overflow on
    // absurdly nested input): one bad file must not take the others down.
    warn(`${file}: skipped, cannot parse (${messageOf(error)})`);
  }
}
