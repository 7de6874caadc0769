/**
 * A fake Discord the tests own: REST (`/api/v10/...`) and gateway (WebSocket) on one 127.0.0.1 port, so an unmodified
 * discord.js Client can log in, receive interactions and answer them — with Discord's server-side rules enforced and
 * everything recorded for assertions.
 *
 *   const fake = await FakeDiscord.start({ ackDeadlineMs: 500 });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   const ready = once(client, Events.ClientReady); // emitted after READY and every GUILD_CREATE
 *   await client.login('fake-token');
 *   await ready;
 *   const ix = await fake.sendCommand({ name: 'explain', options: { query: '이미지' } });
 *   const reply = await ix.waitForReply();       // the first visible message the bot answered with
 *   expect(fake.violations).toEqual([]);
 *   await client.destroy(); await fake.close();
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway, type GatewayEvents } from './fake-discord-gateway.js';
import { error, ok, parseBody, RateLimiter, readBody, Router, safeDecode, type Reply } from './fake-discord-http.js';
import { FakeScheduledEvents } from './fake-discord-events.js';
import { FakeInteraction, type InteractionResponse, type ResponseKind } from './fake-discord-interaction.js';
import {
  ATTACHMENT_SIZE_LIMIT,
  applicationPayload,
  applyMessageEdit,
  attachmentPayload,
  channelPayload,
  guildCreatePayload,
  interactionPayload,
  MEMBER_PERMISSIONS,
  messagePayload,
  randomToken,
  readyPayload,
  snowflake,
  userPayload,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type Json,
  type RecordedFile,
  type StoredAttachment,
} from './fake-discord-payloads.js';
import {
  ENTITY_TOO_LARGE,
  filesTooLarge,
  FormErrors,
  invalidFormBody,
  isEmptyMessage,
  validateCallback,
  validateCommand,
  validateCommands,
  validateMessage,
} from './fake-discord-rules.js';

export { FakeInteraction, isVisibleReply, type InteractionResponse } from './fake-discord-interaction.js';
export type { FakeUser, FakeGuild, Json, RecordedFile } from './fake-discord-payloads.js';

export interface FakeDiscordOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, REST calls and IDENTIFY must use this token; otherwise any `Bot …` token is accepted. */
  token?: string;
  applicationId?: string;
  botName?: string;
  /** Guilds the bot is in. Default: one Korean guild with one text channel. */
  guilds?: {
    id?: string;
    name?: string;
    locale?: string;
    channels?: string[];
    /** Voice channels (type 2), after the text channels. */
    voiceChannels?: string[];
    /** The bot's guild permissions; default an ordinary member's (MEMBER_PERMISSIONS: no Manage Events). */
    botPermissions?: string;
    /** Roles besides @everyone (id and name); a member can only have roles of the guild. */
    roles?: { id: string; name: string }[];
  }[];
  /** The user who invokes commands unless a call says otherwise. */
  user?: Partial<FakeUser>;
  /** Interaction locale unless a call says otherwise. Default `ko`. */
  locale?: string;
  /** HELLO's heartbeat_interval. Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /** How long the bot has for its first callback. Default 3000 like Discord. */
  ackDeadlineMs?: number;
  /** How long an interaction token works for webhooks. Default 15 minutes (see `advanceClock`). */
  tokenTtlMs?: number;
  /** Requests per bucket (method + route + major parameter) per window before a 429. Default 50 per 1000 ms. */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * The upload limit in bytes: sent as `attachment_size_limit` in every interaction, and enforced on the total size
   * of one request's files (413, code 40005). Default 10485760 (10 MiB) like an unboosted guild.
   */
  attachmentSizeLimit?: number;
}

export interface RecordedRequest {
  at: number;
  method: string;
  /** The decoded path under `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The matched route template, e.g. `PATCH /webhooks/:app/:token/messages/@original`. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  status: number;
  response: unknown;
  interactionId?: string;
}

export interface Violation {
  at: number;
  /** Which rule: `invalid-form-body`, `already-acknowledged`, `unknown-interaction`, `rate-limited`, `unknown-route`… */
  rule: string;
  route: string;
  status: number;
  code: number;
  message: string;
  /** For 50035: each failing field as `path: CODE`. */
  details: string[];
  interactionId?: string;
}

export interface FakeDiscordEvents extends GatewayEvents {
  request: [RecordedRequest];
  violation: [Violation];
  interaction: [FakeInteraction];
  response: [FakeInteraction, InteractionResponse];
  /** An interaction's ack deadline passed without an accepted callback. */
  deadline: [FakeInteraction];
}

/** A file a command option carries (becomes `data.resolved.attachments`, served by the fake). */
export interface FakeFile {
  name: string;
  data: Buffer | string;
  contentType?: string;
  /** Size to state in the payload instead of the real one (a CDN that lies, for download-bound tests). */
  statedSize?: number;
}
export type OptionValue = string | number | boolean | FakeFile;

export interface InteractionOptions {
  user?: Partial<FakeUser>;
  locale?: string;
  /** Guild to invoke from; `null` for a DM with the bot. Default: the first guild. */
  guildId?: string | null;
  channelId?: string;
  memberPermissions?: string;
  /** Role ids the member has in the guild (`member.roles`). */
  memberRoles?: string[];
  appPermissions?: string;
}

export interface CommandInvocation extends InteractionOptions {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option values by name; types come from the registered command when there is one, else from the JS value. */
  options?: Record<string, OptionValue>;
}

export interface ComponentInvocation extends InteractionOptions {
  customId: string;
  /** The message carrying the component; default: the newest message the fake stored that has `customId`. */
  message?: Json;
  /** For select menus. */
  values?: string[];
}

interface Ctx {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  rawBody: unknown;
  files: RecordedFile[];
  record: RecordedRequest;
}

const EPHEMERAL = 64;
const LOADING = 128;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}

export class FakeDiscord extends EventEmitter<FakeDiscordEvents> {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly interactions = new Map<string, FakeInteraction>();
  /** Every message the bot created (channel messages, interaction replies and followups) by id. */
  readonly messages = new Map<string, Json>();
  readonly commands = { global: [] as Json[], guild: new Map<string, Json[]>() };
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly user: FakeUser;
  readonly guilds: FakeGuild[];
  readonly gateway: FakeGateway;
  /** Guild scheduled events the bot made (fake-discord-events.ts enforces Discord's rules on them). */
  readonly scheduledEvents: FakeScheduledEvents;

  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly router = new Router<Ctx>();
  private readonly rateLimiter: RateLimiter;
  private readonly channels = new Map<string, FakeChannel>();
  private readonly users = new Map<string, FakeUser>();
  private readonly attachments = new Map<string, StoredAttachment>();
  private readonly byToken = new Map<string, FakeInteraction>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<() => void>();
  private readonly faults: { route: string; reply: Reply; times: number }[] = [];
  private clockOffset = 0;
  private port = 0;
  private readonly opts: Required<
    Pick<FakeDiscordOptions, 'ackDeadlineMs' | 'tokenTtlMs' | 'rateLimit' | 'locale' | 'attachmentSizeLimit'>
  > &
    FakeDiscordOptions;

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.http.once('error', reject);
      fake.http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.http.address() as AddressInfo).port;
    return fake;
  }

  private constructor(options: FakeDiscordOptions) {
    super();
    this.opts = {
      ackDeadlineMs: 3000,
      tokenTtlMs: 15 * 60_000,
      rateLimit: { limit: 50, windowMs: 1000 },
      locale: 'ko',
      attachmentSizeLimit: ATTACHMENT_SIZE_LIMIT,
      ...options,
    };
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: options.botName ?? 'study-bot', bot: true };
    this.user = { id: snowflake(), username: 'tester', globalName: 'Tester', ...options.user };
    this.users.set(this.user.id, this.user);
    this.guilds = (options.guilds ?? [{}]).map((g) => {
      const id = g.id ?? snowflake();
      const channels = (g.channels ?? ['general']).map((name) => ({ id: snowflake(), name, type: 0, guildId: id }));
      for (const name of g.voiceChannels ?? []) channels.push({ id: snowflake(), name, type: 2, guildId: id });
      for (const c of channels) this.channels.set(c.id, c);
      const botPermissions = g.botPermissions ?? MEMBER_PERMISSIONS;
      return {
        id,
        name: g.name ?? 'Docker Study',
        locale: g.locale ?? 'ko',
        ownerId: this.user.id,
        channels,
        botPermissions,
        roles: g.roles ?? [],
      };
    });
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.gateway = new FakeGateway(this.wss, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      ...(options.token ? { token: options.token } : {}),
      emit: (name, ...args) => (this.emit as (n: string, ...a: unknown[]) => boolean)(name, ...args),
      ready: (sessionId) =>
        readyPayload({
          sessionId,
          bot: this.botUser,
          guilds: this.guilds,
          resumeGatewayUrl: `ws://127.0.0.1:${this.port}/resume`,
        }),
      guildCreates: () => this.guilds.map((g) => guildCreatePayload(g, this.botUser, new Date().toISOString())),
    });
    this.rateLimiter = new RateLimiter(this.opts.rateLimit.limit, this.opts.rateLimit.windowMs);
    this.scheduledEvents = new FakeScheduledEvents({
      guild: (gid) => this.guilds.find((g) => g.id === gid),
      channel: (cid) => this.channels.get(cid),
      botId: this.botUser.id,
      now: () => this.now(),
    });
    this.defineRoutes();
  }

  /** `http://127.0.0.1:PORT` — also serves `/attachments/:id/:name`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Give this to the Client as `rest: { api: fake.apiUrl }` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }
  /** The first guild, and its first channel: where commands come from by default. */
  get guild(): FakeGuild {
    return this.guilds[0] as FakeGuild;
  }
  get channel(): FakeChannel {
    return this.guild.channels[0] as FakeChannel;
  }
  /** The fake's clock (token expiry); `Date.now()` moved by `advanceClock`. */
  now(): number {
    return Date.now() + this.clockOffset;
  }
  /** Moves the token-expiry clock forward, e.g. `advanceClock(15 * 60_000)` to expire every interaction token. */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  /**
   * Answers the next `times` requests to `route` (a recorded route template, e.g.
   * `PUT /applications/:app/guilds/:guild/commands`) with `status` instead of handling them; `times` defaults to
   * every request. Recorded as a violation with rule `injected-fault`. Returns a function that removes the fault.
   */
  failRoute(route: string, fault: { status: number; code?: number; message?: string; times?: number }): () => void {
    const entry = {
      route,
      reply: error(fault.status, fault.code ?? 0, fault.message ?? `injected ${fault.status}`, 'injected-fault'),
      times: fault.times ?? Infinity,
    };
    this.faults.push(entry);
    return () => {
      const at = this.faults.indexOf(entry);
      if (at >= 0) this.faults.splice(at, 1);
    };
  }

  private takeFault(route: string): Reply | undefined {
    const fault = this.faults.find((f) => f.route === route && f.times > 0);
    if (!fault) return undefined;
    fault.times--;
    return { ...fault.reply, body: { ...(fault.reply.body as Json) } };
  }

  // ----- waiting ---------------------------------------------------------------------------------------------------

  /** Resolves with the next `event` (whose args satisfy `predicate`). Create it before triggering the event. */
  waitFor<K extends keyof FakeDiscordEvents>(
    event: K,
    predicate: (...args: FakeDiscordEvents[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<FakeDiscordEvents[K]> {
    return this.waitForAny([event], predicate as (...args: unknown[]) => boolean, timeoutMs) as Promise<
      FakeDiscordEvents[K]
    >;
  }

  /** Resolves once the bot has a live gateway session: now, or at its next READY/RESUMED. */
  async waitForConnected(timeoutMs = 15_000): Promise<void> {
    if (this.gateway.connected) return;
    await this.waitForAny(['ready', 'resumed'], () => this.gateway.connected, timeoutMs);
  }

  private waitForAny(
    events: (keyof FakeDiscordEvents)[],
    predicate: (...args: unknown[]) => boolean,
    timeoutMs: number,
  ): Promise<unknown[]> {
    const emitter = this as unknown as EventEmitter;
    return new Promise((resolve, reject) => {
      const listener = (...args: unknown[]) => {
        if (!predicate(...args)) return;
        cleanup();
        resolve(args);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-discord: no '${events.join("' or '")}' event within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        for (const event of events) emitter.off(event, listener);
        this.waiters.delete(cleanup);
      };
      for (const event of events) emitter.on(event, listener);
      this.waiters.add(cleanup);
    });
  }

  // ----- gateway controls ------------------------------------------------------------------------------------------

  /** Closes the bot's socket (default code 4000, resumable; `abnormal` = no close frame). Resolves once closed. */
  dropConnection(options?: { code?: number; abnormal?: boolean }): Promise<void> {
    return this.gateway.dropConnection(options);
  }
  sendInvalidSession(resumable: boolean): void {
    this.gateway.sendInvalidSession(resumable);
  }
  sendReconnect(): void {
    this.gateway.sendReconnect();
  }
  withholdHeartbeatAcks(on: boolean): void {
    this.gateway.withholdHeartbeatAcks(on);
  }

  // ----- interactions ----------------------------------------------------------------------------------------------

  /** Sends a slash command (INTERACTION_CREATE type 2). */
  async sendCommand(invocation: CommandInvocation): Promise<FakeInteraction> {
    return this.dispatchInteraction(2, invocation, (guild) => this.commandData(invocation, guild));
  }

  /** Sends an autocomplete request (type 4) with `focused` marking the option being typed. */
  async sendAutocomplete(invocation: CommandInvocation & { focused: string }): Promise<FakeInteraction> {
    return this.dispatchInteraction(4, invocation, (guild) => this.commandData(invocation, guild, invocation.focused));
  }

  /** Clicks a button (type 3) on `message`, or on the newest stored message that has `customId`. */
  async clickButton(invocation: ComponentInvocation): Promise<FakeInteraction> {
    return this.sendComponent(invocation);
  }

  /** Picks `values` in a select menu (type 3). */
  async selectMenu(invocation: ComponentInvocation & { values: string[] }): Promise<FakeInteraction> {
    return this.sendComponent(invocation);
  }

  /** Every answer the bot gave to one interaction (callback, edits, followups), accepted or rejected. */
  responsesFor(interactionId: string): InteractionResponse[] {
    return this.interactions.get(interactionId)?.responses ?? [];
  }

  /** Recorded requests whose route template matches, e.g. `requestsTo('PUT /applications/:app/commands')`. */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Stores a file the fake serves at `/attachments/:id/:name`; returns its attachment object. */
  addAttachment(file: FakeFile): Json {
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
    const stored = {
      id: snowflake(),
      filename: file.name,
      contentType: file.contentType ?? guessType(file.name),
      data,
      ...(file.statedSize !== undefined ? { statedSize: file.statedSize } : {}),
    };
    this.attachments.set(stored.id, stored);
    return attachmentPayload(this.baseUrl, stored);
  }

  private async sendComponent(invocation: ComponentInvocation): Promise<FakeInteraction> {
    const message = invocation.message ?? this.findMessageWithComponent(invocation.customId);
    if (!message) throw new Error(`fake-discord: no stored message has a component '${invocation.customId}'`);
    const component = findComponent(message.components, invocation.customId);
    const channel = this.channels.get(String(message.channel_id));
    const where: InteractionOptions = {
      ...(channel ? { channelId: channel.id, guildId: channel.guildId ?? null } : {}),
      ...invocation,
    };
    const data: Json = {
      custom_id: invocation.customId,
      component_type: component?.type ?? 2,
      ...(invocation.values ? { values: invocation.values } : {}),
    };
    return this.dispatchInteraction(3, where, () => data, message);
  }

  private dispatchInteraction(
    type: number,
    options: InteractionOptions,
    buildData: (guild: FakeGuild | undefined) => Json,
    message?: Json,
  ): FakeInteraction {
    const user = { ...this.user, ...options.user };
    this.users.set(user.id, user);
    const guild =
      options.guildId === null ? undefined : (this.guilds.find((g) => g.id === options.guildId) ?? this.guild);
    const channel = guild
      ? (guild.channels.find((c) => c.id === options.channelId) ?? (guild.channels[0] as FakeChannel))
      : this.dmChannel(user);
    // Discord only ever gives a member roles of their guild.
    for (const role of options.memberRoles ?? []) {
      if (!guild?.roles?.some((r) => r.id === role)) throw new Error(`role ${role} is not a role of the guild`);
    }
    const payload = interactionPayload({
      id: snowflake(),
      token: randomToken(),
      applicationId: this.applicationId,
      type,
      data: buildData(guild),
      user,
      guild,
      channel,
      locale: options.locale ?? this.opts.locale,
      memberPermissions: options.memberPermissions ?? MEMBER_PERMISSIONS,
      memberRoles: options.memberRoles,
      appPermissions: options.appPermissions ?? MEMBER_PERMISSIONS,
      message,
      attachmentSizeLimit: this.opts.attachmentSizeLimit,
    });
    const ix = new FakeInteraction(payload, this.now());
    this.gateway.dispatch('INTERACTION_CREATE', payload); // throws when no bot is connected
    this.interactions.set(ix.id, ix);
    this.byToken.set(ix.token, ix);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (ix.acknowledged) return;
      ix.markDeadline();
      this.emit('deadline', ix);
    }, this.opts.ackDeadlineMs);
    this.timers.add(timer);
    this.emit('interaction', ix);
    return ix;
  }

  /** Builds `data` for a command/autocomplete, typing options from the registered command when there is one. */
  private commandData(inv: CommandInvocation, guild: FakeGuild | undefined, focused?: string): Json {
    const registered =
      (guild ? this.commands.guild.get(guild.id) : undefined)?.find((c) => c.name === inv.name && c.type === 1) ??
      this.commands.global.find((c) => c.name === inv.name && c.type === 1);
    const data: Json = { id: registered?.id ?? snowflake(), name: inv.name, type: 1 };
    if (registered?.guild_id) data.guild_id = registered.guild_id;
    let schema = (registered?.options as Json[] | undefined) ?? [];
    let container = data;
    for (const [name, type] of [
      [inv.subcommandGroup, 2],
      [inv.subcommand, 1],
    ] as const) {
      if (!name) continue;
      const sub: Json = { name, type, options: [] };
      container.options = [sub];
      container = sub;
      schema = (schema.find((o) => o.name === name)?.options as Json[] | undefined) ?? [];
    }
    const resolved: Record<string, Record<string, Json>> = {};
    const options = Object.entries(inv.options ?? {}).map(([name, value]) => {
      const type = (schema.find((o) => o.name === name)?.type as number | undefined) ?? inferOptionType(value);
      const option: Json = { name, type, value };
      if (typeof value === 'object') {
        const attachment = this.addAttachment(value);
        (resolved.attachments ??= {})[attachment.id as string] = attachment;
        option.value = attachment.id;
      } else if (type === 6) {
        const u = this.users.get(String(value)) ?? { id: String(value), username: `user${String(value).slice(-4)}` };
        (resolved.users ??= {})[u.id] = userPayload(u);
      } else if (type === 7) {
        const c = this.channels.get(String(value));
        if (c) (resolved.channels ??= {})[c.id] = { ...channelPayload(c), permissions: MEMBER_PERMISSIONS };
      }
      if (name === focused) {
        option.focused = true;
        option.value = String(option.value);
      }
      return option;
    });
    if (options.length > 0 || container !== data) container.options = options;
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return data;
  }

  private findMessageWithComponent(customId: string): Json | undefined {
    return [...this.messages.values()].reverse().find((m) => findComponent(m.components, customId));
  }

  private dmChannel(user: FakeUser): FakeChannel {
    const existing = [...this.channels.values()].find((c) => c.type === 1 && c.recipient?.id === user.id);
    if (existing) return existing;
    const channel: FakeChannel = { id: snowflake(), name: '', type: 1, recipient: user };
    this.channels.set(channel.id, channel);
    return channel;
  }

  // ----- REST ------------------------------------------------------------------------------------------------------

  private defineRoutes(): void {
    const on = this.router.on.bind(this.router);

    on('GET', '/gateway', () => ok({ url: this.gatewayUrl }));
    on('GET', '/gateway/bot', () =>
      ok({
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    );
    on('GET', '/users/@me', () => ok({ ...userPayload(this.botUser), verified: true, mfa_enabled: false }));
    on('GET', '/applications/@me', () => ok(applicationPayload(this.botUser, this.user, this.guilds.length)));
    on('POST', '/users/@me/channels', ({ body }) => {
      const id = String(body.recipient_id);
      const user = this.users.get(id) ?? { id, username: `user${id.slice(-4)}` };
      return ok(channelPayload(this.dmChannel(user)));
    });
    on('GET', '/channels/:channel', ({ params }) => {
      const channel = this.channels.get(params.channel ?? '');
      return channel ? ok(channelPayload(channel)) : error(404, 10003, 'Unknown Channel', 'unknown-channel');
    });

    // Application commands (global and guild): bulk overwrite, list, create one.
    for (const scope of ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands']) {
      on('GET', scope, (ctx) => this.withCommands(ctx, (list) => ok(list)));
      on('PUT', scope, (ctx) => this.withCommands(ctx, (_, save) => this.overwriteCommands(ctx, save)));
      on('POST', scope, (ctx) => this.withCommands(ctx, (list, save) => this.createCommand(ctx, list, save)));
    }

    on('POST', '/interactions/:interaction/:token/callback', (ctx) => this.callback(ctx));

    const webhook = '/webhooks/:app/:token';
    on('POST', webhook, (ctx) => this.withToken(ctx, (ix) => this.followup(ctx, ix)));
    on('GET', `${webhook}/messages/@original`, (ctx) => this.withToken(ctx, (ix) => this.getOriginal(ix)));
    on('PATCH', `${webhook}/messages/@original`, (ctx) => this.withToken(ctx, (ix) => this.editOriginal(ctx, ix)));
    on('DELETE', `${webhook}/messages/@original`, (ctx) =>
      this.withToken(ctx, (ix) => this.deleteMessage(ctx, ix, 'delete-original')),
    );
    on('GET', `${webhook}/messages/:message`, (ctx) => this.withToken(ctx, () => this.getMessage(ctx)));
    on('PATCH', `${webhook}/messages/:message`, (ctx) => this.withToken(ctx, (ix) => this.editFollowup(ctx, ix)));
    on('DELETE', `${webhook}/messages/:message`, (ctx) =>
      this.withToken(ctx, (ix) => this.deleteMessage(ctx, ix, 'delete-followup')),
    );

    on('POST', '/channels/:channel/messages', (ctx) => this.createChannelMessage(ctx));
    on('GET', '/channels/:channel/messages/:message', (ctx) => this.getMessage(ctx));
    on('PATCH', '/channels/:channel/messages/:message', (ctx) => this.editChannelMessage(ctx));
    const events = '/guilds/:guild/scheduled-events';
    on('GET', events, ({ params }) => this.scheduledEvents.get(params.guild ?? ''));
    on('POST', events, ({ params, body }) => this.scheduledEvents.create(params.guild ?? '', body));
    on('PATCH', `${events}/:event`, ({ params, body }) =>
      this.scheduledEvents.modify(params.guild ?? '', params.event ?? '', body),
    );
    on('DELETE', `${events}/:event`, ({ params }) =>
      this.scheduledEvents.remove(params.guild ?? '', params.event ?? ''),
    );

    on('DELETE', '/channels/:channel/messages/:message', ({ params }) =>
      this.messages.delete(params.message ?? '') ? ok() : error(404, 10008, 'Unknown Message', 'unknown-message'),
    );
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const raw = await readBody(req).catch(() => undefined);
    if (!raw) return void res.destroy(); // the client went away mid-request
    if (method === 'GET' && url.pathname.startsWith('/attachments/')) return this.serveAttachment(url, res);
    const path = url.pathname.replace(/^\/api\/v10(?=\/)/, '');
    const segments = path.split('/').filter(Boolean).map(safeDecode);
    const route = url.pathname === path ? undefined : this.router.match(method, segments);
    const record: RecordedRequest = {
      at: Date.now(),
      method,
      path: `/${segments.join('/')}`,
      route: route ? `${method} ${route.route.template}` : `${method} (unknown)`,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
    };
    let reply: Reply;
    try {
      const parsed = await parseBody(String(req.headers['content-type'] ?? ''), raw);
      record.body = parsed.body;
      record.files = parsed.files;
      if (!route) reply = error(404, 0, '404: Not Found', 'unknown-route');
      else if (!this.authorized(route.route.template, req.headers.authorization))
        reply = error(401, 0, '401: Unauthorized', 'unauthorized');
      else {
        const limited = this.rateLimiter.take(method, route.route.template, route.params);
        const body = typeof parsed.body === 'object' && parsed.body !== null ? (parsed.body as Json) : {};
        const { files } = parsed;
        const ctx: Ctx = {
          method,
          params: route.params,
          query: url.searchParams,
          body,
          rawBody: parsed.body,
          files,
          record,
        };
        reply = limited.limited ?? this.takeFault(record.route) ?? route.route.handler(ctx);
        reply.headers = { ...limited.headers, ...reply.headers };
      }
    } catch (e) {
      reply =
        e instanceof SyntaxError
          ? error(400, 50109, 'The request body contains invalid JSON.', 'invalid-json')
          : error(500, 0, `fake-discord crashed: ${String(e)}`, 'fake-crashed');
    }
    record.status = reply.status;
    record.response = reply.body;
    this.requests.push(record);
    if (reply.status >= 400) this.recordViolation(record, reply);
    this.emit('request', record);
    const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...reply.headers,
    });
    res.end(body);
  }

  /** Interaction callbacks and interaction webhooks need no bot token (discord.js sends them with `auth: false`). */
  private authorized(template: string, header: string | undefined): boolean {
    if (template.startsWith('/interactions/') || template.startsWith('/webhooks/')) return true;
    if (!header?.startsWith('Bot ')) return false;
    return this.opts.token === undefined || header === `Bot ${this.opts.token}`;
  }

  private recordViolation(record: RecordedRequest, reply: Reply): void {
    const body = (reply.body ?? {}) as Json;
    const details: string[] = [];
    const walk = (node: unknown, path: string[]) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [k, v] of Object.entries(node)) {
        if (k === '_errors') for (const err of v as { code: string }[]) details.push(`${path.join('.')}: ${err.code}`);
        else walk(v, [...path, k]);
      }
    };
    walk(body.errors, []);
    const violation: Violation = {
      at: record.at,
      rule: reply.rule ?? 'error',
      route: record.route,
      status: reply.status,
      code: typeof body.code === 'number' ? body.code : 0,
      message: String(body.message ?? ''),
      details,
      ...(record.interactionId ? { interactionId: record.interactionId } : {}),
    };
    this.violations.push(violation);
    this.emit('violation', violation);
  }

  private serveAttachment(url: URL, res: ServerResponse): void {
    const [, , id] = url.pathname.split('/');
    const file = this.attachments.get(id ?? '');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length }).end(file.data);
  }

  // ----- commands --------------------------------------------------------------------------------------------------

  private withCommands(ctx: Ctx, then: (list: Json[], save: (list: Json[]) => void) => Reply): Reply {
    if (ctx.params.app !== this.applicationId) return error(403, 50001, 'Missing Access', 'missing-access');
    const guildId = ctx.params.guild;
    if (guildId === undefined) return then(this.commands.global, (list) => (this.commands.global = list));
    if (!this.guilds.some((g) => g.id === guildId)) return error(403, 50001, 'Missing Access', 'missing-access');
    return then(this.commands.guild.get(guildId) ?? [], (list) => this.commands.guild.set(guildId, list));
  }

  private overwriteCommands(ctx: Ctx, save: (list: Json[]) => void): Reply {
    const errors = new FormErrors();
    validateCommands(errors, ctx.rawBody);
    if (!errors.empty) return { status: 400, body: invalidFormBody(errors), rule: 'invalid-form-body' };
    const previous = ctx.params.guild ? (this.commands.guild.get(ctx.params.guild) ?? []) : this.commands.global;
    const list = (ctx.rawBody as Json[]).map((c) => this.storedCommand(c, previous, ctx.params.guild));
    save(list);
    return ok(list);
  }

  private createCommand(ctx: Ctx, list: Json[], save: (list: Json[]) => void): Reply {
    const errors = new FormErrors();
    validateCommand(errors, ctx.body, []);
    if (!errors.empty) return { status: 400, body: invalidFormBody(errors), rule: 'invalid-form-body' };
    const command = this.storedCommand(ctx.body, list, ctx.params.guild);
    const existed = list.some((c) => c.id === command.id);
    save([...list.filter((c) => c.id !== command.id), command]);
    return { status: existed ? 200 : 201, body: command };
  }

  /** The command as Discord returns it; keeps the id of a same-named command (Discord does). */
  private storedCommand(c: Json, previous: Json[], guildId: string | undefined): Json {
    const type = (c.type ?? 1) as number;
    const old = previous.find((p) => p.name === c.name && p.type === type);
    return {
      id: old?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: c.default_member_permissions ?? null,
      type,
      name: c.name,
      name_localizations: c.name_localizations ?? null,
      description: c.description ?? '',
      description_localizations: c.description_localizations ?? null,
      ...(c.options ? { options: c.options } : {}),
      ...(guildId
        ? { guild_id: guildId }
        : { contexts: c.contexts ?? null, integration_types: c.integration_types ?? [0] }),
      dm_permission: c.dm_permission ?? true,
      nsfw: c.nsfw ?? false,
    };
  }

  // ----- interaction callbacks and webhooks -----------------------------------------------------------------------

  /** Records one answer to an interaction (accepted or not) and passes the HTTP reply through. */
  private answer(ix: FakeInteraction, ctx: Ctx, kind: ResponseKind, reply: Reply, message?: Json): Reply {
    ctx.record.interactionId = ix.id;
    const data = kind === 'callback' && typeof ctx.body.data === 'object' ? (ctx.body.data as Json) : ctx.body;
    const response: InteractionResponse = {
      kind,
      ...(kind === 'callback' ? { callbackType: ctx.body.type as number } : {}),
      status: reply.status,
      ok: reply.status < 400,
      data: data ?? {},
      files: ctx.files,
      ...(message ? { message, content: String(message.content ?? '') } : {}),
      ...(reply.status >= 400 ? { error: reply.body as Json } : {}),
      at: Date.now(),
    };
    ix.record(response);
    this.emit('response', ix, response);
    return reply;
  }

  private callback(ctx: Ctx): Reply {
    const ix = this.interactions.get(ctx.params.interaction ?? '');
    const unknown = error(404, 10062, 'Unknown interaction', 'unknown-interaction');
    if (!ix || ix.token !== ctx.params.token) return unknown;
    const reject = (reply: Reply) => this.answer(ix, ctx, 'callback', reply);
    if (ix.acknowledged)
      return reject(error(400, 40060, 'Interaction has already been acknowledged.', 'already-acknowledged'));
    if (ix.deadlinePassed) return reject(unknown);
    const errors = new FormErrors();
    validateCallback(errors, ix.type, ctx.body);
    if (!errors.empty) return reject({ status: 400, body: invalidFormBody(errors), rule: 'invalid-form-body' });
    const tooLarge = this.tooLarge(ctx, ix);
    if (tooLarge) return reject(tooLarge);
    const type = ctx.body.type as number;
    const data = (typeof ctx.body.data === 'object' && ctx.body.data !== null ? ctx.body.data : {}) as Json;
    if (type === 4 && isEmptyMessage(data, ctx.files.length))
      return reject(error(400, 50006, 'Cannot send an empty message', 'empty-message'));

    ix.acknowledged = true;
    let message: Json | undefined;
    if (type === 4) message = this.createInteractionMessage(ix, data, ctx.files, ix.type === 2 ? 20 : 19);
    if (type === 5) {
      const flags = LOADING | (((data.flags as number | undefined) ?? 0) & EPHEMERAL);
      message = this.createInteractionMessage(ix, { flags }, [], ix.type === 2 ? 20 : 19);
    }
    if (type === 6 || type === 7) {
      const source = ix.payload.message as Json;
      message = type === 7 ? applyMessageEdit(source, data, this.storeFiles(ctx.files)) : source;
      this.messages.set(String(message.id), message);
    }
    ix.original = message;
    const body =
      ctx.query.get('with_response') === 'true'
        ? {
            interaction: {
              id: ix.id,
              type: ix.type,
              response_message_id: message?.id ?? null,
              response_message_loading: type === 5,
              response_message_ephemeral: (((message?.flags as number | undefined) ?? 0) & EPHEMERAL) !== 0,
            },
            resource: { type, ...(message ? { message } : {}) },
          }
        : undefined;
    return this.answer(ix, ctx, 'callback', ok(body), message);
  }

  /** Interaction webhooks: unknown until acknowledged, and dead after the token's 15 minutes. */
  private withToken(ctx: Ctx, then: (ix: FakeInteraction) => Reply): Reply {
    const ix = this.byToken.get(ctx.params.token ?? '');
    const unknownWebhook = error(404, 10015, 'Unknown Webhook', 'unknown-webhook');
    if (!ix || ctx.params.app !== this.applicationId) return unknownWebhook;
    ctx.record.interactionId = ix.id;
    const kind = webhookKind(ctx);
    const fail = (reply: Reply) => (kind ? this.answer(ix, ctx, kind, reply) : reply);
    if (this.now() - ix.createdAt > this.opts.tokenTtlMs)
      return fail(error(401, 50027, 'Invalid Webhook Token', 'invalid-webhook-token'));
    if (!ix.acknowledged) return fail(unknownWebhook);
    return then(ix);
  }

  private getOriginal(ix: FakeInteraction): Reply {
    return ix.original ? ok(ix.original) : error(404, 10008, 'Unknown Message', 'unknown-message');
  }

  private editOriginal(ctx: Ctx, ix: FakeInteraction): Reply {
    const invalid = this.invalidMessage(ctx, false);
    if (invalid) return this.answer(ix, ctx, 'edit-original', invalid);
    if (!ix.original)
      return this.answer(ix, ctx, 'edit-original', error(404, 10008, 'Unknown Message', 'unknown-message'));
    const message = applyMessageEdit(ix.original, ctx.body, this.storeFiles(ctx.files));
    ix.original = message;
    this.messages.set(String(message.id), message);
    return this.answer(ix, ctx, 'edit-original', ok(message), message);
  }

  private followup(ctx: Ctx, ix: FakeInteraction): Reply {
    const invalid = this.invalidMessage(ctx, true);
    if (invalid) return this.answer(ix, ctx, 'followup', invalid);
    const message = this.createInteractionMessage(ix, ctx.body, ctx.files, 19);
    ix.followups.set(String(message.id), message);
    return this.answer(ix, ctx, 'followup', ok(message), message);
  }

  private editFollowup(ctx: Ctx, ix: FakeInteraction): Reply {
    const id = ctx.params.message ?? '';
    const current = ix.followups.get(id) ?? (ix.original?.id === id ? ix.original : undefined);
    if (!current) return this.answer(ix, ctx, 'edit-followup', error(404, 10008, 'Unknown Message', 'unknown-message'));
    const invalid = this.invalidMessage(ctx, false);
    if (invalid) return this.answer(ix, ctx, 'edit-followup', invalid);
    const message = applyMessageEdit(current, ctx.body, this.storeFiles(ctx.files));
    if (ix.original?.id === id) ix.original = message;
    else ix.followups.set(id, message);
    this.messages.set(id, message);
    return this.answer(ix, ctx, 'edit-followup', ok(message), message);
  }

  private deleteMessage(ctx: Ctx, ix: FakeInteraction, kind: ResponseKind): Reply {
    const id = kind === 'delete-original' ? String(ix.original?.id) : (ctx.params.message ?? '');
    if (!this.messages.delete(id))
      return this.answer(ix, ctx, kind, error(404, 10008, 'Unknown Message', 'unknown-message'));
    if (kind === 'delete-original') ix.original = undefined;
    ix.followups.delete(id);
    return this.answer(ix, ctx, kind, ok());
  }

  private getMessage(ctx: Ctx): Reply {
    const message = this.messages.get(ctx.params.message ?? '');
    return message ? ok(message) : error(404, 10008, 'Unknown Message', 'unknown-message');
  }

  // ----- channel messages -------------------------------------------------------------------------------------------

  private createChannelMessage(ctx: Ctx): Reply {
    const channel = this.channels.get(ctx.params.channel ?? '');
    if (!channel) return error(404, 10003, 'Unknown Channel', 'unknown-channel');
    const invalid = this.invalidMessage(ctx, true);
    if (invalid) return invalid;
    const message = messagePayload({
      id: snowflake(),
      channelId: channel.id,
      guildId: channel.guildId,
      author: this.botUser,
      body: ctx.body,
      attachments: this.storeFiles(ctx.files),
      type: ctx.body.message_reference ? 19 : 0,
    });
    this.messages.set(String(message.id), message);
    return ok(message);
  }

  private editChannelMessage(ctx: Ctx): Reply {
    const current = this.messages.get(ctx.params.message ?? '');
    if (!current || current.channel_id !== ctx.params.channel)
      return error(404, 10008, 'Unknown Message', 'unknown-message');
    const invalid = this.invalidMessage(ctx, false);
    if (invalid) return invalid;
    const message = applyMessageEdit(current, ctx.body, this.storeFiles(ctx.files));
    this.messages.set(String(message.id), message);
    return ok(message);
  }

  /** Discord's message rules; `creating` also rejects empty messages (50006). */
  private invalidMessage(ctx: Ctx, creating: boolean): Reply | undefined {
    const tooLarge = this.tooLarge(ctx);
    if (tooLarge) return tooLarge;
    const errors = new FormErrors();
    validateMessage(errors, ctx.body);
    if (!errors.empty) return { status: 400, body: invalidFormBody(errors), rule: 'invalid-form-body' };
    if (creating && isEmptyMessage(ctx.body, ctx.files.length))
      return error(400, 50006, 'Cannot send an empty message', 'empty-message');
    return undefined;
  }

  /**
   * 413 / 40005 when the request's files together exceed the upload limit: the one the interaction was sent with
   * (`attachment_size_limit`) for callbacks and webhooks, the fake's own for channel messages.
   */
  private tooLarge(ctx: Ctx, interaction?: FakeInteraction): Reply | undefined {
    const ix = interaction ?? this.interactions.get(ctx.record.interactionId ?? '');
    const sent = ix?.payload.attachment_size_limit;
    const limit = typeof sent === 'number' ? sent : this.opts.attachmentSizeLimit;
    if (!filesTooLarge(ctx.files, limit)) return undefined;
    return error(ENTITY_TOO_LARGE.status, ENTITY_TOO_LARGE.code, ENTITY_TOO_LARGE.message, 'entity-too-large');
  }

  private createInteractionMessage(ix: FakeInteraction, body: Json, files: RecordedFile[], type: number): Json {
    const payload = ix.payload;
    const user = (payload.member as Json | undefined)?.user ?? payload.user;
    const message = messagePayload({
      id: snowflake(),
      channelId: payload.channel_id as string,
      guildId: payload.guild_id as string | undefined,
      author: this.botUser,
      body,
      attachments: this.storeFiles(files),
      type,
      applicationId: this.applicationId,
      interactionMetadata: {
        id: ix.id,
        type: ix.type,
        user,
        authorizing_integration_owners: payload.authorizing_integration_owners,
        ...(ix.type === 2 ? { name: (payload.data as Json).name } : {}),
      },
    });
    this.messages.set(String(message.id), message);
    return message;
  }

  private storeFiles(files: RecordedFile[]): Json[] {
    return files.map((f) => this.addAttachment({ name: f.name, data: f.data, contentType: f.contentType }));
  }

  // ----- teardown --------------------------------------------------------------------------------------------------

  /** Stops everything: timers, WebSockets, the HTTP server and its keep-alive sockets. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const cleanup of this.waiters) cleanup();
    for (const ix of this.interactions.values()) ix.dispose();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.removeAllListeners();
  }
}

function webhookKind(ctx: Ctx): ResponseKind | undefined {
  const original = ctx.params.message === undefined && ctx.record.path.endsWith('/@original');
  switch (ctx.method) {
    case 'POST':
      return 'followup';
    case 'PATCH':
      return original ? 'edit-original' : 'edit-followup';
    case 'DELETE':
      return original ? 'delete-original' : 'delete-followup';
    default:
      return undefined;
  }
}

function findComponent(components: unknown, customId: string): Json | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const c of components as Json[]) {
    if (c.custom_id === customId) return c;
    const inner = findComponent(c.components, customId) ?? findComponent(c.accessory ? [c.accessory] : [], customId);
    if (inner) return inner;
  }
  return undefined;
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'object') return 11;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function guessType(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    txt: 'text/plain; charset=utf-8',
    md: 'text/markdown; charset=utf-8',
    json: 'application/json',
  };
  return types[ext] ?? 'application/octet-stream';
}
