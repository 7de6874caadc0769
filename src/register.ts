/** `npm run register`: registers the slash commands (guild or global) and exits, without running the bot. */
import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { registerCommands } from './discord/register.js';
import { createLogger } from './logger.js';

const config = loadConfig();
if (!config.DISCORD_TOKEN) {
  process.stderr.write('DISCORD_TOKEN is not set: nothing to register.\n');
  process.exit(2);
}
const logger = createLogger(config.LOG_LEVEL);
const app = await createApp(config, { logger });
try {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
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
} finally {
  app.close();
}
