import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'writer.ts');
const ACKS_BEFORE_KILL = 2000;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, SIGKILLs it after ACKS_BEFORE_KILL acks, and returns the acked ids and the exit. */
async function burstAndKill(file: string, mode: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, ...mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const acked: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'ready') continue;
    acked.push(Number(line));
    if (acked.length === ACKS_BEFORE_KILL) child.kill('SIGKILL'); // the writer is still inside its loop
  }
  return { acked, exit: await exited, stderr };
}

function missingIds(file: string, ids: number[]): number[] {
  const db = openDatabase(file);
  try {
    const has = db.prepare('SELECT 1 FROM study_logs WHERE id = ?').pluck();
    return ids.filter((id) => has.get(id) === undefined);
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('keeps every acknowledged log after the writer is killed with SIGKILL mid-burst', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'study-crash-'));
    const file = path.join(dir, 'study.db');
    const { acked, exit, stderr } = await burstAndKill(file);
    expect(stderr).toBe('');
    expect(exit.signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    expect(missingIds(file, acked)).toEqual([]);
    const db = openDatabase(file);
    try {
      // The rollups committed in the same transactions as the rows they summarize.
      const logs = db.prepare('SELECT count(*) AS n, sum(minutes) AS m FROM study_logs').get();
      const totals = db.prepare('SELECT sum(entries) AS n, sum(minutes) AS m FROM study_chapter_totals').get();
      const daily = db.prepare('SELECT sum(entries) AS n, sum(minutes) AS m FROM study_daily').get();
      expect(totals).toEqual(logs);
      expect(daily).toEqual(logs);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('catches a writer that acknowledges before committing (the check above can fail)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'study-crash-'));
    const file = path.join(dir, 'study.db');
    const { acked, exit } = await burstAndKill(file, ['ack-before-commit']);
    expect(exit.signal).toBe('SIGKILL');
    expect(missingIds(file, acked).length).toBeGreaterThan(0);
  });
});
