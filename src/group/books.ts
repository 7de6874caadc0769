/**
 * Which book a guild reads, and the books it read before (group_books, migration 006).
 *
 * The decision: book.yaml names the book the group reads now. When a guild is first seen after migration 006, the
 * book in book.yaml becomes its active book and the guild's older study rows (book '') are claimed for it. When
 * book.yaml later names another book (a new `key:`, or a new title without a key), the guild switches to it the
 * next time the bot resolves its book: the old book keeps its row (title and chapters) and all its logs, ratings
 * and questions, readable with a `book:` option; the rollups /progress and /group read are rebuilt for the new book
 * (they always describe the active book; other books are read from the raw rows).
 */
import type { Db } from '../core/context.js';
import { storageFault } from '../db/errors.js';
import { bookKey, type Book, type Chapter } from '../study/book.js';

export interface StoredBook {
  key: string;
  title: string;
  chapters: Chapter[];
  active: boolean;
  startedAt: number;
}

/** Per connection: the book key last confirmed active per guild, so a resolve costs no query when nothing changed. */
const confirmed = new WeakMap<Db, Map<string, string>>();

/** Makes `book` the guild's active book (claiming, switching as described above) and returns its key. */
export function ensureActiveBook(db: Db, guildId: string, book: Book, now: number): string {
  const key = bookKey(book);
  let seen = confirmed.get(db);
  if (!seen) {
    seen = new Map();
    confirmed.set(db, seen);
  }
  if (seen.get(guildId) === key) return key;
  const chapters = JSON.stringify(book.chapters.map((c) => ({ number: c.number, title: c.title })));
  const active = db
    .prepare('SELECT book, title, chapters FROM group_books WHERE guild_id = ? AND active = 1')
    .get(guildId) as { book: string; title: string; chapters: string } | undefined;
  const unclaimed = TABLES.some((table) =>
    db.prepare(`SELECT 1 FROM ${table} WHERE guild_id = ? AND book = '' LIMIT 1`).get(guildId),
  );
  const upToDate = active?.book === key && active.title === book.title && active.chapters === chapters;
  // Reads first: a guild already on this book writes nothing (a read-only or busy database still answers reads).
  if (!upToDate || unclaimed) {
    try {
      write(db, guildId, key, book.title, chapters, now);
    } catch (err) {
      // The command's own write (if any) meets the same fault and reports it; a read goes on with what is stored.
      if (storageFault(err)) return key;
      throw err;
    }
  }
  seen.set(guildId, key);
  return key;
}

const TABLES = ['study_logs', 'study_ratings', 'study_questions', 'quiz_runs'] as const;

function write(db: Db, guildId: string, key: string, title: string, chapters: string, now: number): void {
  // IMMEDIATE: take the write lock up front, so a busy database is waited for (busy_timeout) instead of failing at
  // the upgrade from read to write.
  db.transaction(() => {
    const active = db.prepare('SELECT book FROM group_books WHERE guild_id = ? AND active = 1').get(guildId) as
      { book: string } | undefined;
    if (active?.book === key) {
      db.prepare('UPDATE group_books SET title = ?, chapters = ? WHERE guild_id = ? AND book = ?').run(
        title,
        chapters,
        guildId,
        key,
      );
    } else {
      if (active)
        db.prepare('UPDATE group_books SET active = 0 WHERE guild_id = ? AND book = ?').run(guildId, active.book);
      db.prepare(
        `INSERT INTO group_books (guild_id, book, title, chapters, active, started_at) VALUES (?, ?, ?, ?, 1, ?)
         ON CONFLICT (guild_id, book) DO UPDATE SET active = 1, title = excluded.title, chapters = excluded.chapters`,
      ).run(guildId, key, title, chapters, now);
    }
    // Rows written before the guild had a book (before 006, or by a path that ran before this) belong to the book
    // the guild had then: the old active one, else this one.
    const owner = active?.book ?? key;
    for (const table of TABLES)
      db.prepare(`UPDATE ${table} SET book = ? WHERE guild_id = ? AND book = ''`).run(owner, guildId);
    if (active && active.book !== key) rebuildRollups(db, guildId, key);
  }).immediate();
}

/** The books a guild has read, newest first. */
export function listBooks(db: Db, guildId: string): StoredBook[] {
  const rows = db
    .prepare(
      'SELECT book, title, chapters, active, started_at AS startedAt FROM group_books WHERE guild_id = ? ORDER BY started_at DESC, book',
    )
    .all(guildId) as { book: string; title: string; chapters: string; active: number; startedAt: number }[];
  return rows.map((r) => ({
    key: r.book,
    title: r.title,
    chapters: JSON.parse(r.chapters) as Chapter[],
    active: r.active === 1,
    startedAt: r.startedAt,
  }));
}

/** The title of the book `key` names: the active book's, else the one the guild read under that key, else the key. */
export function bookTitle(db: Db, guildId: string, active: Book, key: string): string {
  if (key === bookKey(active)) return active.title;
  return listBooks(db, guildId).find((b) => b.key === key)?.title ?? key;
}

/** A book the guild read, as a Book the study code can show (its chapters as they were), or undefined. */
export function storedBook(db: Db, guildId: string, keyOrTitle: string): (Book & { key: string }) | undefined {
  const wanted = keyOrTitle.normalize('NFC').trim().toLowerCase();
  const found = listBooks(db, guildId).find(
    (b) => b.key === wanted || b.title.normalize('NFC').toLowerCase() === wanted,
  );
  return found ? { key: found.key, title: found.title, chapters: found.chapters } : undefined;
}

/**
 * The rollups of 002/004 hold the active book only: on a switch they are emptied for the guild and filled again
 * from the new book's rows, with the same rules as their triggers (imports count toward chapters, not days; a
 * member's current rating of a chapter is their newest row).
 */
function rebuildRollups(db: Db, guildId: string, book: string): void {
  for (const table of [
    'study_chapter_totals',
    'study_daily',
    'study_member_totals',
    'study_period_totals',
    'study_chapter_stars',
  ]) {
    db.prepare(`DELETE FROM ${table} WHERE guild_id = ?`).run(guildId);
  }
  const g = { guildId, book };
  db.prepare(
    `INSERT INTO study_chapter_totals (guild_id, user_id, chapter, minutes, entries)
     SELECT guild_id, user_id, chapter, sum(minutes), count(*) FROM study_logs
     WHERE guild_id = @guildId AND book = @book GROUP BY user_id, chapter`,
  ).run(g);
  db.prepare(
    `INSERT INTO study_daily (guild_id, user_id, day, minutes, entries)
     SELECT guild_id, user_id, day, sum(minutes), count(*) FROM study_logs
     WHERE guild_id = @guildId AND book = @book AND source = 'log' GROUP BY user_id, day`,
  ).run(g);
  db.prepare(
    `INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
     SELECT guild_id, user_id, sum(minutes), count(*), 0 FROM study_logs
     WHERE guild_id = @guildId AND book = @book GROUP BY user_id`,
  ).run(g);
  db.prepare(
    `INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
     SELECT guild_id, user_id, 0, 0, count(DISTINCT chapter) FROM study_ratings
     WHERE guild_id = @guildId AND book = @book GROUP BY user_id
     ON CONFLICT (guild_id, user_id) DO UPDATE SET rated = excluded.rated`,
  ).run(g);
  db.prepare(
    `INSERT INTO study_period_totals (guild_id, period, user_id, minutes, entries)
     SELECT guild_id, 'W:' || date(day, '-6 days', 'weekday 1'), user_id, sum(minutes), sum(entries)
     FROM study_daily WHERE guild_id = @guildId GROUP BY 1, 2, 3`,
  ).run(g);
  db.prepare(
    `INSERT INTO study_period_totals (guild_id, period, user_id, minutes, entries)
     SELECT guild_id, 'M:' || substr(day, 1, 7), user_id, sum(minutes), sum(entries)
     FROM study_daily WHERE guild_id = @guildId GROUP BY 1, 2, 3`,
  ).run(g);
  // SQLite returns the bare column of the row holding max(id): each member's current rating of each chapter.
  db.prepare(
    `INSERT INTO study_chapter_stars (guild_id, chapter, ratings, stars)
     SELECT guild_id, chapter, count(*), sum(stars)
     FROM (SELECT guild_id, chapter, stars, max(id) FROM study_ratings
           WHERE guild_id = @guildId AND book = @book GROUP BY user_id, chapter)
     GROUP BY guild_id, chapter`,
  ).run(g);
}
