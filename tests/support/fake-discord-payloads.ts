/**
 * Payload builders for the fake Discord server: users, guilds, channels, messages and interactions shaped the way
 * Discord sends them (API v10), complete enough that an unmodified discord.js 14 Client accepts them.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';

/** A plain JSON object. The fake works on raw JSON, like Discord does. */
export type Json = Record<string, unknown>;

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, unique, time-ordered snowflake (17–20 digits, like real ids). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** A random interaction/webhook token (Discord's are long opaque strings). */
export function randomToken(): string {
  const bytes = new Uint8Array(48);
  crypto.getRandomValues(bytes);
  return `aW50ZXJhY3Rpb246${Buffer.from(bytes).toString('base64url')}`;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 guild text, 1 DM. */
  type: number;
  guildId?: string;
  recipient?: FakeUser;
}

export interface FakeGuild {
  id: string;
  name: string;
  locale: string;
  ownerId: string;
  channels: FakeChannel[];
  /** The bot's permissions in the guild (a bit set as a string); default: an ordinary member's (no Manage Events). */
  botPermissions?: string;
  /** Roles besides @everyone. */
  roles?: { id: string; name: string }[];
}

/** What an ordinary member may do: read, write, embed, attach, use commands. */
export const MEMBER_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands
).toString();

/** 10 MiB, what Discord reports for an unboosted guild. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function userPayload(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function memberPayload(user: FakeUser, joinedAt: string, permissions?: string, roles: string[] = []): Json {
  return {
    user: userPayload(user),
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
    ...(permissions ? { permissions } : {}),
  };
}

export function channelPayload(channel: FakeChannel, position = 0): Json {
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: channel.recipient ? [userPayload(channel.recipient)] : [],
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0,
  };
}

function everyoneRole(guildId: string): Json {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The GUILD_CREATE payload the gateway sends after READY for every guild in it. */
export function guildCreatePayload(guild: FakeGuild, bot: FakeUser, joinedAt: string): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    nsfw: false,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.locale,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    features: [],
    roles: [
      everyoneRole(guild.id),
      ...(guild.roles ?? []).map((r, i) => ({ ...everyoneRole(guild.id), id: r.id, name: r.name, position: i + 1 })),
    ],
    emojis: [],
    stickers: [],
    soundboard_sounds: [],
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: 2,
    members: [memberPayload(bot, joinedAt)],
    channels: guild.channels.map((c, i) => channelPayload(c, i)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    embedded_activities: [],
  };
}

/** READY: the guilds are listed unavailable; a GUILD_CREATE for each must follow. The bot user's id is the app id. */
export function readyPayload(init: {
  sessionId: string;
  bot: FakeUser;
  guilds: FakeGuild[];
  resumeGatewayUrl: string;
}): Json {
  return {
    v: 10,
    user: { ...userPayload(init.bot), verified: true, mfa_enabled: false, email: null },
    guilds: init.guilds.map((g) => ({ id: g.id, unavailable: true })),
    session_id: init.sessionId,
    session_type: 'normal',
    resume_gateway_url: init.resumeGatewayUrl,
    shard: [0, 1],
    application: { id: init.bot.id, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['seoul', 'japan'],
    user_settings: {},
    auth: {},
    _trace: ['fake-discord'],
  };
}

export function applicationPayload(bot: FakeUser, owner: FakeUser, guildCount: number): Json {
  return {
    id: bot.id,
    name: bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: userPayload(owner),
    bot: userPayload(bot),
    approximate_guild_count: guildCount,
    integration_types_config: { '0': {} },
  };
}

export interface RecordedFile {
  /** The multipart field, e.g. `files[0]`. */
  field: string;
  name: string;
  size: number;
  contentType: string;
  data: Buffer;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
  /** The size the payload states, when a test wants it to differ from the bytes served. */
  statedSize?: number;
}

export function attachmentPayload(baseUrl: string, a: StoredAttachment): Json {
  const url = `${baseUrl}/attachments/${a.id}/${encodeURIComponent(a.filename)}`;
  const size = a.statedSize ?? a.data.length;
  return { id: a.id, filename: a.filename, size, url, proxy_url: url, content_type: a.contentType };
}

export interface MessageInit {
  id: string;
  channelId: string;
  guildId?: string | undefined;
  author: FakeUser;
  /** The fields the bot sent: content, embeds, components, flags… */
  body: Json;
  attachments: Json[];
  /** 0 default, 19 reply, 20 chat input command. */
  type: number;
  applicationId?: string;
  interactionMetadata?: Json;
}

/** A complete message object as Discord returns it. */
export function messagePayload(init: MessageInit): Json {
  const embeds = Array.isArray(init.body.embeds) ? init.body.embeds : [];
  return {
    id: init.id,
    type: init.type,
    channel_id: init.channelId,
    ...(init.guildId ? { guild_id: init.guildId } : {}),
    author: userPayload(init.author),
    content: typeof init.body.content === 'string' ? init.body.content : '',
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    attachments: init.attachments,
    embeds: embeds.map((e) => ({ type: 'rich', ...(e as Json) })),
    components: Array.isArray(init.body.components) ? init.body.components : [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof init.body.flags === 'number' ? init.body.flags : 0,
    tts: false,
    pinned: false,
    ...(init.applicationId ? { application_id: init.applicationId, webhook_id: init.applicationId } : {}),
    ...(init.interactionMetadata ? { interaction_metadata: init.interactionMetadata } : {}),
  };
}

/** Applies an edit (PATCH body) to a stored message, the way Discord merges fields. */
export function applyMessageEdit(message: Json, body: Json, newAttachments: Json[]): Json {
  const next: Json = { ...message, edited_timestamp: new Date().toISOString() };
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body)
    next.embeds = (Array.isArray(body.embeds) ? body.embeds : []).map((e) => ({ type: 'rich', ...e }));
  if ('components' in body) next.components = Array.isArray(body.components) ? body.components : [];
  const keptFlags = (typeof message.flags === 'number' ? message.flags : 0) & 64; // ephemeral stays ephemeral
  if (typeof body.flags === 'number') next.flags = body.flags | keptFlags;
  else next.flags = (typeof message.flags === 'number' ? message.flags : 0) & ~128; // no longer "thinking…"
  const old = Array.isArray(message.attachments) ? (message.attachments as Json[]) : [];
  if (Array.isArray(body.attachments)) {
    const keep = new Set((body.attachments as Json[]).map((a) => String(a.id)));
    next.attachments = [...old.filter((a) => keep.has(String(a.id))), ...newAttachments];
  } else {
    next.attachments = [...old, ...newAttachments];
  }
  return next;
}

export interface InteractionContextInit {
  id: string;
  token: string;
  applicationId: string;
  type: number;
  data: Json;
  user: FakeUser;
  guild?: FakeGuild | undefined;
  channel: FakeChannel;
  locale: string;
  memberPermissions: string;
  /** The member's role ids (`member.roles`). */
  memberRoles?: string[] | undefined;
  appPermissions: string;
  message?: Json | undefined;
  /** Sent as `attachment_size_limit`; default `ATTACHMENT_SIZE_LIMIT`. */
  attachmentSizeLimit?: number | undefined;
}

/** A complete INTERACTION_CREATE payload (guild or DM), including the fields discord.js 14 insists on. */
export function interactionPayload(init: InteractionContextInit): Json {
  const { guild } = init;
  const where: Json = guild
    ? {
        guild_id: guild.id,
        guild: { id: guild.id, locale: guild.locale, features: [] },
        guild_locale: guild.locale,
        member: memberPayload(
          init.user,
          new Date(Date.now() - 86_400_000).toISOString(),
          init.memberPermissions,
          init.memberRoles,
        ),
        authorizing_integration_owners: { '0': guild.id },
        context: 0,
        channel: { ...channelPayload(init.channel), permissions: init.memberPermissions },
      }
    : {
        user: userPayload(init.user),
        authorizing_integration_owners: { '0': '0' },
        context: 1,
        channel: channelPayload({ ...init.channel, recipient: init.user }),
      };
  return {
    id: init.id,
    application_id: init.applicationId,
    type: init.type,
    data: init.data,
    channel_id: init.channel.id,
    token: init.token,
    version: 1,
    locale: init.locale,
    app_permissions: init.appPermissions,
    entitlements: [],
    entitlement_sku_ids: [],
    attachment_size_limit: init.attachmentSizeLimit ?? ATTACHMENT_SIZE_LIMIT,
    ...(init.message ? { message: init.message } : {}),
    ...where,
  };
}
