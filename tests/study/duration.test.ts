import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/study/duration.js';
import { formatKoreanMinutes } from '../../src/study/template.js';

const minutes = (text: string) => {
  const r = parseDuration(text);
  return r.ok ? r.minutes : r.error;
};

describe('parseDuration', () => {
  it.each([
    ['45', 45],
    ['1h20m', 80],
    ['1h 20m', 80],
    ['1 hour 20 minutes', 80],
    ['2h', 120],
    ['1.5h', 90],
    ['90min', 90],
    ['1시간 20분', 80],
    ['1시간20분', 80],
    ['1시간', 60],
    ['1시간 반', 90],
    ['80분', 80],
    ['1:20', 80],
    ['0:45', 45],
    ['  ４５ ', 45],
    ['24h', 1440],
  ])('reads %s as %i minutes', (text, expected) => {
    expect(minutes(text)).toBe(expected);
  });

  it.each([
    ['0', 'zero'],
    ['0분', 'zero'],
    ['0:00', 'zero'],
    ['-5', 'negative'],
    ['-1h', 'negative'],
    ['1441', 'tooLong'],
    ['25h', 'tooLong'],
    ['24:01', 'tooLong'],
    ['', 'format'],
    ['abc', 'format'],
    ['1:75', 'format'],
    ['1h20', 'format'],
    ['1.33h', 'format'],
    ['1시간 반 10분', 'format'],
    ['20분 1시간', 'format'],
  ])('rejects %j (%s)', (text, error) => {
    expect(minutes(text)).toBe(error);
  });

  it('reads back every duration the template writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1440 }), (n) => {
        expect(minutes(formatKoreanMinutes(n))).toBe(n);
        expect(minutes(`${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`)).toBe(n);
        expect(minutes(`${Math.floor(n / 60)}h${n % 60}m`)).toBe(n);
      }),
    );
  });
});
