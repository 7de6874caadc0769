/**
 * Calendar days in a time zone, with the platform's Intl (tz database) only.
 * A "day" is a `YYYY-MM-DD` string: the date on the member's wall clock. Once an instant is turned into a day,
 * all arithmetic is on the calendar (via UTC dates), so DST transitions cannot shift a day or a week.
 */

export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day an instant falls on in `timeZone` (00:30 KST belongs to that KST day). */
export function dayOf(ms: number, timeZone: string): Day {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A valid calendar day string, or null (`2026-02-30` is not a day). */
export function parseDay(text: string): Day | null {
  const m = DAY_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return toDay(date);
}

function toDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

function utcOf(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: Day, n: number): Day {
  return toDay(new Date(utcOf(day) + n * MS_PER_DAY));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((utcOf(b) - utcOf(a)) / MS_PER_DAY);
}

/** Monday of the day's week (weeks run Monday–Sunday, as in Korea and ISO 8601). */
export function weekStart(day: Day): Day {
  const weekday = new Date(utcOf(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function monthStart(day: Day): Day {
  return `${day.slice(0, 8)}01`;
}

/** The same calendar date one year earlier (29 Feb → 1 Mar). */
export function oneYearBefore(day: Day): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return toDay(new Date(Date.UTC(y - 1, m - 1, d)));
}

/** `count` consecutive days ending with `last`, oldest first. */
export function dayRange(last: Day, count: number): Day[] {
  return Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
}
