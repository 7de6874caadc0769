/**
 * One Discord scheduled event per meeting, kept in step with the schedule. The core builds the event's body and
 * decides create / modify / delete by comparing a signature of that body with the one stored on the meeting
 * (group_meetings.event_sig): nothing is sent when nothing changed. The adapter implements the port with REST
 * (`/guilds/{guild.id}/scheduled-events`); this file never imports discord.js.
 *
 * Without Manage Events Discord answers 403 (50013): the port throws EventsDeniedError, the sync stops for that
 * guild, logs it once (group_settings.events_denied_at) and reports `denied` so /schedule can say so; the schedule
 * itself is saved either way. A later successful call clears the mark.
 */
import { createHash } from 'node:crypto';
import type { Db, Logger } from '../core/context.js';
import { listMeetings, setMeetingEvent, type Meeting } from './schedule.js';
import { wallTime } from './time.js';

export const ENTITY_VOICE = 2;
export const ENTITY_EXTERNAL = 3;
/** Meetings are shown as two hours long (an external event needs an end time). */
export const MEETING_LENGTH_MS = 2 * 3_600_000;

export interface ScheduledEventBody {
  name: string;
  description: string;
  privacy_level: 2;
  scheduled_start_time: string;
  scheduled_end_time: string;
  entity_type: typeof ENTITY_VOICE | typeof ENTITY_EXTERNAL;
  channel_id: string | null;
  entity_metadata: { location: string } | null;
}

export interface ScheduledEventsPort {
  create(guildId: string, body: ScheduledEventBody): Promise<{ id: string }>;
  modify(guildId: string, eventId: string, body: ScheduledEventBody): Promise<void>;
  remove(guildId: string, eventId: string): Promise<void>;
}

/** The bot lacks Manage Events in the guild (Discord's 50013). */
export class EventsDeniedError extends Error {
  override name = 'EventsDeniedError';
}
/** The event is gone on Discord's side (deleted by a member: 10070); the sync makes a new one. */
export class EventGoneError extends Error {
  override name = 'EventGoneError';
}

export interface EventTexts {
  /** The event's name, e.g. "도커 스터디 3주차 · 4, 5장". */
  name(meeting: Meeting): string;
  description(meeting: Meeting): string;
  /** The location of an external event when the meeting names no place. */
  defaultPlace: string;
}

const clip = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

export function eventBody(meeting: Meeting, texts: EventTexts): ScheduledEventBody {
  const voice = meeting.voiceChannelId !== null;
  return {
    name: clip(texts.name(meeting), 100),
    description: clip(texts.description(meeting), 1000),
    privacy_level: 2,
    scheduled_start_time: new Date(meeting.startsAt).toISOString(),
    scheduled_end_time: new Date(meeting.startsAt + MEETING_LENGTH_MS).toISOString(),
    entity_type: voice ? ENTITY_VOICE : ENTITY_EXTERNAL,
    channel_id: voice ? meeting.voiceChannelId : null,
    entity_metadata: voice ? null : { location: clip(meeting.place ?? texts.defaultPlace, 100) },
  };
}

function signature(body: ScheduledEventBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
}

export interface SyncResult {
  created: number;
  updated: number;
  deleted: number;
  /** The bot may not manage events in this guild. */
  denied: boolean;
  /** This sync is the first to find that out (the one that logs it and tells the admin). */
  firstDenied: boolean;
}

export interface SyncDeps {
  db: Db;
  port: ScheduledEventsPort;
  logger: Logger;
  now: number;
  texts: EventTexts;
}

/**
 * Brings the guild's events in step with its meetings: a future meeting without an event gets one, one whose body
 * changed is modified, and the events of deleted meetings (group_event_tombstones, written by a trigger whoever
 * deleted the meeting) are deleted. Meetings already started are left alone (Discord refuses start times in the past).
 */
export async function syncEvents(deps: SyncDeps, guildId: string): Promise<SyncResult> {
  const result: SyncResult = { created: 0, updated: 0, deleted: 0, denied: false, firstDenied: false };
  try {
    const tombstones = deps.db
      .prepare('SELECT event_id AS eventId FROM group_event_tombstones WHERE guild_id = ?')
      .pluck()
      .all(guildId) as string[];
    for (const eventId of tombstones) {
      try {
        await deps.port.remove(guildId, eventId);
      } catch (err) {
        if (!(err instanceof EventGoneError)) throw err;
      }
      deps.db.prepare('DELETE FROM group_event_tombstones WHERE guild_id = ? AND event_id = ?').run(guildId, eventId);
      result.deleted++;
    }
    for (const meeting of listMeetings(deps.db, guildId)) {
      if (meeting.startsAt <= deps.now) continue;
      const body = eventBody(meeting, deps.texts);
      const sig = signature(body);
      const current = eventOf(deps.db, guildId, meeting.id);
      if (current.eventId && current.eventSig === sig) continue;
      if (current.eventId) {
        try {
          await deps.port.modify(guildId, current.eventId, body);
          setMeetingEvent(deps.db, guildId, meeting.id, current.eventId, sig);
          result.updated++;
          continue;
        } catch (err) {
          if (!(err instanceof EventGoneError)) throw err;
        }
      }
      const { id } = await deps.port.create(guildId, body);
      setMeetingEvent(deps.db, guildId, meeting.id, id, sig);
      result.created++;
    }
    clearDenied(deps.db, guildId, deps.now);
  } catch (err) {
    if (!(err instanceof EventsDeniedError)) throw err;
    result.denied = true;
    result.firstDenied = markDenied(deps.db, guildId, deps.now);
    if (result.firstDenied)
      deps.logger.warn(
        { guildId },
        'scheduled events: the bot lacks the Manage Events permission in this guild; meetings are saved but get no Discord event',
      );
  }
  return result;
}

function eventOf(db: Db, guildId: string, id: number): { eventId: string | null; eventSig: string | null } {
  return (
    (db
      .prepare('SELECT event_id AS eventId, event_sig AS eventSig FROM group_meetings WHERE guild_id = ? AND id = ?')
      .get(guildId, id) as { eventId: string | null; eventSig: string | null } | undefined) ?? {
      eventId: null,
      eventSig: null,
    }
  );
}

/** Records the denial; true when it is new (not already recorded). */
function markDenied(db: Db, guildId: string, now: number): boolean {
  const r = db
    .prepare(
      `INSERT INTO group_settings (guild_id, events_denied_at, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET events_denied_at = excluded.events_denied_at, updated_at = excluded.updated_at
       WHERE group_settings.events_denied_at IS NULL`,
    )
    .run(guildId, now, now);
  return r.changes > 0;
}

function clearDenied(db: Db, guildId: string, now: number): void {
  db.prepare(
    'UPDATE group_settings SET events_denied_at = NULL, updated_at = ? WHERE guild_id = ? AND events_denied_at IS NOT NULL',
  ).run(now, guildId);
}

/** Whether the last sync found the bot without Manage Events. */
export function eventsDenied(db: Db, guildId: string): boolean {
  const row = db.prepare('SELECT events_denied_at AS at FROM group_settings WHERE guild_id = ?').get(guildId) as
    { at: number | null } | undefined;
  return row?.at !== null && row?.at !== undefined;
}

/** The meeting's date and time on the group's wall clock, for event names and tables. */
export function meetingWhen(meeting: Meeting, timeZone: string): string {
  const w = wallTime(meeting.startsAt, timeZone);
  return `${w.day} ${w.time}`;
}
