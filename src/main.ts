/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the bundled notes.
 */
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { consoleConfig, runConsole } from './cli/console.js';
import { startBot } from './discord/bot.js';
import { createLogger } from './logger.js';
import { messageOf } from './core/errors.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }

  if (!config.DISCORD_TOKEN) {
    // The console owns stdout; logs go to stderr and only from warnings up, unless asked for more.
    const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
    // Its own database and files folder (CONSOLE_DATABASE_PATH, CONSOLE_FILES_DIR): never the bot's.
    const app = await createApp(consoleConfig(config), { logger: createLogger(level, 'stderr'), watchNotes: true });
    try {
      await runConsole(app, { input: process.stdin, output: process.stdout });
    } finally {
      app.close();
    }
    return 0;
  }

  const logger = createLogger(config.LOG_LEVEL);
  const bot = await startBot(config, { logger, watchNotes: true });
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopping ??= bot.stop().then(() => {
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    await bot.ready;
  } catch (err) {
    // Registration failed after its retries; startBot already closed the gateway and the database. Exit non-zero so
    // a supervisor (systemd, Docker's restart policy) starts the bot again, instead of staying up half started.
    process.stderr.write(`fatal: ${messageOf(err)}\n`);
    process.exit(1);
  }
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fatal: ${messageOf(err)}\n`);
    process.exitCode = 1;
  },
);
