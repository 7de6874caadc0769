/**
 * Memory of the running bot under load: the real entry point (`node --import tsx src/main.ts`, what `npm start` runs)
 * in a CHILD process, so its RSS is the bot's own, against a FakeDiscord in this process. It sends 10 000
 * interactions — /explain (Korean and English), autocomplete and button clicks on earlier answers, from 20 members —
 * and reads the child's VmRSS from /proc/<pid>/status at checkpoints (5 000 and 10 000).
 *
 * Settling: the bot exposes no GC hook (and should not grow one for a benchmark), so each reading is taken once every
 * reply of the batch arrived and the bot logged handling it, then RSS is sampled over a second and the last sample
 * kept (measured: idle for 15 s after 10 000 interactions, RSS moved by < 0.1 MB, so longer settling changes nothing).
 * Targets: < 150 MB at 10 000, and growth between 5 000 and 10 000 under 10 % (V8 grows and returns heap in
 * steps, so a small tolerance separates "plateau" from "leak": a leak of even 1 KB per interaction is 5 MB here).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/config.js';
import { POOL_DEFAULTS } from '../src/markdown/pool.js';
import { generateCorpus } from '../src/notes/corpus.js';
import { FakeDiscord, type FakeInteraction, type InteractionResponse } from '../tests/support/fake-discord.js';
import { formatReport, round, type BenchReport } from './report.js';

type Json = Record<string, unknown>;

export const RSS_LIMIT_MB = 150;
export const GROWTH_TOLERANCE = 0.1;

const QUESTIONS = [
  '이미지 이름 규칙',
  '도커 클라이언트',
  '컨테이너',
  '도커 호스트',
  'docker image inspect',
  '컨테이너 라이프사이클',
  '프라이빗 레지스트리는 어디서 접속해?',
  'image and container relationship',
  '메타데이터에는 뭐가 들어있어?',
  '파이썬 GIL', // not covered: the "not found" answer with suggestion buttons
];
const PREFIXES = ['ㅇㅁㅈ', '도커', '컨', 'image', 'ㄷㅋ', '레지'];
const MEMBERS = Array.from({ length: 20 }, (_, i) => ({
  id: `5000000000000000${String(i).padStart(2, '0')}`,
  username: `member${i}`,
  globalName: `멤버 ${i}`,
}));

export interface MemoryRun {
  /** RSS in MB after each checkpoint's interactions. */
  readings: { after: number; rssMb: number; samples: number[] }[];
  interactions: number;
  violations: number;
  /** Interactions whose accepted callbacks were not exactly one. */
  answeredOtherThanOnce: number;
  elapsedMs: number;
}

/** SIGTERM, then waits for the exit (nothing to do when the child is gone or was never started). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** VmRSS of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

/**
 * `npm start` (package.json's start script) as environment variables and node arguments, so the benches measure
 * exactly what it runs: `[VAR=value …] node args…`.
 */
export function startScript(): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0]?.includes('=')) {
    const [name, ...value] = (words.shift() as string).split('=');
    env[name as string] = value.join('=');
  }
  const [node, ...args] = words;
  if (node !== 'node') throw new Error(`npm start is not a plain node command: ${pkg.scripts.start}`);
  return { env, args };
}

const startCommand = (): string[] => startScript().args;

/** Starts the bot from its real entry point against `fake`; resolves once it registered its commands. */
async function spawnBot(
  fake: FakeDiscord,
  dir: string,
  nodeArgs: string[],
  entry: string[],
  onLine: (line: string) => void = () => {},
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; handled: (n: number) => Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...startScript().env,
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guild.id,
      DATABASE_PATH: path.join(dir, 'memory.db'),
      BACKUP_DIR: path.join(dir, 'backups'),
      LOG_LEVEL: 'info', // as deployed: one JSON line per interaction
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Count "interaction handled" log lines (also drains stdout so the bot never blocks on a full pipe).
  let handled = 0;
  const progress = new EventEmitter();
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      onLine(line);
      if (line.includes('"msg":"interaction')) progress.emit('handled', ++handled);
    });
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`bot exited early (${code}): ${stderr}`))),
  );
  exited.catch(() => {});
  await Promise.race([
    fake.waitFor('request', (r) => r.method === 'PUT' && r.path.includes('/commands'), 60_000),
    exited,
  ]);
  return {
    child,
    async handled(n) {
      while (handled < n) await once(progress, 'handled');
    },
  };
}

const buttonIds = (r: InteractionResponse): string[] =>
  ((r.message?.components as Json[] | undefined) ?? [])
    .flatMap((row) => (row.components as Json[] | undefined) ?? [])
    .map((b) => String(b.custom_id ?? ''))
    .filter((id) => id.startsWith('v1:'));

/**
 * Sends interactions up to the last checkpoint with `concurrency` in flight, reading the bot's RSS at each one.
 * Mix per 10: 5 /explain, 3 autocomplete, 2 button clicks on a recent answer.
 */
export async function measureMemory(options: {
  checkpoints: number[];
  concurrency?: number;
  samples?: number;
  sampleEveryMs?: number;
  /** Extra node flags for the bot (diagnosis, e.g. `--trace-gc`); none by default: measure what `npm start` runs. */
  nodeArgs?: string[];
  /** What node runs; default the real entry point through tsx, as `npm start` does. */
  entry?: string[];
  /** Receives every line the bot writes to stdout (diagnosis). */
  onLine?: (line: string) => void;
}): Promise<MemoryRun> {
  const { checkpoints, concurrency = 4, samples = 5, sampleEveryMs = 250, nodeArgs = [] } = options;
  const entry = options.entry ?? startCommand();
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-memory-'));
  const fake = await FakeDiscord.start({ rateLimit: { limit: 1_000_000, windowMs: 1000 } });
  let child: ChildProcess | undefined;
  const started = performance.now();
  try {
    const bot = await spawnBot(fake, dir, nodeArgs, entry, options.onLine);
    child = bot.child;
    const pid = child.pid ?? 0;
    /** Recent answers that carry buttons, to click on (bounded, so the driver does not grow either). */
    const withButtons: { message: Json; customId: string }[] = [];

    const one = async (i: number): Promise<void> => {
      const user = MEMBERS[i % MEMBERS.length];
      const locale = i % 3 === 0 ? 'en-US' : 'ko';
      const kind = i % 10;
      let ix: FakeInteraction;
      if (kind >= 8 && withButtons.length > 0) {
        const target = withButtons[i % withButtons.length] as { message: Json; customId: string };
        ix = await fake.clickButton({ customId: target.customId, message: target.message, user, locale });
      } else if (kind >= 5) {
        const prefix = PREFIXES[i % PREFIXES.length] as string;
        ix = await fake.sendAutocomplete({ name: 'explain', options: { question: prefix }, focused: 'question', user });
        await ix.firstResponse();
        return;
      } else {
        const question = QUESTIONS[i % QUESTIONS.length] as string;
        ix = await fake.sendCommand({ name: 'explain', options: { question }, user, locale });
      }
      const reply = await ix.waitForReply();
      const ids = buttonIds(reply);
      if (reply.message && ids.length > 0) {
        withButtons.push({ message: reply.message, customId: ids[i % ids.length] as string });
        if (withButtons.length > 50) withButtons.shift();
      }
    };

    const readings: MemoryRun['readings'] = [];
    let sent = 0;
    for (const checkpoint of [...checkpoints].sort((a, b) => a - b)) {
      const workers = Array.from({ length: concurrency }, async () => {
        while (sent < checkpoint) await one(sent++);
      });
      await Promise.all(workers);
      // Settle: every interaction handled (logged) by the bot, then the median of a few readings.
      await bot.handled(sent);
      const rss: number[] = [];
      for (let s = 0; s < samples; s++) {
        if (s > 0) await new Promise((resolve) => setTimeout(resolve, sampleEveryMs));
        rss.push(rssMb(pid));
      }
      readings.push({ after: sent, rssMb: round(rss.at(-1) ?? 0, 1), samples: rss.map((r) => round(r, 1)) });
    }

    let answeredOtherThanOnce = 0;
    for (const ix of fake.interactions.values()) {
      if (ix.responses.filter((r) => r.kind === 'callback' && r.ok).length !== 1) answeredOtherThanOnce++;
    }
    return {
      readings,
      interactions: fake.interactions.size,
      violations: fake.violations.length,
      answeredOtherThanOnce,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await stopChild(child);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMemory(): Promise<BenchReport> {
  const run = await measureMemory({ checkpoints: [0, 1_000, 5_000, 10_000] });
  const at = (n: number) => run.readings.find((r) => r.after === n)?.rssMb ?? 0;
  const growth = (at(10_000) - at(5_000)) / at(5_000);
  return {
    name: `memory: RSS of the bot (child process, real entry point) over ${run.interactions.toLocaleString('en')} interactions`,
    rows: [
      { metric: 'RSS idle after start (0 interactions)', value: at(0), unit: 'MB' },
      { metric: 'RSS after 1 000', value: at(1_000), unit: 'MB' },
      { metric: 'RSS after 5 000', value: at(5_000), unit: 'MB' },
      {
        metric: 'RSS after 10 000',
        value: at(10_000),
        unit: 'MB',
        note: `target < ${RSS_LIMIT_MB} MB: ${at(10_000) < RSS_LIMIT_MB ? 'met' : 'NOT met'}`,
      },
      {
        metric: 'growth 5 000 → 10 000',
        value: round(growth * 100, 1),
        unit: '%',
        note: `target < ${GROWTH_TOLERANCE * 100} %: ${growth < GROWTH_TOLERANCE ? 'met' : 'NOT met'} (no GC forced)`,
      },
      {
        metric: 'interactions/s (4 in flight)',
        value: Math.round(run.interactions / (run.elapsedMs / 1000)),
        unit: '/s',
      },
      { metric: 'rule violations / answered ≠ once', value: run.violations + run.answeredOtherThanOnce, unit: '' },
    ],
  };
}

/** Writes a generated corpus of about `bytes` (src/notes/corpus.ts, distinct seeds per megabyte) into `dir`. */
function writeCorpus(dir: string, bytes: number): string[] {
  const files: string[] = [];
  for (let part = 0; part * 1_000_000 < bytes; part++) {
    for (const f of generateCorpus({ targetBytes: Math.min(1_000_000, bytes - part * 1_000_000), seed: part + 1 })) {
      const file = path.join(dir, `part${part}`, f.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, f.text);
      files.push(file);
    }
  }
  return files;
}

export interface NotesMemoryRun {
  notesBytes: number;
  startMs: number;
  rssStart: number;
  /** One file edited: only it is parsed again. */
  rssEditOne: number;
  editOneMs: number;
  /** Every file edited: the worst case, old and new index side by side until the swap. */
  rssEditAll: number;
  editAllMs: number;
  peakRss: number;
}

/**
 * The bot (real entry point, `npm start`'s flags) on `bytes` of generated notes: RSS once it registered its commands,
 * after a reload for one edited file and after a reload with every file edited (the peak is sampled every 50 ms).
 * Each reading is taken once the parser thread has stopped (it stops when idle), so it is the bot's steady state.
 */
export async function measureNotesMemory(bytes: number): Promise<NotesMemoryRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-notes-memory-'));
  const notesDir = path.join(dir, 'notes');
  const files = writeCorpus(notesDir, bytes);
  const notesBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const fake = await FakeDiscord.start();
  let child: ChildProcess | undefined;
  let peakRss = 0;
  let peakTimer: NodeJS.Timeout | undefined;
  try {
    const reloads = new EventEmitter();
    const started = performance.now();
    const bot = await spawnBot(
      fake,
      dir,
      [],
      startCommand(),
      (line) => {
        if (line.includes('"msg":"notes: reloaded"')) reloads.emit('reloaded', JSON.parse(line) as Json);
        if (line.includes('"msg":"notes: reload failed')) reloads.emit('failed', line);
      },
      { NOTES_DIR: notesDir },
    );
    const startMs = performance.now() - started;
    child = bot.child;
    const pid = child.pid ?? 0;
    peakTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 50);
    // The parser thread stops after POOL_DEFAULTS.idleMs without work: read RSS once it has.
    const settle = () => new Promise((resolve) => setTimeout(resolve, POOL_DEFAULTS.idleMs + 1000));
    await settle();
    const rssStart = rssMb(pid);
    const reload = async (edit: () => void): Promise<{ rss: number; ms: number }> => {
      const done = Promise.race([
        once(reloads, 'reloaded').then(([report]) => Number((report as Json).durationMs)),
        once(reloads, 'failed').then(([line]) => Promise.reject(new Error(String(line)))),
      ]);
      edit();
      const ms = await done;
      await settle();
      return { rss: rssMb(pid), ms };
    };
    const one = await reload(() => appendFileSync(files[0] as string, '\n## 새 절\n벤치마크가 추가한 절.\n'));
    const all = await reload(() => {
      for (const f of files) appendFileSync(f, '\n');
    });
    return {
      notesBytes,
      startMs,
      rssStart,
      rssEditOne: one.rss,
      editOneMs: one.ms,
      rssEditAll: all.rss,
      editAllMs: all.ms,
      peakRss,
    };
  } finally {
    clearInterval(peakTimer);
    await stopChild(child);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchNotesMemory(): Promise<BenchReport> {
  const rows: BenchReport['rows'] = [];
  for (const bytes of [1_000_000, 10_000_000]) {
    const run = await measureNotesMemory(bytes);
    const mb = `${Math.round(run.notesBytes / 100_000) / 10} MB`;
    rows.push(
      { metric: `${mb} notes: start → commands registered`, value: Math.round(run.startMs), unit: 'ms' },
      { metric: `${mb} notes: RSS after start`, value: round(run.rssStart, 1), unit: 'MB' },
      {
        metric: `${mb} notes: RSS after a reload (one file edited)`,
        value: round(run.rssEditOne, 1),
        unit: 'MB',
        note: `reload ${run.editOneMs} ms (only that file parsed)`,
      },
      {
        metric: `${mb} notes: RSS after a reload (every file edited)`,
        value: round(run.rssEditAll, 1),
        unit: 'MB',
        note: `reload ${run.editAllMs} ms; peak RSS during the run ${round(run.peakRss, 1)} MB`,
      },
    );
  }
  return { name: 'notes memory: the bot (child process, `npm start` flags) on 1 MB and 10 MB of notes', rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchMemory()));
}
