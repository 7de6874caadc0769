/**
 * Study benchmark on a real SQLite file with 1 M log rows (40 members × 10 chapters over 2 years):
 * - inserts/s through the real insert path (prepared statement + rollup triggers), in batches of 10 000 per
 *   transaction (the bulk load) and one commit per entry (what `/log add` does);
 * - `/progress` and `/group` query latency (p50/p99 over 300 runs, members and periods varied), the database
 *   part only, after a WAL checkpoint (the bot's steady state) and right after the load; charts are reported apart.
 * Targets: ≥ 10 k inserts/s, < 10 ms per query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/connection.js';
import type { Book } from '../src/study/book.js';
import { renderMatrixChart, renderProgressChart } from '../src/study/charts.js';
import { groupBoard, progress, PERIODS } from '../src/study/stats.js';
import { insertLog } from '../src/study/store.js';
import { addDays } from '../src/study/time.js';
import { formatReport, millis, percentile, rng, round, seedRatings, type BenchReport } from './report.js';

const ROWS = 1_000_000;
const BATCH = 10_000;
const MEMBERS = 40;
const CHAPTERS = 10;
const DAYS = 730;
const SINGLE_COMMITS = 5_000;
const QUERY_RUNS = 300;
const TODAY = '2026-11-28';
const GUILD = 'bench-guild';

const book: Book = {
  title: 'bench',
  chapters: Array.from({ length: CHAPTERS }, (_, i) => ({ number: i + 1, title: `Chapter ${i + 1}` })),
};

const now = () => process.hrtime.bigint();

function timeRuns(runs: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < 20; i++) fn(i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn(i);
    out.push(millis(start));
  }
  return out.sort((a, b) => a - b);
}

export async function benchStudy(): Promise<BenchReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'study-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const random = rng(42);
    const firstDay = addDays(TODAY, -DAYS + 1);
    const days = Array.from({ length: DAYS }, (_, i) => addDays(firstDay, i));
    const row = () => ({
      guildId: GUILD,
      userId: `m${Math.floor(random() * MEMBERS)}`,
      chapter: 1 + Math.floor(random() * CHAPTERS),
      minutes: 1 + Math.floor(random() * 120),
      day: days[Math.floor(random() * DAYS)] ?? TODAY,
      memo: null,
      source: 'log' as const,
      createdAt: Date.now(),
    });

    const bulk = db.transaction((n: number) => {
      for (let i = 0; i < n; i++) insertLog(db, row());
    });
    const loadStart = now();
    for (let done = 0; done < ROWS; done += BATCH) bulk(Math.min(BATCH, ROWS - done));
    const loadMs = millis(loadStart);

    const singleStart = now();
    for (let i = 0; i < SINGLE_COMMITS; i++) insertLog(db, row());
    const singleMs = millis(singleStart);

    seedRatings(db, { guildId: GUILD, members: MEMBERS, chapters: CHAPTERS, perChapter: 3, random });
    db.pragma('optimize');

    const runProgress = () => timeRuns(QUERY_RUNS, (i) => progress(db, book, GUILD, `m${i % MEMBERS}`, TODAY));
    const runGroup = () => timeRuns(QUERY_RUNS, (i) => groupBoard(db, book, GUILD, PERIODS[i % 3] ?? 'week', TODAY));
    // Right after the bulk load the WAL holds ~1 M rows of frames; the bot's steady state is checkpointed.
    const progressHotWal = runProgress();
    const groupHotWal = runGroup();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const progressTimes = runProgress();
    const groupTimes = runGroup();
    const p = progress(db, book, GUILD, 'm0', TODAY);
    const g = groupBoard(db, book, GUILD, 'all', TODAY);
    const chartTimes = timeRuns(20, () => {
      renderProgressChart(p, { title: 'm0', daily: 'daily', stars: 'stars', minutes: 'min' });
      renderMatrixChart(g, { title: 'group', chapter: 'chapter', average: 'avg' });
    });
    const total = db.prepare('SELECT count(*) FROM study_logs').pluck().get() as number;

    return {
      name: `study (${total.toLocaleString('en')} log rows, ${MEMBERS} members × ${CHAPTERS} chapters × ${DAYS} days)`,
      rows: [
        {
          metric: 'inserts/s, 10 000 per transaction',
          value: Math.round(ROWS / (loadMs / 1000)),
          unit: 'rows/s',
          note: 'target ≥ 10 000; triggers keep rollups',
        },
        {
          metric: 'inserts/s, one commit per entry (/log add)',
          value: Math.round(SINGLE_COMMITS / (singleMs / 1000)),
          unit: 'rows/s',
          note: `WAL, synchronous=NORMAL, ${SINGLE_COMMITS} entries`,
        },
        {
          metric: '/progress query p50',
          value: round(percentile(progressTimes, 50)),
          unit: 'ms',
          note: `${QUERY_RUNS} runs, 40 members`,
        },
        { metric: '/progress query p99', value: round(percentile(progressTimes, 99)), unit: 'ms', note: 'target < 10' },
        { metric: '/group query p50', value: round(percentile(groupTimes, 50)), unit: 'ms', note: 'week/month/all' },
        { metric: '/group query p99', value: round(percentile(groupTimes, 99)), unit: 'ms', note: 'target < 10' },
        {
          metric: '/progress query p99, WAL not checkpointed',
          value: round(percentile(progressHotWal, 99)),
          unit: 'ms',
          note: `p50 ${round(percentile(progressHotWal, 50))} ms, right after the load`,
        },
        {
          metric: '/group query p99, WAL not checkpointed',
          value: round(percentile(groupHotWal, 99)),
          unit: 'ms',
          note: `p50 ${round(percentile(groupHotWal, 50))} ms, right after the load`,
        },
        {
          metric: 'charts (progress + matrix PNG) p50',
          value: round(percentile(chartTimes, 50)),
          unit: 'ms',
          note: 'not part of the query target',
        },
      ],
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchStudy()));
}
