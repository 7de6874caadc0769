import type { Migration } from './index.js';

/**
 * Rollups for `/group`, so the board reads only what it shows (top N, a count, a few members' stars) and its cost
 * stays close to flat as the group grows. Kept by triggers next to 002's (never written by the code), and filled
 * from 002's rollups here, in the same transaction as the schema change.
 * - study_member_totals: a member's all-time minutes (logs and imports, like study_chapter_totals) and how many
 *   chapters they have a current rating for; one row per member with any log or rating ("everyone" on the board).
 * - study_period_totals: a member's minutes per week ('W:' + Monday) and per month ('M:' + YYYY-MM), from dated
 *   logs only (like study_daily).
 * - study_chapter_stars: per chapter, how many members have a current rating and the sum of those stars.
 */
export const migration: Migration = {
  version: 4,
  name: 'study_board',
  sql: `
    CREATE TABLE study_member_totals (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes >= 0),
      entries INTEGER NOT NULL CHECK (entries >= 0),
      rated INTEGER NOT NULL CHECK (rated >= 0),
      PRIMARY KEY (guild_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX study_member_totals_rank ON study_member_totals (guild_id, minutes DESC, user_id);

    CREATE TABLE study_period_totals (
      guild_id TEXT NOT NULL,
      period TEXT NOT NULL,
      user_id TEXT NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes >= 0),
      entries INTEGER NOT NULL CHECK (entries >= 0),
      PRIMARY KEY (guild_id, period, user_id)
    ) WITHOUT ROWID;
    -- No (guild_id, period, minutes) index: keeping it on every log made inserts about 3× slower, while ranking
    -- one period's rows (one short row per member active in it) takes well under a millisecond at 1 000 members.

    -- Only the old /group read study_daily by (guild, day); the board now reads the rollups above, and each log
    -- no longer pays for keeping this index.
    DROP INDEX study_daily_guild_day;

    CREATE TABLE study_chapter_stars (
      guild_id TEXT NOT NULL,
      chapter INTEGER NOT NULL,
      ratings INTEGER NOT NULL CHECK (ratings >= 0),
      stars INTEGER NOT NULL CHECK (stars >= 0),
      PRIMARY KEY (guild_id, chapter)
    ) WITHOUT ROWID;

    -- Existing data, from the 002 rollups (not the raw logs).
    INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
      SELECT guild_id, user_id, sum(minutes), sum(entries), 0 FROM study_chapter_totals GROUP BY guild_id, user_id;
    INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
      SELECT guild_id, user_id, 0, 0, count(DISTINCT chapter) FROM study_ratings WHERE true GROUP BY guild_id, user_id
      ON CONFLICT (guild_id, user_id) DO UPDATE SET rated = excluded.rated;
    INSERT INTO study_period_totals (guild_id, period, user_id, minutes, entries)
      SELECT guild_id, 'W:' || date(day, '-6 days', 'weekday 1'), user_id, sum(minutes), sum(entries)
      FROM study_daily GROUP BY 1, 2, 3;
    INSERT INTO study_period_totals (guild_id, period, user_id, minutes, entries)
      SELECT guild_id, 'M:' || substr(day, 1, 7), user_id, sum(minutes), sum(entries) FROM study_daily GROUP BY 1, 2, 3;
    -- SQLite returns the bare column of the row holding max(id): each member's current rating of each chapter.
    INSERT INTO study_chapter_stars (guild_id, chapter, ratings, stars)
      SELECT guild_id, chapter, count(*), sum(stars)
      FROM (SELECT guild_id, chapter, stars, max(id) FROM study_ratings GROUP BY guild_id, user_id, chapter)
      GROUP BY guild_id, chapter;

    CREATE TRIGGER study_logs_ai_board AFTER INSERT ON study_logs BEGIN
      INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
        VALUES (NEW.guild_id, NEW.user_id, NEW.minutes, 1, 0)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
      INSERT INTO study_period_totals (guild_id, period, user_id, minutes, entries)
        SELECT NEW.guild_id, p.period, NEW.user_id, NEW.minutes, 1
        FROM (SELECT 'W:' || date(NEW.day, '-6 days', 'weekday 1') AS period UNION ALL SELECT 'M:' || substr(NEW.day, 1, 7)) AS p
        WHERE NEW.source = 'log'
        ON CONFLICT (guild_id, period, user_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
    END;
    CREATE TRIGGER study_logs_ad_board AFTER DELETE ON study_logs BEGIN
      UPDATE study_member_totals SET minutes = minutes - OLD.minutes, entries = entries - 1
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id;
      DELETE FROM study_member_totals
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND entries = 0 AND rated = 0;
      UPDATE study_period_totals SET minutes = minutes - OLD.minutes, entries = entries - 1
        WHERE OLD.source = 'log' AND guild_id = OLD.guild_id AND user_id = OLD.user_id
          AND period IN ('W:' || date(OLD.day, '-6 days', 'weekday 1'), 'M:' || substr(OLD.day, 1, 7));
      DELETE FROM study_period_totals
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND entries = 0
          AND period IN ('W:' || date(OLD.day, '-6 days', 'weekday 1'), 'M:' || substr(OLD.day, 1, 7));
    END;

    -- A member's current rating of a chapter is their newest row (highest id). These triggers fire only when the
    -- row inserted or deleted is (was) that newest one.
    CREATE TRIGGER study_ratings_ai_board AFTER INSERT ON study_ratings
    WHEN NOT EXISTS (SELECT 1 FROM study_ratings AS r
                     WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter
                       AND r.id > NEW.id)
    BEGIN
      -- The member's previous rating of the chapter, if any, stops counting.
      UPDATE study_chapter_stars SET ratings = ratings - 1, stars = stars - (
          SELECT r.stars FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.id < NEW.id
          ORDER BY r.id DESC LIMIT 1)
        WHERE guild_id = NEW.guild_id AND chapter = NEW.chapter AND EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.id < NEW.id);
      INSERT INTO study_chapter_stars (guild_id, chapter, ratings, stars) VALUES (NEW.guild_id, NEW.chapter, 1, NEW.stars)
        ON CONFLICT (guild_id, chapter) DO UPDATE SET ratings = ratings + 1, stars = stars + excluded.stars;
      INSERT INTO study_member_totals (guild_id, user_id, minutes, entries, rated)
        SELECT NEW.guild_id, NEW.user_id, 0, 0, 1
        WHERE NOT EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = NEW.guild_id AND r.user_id = NEW.user_id AND r.chapter = NEW.chapter AND r.id < NEW.id)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET rated = rated + 1;
    END;
    CREATE TRIGGER study_ratings_ad_board AFTER DELETE ON study_ratings
    WHEN NOT EXISTS (SELECT 1 FROM study_ratings AS r
                     WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter
                       AND r.id > OLD.id)
    BEGIN
      UPDATE study_chapter_stars SET ratings = ratings - 1, stars = stars - OLD.stars
        WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter;
      -- The member's next older rating of the chapter, if any, counts again.
      UPDATE study_chapter_stars SET ratings = ratings + 1, stars = stars + (
          SELECT r.stars FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter
          ORDER BY r.id DESC LIMIT 1)
        WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter AND EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter);
      DELETE FROM study_chapter_stars WHERE guild_id = OLD.guild_id AND chapter = OLD.chapter AND ratings = 0;
      UPDATE study_member_totals SET rated = rated - 1
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND NOT EXISTS (
          SELECT 1 FROM study_ratings AS r
          WHERE r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id AND r.chapter = OLD.chapter);
      DELETE FROM study_member_totals
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND entries = 0 AND rated = 0;
    END;
    -- Ratings are history: a new rating is a new row. An UPDATE would bypass the rollups above.
    CREATE TRIGGER study_ratings_no_update BEFORE UPDATE ON study_ratings BEGIN
      SELECT RAISE(ABORT, 'study_ratings rows are immutable; insert a new rating instead');
    END;
  `,
};
