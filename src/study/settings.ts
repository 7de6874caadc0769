/**
 * Per-member settings in member_settings (migration 001): the timezone days are counted in, and the daily
 * reminder time the review domain's DM will use (stored and validated here only).
 */
import type { Db } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { memberSettings, sql } from './store.js';
import { isTimeZone } from './time.js';

const RESET = new Set(['default', 'reset', 'off', '기본', '기본값', '끄기', '없음']);

/** An IANA zone (case-insensitive: `asia/seoul` → `Asia/Seoul`), or null to go back to the group's. */
export function normalizeTimeZone(input: string): string | null {
  const text = input.trim();
  if (RESET.has(text.toLowerCase())) return null;
  const zone = [...Intl.supportedValuesOf('timeZone'), 'UTC'].find((z) => z.toLowerCase() === text.toLowerCase());
  if (!zone || !isTimeZone(zone)) throw new UserError('study.error.timezone', { input: input.slice(0, 40) });
  return zone;
}

/** `HH:MM` in 24-hour time (`7:30` → `07:30`), or null to turn the reminder off. */
export function normalizeReminder(input: string): string | null {
  const text = input.trim();
  if (RESET.has(text.toLowerCase())) return null;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new UserError('study.error.reminder', { input: input.slice(0, 20) });
  return `${m[1]?.padStart(2, '0')}:${m[2]}`;
}

export function setTimeZone(db: Db, guildId: string, userId: string, input: string): string | null {
  const zone = normalizeTimeZone(input);
  sql(db).setTimezone.run(guildId, userId, zone);
  return zone;
}

export function setReminder(db: Db, guildId: string, userId: string, input: string): string | null {
  const time = normalizeReminder(input);
  sql(db).setReminder.run(guildId, userId, time);
  return time;
}

export { memberSettings };

/** Zone names for autocomplete: those containing every typed word. */
export function searchTimeZones(input: string, limit = 25): string[] {
  const words = input
    .toLowerCase()
    .split(/[\s/_]+/)
    .filter(Boolean);
  return Intl.supportedValuesOf('timeZone')
    .filter((z) => words.every((w) => z.toLowerCase().includes(w)))
    .slice(0, limit);
}
