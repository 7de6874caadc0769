/**
 * The group board as it was computed before migration 004: every member, from 002's tables (study_daily,
 * study_chapter_totals, study_ratings) and JavaScript. Kept as the oracle that the indexed board must agree with,
 * on any database at schema version 3 or later. One deliberate difference from the old code: members with the same
 * minutes and the same name are ordered by id, so the order is total.
 */
import type { Db } from '../../src/core/context.js';
import type { Book } from '../../src/study/book.js';
import type { Period } from '../../src/study/stats.js';
import { monthStart, weekStart, type Day } from '../../src/study/time.js';

export interface ReferenceBoard {
  leaderboard: { userId: string; name: string; minutes: number }[];
  members: { userId: string; name: string }[];
  matrix: { chapter: number; title: string; stars: (number | null)[]; average: number | null; ratings: number }[];
  openQuestions: number;
}

const byName = (a: { userId: string; name: string }, b: { userId: string; name: string }) =>
  a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1);

export function referenceBoard(db: Db, book: Book, guildId: string, period: Period, today: Day): ReferenceBoard {
  const from = period === 'week' ? weekStart(today) : period === 'month' ? monthStart(today) : null;
  const allTime = db
    .prepare(
      'SELECT user_id AS userId, sum(minutes) AS minutes FROM study_chapter_totals WHERE guild_id = ? GROUP BY user_id',
    )
    .all(guildId) as { userId: string; minutes: number }[];
  const rows =
    from === null
      ? allTime
      : (db
          .prepare(
            `SELECT user_id AS userId, sum(minutes) AS minutes FROM study_daily
             WHERE guild_id = ? AND day BETWEEN ? AND ? GROUP BY user_id`,
          )
          .all(guildId, from, today) as { userId: string; minutes: number }[]);
  const names = new Map(
    (
      db
        .prepare('SELECT user_id AS userId, display_name AS name FROM study_members WHERE guild_id = ?')
        .all(guildId) as { userId: string; name: string }[]
    ).map((r) => [r.userId, r.name]),
  );
  const nameOf = (id: string) => names.get(id) ?? id;
  const leaderboard = rows
    .filter((r) => r.minutes > 0)
    .map((r) => ({ userId: r.userId, name: nameOf(r.userId), minutes: r.minutes }))
    .sort((a, b) => b.minutes - a.minutes || byName(a, b));

  const ratings = db
    .prepare(
      `SELECT user_id AS userId, chapter, stars, max(id) AS _latest FROM study_ratings WHERE guild_id = ?
       GROUP BY chapter, user_id`,
    )
    .all(guildId) as { userId: string; chapter: number; stars: number }[];
  const everyone = new Set([...allTime.map((r) => r.userId), ...ratings.map((r) => r.userId)]);
  const rank = new Map(leaderboard.map((r, i) => [r.userId, i]));
  const members = [...everyone]
    .map((userId) => ({ userId, name: nameOf(userId) }))
    .sort((a, b) => (rank.get(a.userId) ?? Infinity) - (rank.get(b.userId) ?? Infinity) || byName(a, b));
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
  const open = db
    .prepare('SELECT count(*) AS n FROM study_questions WHERE guild_id = ? AND done_at IS NULL')
    .get(guildId) as { n: number };
  return { leaderboard, members, matrix, openQuestions: open.n };
}

/** The reference cut to what the indexed board shows: its expected value for `top` lines and `columns` columns. */
export function expectedBoard(ref: ReferenceBoard, top: number, columns: number, viewer?: string) {
  const at = viewer === undefined ? -1 : ref.leaderboard.findIndex((r) => r.userId === viewer);
  return {
    leaderboard: ref.leaderboard.slice(0, top),
    ranked: ref.leaderboard.length,
    viewer: at >= top ? { ...(ref.leaderboard[at] as ReferenceBoard['leaderboard'][number]), rank: at + 1 } : null,
    members: ref.members.slice(0, columns),
    memberCount: ref.members.length,
    matrix: ref.matrix.map((r) => ({ ...r, stars: r.stars.slice(0, columns) })),
    openQuestions: ref.openQuestions,
  };
}
