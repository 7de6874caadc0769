import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { openDatabase } from '../../src/db/connection.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'writer.ts');
const ACKS_BEFORE_KILL = 2000;
/**
 * The broken writers hold one ever-growing transaction: past SQLite's page cache every statement spills pages to the
 * WAL again (tens of MB after ~1000 acks) and the writer crawls, so they are killed sooner.
 */
const CONTROL_ACKS_BEFORE_KILL = 300;
/** Each test starts a tsx child and waits for thousands of commits: generous for a loaded CI machine. */
const TIMEOUT_MS = 90_000;

type Kind = 'logs' | 'ratings' | 'quiz';

let dir: string;
let running: ChildProcess | undefined;
afterEach(() => {
  // A test that failed or timed out must not leave its endless writer behind.
  if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer, SIGKILLs it after `killAfter` acks, and returns the ack lines and the exit. */
async function burstAndKill(kind: Kind, mode: string[] = [], killAfter = ACKS_BEFORE_KILL) {
  dir = mkdtempSync(path.join(tmpdir(), 'study-crash-'));
  const file = path.join(dir, 'study.db');
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, kind, ...mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const acks: string[][] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'ready') continue;
    acks.push(line.split(' '));
    if (acks.length === killAfter) child.kill('SIGKILL'); // the writer is still inside its loop
  }
  return { file, acks, exit: await exited, stderr };
}

function inspect<T>(file: string, fn: (db: Db) => T): T {
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Acked ids missing from `table`. */
function missingIds(file: string, table: string, acks: string[][]): number[] {
  return inspect(file, (db) => {
    const has = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck();
    return acks.map((a) => Number(a[1])).filter((id) => has.get(id) === undefined);
  });
}

/**
 * Acked quiz answers missing or not saved with their last acked choice, and answers of acked (scored) rounds that
 * have no points.
 */
function missingQuizWrites(file: string, acks: string[][]) {
  const lastChoice = new Map<string, { quizId: number; userId: string; round: number; choice: number }>();
  const scored = new Set<string>();
  for (const [kind, quizId, a, b, c] of acks) {
    if (kind === 'answer') {
      lastChoice.set(`${quizId} ${a} ${b}`, {
        quizId: Number(quizId),
        userId: a ?? '',
        round: Number(b),
        choice: Number(c),
      });
    }
    if (kind === 'scored') scored.add(`${quizId} ${a}`);
  }
  return inspect(file, (db) => {
    const saved = db.prepare('SELECT choice, points FROM quiz_results WHERE quiz_id = ? AND user_id = ? AND round = ?');
    const answers: string[] = [];
    const unscored: string[] = [];
    for (const [key, want] of lastChoice) {
      const row = saved.get(want.quizId, want.userId, want.round) as
        { choice: number; points: number | null } | undefined;
      if (row?.choice !== want.choice) answers.push(key);
      if (scored.has(`${want.quizId} ${want.round}`) && (row?.points ?? null) === null) unscored.push(key);
    }
    return { answers, unscored, acked: { answers: lastChoice.size, rounds: scored.size } };
  });
}

function expectKilledCleanly(r: Awaited<ReturnType<typeof burstAndKill>>) {
  expect(r.stderr).toBe('');
  expect(r.exit.signal).toBe('SIGKILL');
  expect(r.acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(inspect(r.file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
}

describe('durability', { timeout: TIMEOUT_MS }, () => {
  it('keeps every acknowledged log after the writer is killed with SIGKILL mid-burst', async () => {
    const r = await burstAndKill('logs');
    expectKilledCleanly(r);
    expect(missingIds(r.file, 'study_logs', r.acks)).toEqual([]);
    inspect(r.file, (db) => {
      // The rollups committed in the same transactions as the rows they summarize.
      const logs = db.prepare('SELECT count(*) AS n, sum(minutes) AS m FROM study_logs').get();
      const totals = db.prepare('SELECT sum(entries) AS n, sum(minutes) AS m FROM study_chapter_totals').get();
      const daily = db.prepare('SELECT sum(entries) AS n, sum(minutes) AS m FROM study_daily').get();
      expect(totals).toEqual(logs);
      expect(daily).toEqual(logs);
    });
  });

  it('keeps every acknowledged rating after the writer is killed with SIGKILL mid-burst', async () => {
    const r = await burstAndKill('ratings');
    expectKilledCleanly(r);
    expect(missingIds(r.file, 'study_ratings', r.acks)).toEqual([]);
  });

  it('keeps every acknowledged quiz answer (its last choice) and every scored round after SIGKILL', async () => {
    const r = await burstAndKill('quiz');
    expectKilledCleanly(r);
    const missing = missingQuizWrites(r.file, r.acks);
    expect(missing.acked.answers).toBeGreaterThan(1000);
    expect(missing.acked.rounds).toBeGreaterThan(50);
    expect(missing.answers).toEqual([]);
    expect(missing.unscored).toEqual([]);
  });

  it.each<[Kind, string]>([
    ['logs', 'study_logs'],
    ['ratings', 'study_ratings'],
  ])('catches a %s writer that acknowledges before committing (the checks above can fail)', async (kind, table) => {
    const r = await burstAndKill(kind, ['ack-before-commit'], CONTROL_ACKS_BEFORE_KILL);
    expect(r.exit.signal).toBe('SIGKILL');
    expect(missingIds(r.file, table, r.acks).length).toBeGreaterThan(0);
  });

  it('catches a quiz writer that acknowledges before committing', async () => {
    const r = await burstAndKill('quiz', ['ack-before-commit'], CONTROL_ACKS_BEFORE_KILL);
    expect(r.exit.signal).toBe('SIGKILL');
    const missing = missingQuizWrites(r.file, r.acks);
    expect(missing.answers.length).toBeGreaterThan(0);
    expect(missing.unscored.length).toBeGreaterThan(0);
  });
});
