/**
 * Guild scheduled events for the fake Discord (`/guilds/:guild/scheduled-events`), with the rules Discord's server
 * enforces on them:
 * - the bot needs Manage Events in the guild (else 403, code 50013 Missing Permissions);
 * - name 1–100, description ≤ 1000, privacy_level 2 (GUILD_ONLY), entity_type 1 (stage), 2 (voice) or 3 (external),
 *   scheduled_start_time an ISO 8601 time in the future (GUILD_SCHEDULED_EVENT_SCHEDULE_PAST);
 * - STAGE/VOICE: channel_id required, a channel of the guild of the matching type; EXTERNAL: channel_id null,
 *   entity_metadata.location 1–100 and scheduled_end_time required; an end time is after the start time;
 * - 400 50035 Invalid Form Body with per-field errors for any of these; 404 10070 Unknown Guild Scheduled Event.
 * PATCH applies the same rules to the event as it would be after the change.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { error, ok, type Reply } from './fake-discord-http.js';
import { snowflake, type FakeChannel, type FakeGuild, type Json } from './fake-discord-payloads.js';
import { FormErrors, invalidFormBody } from './fake-discord-rules.js';

export const ENTITY_STAGE = 1;
export const ENTITY_VOICE = 2;
export const ENTITY_EXTERNAL = 3;

export interface FakeScheduledEvent {
  id: string;
  guild_id: string;
  channel_id: string | null;
  creator_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  privacy_level: number;
  status: number;
  entity_type: number;
  entity_id: null;
  entity_metadata: { location: string } | null;
  user_count: number;
}

export class FakeScheduledEvents {
  readonly byGuild = new Map<string, Map<string, FakeScheduledEvent>>();

  constructor(
    private readonly deps: {
      guild(id: string): FakeGuild | undefined;
      channel(id: string): FakeChannel | undefined;
      botId: string;
      now(): number;
    },
  ) {}

  list(guildId: string): FakeScheduledEvent[] {
    return [...(this.byGuild.get(guildId)?.values() ?? [])];
  }

  private guildOr(guildId: string): FakeGuild | Reply {
    const guild = this.deps.guild(guildId);
    if (!guild) return error(404, 10004, 'Unknown Guild', 'unknown-guild');
    return guild;
  }

  private mayManage(guild: FakeGuild): Reply | undefined {
    const perms = BigInt(guild.botPermissions ?? '0');
    const admin = (perms & PermissionFlagsBits.Administrator) !== 0n;
    if (!admin && (perms & PermissionFlagsBits.ManageEvents) === 0n)
      return error(403, 50013, 'Missing Permissions', 'missing-permissions');
    return undefined;
  }

  get(guildId: string): Reply {
    const guild = this.guildOr(guildId);
    if ('status' in guild) return guild;
    return ok(this.list(guildId));
  }

  create(guildId: string, body: Json): Reply {
    const guild = this.guildOr(guildId);
    if ('status' in guild) return guild;
    const denied = this.mayManage(guild);
    if (denied) return denied;
    const event: FakeScheduledEvent = {
      id: snowflake(),
      guild_id: guildId,
      channel_id: null,
      creator_id: this.deps.botId,
      name: '',
      description: null,
      scheduled_start_time: '',
      scheduled_end_time: null,
      privacy_level: 0,
      status: 1,
      entity_type: 0,
      entity_id: null,
      entity_metadata: null,
      user_count: 0,
    };
    const next = apply(event, body);
    const invalid = this.validate(guild, next, body, true);
    if (invalid) return invalid;
    let events = this.byGuild.get(guildId);
    if (!events) {
      events = new Map();
      this.byGuild.set(guildId, events);
    }
    events.set(next.id, next);
    return ok(next);
  }

  modify(guildId: string, eventId: string, body: Json): Reply {
    const guild = this.guildOr(guildId);
    if ('status' in guild) return guild;
    const denied = this.mayManage(guild);
    if (denied) return denied;
    const event = this.byGuild.get(guildId)?.get(eventId);
    if (!event) return error(404, 10070, 'Unknown Guild Scheduled Event', 'unknown-scheduled-event');
    const next = apply(event, body);
    const invalid = this.validate(guild, next, body, false);
    if (invalid) return invalid;
    this.byGuild.get(guildId)?.set(eventId, next);
    return ok(next);
  }

  remove(guildId: string, eventId: string): Reply {
    const guild = this.guildOr(guildId);
    if ('status' in guild) return guild;
    const denied = this.mayManage(guild);
    if (denied) return denied;
    if (!this.byGuild.get(guildId)?.delete(eventId))
      return error(404, 10070, 'Unknown Guild Scheduled Event', 'unknown-scheduled-event');
    return ok();
  }

  private validate(guild: FakeGuild, ev: FakeScheduledEvent, body: Json, creating: boolean): Reply | undefined {
    const e = new FormErrors();
    const required = (field: string) => e.add([field], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (creating || 'name' in body) {
      if (typeof body.name !== 'string') required('name');
      else if ([...body.name].length < 1 || [...body.name].length > 100)
        e.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (ev.description !== null && [...ev.description].length > 1000)
      e.add(['description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1000 in length.');
    if (creating && body.privacy_level === undefined) required('privacy_level');
    else if (ev.privacy_level !== 2) e.add(['privacy_level'], 'BASE_TYPE_CHOICES', 'Value must be one of {2}.');
    if (![ENTITY_STAGE, ENTITY_VOICE, ENTITY_EXTERNAL].includes(ev.entity_type)) {
      if (creating && body.entity_type === undefined) required('entity_type');
      else e.add(['entity_type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
    }
    const start = Date.parse(ev.scheduled_start_time);
    if (creating && body.scheduled_start_time === undefined) required('scheduled_start_time');
    else if (Number.isNaN(start))
      e.add(['scheduled_start_time'], 'DATE_TIME_TYPE_CONVERT', 'Could not interpret as a date.');
    else if ('scheduled_start_time' in body && start <= this.deps.now())
      e.add(['scheduled_start_time'], 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', 'Cannot schedule event in the past.');
    if (ev.scheduled_end_time !== null) {
      const end = Date.parse(ev.scheduled_end_time);
      if (Number.isNaN(end)) e.add(['scheduled_end_time'], 'DATE_TIME_TYPE_CONVERT', 'Could not interpret as a date.');
      else if (!Number.isNaN(start) && end <= start)
        e.add(['scheduled_end_time'], 'GUILD_SCHEDULED_EVENT_END_BEFORE_START', 'End time must be after start.');
    }
    if (ev.entity_type === ENTITY_EXTERNAL) {
      if (ev.channel_id !== null) e.add(['channel_id'], 'BASE_TYPE_NULL', 'Must be null for external events.');
      const location = ev.entity_metadata?.location;
      if (typeof location !== 'string') e.add(['entity_metadata', 'location'], 'BASE_TYPE_REQUIRED', 'Required.');
      else if ([...location].length < 1 || [...location].length > 100)
        e.add(['entity_metadata', 'location'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (ev.scheduled_end_time === null) required('scheduled_end_time');
    } else if (ev.entity_type === ENTITY_VOICE || ev.entity_type === ENTITY_STAGE) {
      if (ev.channel_id === null) required('channel_id');
      else {
        const channel = this.deps.channel(ev.channel_id);
        const type = ev.entity_type === ENTITY_VOICE ? 2 : 13;
        if (!channel || channel.guildId !== guild.id || channel.type !== type)
          e.add(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Channel is not a channel of the right type in this guild.');
      }
    }
    if (e.empty) return undefined;
    return { status: 400, body: invalidFormBody(e), rule: 'invalid-form-body' };
  }
}

function apply(event: FakeScheduledEvent, body: Json): FakeScheduledEvent {
  const next: FakeScheduledEvent = { ...event };
  if ('name' in body) next.name = typeof body.name === 'string' ? body.name : '';
  if ('description' in body) next.description = typeof body.description === 'string' ? body.description : null;
  if ('privacy_level' in body) next.privacy_level = Number(body.privacy_level);
  if ('scheduled_start_time' in body) next.scheduled_start_time = String(body.scheduled_start_time);
  if ('scheduled_end_time' in body)
    next.scheduled_end_time = body.scheduled_end_time === null ? null : String(body.scheduled_end_time);
  if ('entity_type' in body) next.entity_type = Number(body.entity_type);
  if ('channel_id' in body) next.channel_id = body.channel_id === null ? null : String(body.channel_id);
  if ('entity_metadata' in body) {
    const meta = body.entity_metadata as Json | null;
    next.entity_metadata =
      meta && typeof meta === 'object' && 'location' in meta ? { location: String(meta.location) } : null;
  }
  return next;
}
