/** Dates a member gives /log (`2026-11-28`, `오늘`, `어제`): calendar parsing and the allowed window. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDay } from '../../src/study/logs.js';
import { addDays, oneYearBefore, parseDay } from '../../src/study/time.js';
import { check, hostileString, hugeString, userErrorOr, TIMEOUT } from './runs.js';

const TOKENS = ['2026', '-', '02', '29', '30', '13', '00', '오늘', '어제', '그제', 'today', 'yesterday', ' ', '２'];
const dayArb = fc
  .date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateInput = fc.oneof(
  hostileString({ tokens: TOKENS }),
  fc
    .tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99 }), fc.nat({ max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  dayArb,
);

describe('fuzz: dates', () => {
  it(
    'parseDay never throws and gives only real calendar days, which parse to themselves',
    () => {
      check(
        fc.property(dateInput, (input) => {
          const day = parseDay(input);
          if (day === null) return;
          expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
          expect(parseDay(day)).toBe(day);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'round-trips every day from year 1 to 9999',
    () => {
      check(
        fc.property(dayArb, (day) => {
          expect(parseDay(day)).toBe(day);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'resolveDay answers a day within the last year or a translated UserError',
    () => {
      check(
        fc.property(dayArb, fc.option(dateInput, { nil: undefined }), (today, input) => {
          const day = userErrorOr(() => resolveDay(today, input));
          if (day === undefined) return;
          expect(day <= today).toBe(true);
          expect(day >= oneYearBefore(today)).toBe(true);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses names of Object properties (`constructor`, `__proto__`) as a date format error',
    () => {
      for (const input of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        expect(() => resolveDay('2026-11-28', input)).toThrow(
          expect.objectContaining({ key: 'study.error.date.format' }),
        );
      }
    },
    TIMEOUT,
  );

  it(
    'accepts every day of the last year, written plainly',
    () => {
      check(
        fc.property(dayArb, fc.nat({ max: 364 }), (today, back) => {
          const day = addDays(today, -back);
          if (day < '0001-01-01' || today > '9999-12-31') return;
          expect(resolveDay(today, ` ${day} `)).toBe(day);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'survives huge inputs',
    () => {
      check(
        fc.property(hugeString(50_000, TOKENS), (input) => {
          expect(parseDay(input)).toBeNull();
          userErrorOr(() => resolveDay('2026-11-28', input));
        }),
        0.05,
      );
    },
    TIMEOUT,
  );
});
