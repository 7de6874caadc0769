/** Calendar helpers in a given IANA time zone (for "this week", daily new-card quotas and reminder times). */
function parts(ms: number, timeZone: string) {
  const p = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return {
    y: Number(get('year')),
    m: Number(get('month')),
    d: Number(get('day')),
    h: Number(get('hour')),
    min: Number(get('minute')),
    s: Number(get('second')),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')),
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
