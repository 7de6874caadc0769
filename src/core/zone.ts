/**
 * The wall-clock fields of an instant in an IANA time zone, with the platform's Intl (tz database) only. One
 * formatter per zone, made on first use: the group's schedule, the quiz calendar and the console's Discord
 * timestamps all read their dates through here.
 */
export interface ZonedParts {
  /** Two digits (four for the year), as written: `2026`, `03`, `09`, `00`–`23`. */
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  /** `Mon` … `Sun`. */
  weekday: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The fields of `ms` in `timeZone` (the machine's zone when undefined). */
export function zonedParts(ms: number, timeZone: string | undefined): ZonedParts {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(key, f);
  }
  const out: ZonedParts = { year: '', month: '', day: '', hour: '', minute: '', second: '', weekday: '' };
  for (const p of f.formatToParts(new Date(ms))) if (p.type in out) out[p.type as keyof ZonedParts] = p.value;
  return out;
}
