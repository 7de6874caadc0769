/**
 * Helpers for the storage fault tests: a study harness whose services use a connection the test chose (short busy
 * timeout, read-only, capped size), a child process to talk to line by line, and the member-facing message checks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Db } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import type { StudyEnv } from '../study/support.js';

/** Makes the harness's commands use `db` (the harness's own connection stays open for cleanup). */
export function useDb(env: StudyEnv, db: Db): void {
  env.services.db = db;
  env.deps.db = db;
}

export const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The error id in a storage reply, so the exact translated text can be compared. */
export function errorIdOf(reply: Reply): string {
  return /`([0-9a-f]{8})`/.exec(reply.content ?? '')?.[1] ?? 'no id';
}

export interface LineChild {
  child: ChildProcess;
  /** Resolves with the next stdout line (rejects if the child exits first). */
  nextLine(): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns a TypeScript fixture under tsx and reads its stdout line by line. */
export function spawnFixture(script: string, args: string[]): LineChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    exited,
    async nextLine() {
      const next = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: undefined }))]);
      if (next.done) throw new Error(`fixture exited before writing a line: ${stderr}`);
      return next.value as string;
    },
  };
}
