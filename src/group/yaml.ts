/** book.yaml's `meetings:` (wall-clock strings in the group's timezone) as meetings to seed SQLite with. */
import { bookKey, type Book } from '../study/book.js';
import { parseDay } from '../study/time.js';
import type { MeetingInput } from './schedule.js';
import { defaultDeadline, parseTime, zonedInstant } from './time.js';

export class ScheduleYamlError extends Error {
  override name = 'ScheduleYamlError';
}

/** Throws a ScheduleYamlError naming the week for a date that is not a day or a deadline after the meeting. */
export function meetingsFromBook(book: Book, timeZone: string): MeetingInput[] {
  const key = bookKey(book);
  return (book.meetings ?? []).map((m) => {
    const day = parseDay(m.date);
    const minutes = parseTime(m.time);
    if (!day || minutes === null) throw new ScheduleYamlError(`meetings: week ${m.week}: not a date and time`);
    const startsAt = zonedInstant(day, minutes, timeZone);
    let deadlineAt = defaultDeadline(startsAt, timeZone);
    if (m.deadline) {
      const [d, t] = m.deadline.split(/[ T]/) as [string, string];
      const dDay = parseDay(d);
      const dMin = parseTime(t);
      if (!dDay || dMin === null)
        throw new ScheduleYamlError(`meetings: week ${m.week}: deadline is not a date and time`);
      deadlineAt = zonedInstant(dDay, dMin, timeZone);
    }
    if (deadlineAt > startsAt)
      throw new ScheduleYamlError(`meetings: week ${m.week}: the deadline is after the meeting`);
    return {
      book: key,
      seq: m.week,
      startsAt,
      deadlineAt,
      chapters: [...new Set(m.chapters)].sort((a, b) => a - b),
      presenter: m.presenter ? { userId: null, name: m.presenter } : null,
      place: m.place ?? null,
      voiceChannelId: m.voice ?? null,
    };
  });
}
