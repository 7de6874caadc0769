/**
 * Progress numbers, read from the rollup tables only (bounded by chapters and days, never by the number of log
 * rows). The group board lives in board.ts and is re-exported here.
 */
import type { Db } from '../core/context.js';
import type { Book } from './book.js';
import { chapterTotals, currentRatings, sql } from './store.js';
import { addDays, dayRange, weekStart, type Day } from './time.js';

export const CHART_DAYS = 28;

export interface ChapterProgress {
  chapter: number;
  title: string;
  minutes: number;
  stars: number | null;
}

export interface Progress {
  userId: string;
  today: Day;
  totalMinutes: number;
  chapters: ChapterProgress[];
  currentStreak: number;
  longestStreak: number;
  activeDays: number;
  thisWeek: number;
  lastWeek: number;
  /** Minutes per day over the last CHART_DAYS days, oldest first (zeros included). */
  daily: { day: Day; minutes: number }[];
}

/** Current streak counts back from today, or from yesterday when today has no log yet. */
export function streaks(days: readonly Day[], today: Day): { current: number; longest: number } {
  // Days as whole-day numbers (one parse per day; this runs over every day a member ever logged).
  const numbers = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < numbers.length; i++) {
    run = i > 0 && numbers[i] === (numbers[i - 1] ?? NaN) + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const set = new Set(numbers);
  const todayNumber = Date.parse(`${today}T00:00:00Z`) / 86_400_000;
  let day = set.has(todayNumber) ? todayNumber : todayNumber - 1;
  let current = 0;
  while (set.has(day)) {
    current++;
    day--;
  }
  return { current, longest };
}

/** Every book chapter, plus any chapter with records that the book no longer lists. */
function chapterRows(book: Book, minutes: Map<number, number>, stars: Map<number, number>): ChapterProgress[] {
  const numbers = new Set<number>([...book.chapters.map((c) => c.number), ...minutes.keys(), ...stars.keys()]);
  const titles = new Map(book.chapters.map((c) => [c.number, c.title]));
  return [...numbers]
    .sort((a, b) => a - b)
    .map((n) => ({
      chapter: n,
      title: titles.get(n) ?? '',
      minutes: minutes.get(n) ?? 0,
      stars: stars.get(n) ?? null,
    }));
}

export function progress(db: Db, book: Book, guildId: string, userId: string, today: Day): Progress {
  const minutes = chapterTotals(db, guildId, userId);
  const stars = new Map([...currentRatings(db, guildId, userId)].map(([ch, r]) => [ch, r.stars]));
  const days = sql(db).days.all(guildId, userId) as { day: Day; minutes: number }[];
  const { current, longest } = streaks(
    days.map((d) => d.day),
    today,
  );
  const byDay = new Map(days.map((d) => [d.day, d.minutes]));
  const thisMonday = weekStart(today);
  const lastMonday = addDays(thisMonday, -7);
  let thisWeek = 0;
  let lastWeek = 0;
  for (const d of days) {
    if (d.day >= thisMonday && d.day <= today) thisWeek += d.minutes;
    else if (d.day >= lastMonday && d.day < thisMonday) lastWeek += d.minutes;
  }
  return {
    userId,
    today,
    totalMinutes: [...minutes.values()].reduce((a, b) => a + b, 0),
    chapters: chapterRows(book, minutes, stars),
    currentStreak: current,
    longestStreak: longest,
    activeDays: days.length,
    thisWeek,
    lastWeek,
    daily: dayRange(today, CHART_DAYS).map((day) => ({ day, minutes: byDay.get(day) ?? 0 })),
  };
}

export { BOARD_COLUMNS, BOARD_TOP, groupBoard, hardestChapters, PERIODS } from './board.js';
export type { BoardOptions, GroupBoard, Period, RankedMember } from './board.js';
