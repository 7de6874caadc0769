/** `npm run register`: registers the slash commands (guild or global) and exits, without running the bot. */
import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { REGISTER_REST_RETRIES, registerCommands } from './discord/register.js';
import { createLogger } from './logger.js';
import { messageOf } from './core/errors.js';

const config = loadConfig();
if (!config.DISCORD_TOKEN) {
  process.stderr.write('DISCORD_TOKEN is not set: nothing to register.\n');
  process.exit(2);
}
const logger = createLogger(config.LOG_LEVEL);
const app = await createApp(config, { logger });
try {
  // registerCommands waits between its attempts (1 s, 2 s, 4 s); discord.js's own immediate 5xx retries are off.
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    retries: REGISTER_REST_RETRIES,
  }).setToken(config.DISCORD_TOKEN);
  const me = (await rest.get(Routes.currentApplication())) as { id: string };
  await registerCommands({
    rest,
    db: app.services.db,
    logger,
    applicationId: me.id,
    guildId: config.DISCORD_GUILD_ID,
    data: app.registry.data,
    now: Date.now(),
    force: process.argv.includes('--force'),
  });
} catch (err) {
  process.stderr.write(`registration failed: ${messageOf(err)}\n`);
  process.exitCode = 1;
} finally {
  app.close();
}
