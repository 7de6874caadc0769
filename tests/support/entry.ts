/**
 * The real entry point (`src/main.ts`, what `npm run dev` runs; `npm start` runs its build) as a child process,
 * against a FakeDiscord or (with none) as the console, for the tests where the process itself is the point: exit
 * codes, signals, memory limits, start-up refusals. Its standard input is closed.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { PROJECT_ROOT } from '../../src/config.js';
import type { FakeDiscord } from './fake-discord.js';

export interface EntryProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything written so far to stdout and to stderr. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Kills the child if it is still running. */
  kill(): void;
}

export function spawnEntry(
  fake: FakeDiscord | null,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): EntryProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...(fake
        ? { DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: fake.guild.id }
        : { DISCORD_TOKEN: '' }),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
