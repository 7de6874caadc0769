/**
 * Markdown from outside the code (template uploads, notes files) is parsed on a worker thread with its own heap
 * limit and a wall-clock timeout, so no document can block the event loop or exhaust the bot's heap: a parse that
 * runs too long or out of memory ends that worker (a fresh one takes the next document) and rejects with a
 * ParseLimitError. Callers bound the input first (limits.ts); this is the net for what those bounds miss.
 *
 * One worker, parsing one document at a time: parsing is CPU-bound and the machine the bot runs on is small. The
 * next document is posted before the worker answers the current one (IN_FLIGHT), and each timeout starts when its
 * document's turn comes, so it still means one document's parse. Interactive work (a member's upload) goes ahead of
 * queued notes files. The worker is started on first use, stops after a while idle, and never keeps the process
 * alive alone.
 * Hand-written because the libraries (piscina, workerpool) add queues and pools we do not need, and neither kills
 * a task on a timeout without the same terminate-and-respawn done here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Section } from '../notes/types.js';
import type { ParsedTemplate } from '../study/template.js';

export type ParseRequest =
  | { id: number; kind: 'notes'; file: string; text: string; dir: string; recordHeadings?: readonly string[] }
  | { id: number; kind: 'template'; text: string };

export type ParseResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

type Job = ParseRequest extends infer R ? (R extends ParseRequest ? Omit<R, 'id'> : never) : never;

/** Why a document could not be parsed: it ran past its time, ran the worker out of memory, or broke the parser. */
export class ParseLimitError extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'ParseLimitError';
  }
}

export interface PoolOptions {
  /** Heap of the worker (old generation), MB. */
  maxHeapMb?: number;
  /** Time one template upload may take to parse, ms. */
  templateTimeoutMs?: number;
  /** Time one notes file may take to parse, ms. */
  notesTimeoutMs?: number;
  /** The worker stops after this long without work, ms. */
  idleMs?: number;
}

export const POOL_DEFAULTS = {
  maxHeapMb: 256,
  templateTimeoutMs: 2_000,
  notesTimeoutMs: 10_000,
  idleMs: 2_000,
} as const satisfies Required<PoolOptions>;

/** Jobs posted to the worker at once (see pump). */
const IN_FLIGHT = 2;

export interface MarkdownPool {
  parseNotes(
    file: string,
    text: string,
    options: { dir: string; recordHeadings?: readonly string[] },
  ): Promise<Section[]>;
  parseTemplate(text: string): Promise<ParsedTemplate>;
  /** Workers started so far (a timeout or crash starts a new one): for tests. */
  readonly started: number;
  close(): Promise<void>;
}

interface Pending {
  job: Job;
  urgent: boolean;
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's script: plain `worker.js` when built; in development (this file is `.ts`, run through tsx) a
 * bootstrap that registers tsx's loader in the worker first, since a loader given as `--import` in a worker's
 * execArgv does not apply to the worker's own entry module on Node 20.
 */
function newWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // tsx's `tsx/esm/api` export (its import condition), found from this package's own node_modules.
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Node options about the process's own input: a worker given them cannot start (`--input-type` needs `-e`). */
const INPUT_OPTIONS = new Set(['-e', '--eval', '-p', '--print', '--input-type']);
/** Options that load code (tsx, a loader, conditions): the only ones a worker keeps when input options are dropped. */
const LOADER_OPTIONS = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
]);

/**
 * The worker's node options: undefined (it inherits this process's, as Node filters them) unless this process was
 * given its input on the command line (`node --input-type=module -e …`), which a worker inherits and then fails to
 * start with, so that every notes file was skipped as unparsable. Then only the options that load code are kept:
 * Node refuses V8 and process options given to a worker explicitly.
 */
export function workerExecArgv(parent: readonly string[]): string[] | undefined {
  const name = (arg: string) => arg.split('=')[0] as string;
  if (!parent.some((arg) => INPUT_OPTIONS.has(name(arg)))) return undefined;
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i] as string;
    const takesValue = !arg.includes('=');
    if (LOADER_OPTIONS.has(name(arg))) kept.push(...(takesValue ? [arg, parent[i + 1] ?? ''] : [arg]));
    if ((LOADER_OPTIONS.has(name(arg)) || INPUT_OPTIONS.has(name(arg))) && takesValue) i++;
  }
  return kept;
}

export function createMarkdownPool(options: PoolOptions = {}): MarkdownPool {
  const settings = { ...POOL_DEFAULTS, ...options };
  const queue: Pending[] = [];
  let worker: Worker | null = null;
  // Jobs posted to the worker, in order: the head is the one it is parsing, whose timer runs.
  const inFlight: (Pending & { id: number })[] = [];
  let headTimer: NodeJS.Timeout | null = null;
  let idle: NodeJS.Timeout | null = null;
  let nextId = 1;
  let started = 0;
  let closed = false;

  const stopWorker = (w: Worker) => {
    if (worker === w) worker = null;
    w.removeAllListeners();
    w.on('error', () => {}); // a late error from a worker being terminated must not become an uncaught one
    void w.terminate();
  };

  /** Starts the head's clock: the worker begins a job when it has answered the one before. */
  const timeHead = () => {
    if (headTimer) clearTimeout(headTimer);
    headTimer = null;
    const head = inFlight[0];
    const w = worker;
    if (!head || !w) return;
    headTimer = setTimeout(() => {
      stopWorker(w);
      settle(head.id, { error: new ParseLimitError('timeout', `took longer than ${head.timeoutMs} ms`) }, true);
    }, head.timeoutMs);
  };

  /**
   * Ends the head job (if it is `id`) and moves on. When the worker was stopped with it (`lost`), the jobs posted
   * behind the head go back to the front of the queue, for the next worker.
   */
  const settle = (id: number, outcome: { value: unknown } | { error: Error }, lost = false) => {
    const head = inFlight[0];
    if (!head || head.id !== id) return;
    inFlight.shift();
    if (lost) queue.unshift(...inFlight.splice(0));
    if ('error' in outcome) head.reject(outcome.error);
    else head.resolve(outcome.value);
    timeHead();
    pump();
  };

  const execArgv = workerExecArgv(process.execArgv);
  const spawn = (): Worker => {
    const w = newWorker({
      ...(execArgv ? { execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: settings.maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    started++;
    w.on('message', (response: ParseResponse) => {
      if (response.ok) settle(response.id, { value: response.value });
      else settle(response.id, { error: new ParseLimitError('failed', response.error) });
    });
    const fail = (error: Error) => {
      stopWorker(w);
      const head = inFlight[0];
      if (!head) return;
      const memory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(
        head.id,
        memory
          ? { error: new ParseLimitError('memory', `ran out of memory (${settings.maxHeapMb} MB)`) }
          : { error: new ParseLimitError('failed', error.message) },
        true,
      );
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (worker === w) fail(new Error(`parser worker exited (${code})`));
    });
    return w;
  };

  const pump = () => {
    if (closed) return;
    if (queue.length === 0) {
      if (inFlight.length > 0) return;
      // Nothing to do: let the process exit without us, and free the worker's heap after a while.
      worker?.unref();
      if (worker && !idle) {
        const w = worker;
        idle = setTimeout(() => {
          idle = null;
          if (inFlight.length === 0 && queue.length === 0) stopWorker(w);
        }, settings.idleMs);
        idle.unref();
      }
      return;
    }
    if (idle) clearTimeout(idle);
    idle = null;
    worker ??= spawn();
    worker.ref();
    // Two jobs in flight: the worker finds the next document waiting when it answers, instead of idling for the
    // answer's round trip through this thread (about a third of a cold load's parse time when one at a time).
    while (inFlight.length < IN_FLIGHT) {
      const next = queue.shift();
      if (!next) break;
      const job = { ...next, id: nextId++ };
      inFlight.push(job);
      worker.postMessage({ ...next.job, id: job.id } as ParseRequest);
      if (inFlight.length === 1) timeHead();
    }
  };

  const submit = <T>(job: Job, timeoutMs: number, urgent: boolean): Promise<T> => {
    if (closed) return Promise.reject(new ParseLimitError('failed', 'the markdown parser is closed'));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { job, urgent, timeoutMs, resolve: resolve as (value: unknown) => void, reject };
      // Urgent jobs in arrival order, ahead of every queued notes file.
      const at = urgent ? queue.findIndex((p) => !p.urgent) : -1;
      if (at === -1) queue.push(pending);
      else queue.splice(at, 0, pending);
      pump();
    });
  };

  return {
    parseNotes: (file, text, { dir, recordHeadings }) =>
      submit<Section[]>(
        { kind: 'notes', file, text, dir, ...(recordHeadings ? { recordHeadings: [...recordHeadings] } : {}) },
        settings.notesTimeoutMs,
        false,
      ),
    parseTemplate: (text) => submit<ParsedTemplate>({ kind: 'template', text }, settings.templateTimeoutMs, true),
    get started() {
      return started;
    },
    async close() {
      closed = true;
      if (idle) clearTimeout(idle);
      const error = new ParseLimitError('failed', 'the markdown parser was closed');
      for (const pending of queue.splice(0)) pending.reject(error);
      if (headTimer) clearTimeout(headTimer);
      for (const job of inFlight.splice(0)) job.reject(error);
      if (worker) {
        const w = worker;
        worker = null;
        w.removeAllListeners();
        w.on('error', () => {});
        await w.terminate();
      }
    },
  };
}

let shared: MarkdownPool | null = null;

/** The process's parser, shared by the notes loader and template imports. */
export function sharedMarkdownPool(): MarkdownPool {
  shared ??= createMarkdownPool();
  return shared;
}
