import type { Migration } from './index.js';

/**
 * The group's week (issue 13, schedule side), per guild:
 * - group_books: the books a guild has read. The active one (at most one per guild) is the one book.yaml names;
 *   when book.yaml names a new book, the bot switches the guild to it (src/group/books.ts) and the old row keeps
 *   the old book's title and chapters so its history stays readable with a `book:` option.
 * - study_logs / study_ratings / study_questions gain a `book` key. Rows that existed before this migration get ''
 *   ("not yet claimed"): the first time the bot resolves a guild's book it gives them that book's key, so they
 *   belong to the book the group was reading. New rows are stamped with the guild's active book by the triggers
 *   below (the study code does not need to know about books to write). The immutability triggers of 002/004 are
 *   narrowed to every column but `book`, so that one claim can be written.
 * - group_meetings: the schedule. YAML meetings (book.yaml `meetings:`) seed rows with source 'yaml' and are kept
 *   in step with the file while they stay 'yaml'; `/schedule set` makes a row 'set', and from then on the row
 *   wins over the file. event_id / event_sig track the Discord scheduled event made for the meeting;
 *   group_event_tombstones keeps the events of deleted meetings until the bot has deleted them on Discord.
 * - group_links: which notes author a Discord member is (/link).
 * - group_settings / group_member_settings: the reminder channel (opt-in per guild), a member's DM and mention
 *   choices, and whether the "no Manage Events permission" notice was already given.
 * - group_reminders_sent: each reminder (meeting, 24h|2h, channel|DM to a member) is sent once.
 */
export const migration: Migration = {
  version: 6,
  name: 'group',
  sql: `
    CREATE TABLE group_books (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      book TEXT NOT NULL CHECK (length(book) BETWEEN 1 AND 64),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      chapters TEXT NOT NULL CHECK (json_valid(chapters)),
      active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
      started_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, book)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX group_books_one_active ON group_books (guild_id) WHERE active = 1;

    ALTER TABLE study_logs ADD COLUMN book TEXT NOT NULL DEFAULT '' CHECK (length(book) <= 64);
    ALTER TABLE study_ratings ADD COLUMN book TEXT NOT NULL DEFAULT '' CHECK (length(book) <= 64);
    ALTER TABLE study_questions ADD COLUMN book TEXT NOT NULL DEFAULT '' CHECK (length(book) <= 64);
    CREATE INDEX study_logs_book ON study_logs (guild_id, book, user_id, chapter);
    CREATE INDEX study_ratings_book ON study_ratings (guild_id, book, user_id, chapter, id);
    CREATE INDEX study_questions_book ON study_questions (guild_id, book, chapter);

    DROP TRIGGER study_logs_no_update;
    CREATE TRIGGER study_logs_no_update
    BEFORE UPDATE OF id, guild_id, user_id, chapter, minutes, day, memo, source, created_at ON study_logs BEGIN
      SELECT RAISE(ABORT, 'study_logs rows are immutable; delete and insert instead');
    END;
    DROP TRIGGER study_ratings_no_update;
    CREATE TRIGGER study_ratings_no_update
    BEFORE UPDATE OF id, guild_id, user_id, chapter, stars, hard_part, why, insight, source, created_at
    ON study_ratings BEGIN
      SELECT RAISE(ABORT, 'study_ratings rows are immutable; insert a new rating instead');
    END;


    -- 004's rating triggers again, with the book: a member's current rating of a chapter is their newest row for
    -- that chapter of the same book (chapter 4 of the next book is another chapter). The study code writes the
    -- active book into NEW.book on insert, so these see it.
    DROP TRIGGER study_ratings_ai_board;
    DROP TRIGGER study_ratings_ad_board;
    CREATE TRIGGER study_ratings_ai_board AFTER INSERT ON study_ratings
    WHEN NOT EXISTS (SELECT 1 FROM study_ratings AS r
                     WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.book = NEW.book
                       AND r.id > NEW.id)
    BEGIN
      -- The member's previous rating of the chapter, if any, stops counting.
      UPDATE study_chapter_stars SET ratings = ratings - 1, stars = stars - (
          SELECT r.stars FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.book = NEW.book AND r.id < NEW.id
          ORDER BY r.id DESC LIMIT 1)
        WHERE guild_id = NEW.guild_id AND chapter = NEW.chapter AND EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.book = NEW.book AND r.id < NEW.id);
      INSERT INTO study_chapter_stars (guild_id, chapter, ratings, stars) VALUES (NEW.guild_id, NEW.chapter, 1, NEW.stars)
        ON CONFLICT (guild_id, chapter) DO UPDATE SET ratings = ratings + 1, stars = stars + excluded.stars;
      INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
        SELECT NEW.guild_id, NEW.user_id, 0, 0, 1
        WHERE NOT EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.book = NEW.book AND r.id < NEW.id)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET rated = rated + 1;
    END;
    CREATE TRIGGER study_ratings_ad_board AFTER DELETE ON study_ratings
    WHEN NOT EXISTS (SELECT 1 FROM study_ratings AS r
                     WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter AND r.book = OLD.book
                       AND r.id > OLD.id)
    BEGIN
      UPDATE study_chapter_stars SET ratings = ratings - 1, stars = stars - OLD.stars
        WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter;
      -- The member's next older rating of the chapter, if any, counts again.
      UPDATE study_chapter_stars SET ratings = ratings + 1, stars = stars + (
          SELECT r.stars FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter AND r.book = OLD.book
          ORDER BY r.id DESC LIMIT 1)
        WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter AND EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter AND r.book = OLD.book);
      DELETE FROM study_chapter_stars WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter AND ratings = 0;
      UPDATE study_member_totals SET rated = rated - 1
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND NOT EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter AND r.book = OLD.book);
      DELETE FROM study_member_totals
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND entries = 0 AND rated = 0;
    END;

    -- Safety net for an insert that does not name the book: stamp the guild's active book.
    CREATE TRIGGER study_logs_stamp_book AFTER INSERT ON study_logs WHEN NEW.book = '' BEGIN
      UPDATE study_logs SET book = coalesce(
        (SELECT book FROM group_books WHERE guild_id = NEW.guild_id AND active = 1), '') WHERE id = NEW.id;
    END;
    CREATE TRIGGER study_ratings_stamp_book AFTER INSERT ON study_ratings WHEN NEW.book = '' BEGIN
      UPDATE study_ratings SET book = coalesce(
        (SELECT book FROM group_books WHERE guild_id = NEW.guild_id AND active = 1), '') WHERE id = NEW.id;
    END;
    CREATE TRIGGER study_questions_stamp_book AFTER INSERT ON study_questions WHEN NEW.book = '' BEGIN
      UPDATE study_questions SET book = coalesce(
        (SELECT book FROM group_books WHERE guild_id = NEW.guild_id AND active = 1), '') WHERE id = NEW.id;
    END;

    CREATE TABLE group_meetings (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      book TEXT NOT NULL CHECK (length(book) BETWEEN 1 AND 64),
      seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999),
      starts_at INTEGER NOT NULL,
      deadline_at INTEGER NOT NULL CHECK (deadline_at <= starts_at),
      chapters TEXT NOT NULL CHECK (json_valid(chapters) AND json_type(chapters) = 'array'),
      presenter_user_id TEXT CHECK (presenter_user_id IS NULL OR length(presenter_user_id) BETWEEN 1 AND 64),
      presenter_name TEXT CHECK (presenter_name IS NULL OR length(presenter_name) BETWEEN 1 AND 100),
      place TEXT CHECK (place IS NULL OR length(place) BETWEEN 1 AND 100),
      voice_channel_id TEXT CHECK (voice_channel_id IS NULL OR length(voice_channel_id) BETWEEN 1 AND 64),
      source TEXT NOT NULL CHECK (source IN ('yaml', 'set')),
      event_id TEXT,
      event_sig TEXT,
      updated_at INTEGER NOT NULL,
      CHECK ((presenter_user_id IS NULL) OR (presenter_name IS NOT NULL)),
      UNIQUE (guild_id, book, seq),
      UNIQUE (guild_id, id)
    );
    CREATE INDEX group_meetings_time ON group_meetings (guild_id, starts_at);

    -- The Discord event of a deleted meeting, until the bot has deleted it on Discord (a meeting deleted by the CLI
    -- or dropped from book.yaml while the bot is offline still loses its event).
    CREATE TABLE group_event_tombstones (
      guild_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (guild_id, event_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER group_meetings_event_gone AFTER DELETE ON group_meetings WHEN OLD.event_id IS NOT NULL BEGIN
      INSERT OR IGNORE INTO group_event_tombstones (guild_id, event_id) VALUES (OLD.guild_id, OLD.event_id);
    END;

    CREATE TABLE group_links (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      author TEXT NOT NULL CHECK (length(author) BETWEEN 1 AND 100),
      linked_by TEXT NOT NULL,
      linked_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, user_id),
      UNIQUE (guild_id, author)
    ) WITHOUT ROWID;

    CREATE TABLE group_settings (
      guild_id TEXT PRIMARY KEY CHECK (length(guild_id) BETWEEN 1 AND 64),
      reminder_channel_id TEXT CHECK (reminder_channel_id IS NULL OR length(reminder_channel_id) BETWEEN 1 AND 64),
      events_denied_at INTEGER,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE group_member_settings (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      dm INTEGER NOT NULL DEFAULT 0 CHECK (dm IN (0, 1)),
      mention INTEGER NOT NULL DEFAULT 0 CHECK (mention IN (0, 1)),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, user_id)
    ) WITHOUT ROWID;

    CREATE TABLE group_reminders_sent (
      guild_id TEXT NOT NULL,
      meeting_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('24h', '2h')),
      target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 64),
      sent_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, meeting_id, kind, target),
      FOREIGN KEY (guild_id, meeting_id) REFERENCES group_meetings (guild_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `,
};
