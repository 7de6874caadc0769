import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, monthStart, oneYearBefore, parseDay, weekStart } from '../../src/study/time.js';

describe('days in a timezone', () => {
  it('puts 00:30 KST on that KST day, though it is the previous day in UTC', () => {
    const t = Date.UTC(2026, 10, 27, 15, 30); // 2026-11-28 00:30 KST
    expect(dayOf(t, 'Asia/Seoul')).toBe('2026-11-28');
    expect(dayOf(t, 'UTC')).toBe('2026-11-27');
  });

  it('puts 23:59 KST on the same day and 00:00 KST on the next', () => {
    expect(dayOf(Date.UTC(2026, 10, 28, 14, 59, 59), 'Asia/Seoul')).toBe('2026-11-28');
    expect(dayOf(Date.UTC(2026, 10, 28, 15, 0, 0), 'Asia/Seoul')).toBe('2026-11-29');
  });

  it('follows a DST-observing zone across spring-forward and fall-back midnights', () => {
    // New York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    expect(dayOf(Date.UTC(2026, 2, 8, 4, 59), 'America/New_York')).toBe('2026-03-07'); // 23:59 EST
    expect(dayOf(Date.UTC(2026, 2, 8, 5, 0), 'America/New_York')).toBe('2026-03-08'); // 00:00 EST
    expect(dayOf(Date.UTC(2026, 2, 9, 3, 59), 'America/New_York')).toBe('2026-03-08'); // 23:59 EDT
    expect(dayOf(Date.UTC(2026, 2, 9, 4, 0), 'America/New_York')).toBe('2026-03-09'); // 00:00 EDT
    expect(dayOf(Date.UTC(2026, 10, 2, 4, 59), 'America/New_York')).toBe('2026-11-01'); // 23:59 EST
    expect(dayOf(Date.UTC(2026, 10, 2, 5, 0), 'America/New_York')).toBe('2026-11-02');
  });

  it('follows a southern-hemisphere DST zone (Sydney) at midnight', () => {
    // Sydney: 2026-04-05 03:00 AEDT → 02:00 AEST; local midnight of 04-06 is 14:00 UTC on 04-05.
    expect(dayOf(Date.UTC(2026, 3, 5, 13, 59), 'Australia/Sydney')).toBe('2026-04-05');
    expect(dayOf(Date.UTC(2026, 3, 5, 14, 0), 'Australia/Sydney')).toBe('2026-04-06');
  });

  it('counts weeks Monday to Sunday by calendar, unaffected by DST', () => {
    expect(weekStart('2026-11-28')).toBe('2026-11-23'); // Saturday → Monday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday ends the week
    expect(weekStart('2026-03-08')).toBe('2026-03-02'); // DST Sunday in New York
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(monthStart('2026-02-17')).toBe('2026-02-01');
  });

  it('validates calendar days and steps a year back through 29 February', () => {
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('26-1-1')).toBeNull();
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(oneYearBefore('2028-02-29')).toBe('2027-03-01');
    expect(oneYearBefore('2026-11-28')).toBe('2025-11-28');
  });
});
