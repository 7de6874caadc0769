/**
 * What the group teaches /explain, per guild (issue 11 C). No Discord here: the handlers pass the database, the
 * guild and a way to name sections (`sectionKey`, which survives reloads).
 *
 * The rule, per guild and normalised question:
 * - each member has at most one vote per section: +1 when they choose it from the "not found" suggestions or press
 *   👍 under it, −1 when they press 👎 (a later click replaces their earlier vote, so a 👎 withdraws their 👍);
 * - a section's score is the sum of its members' votes;
 * - the section with the highest positive score (ties: the most recent vote) is an alias: the next member who asks
 *   the same question gets it first, whatever the search says, as long as it still exists (by key), is not a
 *   record section and has something written;
 * - a section with a negative score is demoted for that question: it is left out of the results (and of the
 *   suggestions), so the next-best result answers, or "not found" when nothing is left.
 * Every not-found ask is counted per group day for `/notes gaps`.
 */
import type { Db } from '../core/context.js';
import { addDays } from '../study/time.js';
import type { SearchResult, Section } from './types.js';

/** The longest question kept (characters): member text, bounded. Longer questions are cut here. */
export const QUESTION_MAX = 200;
/** Not-found counts older than this many days are deleted when a new miss is recorded. */
export const MISS_KEEP_DAYS = 56;
/** Questions nobody voted on and nobody asked for this long are deleted when a new question is recorded. */
export const QUESTION_KEEP_MS = 90 * 86_400_000;

/**
 * The form a question is stored and matched in: NFC, lowercased, whitespace collapsed, trailing `?`, `!`, `.`
 * (and their full-width forms, `…`) dropped, control characters and lone surrogates removed, at most
 * QUESTION_MAX characters. `""` when nothing is left.
 */
export function normalizeQuestion(text: string): string {
  const cleaned = text
    .replace(/[\p{Cc}\p{Cs}]/gu, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/[\s?!.？！。…]+$/u, '')
    .trim();
  const chars = [...cleaned];
  return chars.length <= QUESTION_MAX ? cleaned : chars.slice(0, QUESTION_MAX).join('').trimEnd();
}

export type VoteSource = 'pick' | 'up' | 'down';

export interface SectionTally {
  sectionKey: string;
  /** Sum of the members' votes. */
  score: number;
  /** Newest vote on this section for this question (ms). */
  lastAt: number;
}

export interface StoredQuestion {
  id: number;
  guildId: string;
  question: string;
  asks: number;
  misses: number;
  firstAskedAt: number;
  lastAskedAt: number;
}

export interface WeekGap {
  id: number;
  question: string;
  /** Not-found asks in the period. */
  count: number;
  /** The newest of them (ms). */
  lastAt: number;
}

const QUESTION_COLS = `id, guild_id AS guildId, question, asks, misses, first_asked_at AS firstAskedAt,
  last_asked_at AS lastAskedAt`;

function statements(db: Db) {
  return {
    findQuestion: db.prepare<[string, string]>(
      `SELECT ${QUESTION_COLS} FROM explain_questions WHERE guild_id = ? AND question = ?`,
    ),
    getQuestion: db.prepare<[string, number]>(
      `SELECT ${QUESTION_COLS} FROM explain_questions WHERE guild_id = ? AND id = ?`,
    ),
    recordAsk: db.prepare<[string, string, number, number, number, number | null]>(
      `INSERT INTO explain_questions (guild_id, question, asks, misses, first_asked_at, last_asked_at, last_missed_at)
       VALUES (?, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (guild_id, question) DO UPDATE SET
         asks = asks + 1,
         misses = misses + excluded.misses,
         last_asked_at = max(last_asked_at, excluded.last_asked_at),
         last_missed_at = coalesce(excluded.last_missed_at, last_missed_at)
       RETURNING id, asks`,
    ),
    recordMiss: db.prepare<[string, string, number, number]>(
      `INSERT INTO explain_misses (guild_id, day, question_id, count, last_at) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (guild_id, day, question_id) DO UPDATE SET
         count = count + 1, last_at = max(last_at, excluded.last_at)`,
    ),
    pruneMisses: db.prepare<[string, string]>('DELETE FROM explain_misses WHERE guild_id = ? AND day < ?'),
    pruneQuestions: db.prepare<[string, number, number]>(
      `DELETE FROM explain_questions AS q
       WHERE q.guild_id = ? AND q.last_asked_at < ? AND q.id <> ?
         AND NOT EXISTS (SELECT 1 FROM explain_votes AS v WHERE v.guild_id = q.guild_id AND v.question_id = q.id)`,
    ),
    tallies: db.prepare<[string, number]>(
      `SELECT section_key AS sectionKey, sum(vote) AS score, max(created_at) AS lastAt
       FROM explain_votes WHERE guild_id = ? AND question_id = ? GROUP BY section_key`,
    ),
    vote: db.prepare<[string, number, string, string, number, string, string, string, number]>(
      `INSERT INTO explain_votes
         (guild_id, question_id, section_key, user_id, vote, source, file, heading_path, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, question_id, section_key, user_id) DO UPDATE SET
         vote = excluded.vote, source = excluded.source, file = excluded.file,
         heading_path = excluded.heading_path, created_at = excluded.created_at`,
    ),
    weekGaps: db.prepare<[string, string, string, number]>(
      `SELECT q.id AS id, q.question AS question, sum(m.count) AS count, max(m.last_at) AS lastAt
       FROM explain_misses AS m JOIN explain_questions AS q ON q.guild_id = m.guild_id AND q.id = m.question_id
       WHERE m.guild_id = ? AND m.day BETWEEN ? AND ?
       GROUP BY q.id ORDER BY count DESC, lastAt DESC, q.id LIMIT ?`,
    ),
    weekGapCount: db.prepare<[string, string, string]>(
      `SELECT count(DISTINCT question_id) AS n FROM explain_misses WHERE guild_id = ? AND day BETWEEN ? AND ?`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;

const cache = new WeakMap<Db, Statements>();

/** This module's statements for the connection, prepared once. */
function sql(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  return s;
}

/** The question's row in this guild, or undefined (never asked, or pruned). */
export function findQuestion(db: Db, guildId: string, question: string): StoredQuestion | undefined {
  return sql(db).findQuestion.get(guildId, question) as StoredQuestion | undefined;
}

/** A question by the id a button carries; another guild's id is undefined. */
export function getQuestion(db: Db, guildId: string, id: number): StoredQuestion | undefined {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return sql(db).getQuestion.get(guildId, id) as StoredQuestion | undefined;
}

/** The votes on each section for this question in this guild (none when the question was never stored). */
export function questionTallies(db: Db, guildId: string, question: string): SectionTally[] {
  const row = findQuestion(db, guildId, question);
  if (!row) return [];
  return sql(db).tallies.all(guildId, row.id) as SectionTally[];
}

export interface AskInput {
  guildId: string;
  /** Normalised (normalizeQuestion), non-empty. */
  question: string;
  /** True when the answer was "not found". */
  missed: boolean;
  now: number;
  /** The group's calendar day at `now` (STUDY_TIMEZONE), for the not-found counts. */
  day: string;
}

/** Counts one ask (and one miss when nothing was found) and returns the question's id for the buttons. */
export function recordAsk(db: Db, input: AskInput): number {
  const s = sql(db);
  return db
    .transaction(() => {
      const row = s.recordAsk.get(
        input.guildId,
        input.question,
        input.missed ? 1 : 0,
        input.now,
        input.now,
        input.missed ? input.now : null,
      ) as { id: number; asks: number };
      if (row.asks === 1) s.pruneQuestions.run(input.guildId, input.now - QUESTION_KEEP_MS, row.id);
      if (input.missed) {
        s.recordMiss.run(input.guildId, input.day, row.id, input.now);
        s.pruneMisses.run(input.guildId, addDays(input.day, -MISS_KEEP_DAYS));
      }
      return row.id;
    })
    .immediate();
}

export interface VoteInput {
  guildId: string;
  questionId: number;
  userId: string;
  sectionKey: string;
  /** For display: where the section was when the member chose it. */
  file: string;
  path: readonly string[];
  source: VoteSource;
  now: number;
}

/** Sets the member's vote on a section for a question (replacing their earlier one). */
export function recordVote(db: Db, input: VoteInput): void {
  const headingPath = clip(input.path.join(' › '), 1000);
  sql(db).vote.run(
    input.guildId,
    input.questionId,
    input.sectionKey,
    input.userId,
    input.source === 'down' ? -1 : 1,
    input.source,
    clip(input.file, 500),
    headingPath,
    input.now,
  );
}

/** The period's not-found questions, most asked first (then the most recently asked), and how many there are. */
export function gapsBetween(
  db: Db,
  guildId: string,
  from: string,
  to: string,
  limit: number,
): { gaps: WeekGap[]; total: number } {
  const s = sql(db);
  const gaps = s.weekGaps.all(guildId, from, to, limit) as WeekGap[];
  const total = (s.weekGapCount.get(guildId, from, to) as { n: number }).n;
  return { gaps, total };
}

/** Headings that exist but have nothing written under them: what the group could write next. */
export function emptyHeadings(sections: readonly Section[]): Section[] {
  return sections.filter((s) => s.empty && s.kind === 'concept');
}

export interface LearningLookup {
  /** The section a key names in the current index. */
  resolve(key: string): Section | undefined;
  keyOf(section: Section): string;
  /** Nearby sections, for suggestions when every result was demoted. */
  related(section: Section): readonly Section[];
  /** How many results to keep (the search was asked for more, to make up for demoted ones). */
  limit: number;
}

/** The section the group taught for this question (highest positive score, newest vote on a tie), if still written. */
export function aliasOf(tallies: readonly SectionTally[], lookup: Pick<LearningLookup, 'resolve'>): Section | null {
  const ranked = tallies.filter((t) => t.score > 0).sort((a, b) => b.score - a.score || b.lastAt - a.lastAt);
  for (const t of ranked) {
    const section = lookup.resolve(t.sectionKey);
    if (section && section.kind !== 'record' && !section.empty) return section;
  }
  return null;
}

/**
 * The search result with the group's votes applied: the alias first (found), demoted sections left out (the next
 * best answers, else "not found" with nearby headings). `learned` is the alias when it answered.
 */
export function applyLearning(
  result: SearchResult,
  tallies: readonly SectionTally[],
  lookup: LearningLookup,
): { result: SearchResult; learned: Section | null } {
  const demoted = new Set(tallies.filter((t) => t.score < 0).map((t) => t.sectionKey));
  const kept = (s: Section) => !demoted.has(lookup.keyOf(s));
  const alias = aliasOf(tallies, lookup);
  if (alias) {
    const rest = result.results.filter((h) => h.section.id !== alias.id && kept(h.section));
    const top = Math.max(0, ...result.results.map((h) => h.score));
    const own = result.results.find((h) => h.section.id === alias.id)?.score ?? top;
    return {
      result: {
        query: result.query,
        found: true,
        results: [{ section: alias, score: Math.max(own, top) }, ...rest].slice(0, lookup.limit),
        suggestions: [],
        emptyTopic: null,
        ...(result.readAs ? { readAs: result.readAs } : {}),
      },
      learned: alias,
    };
  }
  if (demoted.size === 0) return { result: trim(result, lookup.limit), learned: null };
  if (result.emptyTopic) return { result: trim(result, lookup.limit), learned: null };
  if (!result.found) {
    return { result: { ...result, suggestions: result.suggestions.filter(kept) }, learned: null };
  }
  const results = result.results.filter((h) => kept(h.section));
  if (results.length > 0) return { result: { ...result, results: results.slice(0, lookup.limit) }, learned: null };
  // Every result was judged wrong for this question: "not found", with what lies near them.
  const suggestions: Section[] = [];
  const seen = new Set<string>();
  for (const hit of result.results) {
    for (const s of lookup.related(hit.section)) {
      if (seen.has(s.id) || !kept(s) || s.kind === 'record' || s.empty) continue;
      seen.add(s.id);
      suggestions.push(s);
    }
  }
  return {
    result: {
      query: result.query,
      found: false,
      results: [],
      suggestions: suggestions.slice(0, 5),
      emptyTopic: null,
      ...(result.readAs ? { readAs: result.readAs } : {}),
    },
    learned: null,
  };
}

function trim(result: SearchResult, limit: number): SearchResult {
  return result.results.length <= limit ? result : { ...result, results: result.results.slice(0, limit) };
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
