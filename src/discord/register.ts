/**
 * Command registration: one bulk overwrite (PUT) to the guild (DISCORD_GUILD_ID) or globally, skipped when the
 * definitions did not change since the last registration for this application and guild (hash kept in SQLite).
 * A transient failure (5xx, network error, timeout) is tried again with backoff; a 4xx is not (it would fail again).
 */
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, type REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import type { CommandData } from '../commands/types.js';
import type { Db, Logger } from '../core/context.js';

export function definitionsHash(data: readonly CommandData[]): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/** How registration waits between attempts: 4 attempts, 1 s, 2 s, then 4 s apart. */
export interface RegisterRetry {
  /** The waits between attempts; attempts = delays + 1. */
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_REGISTER_RETRY: RegisterRetry = { delaysMs: [1000, 2000, 4000], sleep: (ms) => delay(ms) };

/**
 * REST options for the client registration uses: discord.js retries a 5xx at once, without waiting (`retries`,
 * default 3), so registration turns those off and waits itself (`RegisterRetry`).
 */
export const REGISTER_REST_RETRIES = 0;

export interface RegisterOptions {
  rest: REST;
  db: Db;
  logger: Logger;
  applicationId: string;
  guildId: string | undefined;
  data: readonly CommandData[];
  now: number;
  force?: boolean;
  retry?: RegisterRetry;
}

/** Whether a failed request may succeed if sent again: Discord's 5xx, a network error or a timeout. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError) return err.status >= 500;
  if (err instanceof DiscordAPIError) return err.status >= 500;
  return err instanceof Error; // no answer at all: ECONNRESET, ECONNREFUSED, AbortError (timeout)…
}

/** Returns true when a PUT was sent, false when the stored hash matched. Throws once every attempt failed. */
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
  const retry = o.retry ?? DEFAULT_REGISTER_RETRY;
  const attempts = retry.delaysMs.length + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await o.rest.put(route, { body: o.data });
      break;
    } catch (err) {
      const waitMs = retry.delaysMs[attempt - 1];
      if (waitMs === undefined || !isTransient(err)) throw err;
      o.logger.warn({ err, attempt, attempts, retryInMs: waitMs }, 'command registration failed; trying again');
      await retry.sleep(waitMs);
    }
  }
  o.db
    .prepare(
      `INSERT INTO command_registration (application_id, guild_id, hash, registered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (application_id, guild_id) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at`,
    )
    .run(o.applicationId, scope, hash, o.now);
  o.logger.info({ guildId: scope || 'global', commands: o.data.length }, 'commands registered');
  return true;
}
