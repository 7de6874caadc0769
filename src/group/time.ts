/**
 * Wall-clock times in the group's timezone ↔ instants, with the platform's Intl (tz database) only, like
 * src/study/time.ts. No date library: the two conversions below are all the schedule needs.
 */
import { zonedParts } from '../core/zone.js';
import { addDays, type Day } from '../study/time.js';

export interface WallTime {
  day: Day;
  /** HH:MM, 24-hour. */
  time: string;
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const p = zonedParts(ms, timeZone);
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The offset (ms, local minus UTC) of `timeZone` at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return local - Math.floor(ms / 1000) * 1000;
}

const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (or `H:MM`) as minutes after midnight, or null. */
export function parseTime(text: string): number | null {
  const m = TIME_RE.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a DST jump (02:30 on a spring-forward
 * night) moves forward by the jump (03:30); a time that happens twice (the fall-back hour) is its first occurrence.
 */
export function zonedInstant(day: Day, minutesOfDay: number, timeZone: string): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, Math.floor(minutesOfDay / 60), minutesOfDay % 60);
  // Two rounds settle every real zone: the offset guessed at the UTC reading, then at the corrected instant.
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  if (second === first) {
    // Fall-back hour: an hour earlier may show the same wall time; the earlier instant is the first occurrence.
    const earlier = first - 3_600_000;
    return earlier + offsetAt(earlier, timeZone) === asUtc ? earlier : first;
  }
  // Spring-forward gap: neither guess shows the wall time; take the later offset (the clock after the jump).
  return Math.max(first, second);
}

/** 23:59 the day before `startsAt`, on the group's wall clock (the usual note deadline). */
export function defaultDeadline(startsAt: number, timeZone: string): number {
  const { day } = wallTime(startsAt, timeZone);
  return zonedInstant(addDays(day, -1), 23 * 60 + 59, timeZone);
}
