/** Reading-time input (`1시간 20분`, `1:20`, `1.5h`…): what a member types into /log. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtMinutes } from '../../src/commands/study/common.js';
import { translator } from '../../src/i18n/index.js';
import { MAX_ENTRY_MINUTES, parseDuration } from '../../src/study/duration.js';
import { parseMinutes } from '../../src/study/logs.js';
import { formatKoreanMinutes } from '../../src/study/template.js';
import { check, hostileString, hugeString, userErrorOr, TIMEOUT } from './runs.js';

const TOKENS = [
  '1',
  '2',
  '0',
  '59',
  '60',
  '.',
  ':',
  '-',
  '−',
  'h',
  'hr',
  'min',
  'm',
  '시간',
  '분',
  '반',
  ' ',
  '１',
  '：',
];
const durationInput = fc.oneof(
  hostileString({ tokens: TOKENS }),
  // Shaped like a duration, with random numbers, units and spacing, so the accepting paths are exercised.
  fc
    .tuple(
      fc.option(fc.constantFrom('-', '−', '+', ' ')),
      fc.oneof(
        fc.nat({ max: 3000 }).map(String),
        fc.double({ min: 0, max: 30, noNaN: true }).map((d) => d.toFixed(3)),
      ),
      fc.constantFrom('h', 'H', 'hours', '시간', ':', ' '),
      fc.option(fc.constantFrom('반', ' ')),
      fc.option(fc.nat({ max: 120 }).map((n) => String(n).padStart(2, '0'))),
      fc.option(fc.constantFrom('m', 'min', 'minutes', '분', '')),
    )
    .map((parts) => parts.filter((p) => p !== null).join('')),
);

describe('fuzz: durations', () => {
  it(
    'never throws, and a parsed duration is a whole number of minutes within 1..1440',
    () => {
      check(
        fc.property(durationInput, (input) => {
          const r = parseDuration(input);
          if (r.ok) {
            expect(Number.isInteger(r.minutes)).toBe(true);
            expect(r.minutes).toBeGreaterThanOrEqual(1);
            expect(r.minutes).toBeLessThanOrEqual(MAX_ENTRY_MINUTES);
          } else {
            expect(['format', 'zero', 'negative', 'tooLong']).toContain(r.error);
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'keeps a larger bound when one is given (template totals) and never exceeds it',
    () => {
      check(
        fc.property(durationInput, fc.integer({ min: 1, max: 100_000 }), (input, max) => {
          const r = parseDuration(input, max);
          if (r.ok) expect(r.minutes).toBeGreaterThanOrEqual(1);
          if (r.ok) expect(r.minutes).toBeLessThanOrEqual(max);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'rejects what /log gets only with a translated UserError',
    () => {
      check(
        fc.property(durationInput, (input) => {
          const minutes = userErrorOr(() => parseMinutes(input));
          if (minutes !== undefined) expect(parseDuration(input)).toEqual({ ok: true, minutes });
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'survives huge inputs quickly',
    () => {
      check(
        fc.property(hugeString(50_000, TOKENS), (input) => {
          const started = performance.now();
          parseDuration(input);
          expect(performance.now() - started).toBeLessThan(200);
        }),
        0.05,
      );
    },
    TIMEOUT,
  );

  it(
    'reads back every duration the bot writes: Korean and English replies, and the template',
    () => {
      const ko = translator('ko');
      const en = translator('en');
      check(
        fc.property(fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }), (minutes) => {
          expect(parseDuration(fmtMinutes(ko, minutes))).toEqual({ ok: true, minutes });
          expect(parseDuration(fmtMinutes(en, minutes))).toEqual({ ok: true, minutes });
          expect(parseDuration(formatKoreanMinutes(minutes))).toEqual({ ok: true, minutes });
        }),
      );
      check(
        fc.property(fc.integer({ min: 1, max: 60_000 }), (minutes) => {
          expect(parseDuration(formatKoreanMinutes(minutes), 60_000)).toEqual({ ok: true, minutes });
        }),
      );
    },
    TIMEOUT,
  );
});
