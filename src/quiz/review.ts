/**
 * Spaced review with FSRS (ts-fsrs): every concept section and every bank question is a card per member.
 * A card a member has never seen has no row and counts as new (at most NEW_PER_DAY introduced per local day).
 * Quiz answers feed the schedule: a wrong answer rates the card Again (due within minutes), a right one rates
 * it Good when it was due or new (early right answers don't inflate the interval).
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { Clock, Db } from '../core/context.js';
import type { NotesIndex } from '../notes/types.js';
import { quizzableSections } from './generate.js';
import { bankCardKey, noteCardKey, sectionKey } from './keys.js';
import { plainLines } from './text.js';
import { localDay, localTime, startOfDay } from './time.js';
import type { BankQuestion, QuestionSource } from './types.js';

export const NEW_PER_DAY = 10;
export const CRAM_CARDS = 3;
const ANSWER_CHARS = 1500;

export interface CardContent {
  key: string;
  kind: 'section' | 'bank';
  /** The section heading, or the bank question with its choices. */
  front: string;
  back: string;
  source: QuestionSource;
  /** For `/explain`'s `explain.open` button, when the card is a section. */
  sectionKey?: string;
}

export interface ReviewDeps {
  db: Db;
  clock: Clock;
  notes: () => NotesIndex;
  bank: () => readonly BankQuestion[];
  timeZone: string;
}

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[];

interface CardRow {
  card_key: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

const toCard = (r: CardRow): Card => ({
  due: new Date(r.due),
  stability: r.stability,
  difficulty: r.difficulty,
  elapsed_days: r.elapsed_days,
  scheduled_days: r.scheduled_days,
  learning_steps: r.learning_steps,
  reps: r.reps,
  lapses: r.lapses,
  state: r.state,
  ...(r.last_review === null ? {} : { last_review: new Date(r.last_review) }),
});

export type NextCard =
  { card: CardContent; remaining: number } | { card: null; nextDue: number | null; cram: CardContent[] };

export class ReviewService {
  private readonly scheduler = fsrs();
  private cache: { index: NotesIndex; bank: readonly BankQuestion[]; cards: Map<string, CardContent> } | null = null;

  constructor(private readonly deps: ReviewDeps) {}

  /** Every card of the current notes and bank, in notes order then bank order. */
  cards(): Map<string, CardContent> {
    const index = this.deps.notes();
    const bank = this.deps.bank();
    if (this.cache?.index === index && this.cache.bank === bank) return this.cache.cards;
    const cards = new Map<string, CardContent>();
    for (const s of quizzableSections(index)) {
      const key = noteCardKey(s);
      if (cards.has(key)) continue;
      const back = plainLines(s.body).join('\n');
      cards.set(key, {
        key,
        kind: 'section',
        front: s.path.join(' › '),
        back: back.length > ANSWER_CHARS ? `${back.slice(0, ANSWER_CHARS - 1)}…` : back,
        source: { file: s.file, heading: s.heading, path: [...s.path] },
        sectionKey: sectionKey(s),
      });
    }
    for (const b of bank) {
      const key = bankCardKey(b.id);
      cards.set(key, {
        key,
        kind: 'bank',
        front: [b.question, ...b.choices.map((c, i) => `${i + 1}. ${c}`)].join('\n'),
        back: `${b.answer + 1}. ${b.choices[b.answer]}\n${b.explanation}`,
        source: { file: b.file, heading: b.chapter, path: [b.chapter] },
      });
    }
    this.cache = { index, bank, cards };
    return cards;
  }

  private rows(guildId: string, userId: string): Map<string, CardRow> {
    const rows = this.deps.db
      .prepare('SELECT * FROM review_cards WHERE guild_id = ? AND user_id = ?')
      .all(guildId, userId) as CardRow[];
    return new Map(rows.map((r) => [r.card_key, r]));
  }

  private newToday(guildId: string, userId: string, now: number): number {
    const since = startOfDay(now, this.deps.timeZone);
    const row = this.deps.db
      .prepare('SELECT count(*) AS n FROM review_cards WHERE guild_id = ? AND user_id = ? AND created_at >= ?')
      .get(guildId, userId, since) as { n: number };
    return row.n;
  }

  /** Due cards (most overdue first), then today's share of new cards. */
  dueCards(guildId: string, userId: string, now = this.deps.clock.now()): CardContent[] {
    const cards = this.cards();
    const rows = this.rows(guildId, userId);
    const due = [...rows.values()]
      .filter((r) => r.due <= now && cards.has(r.card_key))
      .sort((a, b) => a.due - b.due)
      .map((r) => cards.get(r.card_key) as CardContent);
    const quota = Math.max(0, NEW_PER_DAY - this.newToday(guildId, userId, now));
    const fresh = [...cards.values()].filter((c) => !rows.has(c.key)).slice(0, quota);
    return [...due, ...fresh];
  }

  next(guildId: string, userId: string, now = this.deps.clock.now()): NextCard {
    const due = this.dueCards(guildId, userId, now);
    if (due[0]) return { card: due[0], remaining: due.length };
    const cards = this.cards();
    const rows = this.rows(guildId, userId);
    const upcoming = [...rows.values()].filter((r) => cards.has(r.card_key)).sort((a, b) => a.due - b.due);
    const unseen = [...cards.values()].filter((c) => !rows.has(c.key));
    const cram = [...upcoming.map((r) => cards.get(r.card_key) as CardContent), ...unseen].slice(0, CRAM_CARDS);
    return {
      card: null,
      nextDue: upcoming[0]?.due ?? (unseen.length > 0 ? startOfDay(now, this.deps.timeZone) + 86_400_000 : null),
      cram,
    };
  }

  private cardOf(guildId: string, userId: string, key: string, now: number): Card {
    const row = this.deps.db
      .prepare('SELECT * FROM review_cards WHERE guild_id = ? AND user_id = ? AND card_key = ?')
      .get(guildId, userId, key) as CardRow | undefined;
    return row ? toCard(row) : createEmptyCard(new Date(now));
  }

  /** When each rating would schedule the card next (epoch ms), for the rating buttons' labels. */
  preview(guildId: string, userId: string, key: string, now = this.deps.clock.now()): Record<Grade, number> {
    const log = this.scheduler.repeat(this.cardOf(guildId, userId, key, now), new Date(now));
    return Object.fromEntries(GRADES.map((g) => [g, log[g].card.due.getTime()])) as Record<Grade, number>;
  }

  /** Applies a rating and returns the new due time. */
  rate(
    guildId: string,
    userId: string,
    key: string,
    grade: Grade,
    source: 'review' | 'quiz' = 'review',
    now = this.deps.clock.now(),
  ): number {
    const { card } = this.scheduler.next(this.cardOf(guildId, userId, key, now), new Date(now), grade);
    const db = this.deps.db;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO review_cards (guild_id, user_id, card_key, due, stability, difficulty, elapsed_days, scheduled_days,
           learning_steps, reps, lapses, state, last_review, created_at)
         VALUES (@g, @u, @k, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @learning_steps, @reps, @lapses,
           @state, @last_review, @now)
         ON CONFLICT (guild_id, user_id, card_key) DO UPDATE SET due = @due, stability = @stability,
           difficulty = @difficulty, elapsed_days = @elapsed_days, scheduled_days = @scheduled_days,
           learning_steps = @learning_steps, reps = @reps, lapses = @lapses, state = @state, last_review = @last_review`,
      ).run({
        g: guildId,
        u: userId,
        k: key,
        due: card.due.getTime(),
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
        learning_steps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        last_review: card.last_review ? card.last_review.getTime() : null,
        now,
      });
      db.prepare(
        'INSERT INTO review_log (guild_id, user_id, card_key, rating, source, reviewed_at, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(guildId, userId, key, grade, source, now, card.due.getTime());
    })();
    return card.due.getTime();
  }

  /** A quiz answer: wrong → Again; right → Good if the card was new or due, otherwise left alone. */
  recordQuizAnswer(guildId: string, userId: string, key: string, correct: boolean, now = this.deps.clock.now()): void {
    if (!correct) {
      this.rate(guildId, userId, key, Rating.Again, 'quiz', now);
      return;
    }
    const row = this.deps.db
      .prepare('SELECT due FROM review_cards WHERE guild_id = ? AND user_id = ? AND card_key = ?')
      .get(guildId, userId, key) as { due: number } | undefined;
    if (!row || row.due <= now) this.rate(guildId, userId, key, Rating.Good, 'quiz', now);
  }

  dueCount(guildId: string, userId: string, now = this.deps.clock.now()): number {
    return this.dueCards(guildId, userId, now).length;
  }

  /**
   * Members to DM now: opted in with a reminder time (member_settings.reminder_time, 'HH:MM' in their time zone or
   * the study's), that time has passed today, not yet reminded today, and cards are due.
   */
  dueReminders(
    now = this.deps.clock.now(),
  ): { guildId: string; userId: string; due: number; day: string; locale: string | null }[] {
    const members = this.deps.db
      .prepare(
        'SELECT guild_id, user_id, timezone, locale, reminder_time FROM member_settings WHERE reminder_time IS NOT NULL',
      )
      .all() as {
      guild_id: string;
      user_id: string;
      timezone: string | null;
      locale: string | null;
      reminder_time: string;
    }[];
    const sent = this.deps.db.prepare('SELECT last_sent_day FROM review_reminders WHERE guild_id = ? AND user_id = ?');
    const out = [];
    for (const m of members) {
      const tz = m.timezone ?? this.deps.timeZone;
      const day = localDay(now, tz);
      if (localTime(now, tz) < m.reminder_time) continue;
      if ((sent.get(m.guild_id, m.user_id) as { last_sent_day: string } | undefined)?.last_sent_day === day) continue;
      const due = this.dueCount(m.guild_id, m.user_id, now);
      if (due > 0) out.push({ guildId: m.guild_id, userId: m.user_id, due, day, locale: m.locale });
    }
    return out;
  }

  markReminded(guildId: string, userId: string, day: string): void {
    this.deps.db
      .prepare(
        `INSERT INTO review_reminders (guild_id, user_id, last_sent_day) VALUES (?, ?, ?)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET last_sent_day = excluded.last_sent_day`,
      )
      .run(guildId, userId, day);
  }
}
