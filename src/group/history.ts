/**
 * A past book's records, read from the raw study rows (the rollups behind /progress and /group hold the active book
 * only, see books.ts): a member's minutes and current stars per chapter, and the group's ranking and chapter stars.
 */
import type { Db } from '../core/context.js';
import type { Book } from '../study/book.js';
import { bookRowKeys } from './week.js';

export interface BookChapterRecord {
  chapter: number;
  title: string;
  minutes: number;
  stars: number | null;
}

export interface MemberBookRecord {
  totalMinutes: number;
  chapters: BookChapterRecord[];
  questions: number;
}

export function memberBookRecord(
  db: Db,
  guildId: string,
  book: Book & { key: string },
  userId: string,
): MemberBookRecord {
  const keys = JSON.stringify(bookRowKeys(db, guildId, book.key));
  const minutes = new Map(
    (
      db
        .prepare(
          `SELECT chapter, sum(minutes) AS minutes FROM study_logs
           WHERE guild_id = ? AND user_id = ? AND book IN (SELECT value FROM json_each(?)) GROUP BY chapter`,
        )
        .all(guildId, userId, keys) as { chapter: number; minutes: number }[]
    ).map((r) => [r.chapter, r.minutes]),
  );
  // SQLite returns the bare column of the row holding max(id): the member's current rating of each chapter.
  const stars = new Map(
    (
      db
        .prepare(
          `SELECT chapter, stars, max(id) FROM study_ratings
           WHERE guild_id = ? AND user_id = ? AND book IN (SELECT value FROM json_each(?)) GROUP BY chapter`,
        )
        .all(guildId, userId, keys) as { chapter: number; stars: number }[]
    ).map((r) => [r.chapter, r.stars]),
  );
  const questions = (
    db
      .prepare(
        'SELECT count(*) AS n FROM study_questions WHERE guild_id = ? AND user_id = ? AND book IN (SELECT value FROM json_each(?))',
      )
      .get(guildId, userId, keys) as { n: number }
  ).n;
  const numbers = new Set([...book.chapters.map((c) => c.number), ...minutes.keys(), ...stars.keys()]);
  const chapters = [...numbers]
    .sort((a, b) => a - b)
    .map((n) => ({
      chapter: n,
      title: book.chapters.find((c) => c.number === n)?.title ?? '',
      minutes: minutes.get(n) ?? 0,
      stars: stars.get(n) ?? null,
    }));
  return { totalMinutes: [...minutes.values()].reduce((a, b) => a + b, 0), chapters, questions };
}

export interface GroupBookRecord {
  ranking: { userId: string; name: string; minutes: number }[];
  chapters: { chapter: number; title: string; ratings: number; average: number }[];
  questions: number;
}

export function groupBookRecord(db: Db, guildId: string, book: Book & { key: string }): GroupBookRecord {
  const keys = JSON.stringify(bookRowKeys(db, guildId, book.key));
  const ranking = db
    .prepare(
      `SELECT l.user_id AS userId, coalesce(m.display_name, l.user_id) AS name, sum(l.minutes) AS minutes
       FROM study_logs AS l LEFT JOIN study_members AS m ON m.guild_id = l.guild_id AND m.user_id = l.user_id
       WHERE l.guild_id = ? AND l.book IN (SELECT value FROM json_each(?))
       GROUP BY l.user_id ORDER BY minutes DESC, l.user_id LIMIT 10`,
    )
    .all(guildId, keys) as GroupBookRecord['ranking'];
  const stars = db
    .prepare(
      `SELECT chapter, count(*) AS ratings, avg(stars) AS average FROM (
         SELECT chapter, stars, max(id) FROM study_ratings
         WHERE guild_id = ? AND book IN (SELECT value FROM json_each(?)) GROUP BY user_id, chapter)
       GROUP BY chapter ORDER BY chapter`,
    )
    .all(guildId, keys) as { chapter: number; ratings: number; average: number }[];
  const questions = (
    db
      .prepare(
        'SELECT count(*) AS n FROM study_questions WHERE guild_id = ? AND book IN (SELECT value FROM json_each(?))',
      )
      .get(guildId, keys) as { n: number }
  ).n;
  return {
    ranking,
    chapters: stars.map((s) => ({
      ...s,
      average: Math.round(s.average * 10) / 10,
      title: book.chapters.find((c) => c.number === s.chapter)?.title ?? '',
    })),
    questions,
  };
}
