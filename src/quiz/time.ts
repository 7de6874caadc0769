/** Calendar helpers in a given IANA time zone (for "this week", daily new-card quotas and reminder times). */
import { zonedParts } from '../core/zone.js';

function parts(ms: number, timeZone: string) {
  const p = zonedParts(ms, timeZone);
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    min: Number(p.minute),
    s: Number(p.second),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' in the zone. */
export function localDay(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** 'HH:MM' in the zone. */
export function localTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${pad(p.h)}:${pad(p.min)}`;
}

/** Epoch ms of the local midnight `daysBack` days before `ms`'s local day. */
function localMidnight(ms: number, timeZone: string, daysBack: number): number {
  const p = parts(ms, timeZone);
  const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(ms / 1000) * 1000;
  return Date.UTC(p.y, p.m - 1, p.d - daysBack) - offset;
}

export const startOfDay = (ms: number, tz: string) => localMidnight(ms, tz, 0);
/** Weeks start on Monday. */
export const startOfWeek = (ms: number, tz: string) => localMidnight(ms, tz, parts(ms, tz).weekday);
export const startOfMonth = (ms: number, tz: string) => localMidnight(ms, tz, parts(ms, tz).d - 1);
