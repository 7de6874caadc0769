import type { Migration } from './index.js';

export const migration: Migration = {
  version: 3,
  name: 'quiz',
  sql: `
    -- One group quiz per row; status 'lobby' or 'running' means live (closed cleanly at startup if the bot restarted).
    CREATE TABLE quiz_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      host_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('lobby', 'running', 'finished', 'stopped', 'aborted')),
      mode TEXT NOT NULL,
      seconds INTEGER NOT NULL,
      topic TEXT,
      locale TEXT NOT NULL,
      questions_json TEXT NOT NULL,
      current_round INTEGER NOT NULL DEFAULT -1,
      round_opened_at INTEGER,
      lobby_message_id TEXT,
      question_message_id TEXT,
      created_at INTEGER NOT NULL,
      ended_at INTEGER
    );
    CREATE INDEX quiz_runs_live ON quiz_runs (status) WHERE status IN ('lobby', 'running');
    CREATE TABLE quiz_players (
      quiz_id INTEGER NOT NULL REFERENCES quiz_runs (id) ON DELETE CASCADE,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (quiz_id, user_id)
    );
    -- One row per member per question: written when the answer is accepted, scored when the round closes.
    CREATE TABLE quiz_results (
      quiz_id INTEGER NOT NULL REFERENCES quiz_runs (id) ON DELETE CASCADE,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      round INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      card_key TEXT NOT NULL,
      choice INTEGER NOT NULL,
      correct INTEGER NOT NULL,
      points INTEGER, -- NULL until the round closes
      answered_at INTEGER NOT NULL,
      PRIMARY KEY (quiz_id, user_id, round)
    );
    CREATE INDEX quiz_results_guild_time ON quiz_results (guild_id, answered_at);
    -- FSRS state of one card (a concept section or a bank question) for one member.
    CREATE TABLE review_cards (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      card_key TEXT NOT NULL,
      due INTEGER NOT NULL,
      stability REAL NOT NULL,
      difficulty REAL NOT NULL,
      elapsed_days REAL NOT NULL,
      scheduled_days REAL NOT NULL,
      learning_steps INTEGER NOT NULL,
      reps INTEGER NOT NULL,
      lapses INTEGER NOT NULL,
      state INTEGER NOT NULL,
      last_review INTEGER,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, user_id, card_key)
    );
    CREATE INDEX review_cards_due ON review_cards (guild_id, user_id, due);
    CREATE TABLE review_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      card_key TEXT NOT NULL,
      rating INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('review', 'quiz')),
      reviewed_at INTEGER NOT NULL,
      due_after INTEGER NOT NULL
    );
    -- The local day a member's review reminder was last sent, so it goes out at most once a day.
    CREATE TABLE review_reminders (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      last_sent_day TEXT NOT NULL,
      PRIMARY KEY (guild_id, user_id)
    );
  `,
};
