import type { Migration } from './index.js';

/**
 * What the group teaches /explain (issue 11 C), per guild:
 * - explain_questions: one row per distinct normalised question (NFC, lowercased, spaces collapsed, trailing ?!.
 *   dropped, at most 200 characters) asked in a guild, with how often it was asked and how often nothing was found.
 *   Its id is what the feedback buttons carry (the question itself never goes into a custom id).
 * - explain_misses: not-found asks per question and group day (STUDY_TIMEZONE), for `/notes gaps` ("this week").
 *   Old days are pruned by the code.
 * - explain_votes: a member's current vote on one section for one question: +1 for a suggestion they chose or a 👍,
 *   −1 for a 👎 (a later click replaces the member's earlier vote). Sections are named by `sectionKey`, which
 *   survives reloads; file and heading path are kept for display.
 */
export const migration: Migration = {
  version: 5,
  name: 'explain_feedback',
  sql: `
    CREATE TABLE explain_questions (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      question TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 200),
      asks INTEGER NOT NULL CHECK (asks >= 0),
      misses INTEGER NOT NULL CHECK (misses >= 0 AND misses <= asks),
      first_asked_at INTEGER NOT NULL,
      last_asked_at INTEGER NOT NULL CHECK (last_asked_at >= first_asked_at),
      last_missed_at INTEGER,
      UNIQUE (guild_id, question),
      -- The target of the composite foreign keys below: a row of another guild can never be referenced.
      UNIQUE (guild_id, id)
    );
    CREATE INDEX explain_questions_stale ON explain_questions (guild_id, last_asked_at);

    CREATE TABLE explain_misses (
      guild_id TEXT NOT NULL,
      day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      question_id INTEGER NOT NULL,
      count INTEGER NOT NULL CHECK (count >= 1),
      last_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, day, question_id),
      FOREIGN KEY (guild_id, question_id) REFERENCES explain_questions (guild_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX explain_misses_question ON explain_misses (guild_id, question_id);

    CREATE TABLE explain_votes (
      guild_id TEXT NOT NULL,
      question_id INTEGER NOT NULL,
      section_key TEXT NOT NULL CHECK (length(section_key) BETWEEN 1 AND 32),
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
      source TEXT NOT NULL CHECK (source IN ('pick', 'up', 'down')),
      file TEXT NOT NULL CHECK (length(file) BETWEEN 1 AND 500),
      heading_path TEXT NOT NULL CHECK (length(heading_path) <= 1000),
      created_at INTEGER NOT NULL,
      CHECK ((vote = 1) = (source IN ('pick', 'up'))),
      PRIMARY KEY (guild_id, question_id, section_key, user_id),
      FOREIGN KEY (guild_id, question_id) REFERENCES explain_questions (guild_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `,
};
