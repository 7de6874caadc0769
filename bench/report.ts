import type { Db } from '../src/core/context.js';
import { insertRating } from '../src/study/store.js';

/** The shape every benchmark returns, so a runner can print or compare them uniformly. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchReport {
  name: string;
  rows: BenchRow[];
}

/** A plain-text table of a report, for printing. */
export function formatReport(report: BenchReport): string {
  const lines = report.rows.map(
    (row) =>
      `  ${row.metric.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)}${row.note ? `  ${row.note}` : ''}`,
  );
  return [`# ${report.name}`, ...lines].join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function millis(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** p50 and p99 of one run's samples. */
export function p50p99(samples: readonly number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A small deterministic PRNG (an LCG), so every run loads the same data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Ratings for members `m0…m{members-1}`, `perChapter` each on every chapter, with seeded random stars. */
export function seedRatings(
  db: Db,
  o: { guildId: string; members: number; chapters: number; perChapter: number; random: () => number },
): void {
  db.transaction(() => {
    for (let m = 0; m < o.members; m++) {
      for (let chapter = 1; chapter <= o.chapters; chapter++) {
        for (let k = 0; k < o.perChapter; k++) {
          insertRating(db, {
            guildId: o.guildId,
            userId: `m${m}`,
            chapter,
            stars: 1 + Math.floor(o.random() * 5),
            hardPart: null,
            why: null,
            insight: null,
            source: 'rate',
            createdAt: Date.now(),
          });
        }
      }
    }
  })();
}
