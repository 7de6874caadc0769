/**
 * Reading-time input: `45`, `1h20m`, `1 h 20 min`, `1.5h`, `1시간 20분`, `1시간 반`, `80분`, `1:20`.
 * Written by hand: duration libraries (ms, parse-duration) know neither Korean units nor `h:mm`,
 * and this grammar is a dozen lines.
 */
export const MAX_ENTRY_MINUTES = 24 * 60;

export type DurationError = 'format' | 'zero' | 'negative' | 'tooLong';
export type DurationResult = { ok: true; minutes: number } | { ok: false; error: DurationError };

const CLOCK = /^(\d{1,4}):([0-5]\d)$/;
const PLAIN = /^\d{1,7}$/;
// Hours then minutes, each optional, in English or Korean units. `반` (half) only after hours.
const UNITS =
  /^(?:(\d{1,6}(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours|시간)\s*(반)?)?\s*(?:(\d{1,7})\s*(?:m|min|mins|minute|minutes|분))?$/i;

/** `max` is one entry's limit (24 h); a template's per-chapter totals pass a larger one. */
export function parseDuration(input: string, max = MAX_ENTRY_MINUTES): DurationResult {
  const text = input.normalize('NFKC').trim().toLowerCase();
  if (text === '') return { ok: false, error: 'format' };
  if (/^[-−]/.test(text)) return { ok: false, error: 'negative' };
  const minutes = toMinutes(text);
  if (minutes === null || !Number.isFinite(minutes)) return { ok: false, error: 'format' };
  if (!Number.isInteger(minutes)) return { ok: false, error: 'format' };
  if (minutes <= 0) return { ok: false, error: 'zero' };
  if (minutes > max) return { ok: false, error: 'tooLong' };
  return { ok: true, minutes };
}

function toMinutes(text: string): number | null {
  if (PLAIN.test(text)) return Number(text);
  const clock = CLOCK.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const units = UNITS.exec(text);
  if (!units || (units[1] === undefined && units[3] === undefined)) return null;
  const hours = units[1] === undefined ? 0 : Number(units[1]);
  const half = units[2] ? 30 : 0;
  const mins = units[3] === undefined ? 0 : Number(units[3]);
  if (half && mins) return null;
  return Math.round(hours * 60 * 1000) / 1000 + half + mins;
}

/** Splits minutes into hours and minutes, for the `common.hoursMinutes` messages. */
export function splitMinutes(total: number): { h: number; m: number } {
  return { h: Math.floor(total / 60), m: total % 60 };
}
