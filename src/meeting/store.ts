/**
 * SQL of the meeting domain (migration 007), prepared once per connection. Plain rows in, plain objects out.
 * Reads of other domains' tables (questions, ratings, review log) are here too, as read-only queries.
 */
import type { Db } from '../core/context.js';
import { perConnection } from '../db/statements.js';
import type { FineKind } from './rules.js';

export interface PickRow {
  id: number;
  meetingId: number;
  userId: string | null;
  name: string;
  how: 'pick' | 'set';
  seed: string | null;
  candidatesJson: string;
  reason: string;
  byUser: string;
  createdAt: number;
}

export interface AttendanceRow {
  userId: string;
  name: string;
  source: 'button' | 'voice' | 'admin';
  at: number;
}

export interface ExcuseRow {
  userId: string;
  reason: string | null;
  createdAt: number;
}

export interface ChargeRow {
  id: number;
  meetingId: number;
  userId: string;
  name: string;
  kind: FineKind;
  nth: number;
  amount: number;
  assessedAt: number;
}

export interface PaymentRow {
  id: number;
  userId: string;
  amount: number;
  recordedBy: string;
  createdAt: number;
}

export interface OpenQuestionRow {
  id: number;
  userId: string;
  chapter: number;
  text: string;
  createdAt: number;
  doneAt: number | null;
}

const PICK_COLS = `id, meeting_id AS meetingId, user_id AS userId, name, how, seed, candidates_json AS candidatesJson,
  reason, by_user AS byUser, created_at AS createdAt`;
const CHARGE_COLS = `id, meeting_id AS meetingId, user_id AS userId, name, kind, nth, amount, assessed_at AS assessedAt`;

function statements(db: Db) {
  return {
    addPick: db.prepare<[string, number, string | null, string, string, string | null, string, string, string, number]>(
      `INSERT INTO meeting_presenter_picks (guild_id, meeting_id, user_id, name, how, seed, candidates_json, reason,
         by_user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    picks: db.prepare<[string, number]>(
      `SELECT ${PICK_COLS} FROM meeting_presenter_picks WHERE guild_id = ? AND meeting_id = ? ORDER BY id`,
    ),
    attend: db.prepare<[string, number, string, string, string, number]>(
      `INSERT INTO meeting_attendance (guild_id, meeting_id, user_id, name, source, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, meeting_id, user_id) DO NOTHING`,
    ),
    attendance: db.prepare<[string, number]>(
      `SELECT user_id AS userId, name, source, at FROM meeting_attendance WHERE guild_id = ? AND meeting_id = ?
       ORDER BY at, user_id`,
    ),
    excuse: db.prepare<[string, number, string, string | null, number]>(
      `INSERT INTO meeting_excuses (guild_id, meeting_id, user_id, reason, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, meeting_id, user_id) DO UPDATE SET reason = excluded.reason
       RETURNING user_id AS userId, reason, created_at AS createdAt`,
    ),
    excuses: db.prepare<[string, number]>(
      `SELECT user_id AS userId, reason, created_at AS createdAt FROM meeting_excuses
       WHERE guild_id = ? AND meeting_id = ? ORDER BY created_at`,
    ),
    assessed: db.prepare<[string, number, string]>(
      'SELECT assessed_at AS at FROM fine_assessments WHERE guild_id = ? AND meeting_id = ? AND phase = ?',
    ),
    markAssessed: db.prepare<[string, number, string, number]>(
      `INSERT INTO fine_assessments (guild_id, meeting_id, phase, assessed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (guild_id, meeting_id, phase) DO NOTHING`,
    ),
    countCharges: db.prepare<[string, string, string]>(
      'SELECT count(*) AS n FROM fine_charges WHERE guild_id = ? AND user_id = ? AND kind = ?',
    ),
    addCharge: db.prepare<[string, number, string, string, string, number, number, number]>(
      `INSERT INTO fine_charges (guild_id, meeting_id, user_id, name, kind, nth, amount, assessed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, meeting_id, user_id, kind) DO NOTHING`,
    ),
    charges: db.prepare<[string]>(`SELECT ${CHARGE_COLS} FROM fine_charges WHERE guild_id = ? ORDER BY id`),
    addPayment: db.prepare<[string, string, number, string, number]>(
      'INSERT INTO fine_payments (guild_id, user_id, amount, recorded_by, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    payments: db.prepare<[string]>(
      `SELECT id, user_id AS userId, amount, recorded_by AS recordedBy, created_at AS createdAt FROM fine_payments
       WHERE guild_id = ? ORDER BY id`,
    ),
    treasurer: db.prepare<[string]>('SELECT treasurer_id AS treasurerId FROM meeting_settings WHERE guild_id = ?'),
    setTreasurer: db.prepare<[string, string | null, number]>(
      `INSERT INTO meeting_settings (guild_id, treasurer_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET treasurer_id = excluded.treasurer_id, updated_at = excluded.updated_at`,
    ),
    // Read-only views of the study and quiz domains (migrations 002 and 003).
    // Rows of the meeting's book: a JSON array of the `book` values they carry (src/group/week.ts bookRowKeys).
    questionsFor: db.prepare<[string, string, string]>(
      `SELECT id, user_id AS userId, chapter, text, created_at AS createdAt, done_at AS doneAt FROM study_questions
       WHERE guild_id = ? AND book IN (SELECT value FROM json_each(?)) AND chapter IN (SELECT value FROM json_each(?))
       ORDER BY id LIMIT 200`,
    ),
    // Each member's newest rating of each of the chapters (SQLite returns the bare columns of the max(id) row).
    ratingsFor: db.prepare<[string, string, string]>(
      `SELECT user_id AS userId, chapter, stars, hard_part AS hardPart, max(id) AS _latest FROM study_ratings
       WHERE guild_id = ? AND book IN (SELECT value FROM json_each(?)) AND chapter IN (SELECT value FROM json_each(?))
       GROUP BY user_id, chapter`,
    ),
    // "Again" answers per card (a wrong quiz answer is one, so is a forgotten review card).
    lapses: db.prepare<[string]>(
      `SELECT card_key AS cardKey, count(*) AS lapses, count(DISTINCT user_id) AS members FROM review_log
       WHERE guild_id = ? AND rating = 1 GROUP BY card_key`,
    ),
  };
}

export const sql = perConnection(statements);

export function treasurerOf(db: Db, guildId: string): string | null {
  const row = sql(db).treasurer.get(guildId) as { treasurerId: string | null } | undefined;
  return row?.treasurerId ?? null;
}
