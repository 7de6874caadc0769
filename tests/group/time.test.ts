/**
 * The schedule's wall-clock arithmetic in the group's timezone: deadlines at 23:59 KST, meetings just after
 * midnight KST (the day before is a KST day, not a UTC one), and DST zones for a group abroad.
 */
import { describe, expect, it } from 'vitest';
import { defaultDeadline, parseTime, wallTime, zonedInstant } from '../../src/group/time.js';
import { meetingsFromBook, ScheduleYamlError } from '../../src/group/yaml.js';
import { parseBook } from '../../src/study/book.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('group time', () => {
  it('reads 23:59 KST as 14:59 UTC the same day', () => {
    expect(iso(zonedInstant('2026-12-04', 23 * 60 + 59, 'Asia/Seoul'))).toBe('2026-12-04T14:59:00.000Z');
  });

  it('puts the default deadline at 23:59 the day before, on the group clock', () => {
    const start = zonedInstant('2026-12-05', 14 * 60, 'Asia/Seoul'); // 05:00Z
    expect(iso(defaultDeadline(start, 'Asia/Seoul'))).toBe('2026-12-04T14:59:00.000Z');
  });

  it('a meeting at 00:30 KST is on the previous UTC day; its deadline is 23:59 KST the KST day before', () => {
    const start = zonedInstant('2026-12-07', 30, 'Asia/Seoul');
    expect(iso(start)).toBe('2026-12-06T15:30:00.000Z'); // a UTC day earlier than the KST date
    const deadline = defaultDeadline(start, 'Asia/Seoul');
    // 23:59 KST on 6 Dec, which is 14:59Z on 6 Dec — not 23:59 KST on 5 Dec (what a UTC reading would give).
    expect(iso(deadline)).toBe('2026-12-06T14:59:00.000Z');
    expect(wallTime(deadline, 'Asia/Seoul')).toEqual({ day: '2026-12-06', time: '23:59' });
    expect(start - deadline).toBe(31 * 60_000);
  });

  it('handles America/New_York across the spring-forward night', () => {
    // DST starts 2026-03-08 02:00 EST → 03:00 EDT.
    const start = zonedInstant('2026-03-08', 19 * 60, 'America/New_York');
    expect(iso(start)).toBe('2026-03-08T23:00:00.000Z'); // EDT, UTC−4
    const deadline = defaultDeadline(start, 'America/New_York');
    expect(iso(deadline)).toBe('2026-03-08T04:59:00.000Z'); // 23:59 EST, UTC−5, the evening before
    // 02:30 does not exist that night: it moves forward by the jump.
    expect(wallTime(zonedInstant('2026-03-08', 2 * 60 + 30, 'America/New_York'), 'America/New_York').time).toBe(
      '03:30',
    );
  });

  it('handles America/New_York across the fall-back night (the first 01:30)', () => {
    const first = zonedInstant('2026-11-01', 90, 'America/New_York');
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, before the clocks go back
    const start = zonedInstant('2026-11-02', 19 * 60, 'America/New_York');
    expect(iso(defaultDeadline(start, 'America/New_York'))).toBe('2026-11-02T04:59:00.000Z'); // 23:59 EST on 1 Nov
  });

  it('handles Europe/Berlin fall-back: the first of the two 02:30s', () => {
    expect(iso(zonedInstant('2026-10-25', 150, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads HH:MM only', () => {
    expect(parseTime('9:05')).toBe(545);
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('12:60')).toBeNull();
    expect(parseTime('noon')).toBeNull();
  });
});

const BOOK = `
key: docker
title: 도커 책
chapters:
  - { number: 4, title: 도커 기초 }
  - { number: 5, title: 볼륨 }
meetings:
  - { week: 1, date: 2026-12-07, time: '00:30', chapters: [4] }
  - { week: 2, date: 2026-12-14, time: '14:00', chapters: [5, 4], presenter: 이서연, deadline: '2026-12-12 20:00', place: 강남 }
`;

describe('book.yaml meetings', () => {
  it('become meetings in the group timezone, chapters sorted, deadline default or given', () => {
    const [one, two] = meetingsFromBook(parseBook(BOOK), 'Asia/Seoul');
    expect(one).toMatchObject({ book: 'docker', seq: 1, chapters: [4], presenter: null, place: null });
    expect(iso(one!.startsAt)).toBe('2026-12-06T15:30:00.000Z');
    expect(iso(one!.deadlineAt)).toBe('2026-12-06T14:59:00.000Z');
    expect(two).toMatchObject({ seq: 2, chapters: [4, 5], presenter: { userId: null, name: '이서연' }, place: '강남' });
    expect(iso(two!.deadlineAt)).toBe('2026-12-12T11:00:00.000Z');
  });

  it('rejects a deadline after the meeting and a duplicate week, naming them', () => {
    const late = BOOK.replace("deadline: '2026-12-12 20:00'", "deadline: '2026-12-15 20:00'");
    expect(() => meetingsFromBook(parseBook(late), 'Asia/Seoul')).toThrow(ScheduleYamlError);
    expect(() => parseBook(BOOK.replace('week: 2', 'week: 1'))).toThrow(/duplicate week 1/);
    expect(() => parseBook(BOOK.replace("time: '00:30'", "time: '25:00'"))).toThrow(/meetings\.0\.time/);
  });
});
