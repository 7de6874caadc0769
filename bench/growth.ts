/**
 * Growth: how the cost of each command grows with the data, at 1×, 10× and 100×.
 * - notes: a generated corpus (src/notes/corpus.ts) of 100 KB, 1 MB and 10 MB: index build (a build: linear at
 *   worst), `/explain` through the real handler (dispatcher + search + reply; a lookup: close to flat), and `/quiz`
 *   generation of 10 questions (a build over the quizzable sections);
 * - study data: 10, 100 and 1 000 members with 10 000, 100 000 and 1 000 000 log rows (over a year, 10 chapters,
 *   one rating per member and chapter) through the real insert path: `/progress` (one member: a lookup) and `/group`
 *   (the top members it shows, from the rollups of migration 004: a lookup) query latency, database part only,
 *   after a WAL checkpoint.
 * Each latency is p50/p99 over many runs after a warm-up; ratios are against 1× in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRegistry, runCommand } from '../src/commands/dispatch.js';
import { explainCommand, explainComponents } from '../src/commands/explain.js';
import type { InteractionContext, Services } from '../src/commands/types.js';
import { silentLogger, systemClock } from '../src/core/context.js';
import { openDatabase } from '../src/db/connection.js';
import { translator } from '../src/i18n/index.js';
import { corpusQueries, generateCorpus } from '../src/notes/corpus.js';
import { buildIndex } from '../src/notes/build.js';
import type { NotesIndex } from '../src/notes/types.js';
import { generateQuestions } from '../src/quiz/generate.js';
import type { Book } from '../src/study/book.js';
import { groupBoard, PERIODS, progress } from '../src/study/stats.js';
import { insertLog } from '../src/study/store.js';
import { addDays } from '../src/study/time.js';
import {
  formatReport,
  median,
  millis,
  p50p99,
  rng,
  round,
  seedRatings,
  type BenchReport,
  type BenchRow,
} from './report.js';

const SCALES = [1, 10, 100] as const;
const NOTES_BYTES_1X = 100_000;
const MEMBERS_1X = 10;
const ROWS_1X = 10_000;
const CHAPTERS = 10;
const DAYS = 365;
const TODAY = '2026-11-28';
const GUILD = 'growth-guild';
const QUERIES = corpusQueries(300);
const t = translator('ko');

const book: Book = {
  title: 'growth',
  chapters: Array.from({ length: CHAPTERS }, (_, i) => ({ number: i + 1, title: `Chapter ${i + 1}` })),
};

/** p50/p99 of `fn` over `runs` calls after a warm-up. */
async function latency(runs: number, fn: (i: number) => unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(millis(start));
  }
  return p50p99(samples);
}

interface NotesFigures {
  kib: number;
  sections: number;
  buildMs: number;
  explain: { p50: number; p99: number };
  quizMs: number;
}

async function measureNotes(scale: number): Promise<NotesFigures> {
  const files = generateCorpus({ targetBytes: NOTES_BYTES_1X * scale });
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const builds: number[] = [];
  let index: NotesIndex | undefined;
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    index = buildIndex(files);
    builds.push(millis(start));
  }
  const notes = index as NotesIndex;

  // /explain through the dispatcher and the real handler: search, section rendering, related buttons.
  const registry = createRegistry([explainCommand], explainComponents);
  const services = { clock: systemClock, logger: silentLogger, notes: { index: notes } } as unknown as Services;
  const ctx: InteractionContext = {
    guildId: GUILD,
    inGuild: true,
    channelId: 'c',
    user: { id: 'u', name: 'u' },
    locale: 'ko',
    t,
    isAdmin: false,
    services,
    channel: { send: async () => ({ channelId: 'c', messageId: '1' }), edit: async () => {} },
    fetchAttachment: async () => Buffer.alloc(0),
  };
  const explain = await latency(QUERIES.length * 2, (i) =>
    runCommand(registry, ctx, { name: 'explain', options: { question: QUERIES[i % QUERIES.length] } }),
  );

  generateQuestions(notes, { count: 10, seed: 'warmup', t });
  const quizzes: number[] = [];
  for (let seed = 1; seed <= 7; seed++) {
    const start = process.hrtime.bigint();
    generateQuestions(notes, { count: 10, seed, t });
    quizzes.push(millis(start));
  }
  return {
    kib: Math.round(bytes / 1024),
    sections: notes.sections.length,
    buildMs: median(builds),
    explain,
    quizMs: median(quizzes),
  };
}

interface StudyFigures {
  members: number;
  rows: number;
  progress: { p50: number; p99: number };
  group: { p50: number; p99: number };
}

function measureStudy(scale: number): StudyFigures {
  const dir = mkdtempSync(path.join(tmpdir(), 'growth-bench-'));
  const db = openDatabase(path.join(dir, 'growth.db'));
  try {
    const members = MEMBERS_1X * scale;
    const rows = ROWS_1X * scale;
    const random = rng(42);
    const firstDay = addDays(TODAY, -DAYS + 1);
    const days = Array.from({ length: DAYS }, (_, i) => addDays(firstDay, i));
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        insertLog(db, {
          guildId: GUILD,
          userId: `m${Math.floor(random() * members)}`,
          chapter: 1 + Math.floor(random() * CHAPTERS),
          minutes: 1 + Math.floor(random() * 120),
          day: days[Math.floor(random() * DAYS)] ?? TODAY,
          memo: null,
          source: 'log',
          createdAt: Date.now(),
        });
      }
    })();
    seedRatings(db, { guildId: GUILD, members, chapters: CHAPTERS, perChapter: 1, random });
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const runs = 200;
    const sync = (fn: (i: number) => unknown) => {
      for (let i = 0; i < 20; i++) fn(i);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        fn(i);
        samples.push(millis(start));
      }
      return p50p99(samples);
    };
    return {
      members,
      rows,
      progress: sync((i) => progress(db, book, GUILD, `m${(i * 7) % members}`, TODAY)),
      group: sync((i) => groupBoard(db, book, GUILD, PERIODS[i % PERIODS.length] ?? 'week', TODAY)),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ratio = (value: number, base: number) => `${round(value / Math.max(base, 1e-6), 1)}× of 1×`;

export async function benchGrowth(): Promise<BenchReport> {
  const notes: NotesFigures[] = [];
  const study: StudyFigures[] = [];
  for (const scale of SCALES) {
    notes.push(await measureNotes(scale));
    study.push(measureStudy(scale));
  }
  const rows: BenchRow[] = [];
  const [n1, s1] = [notes[0] as NotesFigures, study[0] as StudyFigures];
  SCALES.forEach((scale, i) => {
    const n = notes[i] as NotesFigures;
    const s = study[i] as StudyFigures;
    const at = `${scale}×`;
    rows.push(
      {
        metric: `${at} notes index build`,
        value: round(n.buildMs, 1),
        unit: 'ms',
        note: `${n.kib} KiB, ${n.sections} sections; ${ratio(n.buildMs, n1.buildMs)}`,
      },
      {
        metric: `${at} /explain p50 (handler)`,
        value: round(n.explain.p50),
        unit: 'ms',
        note: ratio(n.explain.p50, n1.explain.p50),
      },
      {
        metric: `${at} /explain p99 (handler)`,
        value: round(n.explain.p99),
        unit: 'ms',
        note: ratio(n.explain.p99, n1.explain.p99),
      },
      {
        metric: `${at} /quiz generate 10 questions`,
        value: round(n.quizMs),
        unit: 'ms',
        note: `median of 7 seeds; ${ratio(n.quizMs, n1.quizMs)}`,
      },
      {
        metric: `${at} /progress query p50`,
        value: round(s.progress.p50),
        unit: 'ms',
        note: `${s.members} members, ${s.rows.toLocaleString('en')} rows; ${ratio(s.progress.p50, s1.progress.p50)}`,
      },
      {
        metric: `${at} /progress query p99`,
        value: round(s.progress.p99),
        unit: 'ms',
        note: ratio(s.progress.p99, s1.progress.p99),
      },
      {
        metric: `${at} /group query p50`,
        value: round(s.group.p50),
        unit: 'ms',
        note: `week/month/all; ${ratio(s.group.p50, s1.group.p50)}`,
      },
      {
        metric: `${at} /group query p99`,
        value: round(s.group.p99),
        unit: 'ms',
        note: ratio(s.group.p99, s1.group.p99),
      },
    );
  });
  return { name: 'growth: cost at 1×, 10×, 100× the data (notes size, members, log rows)', rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchGrowth()));
}
