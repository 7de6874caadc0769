import type { Migration } from './index.js';

/**
 * The meeting (issue 13, helper M), per guild. Meetings themselves are 006's (src/group/schedule.ts); these tables
 * name them by their id.
 * - meeting_presenter_picks: every `/presenter pick` and `/presenter set`, with the candidates, the seed and the
 *   reason, so a pick can be checked again later. The meeting's current presenter is 006's, set through setPresenter.
 * - meeting_attendance: who pressed "참석" (or was marked present) for a meeting, one row per member.
 * - meeting_excuses: a member's excuse for a meeting, with when it was asked (it excuses only when asked before the
 *   note deadline).
 * - fine_assessments: which phase of a meeting's fines has been assessed ('notes' after the deadline, 'attendance'
 *   after the meeting), so assessing again writes nothing.
 * - fine_charges: one fine per member, meeting and kind (the UNIQUE key makes assessment idempotent); `nth` is the
 *   member's how-manyth fine of that kind (the amount doubles with it when the rules say so).
 * - fine_payments: payments the treasurer (총무) recorded.
 * - meeting_settings: the guild's treasurer, set by admins (else the rules file's).
 */
export const migration: Migration = {
  version: 7,
  name: 'meeting',
  sql: `
    CREATE TABLE meeting_presenter_picks (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      meeting_id INTEGER NOT NULL,
      user_id TEXT CHECK (user_id IS NULL OR length(user_id) BETWEEN 1 AND 64),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      how TEXT NOT NULL CHECK (how IN ('pick', 'set')),
      seed TEXT CHECK (seed IS NULL OR length(seed) <= 64),
      candidates_json TEXT NOT NULL CHECK (length(candidates_json) <= 20000),
      reason TEXT NOT NULL CHECK (length(reason) <= 500),
      by_user TEXT NOT NULL CHECK (length(by_user) BETWEEN 1 AND 64),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX meeting_presenter_picks_meeting ON meeting_presenter_picks (guild_id, meeting_id, id);

    CREATE TABLE meeting_attendance (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      meeting_id INTEGER NOT NULL,
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      source TEXT NOT NULL CHECK (source IN ('button', 'voice', 'admin')),
      at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, meeting_id, user_id)
    ) WITHOUT ROWID;

    CREATE TABLE meeting_excuses (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      meeting_id INTEGER NOT NULL,
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      reason TEXT CHECK (reason IS NULL OR length(reason) <= 500),
      created_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, meeting_id, user_id)
    ) WITHOUT ROWID;

    CREATE TABLE fine_assessments (
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      meeting_id INTEGER NOT NULL,
      phase TEXT NOT NULL CHECK (phase IN ('notes', 'attendance')),
      assessed_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, meeting_id, phase)
    ) WITHOUT ROWID;

    CREATE TABLE fine_charges (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      meeting_id INTEGER NOT NULL,
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind TEXT NOT NULL CHECK (kind IN ('late_notes', 'absence')),
      nth INTEGER NOT NULL CHECK (nth >= 1),
      amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 100000000),
      assessed_at INTEGER NOT NULL,
      UNIQUE (guild_id, meeting_id, user_id, kind)
    );
    CREATE INDEX fine_charges_member ON fine_charges (guild_id, user_id, kind);

    CREATE TABLE fine_payments (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 64),
      user_id TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
      amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 100000000),
      recorded_by TEXT NOT NULL CHECK (length(recorded_by) BETWEEN 1 AND 64),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX fine_payments_member ON fine_payments (guild_id, user_id);

    CREATE TABLE meeting_settings (
      guild_id TEXT PRIMARY KEY CHECK (length(guild_id) BETWEEN 1 AND 64),
      treasurer_id TEXT CHECK (treasurer_id IS NULL OR length(treasurer_id) BETWEEN 1 AND 64),
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
};
