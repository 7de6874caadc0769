/**
 * A fingerprint of what the index is built from, for changes meant to make parsing or analysis faster without
 * changing them: a hash of every section (parseNotes) and of every answerable section's fields (fields.ts), per
 * corpus, plus the time each took. Run it before and after the change; the hashes must not move.
 *
 *   npm run notes:fingerprint                          # the generated 1 MB corpus and the bundled notes
 *   npm run notes:fingerprint -- bench/quality/local/* # and any notes folders given
 *   npm run notes:fingerprint -- --tokens=/tmp/after.tsv bench/quality/local/*
 *
 * `--tokens=FILE` also writes every distinct word of those notes (headings and text) with what the analysis made of
 * it, one per line, sorted: diff the files written before and after an analysis change to see every word it moved
 * (a new ending that also swallowed 해시, say).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { generateCorpus } from '../src/notes/corpus.js';
import { analyzeTokens } from '../src/notes/analyze.js';
import { fieldsOf, prepareSections } from '../src/notes/fields.js';
import { listMarkdown, type NoteFile } from '../src/notes/load.js';
import { parseNotes } from '../src/notes/parse.js';
import type { Section } from '../src/notes/types.js';

/** The notes files the bot would load from `dir` (the loader's own walk), with their text. */
async function markdownIn(dir: string): Promise<NoteFile[]> {
  const files = await listMarkdown(dir, (message) => console.warn(message));
  return files.map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
}

/** Every distinct word as written, with its analysis: its terms, or why it was dropped. */
const words = new Map<string, string>();

function fingerprint(files: readonly NoteFile[]): {
  sections: string;
  fields: string;
  parseMs: number;
  fieldsMs: number;
} {
  const sections = createHash('sha1');
  const fields = createHash('sha1');
  let parseMs = 0;
  let fieldsMs = 0;
  for (const { file, text } of files) {
    let parsed: Section[];
    const parseStart = performance.now();
    try {
      parsed = parseNotes(file, text, { dir: '/notes' });
    } catch (error) {
      sections.update(`${file}: ${String(error)}`);
      continue;
    } finally {
      parseMs += performance.now() - parseStart;
    }
    sections.update(JSON.stringify(parsed));
    if (tokensFile !== null) {
      for (const section of parsed) {
        for (const token of analyzeTokens(`${section.heading}\n${section.text}`)) {
          words.set(token.text, token.dropped ?? token.words.map((w) => w.terms.join('|')).join(' '));
        }
      }
    }
    const fieldsStart = performance.now();
    prepareSections(parsed);
    fieldsMs += performance.now() - fieldsStart;
    const byId = new Map(parsed.map((s) => [s.id, s]));
    for (const section of parsed) {
      const f = fieldsOf(section, byId);
      fields.update(JSON.stringify([f.terms, [...f.counts], [...f.flags], f.lengths, f.hangulWords, f.latinWords]));
    }
  }
  const short = (hash: ReturnType<typeof createHash>) => hash.digest('hex').slice(0, 16);
  return { sections: short(sections), fields: short(fields), parseMs, fieldsMs };
}

const args = process.argv.slice(2);
const tokensFile = args.find((arg) => arg.startsWith('--tokens='))?.slice('--tokens='.length) ?? null;
const corpora: [string, NoteFile[]][] = [
  ['generated 1 MB corpus', generateCorpus()],
  ['bundled notes', await markdownIn(path.join(PROJECT_ROOT, 'data', 'notes'))],
  ...(await Promise.all(
    args
      .filter((arg) => !arg.startsWith('--'))
      .map(async (dir): Promise<[string, NoteFile[]]> => [dir, await markdownIn(dir)]),
  )),
];
for (const [name, files] of corpora) {
  const { sections, fields, parseMs, fieldsMs } = fingerprint(files);
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(`${name}: sections ${sections} fields ${fields} (parse ${ms(parseMs)}, fields ${ms(fieldsMs)})`);
}
if (tokensFile !== null) {
  const lines = [...words].map(([word, analysis]) => `${word}\t${analysis}`).sort();
  writeFileSync(tokensFile, `${lines.join('\n')}\n`);
  console.log(`${lines.length} words and their analysis written to ${tokensFile}`);
}
