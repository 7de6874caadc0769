/**
 * Start-up and footprint of the built bot (`npm install` builds `dist/` through the `prepare` script), against a
 * bare discord.js client measured in the same run:
 * - CLI cold start: `node dist/cli/main.js explain … --json` until it exits, against a process that only imports
 *   discord.js and creates a Client (the floor any discord.js program pays);
 * - the bot: `npm start`'s command against the fake Discord, from spawn to its commands registered, and its RSS
 *   once idle, against a bare client that logs in to the same fake.
 * Goals (issue 12): CLI ≤ 1.5× the bare client; RSS idle ≤ 100 MB; start → ready ≤ 1 s plus the notes index.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/config.js';
import { POOL_DEFAULTS } from '../src/markdown/pool.js';
import { FakeDiscord } from '../tests/support/fake-discord.js';
import { rssMb, startScript, stopChild } from './memory.js';
import { formatReport, median, p50p99, round, type BenchReport } from './report.js';

const RUNS = 15;

const BARE_CLIENT = `import { Client, GatewayIntentBits } from 'discord.js';
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.API } });
if (process.env.LOGIN) { client.once('clientReady', () => console.log('ready')); await client.login('fake-token'); }`;

/** Milliseconds from spawn to exit of `node args` (cwd: the project). */
async function timeExit(args: string[], env: Record<string, string> = {}): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  child.stdout.resume();
  child.stderr.resume();
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`);
  return performance.now() - start;
}

/** Spawns `node args` against `fake`; resolves when `ready` says so, with the time it took and the child. */
async function startAgainstFake(
  fake: FakeDiscord,
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => boolean,
) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').some(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out.slice(-500)}`)));
  });
  return { child, ms: performance.now() - started };
}

export async function benchStartup(): Promise<BenchReport> {
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'main.js'))) throw new Error('no dist/: run `npm run build` first');
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-startup-'));
  const bare: number[] = [];
  const cli: number[] = [];
  const bareArgs = ['--input-type=module', '-e', BARE_CLIENT];
  const cliArgs = ['dist/cli/main.js', 'explain', '이미지 이름 규칙', '--json'];
  const cliEnv = { DATABASE_PATH: path.join(dir, 'cli.db') };
  await timeExit(bareArgs);
  await timeExit(cliArgs, cliEnv);
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timeExit(bareArgs));
    cli.push(await timeExit(cliArgs, cliEnv));
  }
  const b = p50p99(bare);
  const c = p50p99(cli);

  const fake = await FakeDiscord.start();
  const readyMs: number[] = [];
  const rss: number[] = [];
  const bareRss: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const bot = await startAgainstFake(
        fake,
        startScript().args,
        {
          ...startScript().env,
          DISCORD_TOKEN: 'fake-token',
          DISCORD_API_URL: fake.apiUrl,
          DISCORD_GUILD_ID: fake.guild.id,
          DATABASE_PATH: path.join(dir, `bot${run}.db`),
          LOG_LEVEL: 'info',
        },
        (line) =>
          line.includes('"msg":"ready"') || line.includes('registration skipped') || line.includes('registered'),
      );
      readyMs.push(bot.ms);
      // Idle: the parser thread has stopped (it stops after POOL_DEFAULTS.idleMs without work).
      await new Promise((resolve) => setTimeout(resolve, POOL_DEFAULTS.idleMs + 1000));
      rss.push(rssMb(bot.child.pid ?? 0));
      await stopChild(bot.child);

      const client = await startAgainstFake(fake, bareArgs, { API: fake.apiUrl, LOGIN: '1' }, (l) => l === 'ready');
      await new Promise((resolve) => setTimeout(resolve, POOL_DEFAULTS.idleMs + 1000));
      bareRss.push(rssMb(client.child.pid ?? 0));
      await stopChild(client.child);
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = c.p50 / b.p50;
  return {
    name: 'start-up: built bot (dist/) against a bare discord.js client, same run',
    rows: [
      {
        metric: 'bare client process: exit p50',
        value: round(b.p50, 0),
        unit: 'ms',
        note: `p99 ${round(b.p99, 0)} ms`,
      },
      {
        metric: 'CLI explain --json: exit p50',
        value: round(c.p50, 0),
        unit: 'ms',
        note: `p99 ${round(c.p99, 0)} ms; ${round(ratio, 2)}× the bare client (goal ≤ 1.5×)`,
      },
      {
        metric: 'bot: spawn → commands registered',
        value: round(median(readyMs), 0),
        unit: 'ms',
        note: 'median of 3, bundled notes (goal ≤ 1 s + the notes index)',
      },
      {
        metric: 'bot: RSS idle',
        value: round(median(rss), 1),
        unit: 'MB',
        note: `median of 3 (goal ≤ 100 MB); a bare client logged in: ${round(median(bareRss), 1)} MB`,
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchStartup()));
}
