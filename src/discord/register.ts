/**
 * Command registration: one bulk overwrite (PUT) to the guild (DISCORD_GUILD_ID) or globally, skipped when the
 * definitions did not change since the last registration for this application and guild (hash kept in SQLite).
 */
import { createHash } from 'node:crypto';
import type { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import type { CommandData } from '../commands/types.js';
import type { Db, Logger } from '../core/context.js';

export function definitionsHash(data: readonly CommandData[]): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

export interface RegisterOptions {
  rest: REST;
  db: Db;
  logger: Logger;
  applicationId: string;
  guildId: string | undefined;
  data: readonly CommandData[];
  now: number;
  force?: boolean;
}

/** Returns true when a PUT was sent, false when the stored hash matched. */
export async function registerCommands(o: RegisterOptions): Promise<boolean> {
  const scope = o.guildId ?? '';
  const hash = definitionsHash(o.data);
  const row = o.db
    .prepare('SELECT hash FROM command_registration WHERE application_id = ? AND guild_id = ?')
    .get(o.applicationId, scope) as { hash: string } | undefined;
  if (!o.force && row?.hash === hash) {
    o.logger.info({ guildId: scope || 'global', commands: o.data.length }, 'commands unchanged; registration skipped');
    return false;
  }
  const route = o.guildId
    ? Routes.applicationGuildCommands(o.applicationId, o.guildId)
    : Routes.applicationCommands(o.applicationId);
  await o.rest.put(route, { body: o.data });
  o.db
    .prepare(
      `INSERT INTO command_registration (application_id, guild_id, hash, registered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (application_id, guild_id) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at`,
    )
    .run(o.applicationId, scope, hash, o.now);
  o.logger.info({ guildId: scope || 'global', commands: o.data.length }, 'commands registered');
  return true;
}
