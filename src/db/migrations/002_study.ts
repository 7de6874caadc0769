import type { Migration } from './index.js';

/**
 * Study progress: reading logs, chapter ratings (history kept), the discussion queue, pending template imports,
 * and two rollup tables kept by triggers so `/progress` and `/group` never scan the raw logs (1 M rows in the bench).
 */
export const migration: Migration = {
  version: 2,
  name: 'study',
  sql: `
    -- Reading time. day is the calendar day (YYYY-MM-DD) in the member's timezone when logged.
    -- source 'import' rows come from /template import: they count toward chapter totals but not toward days
    -- (the template says how long, not when).
    CREATE TABLE study_logs (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      chapter INTEGER NOT NULL CHECK (chapter BETWEEN 0 AND 999),
      minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
      day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      memo TEXT CHECK (memo IS NULL OR length(memo) <= 500),
      source TEXT NOT NULL DEFAULT 'log' CHECK (source IN ('log', 'import')),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX study_logs_member ON study_logs (guild_id, user_id, id);

    -- Rollups maintained by the triggers below (never written by the code).
    CREATE TABLE study_chapter_totals (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      chapter INTEGER NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes >= 0),
      entries INTEGER NOT NULL CHECK (entries >= 0),
      PRIMARY KEY (guild_id, user_id, chapter)
    ) WITHOUT ROWID;
    CREATE TABLE study_daily (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      day TEXT NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes >= 0),
      entries INTEGER NOT NULL CHECK (entries >= 0),
      PRIMARY KEY (guild_id, user_id, day)
    ) WITHOUT ROWID;
    CREATE INDEX study_daily_guild_day ON study_daily (guild_id, day, user_id, minutes);

    CREATE TRIGGER study_logs_ai AFTER INSERT ON study_logs BEGIN
      INSERT INTO study_chapter_totals (guild_id, user_id, chapter, minutes, entries)
        VALUES (NEW.guild_id, NEW.user_id, NEW.chapter, NEW.minutes, 1)
        ON CONFLICT (guild_id, user_id, chapter) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
      INSERT INTO study_daily (guild_id, user_id, day, minutes, entries)
        SELECT NEW.guild_id, NEW.user_id, NEW.day, NEW.minutes, 1 WHERE NEW.source = 'log'
        ON CONFLICT (guild_id, user_id, day) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
    END;
    CREATE TRIGGER study_logs_ad AFTER DELETE ON study_logs BEGIN
      UPDATE study_chapter_totals SET minutes = minutes - OLD.minutes, entries = entries - 1
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND chapter = OLD.chapter;
      DELETE FROM study_chapter_totals
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND chapter = OLD.chapter AND entries = 0;
      UPDATE study_daily SET minutes = minutes - OLD.minutes, entries = entries - 1
        WHERE OLD.source = 'log' AND guild_id = OLD.guild_id AND user_id = OLD.user_id AND day = OLD.day;
      DELETE FROM study_daily
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND day = OLD.day AND entries = 0;
    END;
    -- Logs are corrected by deleting and re-adding; an UPDATE would bypass the rollups.
    CREATE TRIGGER study_logs_no_update BEFORE UPDATE ON study_logs BEGIN
      SELECT RAISE(ABORT, 'study_logs rows are immutable; delete and insert instead');
    END;

    -- Understanding checks. Every rating is kept; a member's current rating of a chapter is the newest row.
    CREATE TABLE study_ratings (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      chapter INTEGER NOT NULL CHECK (chapter BETWEEN 0 AND 999),
      stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
      hard_part TEXT CHECK (hard_part IS NULL OR length(hard_part) <= 1000),
      why TEXT CHECK (why IS NULL OR length(why) <= 1000),
      insight TEXT CHECK (insight IS NULL OR length(insight) <= 1000),
      source TEXT NOT NULL DEFAULT 'rate' CHECK (source IN ('rate', 'import')),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX study_ratings_member ON study_ratings (guild_id, user_id, chapter, id);
    CREATE INDEX study_ratings_guild ON study_ratings (guild_id, chapter, user_id, id);

    -- The shared discussion queue (the template's 특별히 궁금했던 부분).
    CREATE TABLE study_questions (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      chapter INTEGER CHECK (chapter IS NULL OR chapter BETWEEN 0 AND 999),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
      created_at INTEGER NOT NULL,
      done_at INTEGER,
      done_by TEXT
    );
    CREATE INDEX study_questions_open ON study_questions (guild_id, done_at, id);
    CREATE INDEX study_questions_member ON study_questions (guild_id, user_id, id);

    -- Display names seen by the bot, so boards and charts can name members without asking Discord.
    CREATE TABLE study_members (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, user_id)
    ) WITHOUT ROWID;

    -- A template import waiting for the member's confirmation (the short id travels in the button's custom id).
    CREATE TABLE study_pending_imports (
      id TEXT PRIMARY KEY,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      plan TEXT NOT NULL CHECK (json_valid(plan)),
      created_at INTEGER NOT NULL
    );
  `,
};
