/**
 * Progress and group-board numbers, read from the rollup tables only (bounded by members × chapters and
 * members × days, never by the number of log rows).
 */
import type { Db } from '../core/context.js';
import type { Book } from './book.js';
import { chapterTotals, currentRatings, memberNames, sql } from './store.js';
import { addDays, dayRange, monthStart, weekStart, type Day } from './time.js';

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

export type Period = 'week' | 'month' | 'all';
export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

export interface GroupBoard {
  period: Period;
  from: Day | null;
  to: Day;
  /** Members with time in the period, most minutes first. */
  leaderboard: { userId: string; name: string; minutes: number }[];
  /** Members with at least one rating or log, in leaderboard order then by name. */
  members: { userId: string; name: string }[];
  /** One row per chapter (book chapters plus rated extras): stars per member (same order as `members`). */
  matrix: { chapter: number; title: string; stars: (number | null)[]; average: number | null; ratings: number }[];
  openQuestions: number;
}

export function groupBoard(db: Db, book: Book, guildId: string, period: Period, today: Day): GroupBoard {
  const s = sql(db);
  const from = period === 'week' ? weekStart(today) : period === 'month' ? monthStart(today) : null;
  const rows = (from === null ? s.guildMinutesAll.all(guildId) : s.guildMinutesBetween.all(guildId, from, today)) as {
    userId: string;
    minutes: number;
  }[];
  const names = memberNames(db, guildId);
  const nameOf = (id: string) => names.get(id) ?? id;
  const leaderboard = rows
    .filter((r) => r.minutes > 0)
    .map((r) => ({ userId: r.userId, name: nameOf(r.userId), minutes: r.minutes }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));

  const ratings = s.guildRatings.all(guildId) as { userId: string; chapter: number; stars: number }[];
  const everyone = new Set<string>([
    ...leaderboard.map((r) => r.userId),
    ...(s.guildMinutesAll.all(guildId) as { userId: string }[]).map((r) => r.userId),
    ...ratings.map((r) => r.userId),
  ]);
  const rank = new Map(leaderboard.map((r, i) => [r.userId, i]));
  const members = [...everyone]
    .map((userId) => ({ userId, name: nameOf(userId) }))
    .sort(
      (a, b) => (rank.get(a.userId) ?? Infinity) - (rank.get(b.userId) ?? Infinity) || a.name.localeCompare(b.name),
    );
  const column = new Map(members.map((m, i) => [m.userId, i]));
  const titles = new Map(book.chapters.map((c) => [c.number, c.title]));
  const chapters = new Set<number>([...titles.keys(), ...ratings.map((r) => r.chapter)]);
  const matrix = [...chapters]
    .sort((a, b) => a - b)
    .map((chapter) => {
      const stars: (number | null)[] = members.map(() => null);
      for (const r of ratings) if (r.chapter === chapter) stars[column.get(r.userId) ?? 0] = r.stars;
      const given = stars.filter((x): x is number => x !== null);
      const average = given.length ? given.reduce((a, b) => a + b, 0) / given.length : null;
      return { chapter, title: titles.get(chapter) ?? '', stars, average, ratings: given.length };
    });
  const open = s.countOpenQuestions.get(guildId) as { n: number };
  return { period, from, to: today, leaderboard, members, matrix, openQuestions: open.n };
}

/** Chapters with ratings, lowest average first: what the group finds hardest. */
export function hardestChapters(board: GroupBoard, limit = 3): GroupBoard['matrix'] {
  return board.matrix
    .filter((r) => r.average !== null)
    .sort((a, b) => (a.average ?? 0) - (b.average ?? 0) || a.chapter - b.chapter)
    .slice(0, limit);
}
