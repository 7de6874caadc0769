/**
 * A meeting from what an admin typed (`/schedule set` options, `schedule set` flags), read in the group's timezone.
 * Anything unreadable is a UserError naming the value, so both adapters reject it before anything is written.
 */
import { UserError } from '../core/errors.js';
import { findChapter, type Book } from '../study/book.js';
import { parseDay } from '../study/time.js';
import type { MeetingInput } from './schedule.js';
import { defaultDeadline, parseTime, zonedInstant } from './time.js';

/** A channel given as `<#id>`, `#id` or the id. */
export function channelIdOf(text: string): string | null {
  const m = /^\s*(?:<#)?#?(\d{17,20})>?\s*$/.exec(text);
  return m ? (m[1] as string) : null;
}

export interface SetArgs {
  week: number;
  date: string;
  time: string;
  chapters: string;
  presenter?: { id: string; name: string };
  deadline?: string;
  place?: string;
  voice?: string;
}

/** The meeting an admin's options describe, in the group's timezone; a UserError for anything unreadable. */
export function meetingInput(bookData: Book, tz: string, book: string, args: SetArgs): MeetingInput {
  const day = parseDay(args.date);
  if (!day) throw new UserError('group.error.date', { value: args.date.slice(0, 20) });
  const minutes = parseTime(args.time);
  if (minutes === null) throw new UserError('group.error.time', { value: args.time.slice(0, 20) });
  const chapters = parseChapters(args.chapters);
  if (!chapters) throw new UserError('group.error.chapters', { value: args.chapters.slice(0, 40) });
  const unknown = chapters.filter((c) => !findChapter(bookData, c));
  if (unknown.length > 0) throw new UserError('group.error.unknownChapter', { chapters: unknown.join(', ') });
  const startsAt = zonedInstant(day, minutes, tz);
  let deadlineAt = defaultDeadline(startsAt, tz);
  if (args.deadline) {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/.exec(args.deadline.trim());
    const dDay = m ? parseDay(m[1] as string) : null;
    const dMin = m ? parseTime(m[2] as string) : null;
    if (!dDay || dMin === null) throw new UserError('group.error.deadline', { value: args.deadline.slice(0, 20) });
    deadlineAt = zonedInstant(dDay, dMin, tz);
  }
  if (deadlineAt > startsAt) throw new UserError('group.error.deadlineAfter');
  let voiceChannelId: string | null = null;
  if (args.voice) {
    voiceChannelId = channelIdOf(args.voice);
    if (!voiceChannelId) throw new UserError('group.error.channel');
  }
  return {
    book,
    seq: args.week,
    startsAt,
    deadlineAt,
    chapters,
    presenter: args.presenter ? { userId: args.presenter.id, name: args.presenter.name.slice(0, 100) } : null,
    place: args.place?.trim() || null,
    voiceChannelId,
  };
}

/** `4`, `4,5`, `4 5`, `4-6`, `4장, 5장` → sorted chapter numbers; null when unreadable or more than 20. */
export function parseChapters(text: string): number[] | null {
  const out = new Set<number>();
  const parts = text
    .normalize('NFKC')
    .split(/[,\s]+/)
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const raw of parts) {
    const part = raw.replace(/장$/, '');
    const range = /^(\d{1,3})-(\d{1,3})$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a || b - a > 20) return null;
      for (let n = a; n <= b; n++) out.add(n);
    } else if (/^\d{1,3}$/.test(part)) out.add(Number(part));
    else return null;
  }
  if (out.size > 20) return null;
  return [...out].sort((a, b) => a - b);
}
