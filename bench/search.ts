/**
 * Notes search benchmark: index build time and per-query latency over the bundled notes and a generated ~1 MB
 * corpus, against MiniSearch on the same corpus and the same queries.
 *
 * Honesty rules: both engines get the same documents (heading + body text) and the same query list; each run
 * warms up first; latencies come from process.hrtime.bigint around single queries; each figure is the median of
 * several runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { corpusQueries, generateCorpus } from '../src/notes/corpus.js';
import { type NoteFile } from '../src/notes/load.js';
import { buildIndex } from '../src/notes/build.js';
import { createNotesIndex } from '../src/notes/notes-index.js';
import { parseNotes } from '../src/notes/parse.js';
import type { NotesIndex } from '../src/notes/types.js';
import { formatReport, median, millis, percentile, round, type BenchReport } from './report.js';
import buildDist from '../tests/support/build-dist.js';
import { startScript } from './memory.js';

const RUNS = 5;
const WARMUP = 200;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** p50 and p99 of single-query latency in ms, median over RUNS runs. */
function latency(run: (query: string) => unknown, queries: string[]): { p50: number; p99: number } {
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (let i = 0; i < WARMUP; i++) run(queries[i % queries.length] as string);
    const times = queries.map((query) => {
      const start = process.hrtime.bigint();
      run(query);
      return millis(start);
    });
    times.sort((a, b) => a - b);
    p50s.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
  }
  return { p50: median(p50s), p99: median(p99s) };
}

/** Median of RUNS builds; `fresh` makes each run's input untimed, so no run reuses what an earlier one kept. */
function timeBuild<T, I = undefined>(build: (input: I) => T, fresh?: () => I): { value: T; ms: number } {
  let value: T | undefined;
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const input = (fresh?.() ?? undefined) as I;
    const start = process.hrtime.bigint();
    value = build(input);
    times.push(millis(start));
  }
  return { value: value as T, ms: median(times) };
}

function bundledNotes(): NoteFile[] {
  const dir = path.join(ROOT, 'data/notes');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
}

/** MiniSearch over the same sections: heading boosted like ours, body text, default tokenizer, no fuzzy. */
function buildMiniSearch(index: NotesIndex): MiniSearch {
  const mini = new MiniSearch({ fields: ['heading', 'text'], storeFields: [], idField: 'id' });
  mini.addAll(
    index.sections.filter((s) => s.kind === 'concept').map(({ id, heading, text }) => ({ id, heading, text })),
  );
  return mini;
}

/**
 * The cold index as the bot builds it: the files read from disk, parsed on a parser thread started for this run
 * (its start-up included), then indexed; and a reload after one file changed, through the parse cache. Run from the
 * built dist/, as `npm start` runs it, so the parser thread is plain JavaScript and not the tsx loader.
 */
async function coldLoad(
  corpus: NoteFile[],
): Promise<{ cold: number[]; parseOnly: number[]; fresh: number[]; reload: number[]; restart: number[] }> {
  buildDist();
  const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href;
  const load = (await import(dist('notes/load.js'))) as typeof import('../src/notes/load.js');
  const pools = (await import(dist('markdown/pool.js'))) as typeof import('../src/markdown/pool.js');
  const caches = (await import(dist('notes/cache.js'))) as typeof import('../src/notes/cache.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-cold-'));
  try {
    for (const { file, text } of corpus) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const cold: number[] = [];
    const reload: number[] = [];
    // The floor of a cold load with this parser and thread layout: the same files, already in memory, parsed on a
    // new parser thread with nothing indexed. Alternated with the cold loads, so both see the same machine speed.
    const parseOnly: number[] = [];
    for (let r = 0; r < RUNS + 2; r++) {
      const bare = pools.createMarkdownPool();
      const parseStart = process.hrtime.bigint();
      await Promise.all(corpus.map(({ file, text }) => bare.parseNotes(file, text, { dir })));
      parseOnly.push(millis(parseStart));
      await bare.close();
      const pool = pools.createMarkdownPool();
      const cache = load.createParseCache();
      const start = process.hrtime.bigint();
      await load.loadNotes(dir, { pool, cache });
      cold.push(millis(start));
      const first = corpus[r % corpus.length] as NoteFile;
      writeFileSync(path.join(dir, first.file), `${first.text}\n\n## 새 절 ${r}\n\n방금 더한 내용.\n`);
      const again = process.hrtime.bigint();
      await load.loadNotes(dir, { pool, cache });
      reload.push(millis(again));
      writeFileSync(path.join(dir, first.file), first.text);
      await pool.close();
    }
    // A restart with unchanged notes: every file's sections come from the SQLite parse cache, nothing is parsed.
    const restart: number[] = [];
    const cacheFile = path.join(dir, '.cache', 'notes-cache.sqlite');
    const fill = caches.persistentParseCache(cacheFile, { settings: 'bench' });
    const filler = pools.createMarkdownPool();
    await load.loadNotes(dir, { pool: filler, cache: fill });
    fill.close();
    for (let r = 0; r < RUNS; r++) {
      const start = process.hrtime.bigint();
      const cache = caches.persistentParseCache(cacheFile, { settings: 'bench' });
      await load.loadNotes(dir, { pool: filler, cache });
      restart.push(millis(start));
      cache.close();
    }
    await filler.close();
    return { cold, parseOnly, fresh: freshLoads(dir), reload, restart };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The node flags of `npm start` (its arguments without the entry file). */
const startFlags = (): string[] => startScript().args.filter((arg) => arg.startsWith('-'));

/**
 * The cold load as the bot's start does it: a new node process with `npm start`'s flags and environment, whose first
 * load runs un-optimised code on both threads (in this process, the loader's thread is already warm from the runs
 * before). Each run prints its own load time, so process start-up is not counted.
 */
function freshLoads(dir: string): number[] {
  const { env } = startScript();
  const flags = startFlags();
  const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', file)).href);
  const script = [
    `const { loadNotes } = await import(${dist('notes/load.js')});`,
    `const { createMarkdownPool } = await import(${dist('markdown/pool.js')});`,
    'const pool = createMarkdownPool();',
    'const start = performance.now();',
    `await loadNotes(${JSON.stringify(dir)}, { pool });`,
    'console.log(performance.now() - start);',
    'await pool.close();',
  ].join('\n');
  // A script file, as `npm start` runs one.
  const file = path.join(dir, '..', `${path.basename(dir)}-fresh.mjs`);
  writeFileSync(file, script);
  const runs: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const out = execFileSync(process.execPath, [...flags, file], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      runs.push(Number(out.trim()));
    }
  } finally {
    rmSync(file, { force: true });
  }
  return runs.sort((a, b) => a - b);
}

export async function benchSearch(): Promise<BenchReport> {
  const queries = corpusQueries(1000);
  const bundled = bundledNotes();
  const corpus = generateCorpus();
  const corpusBytes = corpus.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

  const small = timeBuild(() => buildIndex(bundled, { dir: path.join(ROOT, 'data/notes') }));
  // Markdown parsing (the real parseNotes: markdown-it and sectioning) and index building are timed apart: the first
  // is the parser's cost, the second is what compares with MiniSearch, which indexes the same already-parsed sections.
  const parsed = timeBuild(() => corpus.flatMap((f) => parseNotes(f.file, f.text, { dir: ROOT })));
  // New section objects for each build: each section keeps its analysed fields (fields.ts) as long as
  // the section lives, which a reload reuses but a cold build must not.
  const large = timeBuild(
    (sections) => createNotesIndex(ROOT, sections, []),
    () => parsed.value.map((section) => ({ ...section })),
  );
  const mini = timeBuild(() => buildMiniSearch(large.value));

  const smallLatency = latency((q) => small.value.search(q), queries);
  const ours = latency((q) => large.value.search(q), queries);
  const theirs = latency((q) => mini.value.search(q, { boost: { heading: 3 } }), queries);
  const autocomplete = latency((q) => large.value.autocomplete(q.slice(0, 3)), queries);
  const longQueries = Array.from({ length: 50 }, (_, i) =>
    `${queries[i] ?? ''} 도커 이미지 컨테이너 `.repeat(400).slice(0, 10_000),
  );
  const long = latency((q) => large.value.search(q), longQueries);
  const loads = await coldLoad(corpus);
  loads.cold.sort((a, b) => a - b);
  loads.reload.sort((a, b) => a - b);

  return {
    name: 'notes search',
    rows: [
      { metric: 'bundled notes: sections', value: small.value.sections.length, unit: '' },
      { metric: 'bundled notes: index build', value: round(small.ms), unit: 'ms' },
      { metric: 'bundled notes: query p50', value: round(smallLatency.p50), unit: 'ms' },
      { metric: 'bundled notes: query p99', value: round(smallLatency.p99), unit: 'ms' },
      { metric: 'corpus: size', value: corpusBytes, unit: 'bytes', note: `${corpus.length} files` },
      { metric: 'corpus: sections', value: large.value.sections.length, unit: '' },
      { metric: 'corpus: markdown parse', value: round(parsed.ms), unit: 'ms', note: 'parseNotes (markdown-it)' },
      { metric: 'corpus: index build (from sections)', value: round(large.ms), unit: 'ms' },
      {
        metric: 'corpus: cold load p50 (read, parse, index)',
        value: round(median(loads.cold)),
        unit: 'ms',
        note: `target ≤ 300 ms; loadNotes from dist/ with a new parser thread, ${loads.cold.length} runs`,
      },
      { metric: 'corpus: cold load, slowest run', value: round(loads.cold.at(-1) ?? 0), unit: 'ms' },
      {
        metric: 'corpus: parse alone on a new parser thread p50',
        value: round(median(loads.parseOnly)),
        unit: 'ms',
        note: 'the floor of the cold load above: the same files from memory, parsed on a new thread, nothing indexed',
      },
      {
        metric: 'corpus: cold load p50 in a new process, npm start flags',
        value: round(median(loads.fresh)),
        unit: 'ms',
        note: `what the bot's start takes: both threads un-optimised, ${startFlags().join(' ')}; ${loads.fresh.length} runs, slowest ${round(loads.fresh.at(-1) ?? 0)} ms`,
      },
      {
        metric: 'corpus: cold load / (parse + index build in this thread)',
        value: round(median(loads.cold) / (parsed.ms + large.ms), 2),
        unit: 'x',
        note: 'the same run: what the parser thread and reading the files add, whatever the machine speed',
      },
      {
        metric: 'corpus: reload p50, one file edited',
        value: round(median(loads.reload)),
        unit: 'ms',
        note: 'the other files come from the parse cache, and their fields (fields.ts) from the last load',
      },
      {
        metric: 'corpus: restart p50, notes unchanged',
        value: round(median(loads.restart)),
        unit: 'ms',
        note: 'every file from the SQLite parse cache (NOTES_CACHE_PATH): read, hash, index; nothing parsed',
      },
      { metric: 'corpus: query p50', value: round(ours.p50), unit: 'ms', note: `${queries.length} queries` },
      { metric: 'corpus: query p99', value: round(ours.p99), unit: 'ms', note: 'target < 2 ms' },
      { metric: 'corpus: autocomplete p99', value: round(autocomplete.p99), unit: 'ms' },
      { metric: 'corpus: 10 000-character query p99', value: round(long.p99), unit: 'ms' },
      { metric: 'minisearch: index build (from sections)', value: round(mini.ms), unit: 'ms' },
      { metric: 'minisearch: query p50', value: round(theirs.p50), unit: 'ms' },
      { metric: 'minisearch: query p99', value: round(theirs.p99), unit: 'ms' },
      {
        metric: 'ours / minisearch p50',
        value: round(ours.p50 / theirs.p50, 2),
        unit: 'x',
        note: 'below 1 means ours is faster',
      },
      { metric: 'ours / minisearch p99', value: round(ours.p99 / theirs.p99, 2), unit: 'x' },
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(formatReport(await benchSearch()));
}
