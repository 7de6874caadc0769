/**
 * `/explain` quality on real notes: public notes of Korean study groups (Docker and Kubernetes, several members
 * each), asked the way members type in chat (bench/quality/questions.jsonl), for this project and for a plain
 * MiniSearch index over the same sections.
 *
 * Corpora (bench/quality/corpora.json): committed ones live in tests/notes/fixtures/real/<id>/; the others carry no
 * licence, so only their questions are committed and the notes are exported locally to bench/quality/local/<id>/
 * by `npx tsx bench/quality/fetch-local.ts` (a corpus whose folder is missing is reported as absent).
 *
 * Measuring rules: the notes are loaded with the app's loader (loadNotes, default record headings) and asked with
 * `index.search(q)`. top-1: the first result's heading is one of the question's acceptable headings; top-3: one of
 * the first three is; negatives (`expect: null`) are rejected when the answer is "not found" (an empty-topic answer
 * counts as not found). MiniSearch indexes the same answerable sections (heading + text, heading boosted ×3, default
 * tokenizer, fuzzy 0.2, prefix); it has no "not found", so its negatives are rejected only when it returns nothing,
 * and beside that we report the best a score threshold could do (picked per corpus on these very questions: an
 * upper bound). Every miss of ours is written to bench/quality/last-misses.txt.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { createMarkdownPool, type MarkdownPool } from '../src/markdown/pool.js';
import { loadNotes } from '../src/notes/load.js';
import { parseRecordHeadings } from '../src/notes/parse.js';
import type { NotesIndex, Section } from '../src/notes/types.js';
import { LOCAL_DIR, readCorpora, type CorpusInfo } from './quality/fetch-local.js';
import { formatReport, round, type BenchReport, type BenchRow } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const QUESTIONS_FILE = path.join(ROOT, 'bench/quality/questions.jsonl');
export const MISSES_FILE = path.join(ROOT, 'bench/quality/last-misses.txt');
export const COMMITTED_DIR = path.join(ROOT, 'tests/notes/fixtures/real');

/**
 * An acceptable answer: a heading (as `explain --json` prints it), or a heading in one file (for generic headings
 * such as `개요` or `실습 #1`), optionally at one line (when the file has that heading twice).
 */
export type Expected = string | { file: string; heading: string; line?: number };

export interface QualityQuestion {
  corpus: string;
  q: string;
  /** Acceptable headings, or null when the notes do not cover the question. */
  expect: Expected[] | null;
  kind: string;
}

export function readQuestions(file = QUESTIONS_FILE): QualityQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const q = JSON.parse(line) as QualityQuestion;
      if (typeof q.corpus !== 'string' || typeof q.q !== 'string' || typeof q.kind !== 'string') {
        throw new Error(`${file}:${number}: needs corpus, q and kind`);
      }
      if (q.expect !== null && (!Array.isArray(q.expect) || q.expect.length === 0)) {
        throw new Error(`${file}:${number}: expect must be a non-empty list or null`);
      }
      return q;
    });
}

/** Headings compared as `explain` prints them, with spacing and Unicode form evened out. */
const norm = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export function accepts(expect: readonly Expected[], section: Section): boolean {
  const heading = norm(section.heading);
  return expect.some((e) =>
    typeof e === 'string'
      ? norm(e) === heading
      : norm(e.heading) === heading && e.file === section.file && (e.line === undefined || e.line === section.line),
  );
}

/**
 * Sections `/explain` may answer with: everything but the template's record sections (concepts, and members'
 * research where the parser marks it apart).
 */
export const answerable = (s: Section) => s.kind !== 'record';

/**
 * Questions none of whose acceptable headings names an answerable section of the corpus: the notes or the parser
 * changed under the question set, and the line needs fixing (not a miss of the engine). An expectation missing among
 * others is fine: the alternatives are written for several parsers' sectionings (a bold line may become a heading).
 */
export function unknownExpectations(index: NotesIndex, questions: readonly QualityQuestion[]): string[] {
  const sections = index.sections.filter(answerable);
  return questions
    .filter((q) => q.expect !== null && !q.expect.some((e) => sections.some((s) => accepts([e], s))))
    .map((q) => `${q.corpus}: "${q.q}": none of its expected headings is an answerable heading there`);
}

export interface Outcome {
  question: QualityQuestion;
  /** Answerable questions: the first result is acceptable. */
  top1: boolean;
  top3: boolean;
  /** Questions the notes do not cover: the engine said "not found". */
  rejected: boolean;
  /** What came first (null: nothing), for the misses list. */
  got: Section | null;
  /** For ours: the suggestions or the empty topic named when nothing was found. */
  note?: string;
  /** MiniSearch only: the first result's score. */
  score?: number;
}

export function judgeOurs(index: NotesIndex, question: QualityQuestion): Outcome {
  const result = index.search(question.q);
  const top = result.found ? result.results.map((hit) => hit.section) : [];
  const expect = question.expect;
  const note = result.found
    ? undefined
    : result.emptyTopic
      ? `empty topic "${result.emptyTopic.heading}"`
      : `not found; suggests ${result.suggestions.map((s) => `"${s.heading}"`).join(', ') || 'nothing'}`;
  return {
    question,
    top1: expect !== null && top[0] !== undefined && accepts(expect, top[0]),
    top3: expect !== null && top.slice(0, 3).some((s) => accepts(expect, s)),
    rejected: expect === null && !result.found,
    got: top[0] ?? null,
    ...(note ? { note } : {}),
  };
}

/** MiniSearch over the same answerable sections, configured as bench/search.ts does plus fuzzy and prefix matching. */
export function buildMiniSearch(index: NotesIndex): { search(q: string): { section: Section; score: number }[] } {
  const byId = new Map(index.sections.map((s) => [s.id, s]));
  const mini = new MiniSearch({ fields: ['heading', 'text'], storeFields: [], idField: 'id' });
  mini.addAll(index.sections.filter(answerable).map(({ id, heading, text }) => ({ id, heading, text })));
  return {
    search: (q) =>
      mini
        .search(q, { boost: { heading: 3 }, fuzzy: 0.2, prefix: true })
        .map((hit) => ({ section: byId.get(hit.id as string) as Section, score: hit.score })),
  };
}

export function judgeMini(mini: ReturnType<typeof buildMiniSearch>, question: QualityQuestion): Outcome {
  const hits = mini.search(question.q);
  const expect = question.expect;
  return {
    question,
    top1: expect !== null && hits[0] !== undefined && accepts(expect, hits[0].section),
    top3: expect !== null && hits.slice(0, 3).some((h) => accepts(expect, h.section)),
    rejected: expect === null && hits.length === 0,
    got: hits[0]?.section ?? null,
    score: hits[0]?.score ?? 0,
  };
}

export interface Tally {
  questions: number;
  answerable: number;
  top1: number;
  top3: number;
  negatives: number;
  rejected: number;
}

export function tally(outcomes: readonly Outcome[]): Tally {
  const answerable = outcomes.filter((o) => o.question.expect !== null);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    top1: answerable.filter((o) => o.top1).length,
    top3: answerable.filter((o) => o.top3).length,
    negatives: outcomes.length - answerable.length,
    rejected: outcomes.filter((o) => o.rejected).length,
  };
}

/** Share as a percentage with one decimal (0 when there is nothing to share). */
export const pct = (part: number, whole: number) => (whole === 0 ? 0 : round((100 * part) / whole, 1));

/**
 * The best MiniSearch could do with a "not found" threshold on its top score, chosen on these questions: the
 * threshold that maximises right answers (top-1 above it, negatives below it). An upper bound, not a setting.
 */
export function bestThreshold(outcomes: readonly Outcome[]): { threshold: number; top1: number; rejected: number } {
  const candidates = [0, ...new Set(outcomes.map((o) => o.score ?? 0))].sort((a, b) => a - b);
  let best = { threshold: 0, top1: 0, rejected: 0, right: -1 };
  for (const t of candidates) {
    // Answers with a top score at or below t count as "not found".
    const top1 = outcomes.filter((o) => o.top1 && (o.score ?? 0) > t).length;
    const rejected = outcomes.filter((o) => o.question.expect === null && (o.score ?? 0) <= t).length;
    if (top1 + rejected > best.right) best = { threshold: t, top1, rejected, right: top1 + rejected };
  }
  return { threshold: best.threshold, top1: best.top1, rejected: best.rejected };
}

export interface CorpusRun {
  info: CorpusInfo;
  /** null: the corpus folder is not there (a local corpus not exported on this machine). */
  dir: string | null;
  ours: Outcome[];
  mini: Outcome[];
  sections: number;
  /** Questions whose expected headings the corpus no longer has (the question set needs fixing). */
  unknown: string[];
}

export function corpusDir(info: CorpusInfo): string {
  return info.committed ? path.join(COMMITTED_DIR, info.id) : path.join(LOCAL_DIR, info.id);
}

/** Loads each wanted corpus that is present and asks it its questions with both engines. */
export async function runQuality(
  options: { corpora?: (info: CorpusInfo) => boolean; questions?: QualityQuestion[] } = {},
): Promise<CorpusRun[]> {
  const questions = options.questions ?? readQuestions();
  const known = new Set(readCorpora().map((c) => c.id));
  const stray = [...new Set(questions.map((q) => q.corpus))].filter((id) => !known.has(id));
  if (stray.length > 0) throw new Error(`questions name unknown corpora: ${stray.join(', ')}`);
  const pool: MarkdownPool = createMarkdownPool();
  const runs: CorpusRun[] = [];
  try {
    for (const info of readCorpora().filter(options.corpora ?? (() => true))) {
      const dir = corpusDir(info);
      const asked = questions.filter((q) => q.corpus === info.id);
      if (!existsSync(dir)) {
        runs.push({ info, dir: null, ours: [], mini: [], sections: 0, unknown: [] });
        continue;
      }
      const index = await loadNotes(dir, { recordHeadings: parseRecordHeadings(undefined), pool });
      const mini = buildMiniSearch(index);
      runs.push({
        info,
        dir,
        ours: asked.map((q) => judgeOurs(index, q)),
        mini: asked.map((q) => judgeMini(mini, q)),
        sections: index.sections.filter(answerable).length,
        unknown: unknownExpectations(index, asked),
      });
    }
  } finally {
    await pool.close();
  }
  return runs;
}

/** The commit the figures come from, and whether src/ had uncommitted changes (the misses file says which code ran). */
function sourceVersion(): string {
  const git = (...args: string[]) => {
    const out = spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim() : null;
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit === null) return 'unknown (not a git checkout)';
  return git('status', '--porcelain', '--', 'src') ? `${commit} + uncommitted changes in src/` : commit;
}

const describeExpect = (e: Expected) =>
  typeof e === 'string' ? e : `${e.file}${e.line === undefined ? '' : `:${e.line}`} › ${e.heading}`;
const where = (s: Section) => `"${s.heading}" (${s.file}:${s.line})`;

/** The misses of ours, one block per question, with what MiniSearch answered beside it. */
export function formatMisses(runs: readonly CorpusRun[], source = sourceVersion()): string {
  const lines = [
    '# /explain misses on the real-notes dev set (written by `npm run bench -- quality`)',
    `# code: ${source}`,
    '# ✗ = our top-1 is wrong; "mini ✓" = MiniSearch got that one right.',
    '',
  ];
  for (const run of runs) {
    if (run.dir === null) {
      lines.push(`## ${run.info.id}: absent (npx tsx bench/quality/fetch-local.ts)`, '');
      continue;
    }
    const t = tally(run.ours);
    lines.push(`## ${run.info.id}: ${t.top1}/${t.answerable} top-1, ${t.rejected}/${t.negatives} negatives rejected`);
    run.ours.forEach((o, i) => {
      const right = o.question.expect === null ? o.rejected : o.top1;
      if (right) return;
      const m = run.mini[i] as Outcome;
      const miniRight = o.question.expect === null ? m.rejected : m.top1;
      lines.push(
        `✗ [${o.question.kind}] ${o.question.q}`,
        `    want: ${o.question.expect === null ? 'not found' : o.question.expect.map(describeExpect).join(' | ')}`,
        `    got:  ${o.got ? where(o.got) : (o.note ?? 'not found')}${o.top3 ? ' (right one in top 3)' : ''}`,
        `    mini: ${m.got ? where(m.got) : 'nothing'}${miniRight ? '  mini ✓' : ''}`,
      );
    });
    for (const u of run.unknown) lines.push(`! ${u}`);
    lines.push('');
  }
  return lines.join('\n');
}

function rowsFor(label: string, ours: readonly Outcome[], mini: readonly Outcome[]): BenchRow[] {
  const o = tally(ours);
  const m = tally(mini);
  const best = bestThreshold(mini);
  const ofAnswerable = (n: number) => `${n}/${o.answerable}`;
  return [
    {
      metric: `${label}: questions`,
      value: o.questions,
      unit: '',
      note: `${o.answerable} answerable, ${o.negatives} not covered`,
    },
    { metric: `${label}: ours top-1`, value: pct(o.top1, o.answerable), unit: '%', note: ofAnswerable(o.top1) },
    { metric: `${label}: ours top-3`, value: pct(o.top3, o.answerable), unit: '%', note: ofAnswerable(o.top3) },
    {
      metric: `${label}: ours negatives rejected`,
      value: pct(o.rejected, o.negatives),
      unit: '%',
      note: `${o.rejected}/${o.negatives}`,
    },
    { metric: `${label}: minisearch top-1`, value: pct(m.top1, m.answerable), unit: '%', note: ofAnswerable(m.top1) },
    { metric: `${label}: minisearch top-3`, value: pct(m.top3, m.answerable), unit: '%', note: ofAnswerable(m.top3) },
    {
      metric: `${label}: minisearch negatives rejected`,
      value: pct(m.rejected, m.negatives),
      unit: '%',
      note: `${m.rejected}/${m.negatives}: it always answers unless no term matches`,
    },
    {
      metric: `${label}: minisearch, best threshold`,
      value: pct(best.rejected, m.negatives),
      unit: '%',
      note: `negatives rejected if scores ≤ ${round(best.threshold, 2)} were "not found" (picked on this set); top-1 then ${pct(best.top1, m.answerable)} %`,
    },
  ];
}

export function qualityReport(runs: readonly CorpusRun[]): BenchReport {
  const present = runs.filter((r) => r.dir !== null);
  const rows: BenchRow[] = [];
  for (const run of runs) {
    if (run.dir === null) {
      rows.push({
        metric: `${run.info.id}: absent`,
        value: 0,
        unit: '',
        note: `local corpus not exported: npx tsx bench/quality/fetch-local.ts`,
      });
      continue;
    }
    rows.push(...rowsFor(run.info.id, run.ours, run.mini));
  }
  const ours = present.flatMap((r) => r.ours);
  const mini = present.flatMap((r) => r.mini);
  // The threshold is picked per corpus (scores of different indexes do not compare), then summed.
  const overall = rowsFor(`overall (${present.length} corpora)`, ours, mini);
  const perCorpus = present.map((r) => bestThreshold(r.mini));
  const m = tally(mini);
  const bestRejected = perCorpus.reduce((sum, b) => sum + b.rejected, 0);
  const bestTop1 = perCorpus.reduce((sum, b) => sum + b.top1, 0);
  overall[overall.length - 1] = {
    metric: `overall (${present.length} corpora): minisearch, best threshold`,
    value: pct(bestRejected, m.negatives),
    unit: '%',
    note: `negatives rejected with each corpus's best threshold (picked on this set); top-1 then ${pct(bestTop1, m.answerable)} %`,
  };
  rows.push(...overall);
  const o = tally(ours);
  rows.push({
    metric: 'overall: ours right answers',
    value: pct(o.top1 + o.rejected, o.questions),
    unit: '%',
    note: `top-1 on answerable + rejected negatives, ${o.top1 + o.rejected}/${o.questions}`,
  });
  const kinds = [...new Set(ours.map((x) => x.question.kind))].sort();
  for (const kind of kinds) {
    const of = (list: readonly Outcome[]) => list.filter((x) => x.question.kind === kind);
    const k = tally(of(ours));
    const km = tally(of(mini));
    const negativeKind = k.answerable === 0;
    rows.push({
      metric: `kind ${kind}: ours ${negativeKind ? 'negatives rejected' : 'top-1'}`,
      value: negativeKind ? pct(k.rejected, k.negatives) : pct(k.top1, k.answerable),
      unit: '%',
      note: negativeKind
        ? `${k.rejected}/${k.negatives} (minisearch ${km.rejected}/${km.negatives})`
        : `${k.top1}/${k.answerable} (minisearch ${km.top1}/${km.answerable})`,
    });
  }
  const unknown = present.flatMap((r) => r.unknown);
  if (unknown.length > 0) {
    rows.push({
      metric: 'question set: questions to fix',
      value: unknown.length,
      unit: '',
      note: 'no expected heading left in the notes: see last-misses.txt',
    });
  }
  return { name: 'notes quality (real notes, bench/quality)', rows };
}

export async function benchQuality(): Promise<BenchReport> {
  const runs = await runQuality();
  writeFileSync(MISSES_FILE, formatMisses(runs));
  return qualityReport(runs);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(formatReport(await benchQuality()));
}
