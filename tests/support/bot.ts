/**
 * Starts the real bot (`startBot`, what `npm start` runs) against a FakeDiscord, on a temp database and a notes
 * folder made of the bundled notes plus any extra files a test adds.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import type { Logger } from '../../src/core/context.js';
import { startBot, type Bot, type BotOptions } from '../../src/discord/bot.js';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** A Logger that keeps every line so tests can assert on what was logged, and wait for a line to be written. */
export function memoryLogger(lines: LogLine[] = []): Logger & {
  lines: LogLine[];
  waitFor(predicate: (line: LogLine) => boolean): Promise<LogLine>;
} {
  const waiters = new Set<{ predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  const at =
    (level: LogLine['level']) =>
    (obj: object | string, msg?: string): void => {
      const line: LogLine =
        typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj: obj as Record<string, unknown>, msg };
      lines.push(line);
      for (const w of waiters) {
        if (w.predicate(line)) {
          waiters.delete(w);
          w.resolve(line);
        }
      }
    };
  const logger = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
    waitFor(predicate: (line: LogLine) => boolean) {
      const seen = lines.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve) => waiters.add({ predicate, resolve }));
    },
  };
  return logger;
}

export interface BotHarness {
  fake: FakeDiscord;
  bot: Bot;
  logger: ReturnType<typeof memoryLogger>;
  dir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startBotAgainstFake(
  options: {
    fake?: FakeDiscordOptions;
    notes?: Record<string, string | Uint8Array>;
    env?: Record<string, string>;
    bot?: Partial<BotOptions>;
    /** Reuse a folder (database, notes) from an earlier harness. */
    dir?: string;
    existingFake?: FakeDiscord;
  } = {},
): Promise<BotHarness> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'studybot-e2e-'));
  const notesDir = path.join(dir, 'notes');
  cpSync(path.join(PROJECT_ROOT, 'data/notes'), notesDir, { recursive: true });
  // Names may hold folders (`<book>/<member>/<file>.md`, as group repos keep notes); text may be bytes (images).
  for (const [name, text] of Object.entries(options.notes ?? {})) {
    mkdirSync(path.dirname(path.join(notesDir, name)), { recursive: true });
    writeFileSync(path.join(notesDir, name), text);
  }
  const fake = options.existingFake ?? (await FakeDiscord.start(options.fake));
  const env = {
    DISCORD_TOKEN: 'fake-token',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guild.id,
    DATABASE_PATH: path.join(dir, 'study.db'),
    NOTES_DIR: notesDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const logger = memoryLogger();
  const bot = await startBot(loadConfig(env), { logger, deferAfterMs: 1000, ...options.bot });
  await bot.ready;
  return {
    fake,
    bot,
    logger,
    dir,
    env,
    async close() {
      await bot.stop();
      if (!options.existingFake) await fake.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
