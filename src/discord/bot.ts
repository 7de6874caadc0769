/**
 * The Discord side of `npm start`: logs in with discord.js 14 (Guilds intent), registers commands when they
 * changed, answers interactions, and shuts down cleanly (in-flight replies finish, client destroyed, db closed).
 */
import { Client, Events, GatewayIntentBits, REST } from 'discord.js';
import { createApp, type App, type AppOptions } from '../app.js';
import type { Config } from '../config.js';
import { startReminderScheduler } from '../quiz/reminders.js';
import { startGroupScheduler } from '../group/reminders.js';
import { groupTick } from '../group/tick.js';
import { directMessagePort, scheduledEventsPort } from './groupPorts.js';
import { realTimers, type Timers } from '../quiz/timers.js';
import { channelPort, handleInteraction, isExpired, type InteractionDeps } from './interactions.js';
import { toRestMessage } from './render.js';
import { Routes } from 'discord-api-types/v10';
import { REGISTER_REST_RETRIES, registerCommands, type RegisterRetry } from './register.js';

export interface Bot {
  app: App;
  client: Client;
  /** Resolves once logged in, ready and commands registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions extends AppOptions {
  /** Defer a handler still running after this long; Discord's deadline is 3 s. */
  deferAfterMs?: number;
  /** How long shutdown waits for in-flight replies. */
  shutdownGraceMs?: number;
  /** Overrides the REST client's global rate (requests/s); Discord's default is 50. */
  globalRequestsPerSecond?: number;
  /** Waits between command registration attempts (tests pass a sleep that does not wait). */
  registerRetry?: RegisterRetry;
  /** The group scheduler (events sync, note reminders): tests inject timers driven by their clock. */
  groupScheduler?: { timers?: Timers; intervalMs?: number; onTick?: () => void };
}

export async function startBot(config: Config, options: BotOptions): Promise<Bot> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const rest = {
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    ...(options.globalRequestsPerSecond ? { globalRequestsPerSecond: options.globalRequestsPerSecond } : {}),
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // No reply pings: member text echoed back (a question, a memo, a name) stays plain text even when it says
    // `@everyone`, `@here`, `<@&role>` or `<@user>`. discord.js applies this to every interaction reply, edit and
    // followup (MessagePayload); raw REST posts (channel messages, DMs) carry `allowed_mentions` in their body
    // (render.ts). A feature meant to ping someone would pass `allowedMentions: { users: [id] }` on that message.
    allowedMentions: { parse: [], repliedUser: false },
    rest,
  });
  // Registration waits between its own attempts; the client's REST would retry a 5xx at once, three times.
  const registerRest = new REST({ ...rest, retries: REGISTER_REST_RETRIES }).setToken(config.DISCORD_TOKEN);
  const channelFor = (channelId: string) => channelPort(client, channelId);
  const groupPorts = { events: scheduledEventsPort(client), dm: directMessagePort(client), channelFor };
  const app = await createApp(config, { ...options, channelFor, groupPorts });
  const { logger } = app.services;
  const deps: InteractionDeps = {
    client,
    registry: app.registry,
    services: app.services,
    deferAfterMs: options.deferAfterMs ?? 1500,
  };
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let reminders: { stop(): void } | undefined = undefined;
  let groupScheduler: { stop(): void } | undefined = undefined;
  async function stop(): Promise<void> {
    if (closing) return;
    closing = true;
    const grace = new Promise((resolve) => setTimeout(resolve, options.shutdownGraceMs ?? 10_000).unref());
    reminders?.stop();
    groupScheduler?.stop();
    await Promise.race([Promise.allSettled([...inFlight]), grace]);
    await client.destroy();
    app.close();
    logger.info('stopped');
  }

  client.on(Events.InteractionCreate, (interaction) => {
    if (closing) return;
    const started = performance.now();
    const base = {
      interactionId: interaction.id,
      type: interaction.type,
      command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
      customId: interaction.isButton() ? interaction.customId.slice(0, 100) : undefined,
      guildId: interaction.guildId,
      userId: interaction.user.id,
    };
    const task = handleInteraction(interaction, deps)
      .then((outcome) =>
        logger.info({ ...base, outcome, latencyMs: Math.round(performance.now() - started) }, 'interaction'),
      )
      .catch((err: unknown) => {
        const outcome = isExpired(err) ? 'expired' : 'reply-failed';
        logger.warn(
          { ...base, outcome, err, latencyMs: Math.round(performance.now() - started) },
          'interaction reply failed',
        );
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (c) => {
      try {
        logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'logged in');
        await registerCommands({
          rest: registerRest,
          db: app.services.db,
          logger,
          applicationId: c.application.id,
          guildId: config.DISCORD_GUILD_ID,
          data: app.registry.data,
          now: app.services.clock.now(),
          ...(options.registerRetry ? { retry: options.registerRetry } : {}),
        });
        const closed = await app.services.quiz.closeStaleQuizzes();
        if (closed > 0) logger.info({ closed }, 'closed quizzes left open by a restart');
        resolve();
      } catch (err) {
        // Half started is not running: close the gateway and the database so the process can exit (main.ts exits 1).
        logger.error({ err }, 'start failed; shutting down');
        await stop().catch(() => {});
        reject(err);
      }
    });
  });
  ready.catch(() => {}); // observed by the caller; avoid an unhandled rejection before it awaits

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    if (closing) return { app, client, ready, stop }; // stopped by a failed registration: ready rejects with why
    await client.destroy();
    app.close();
    throw err;
  }

  if (closing) return { app, client, ready, stop }; // registration already failed: ready rejects
  reminders = startReminderScheduler({
    review: app.services.review,
    timers: realTimers(),
    logger,
    dm: {
      async sendDm(userId, reply) {
        const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
          id: string;
        };
        const { body, files } = toRestMessage(reply);
        await client.rest.post(Routes.channelMessages(channel.id), { body, files });
      },
    },
  });

  groupScheduler = startGroupScheduler({
    timers: options.groupScheduler?.timers ?? realTimers(),
    logger,
    ...(options.groupScheduler?.intervalMs ? { intervalMs: options.groupScheduler.intervalMs } : {}),
    ...(options.groupScheduler?.onTick ? { onTick: options.groupScheduler.onTick } : {}),
    tick: () =>
      groupTick(
        {
          db: app.services.db,
          book: app.services.study.book,
          timeZone: config.STUDY_TIMEZONE,
          notes: () => app.services.notes.index,
          ports: app.services.group.ports,
          logger,
          now: app.services.clock.now(),
        },
        [...client.guilds.cache.keys()],
      ),
  });

  return { app, client, ready, stop };
}
