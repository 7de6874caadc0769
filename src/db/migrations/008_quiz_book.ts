import type { Migration } from './index.js';

/**
 * Quiz history per book (issue 13, "switching book keeps the old book's … quiz history, readable with a `book:`
 * option"): each quiz run carries the book the guild read when it ran. Rows from before are '' and are claimed for
 * the guild's book the way study rows are (src/group/books.ts); a new run is stamped with the active book.
 */
export const migration: Migration = {
  version: 8,
  name: 'quiz_book',
  sql: `
    ALTER TABLE quiz_runs ADD COLUMN book TEXT NOT NULL DEFAULT '' CHECK (length(book) <= 100);
    CREATE INDEX quiz_runs_book ON quiz_runs (guild_id, book);
    CREATE TRIGGER quiz_runs_stamp_book AFTER INSERT ON quiz_runs WHEN NEW.book = '' BEGIN
      UPDATE quiz_runs SET book = coalesce(
        (SELECT book FROM group_books WHERE guild_id = NEW.guild_id AND active = 1), '') WHERE id = NEW.id;
    END;
  `,
};
