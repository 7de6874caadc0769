/**
 * The pure state machine of one group quiz: lobby → rounds (open → closed) → ended. No I/O and no timers:
 * the caller passes the time of each event, so tests drive it with a manual clock.
 *
 * Scoring (also shown in the lobby as `quiz.scoring`):
 *   - a correct answer earns BASE_POINTS (100)
 *   - plus a speed bonus of up to SPEED_BONUS (50), proportional to the time left when the answer was given
 *     (in `change` mode, the time of the final answer)
 *   - plus a streak bonus of STREAK_STEP (10) per consecutive correct answer before this one, at most STREAK_MAX (50)
 *   - a wrong or missing answer earns 0 and resets the streak.
 * Standings sort by points, then correct answers; equal points and correct answers share a rank (1, 1, 3).
 */
import type { Question } from './types.js';

export const BASE_POINTS = 100;
export const SPEED_BONUS = 50;
export const STREAK_STEP = 10;
export const STREAK_MAX = 50;

export type QuizMode = 'once' | 'change';
export type Phase = 'lobby' | 'open' | 'closed' | 'ended';

export interface Player {
  id: string;
  name: string;
  points: number;
  correct: number;
  streak: number;
}

export interface Answer {
  userId: string;
  choice: number;
  at: number;
}

export interface RoundResult {
  round: number;
  question: Question;
  /** Every answer of the round with its score, in answer order. */
  scored: { userId: string; name: string; choice: number; correct: boolean; points: number; at: number }[];
  /** Players who answered correctly, fastest first. */
  winners: string[];
}

export type AnswerOutcome = 'accepted' | 'changed' | 'already' | 'late' | 'invalid';

export interface Standing {
  rank: number;
  id: string;
  name: string;
  points: number;
  correct: number;
}

export interface SessionSettings {
  questions: Question[];
  seconds: number;
  mode: QuizMode;
  hostId: string;
}

export function scoreAnswer(
  correct: boolean,
  answeredAt: number,
  openedAt: number,
  seconds: number,
  streakBefore: number,
) {
  if (!correct) return 0;
  const total = seconds * 1000;
  const left = Math.max(0, Math.min(total, openedAt + total - answeredAt));
  const speed = Math.round((SPEED_BONUS * left) / total);
  const streak = Math.min(STREAK_MAX, STREAK_STEP * streakBefore);
  return BASE_POINTS + speed + streak;
}

export class QuizSession {
  phase: Phase = 'lobby';
  /** 0-based index of the current (or last) round; -1 before the first. */
  round = -1;
  openedAt = 0;
  readonly players = new Map<string, Player>();
  private answers = new Map<string, Answer>();
  readonly results: RoundResult[] = [];

  constructor(readonly settings: SessionSettings) {}

  get question(): Question | undefined {
    return this.settings.questions[this.round];
  }
  get closesAt(): number {
    return this.openedAt + this.settings.seconds * 1000;
  }
  get answerCount(): number {
    return this.answers.size;
  }
  get hasNext(): boolean {
    return this.round + 1 < this.settings.questions.length;
  }

  join(id: string, name: string): boolean {
    if (this.players.has(id)) return false;
    this.players.set(id, { id, name, points: 0, correct: 0, streak: 0 });
    return true;
  }

  /** Opens the next round. Returns false when there is none or the quiz has ended. */
  openNext(now: number): boolean {
    if (this.phase === 'ended' || this.phase === 'open' || !this.hasNext) return false;
    this.round += 1;
    this.phase = 'open';
    this.openedAt = now;
    this.answers = new Map();
    return true;
  }

  /** A member's click. Answering also joins; clicks at or after the deadline are late even before the close runs. */
  answer(userId: string, name: string, choice: number, now: number): AnswerOutcome {
    if (this.phase !== 'open' || now >= this.closesAt) return 'late';
    const q = this.question;
    if (!q || !Number.isInteger(choice) || choice < 0 || choice >= q.choices.length) return 'invalid';
    this.join(userId, name);
    const previous = this.answers.get(userId);
    if (previous && this.settings.mode === 'once') return 'already';
    if (previous && previous.choice === choice) return 'already';
    // Re-inserting keeps the map in order of final answers.
    this.answers.delete(userId);
    this.answers.set(userId, { userId, choice, at: now });
    return previous ? 'changed' : 'accepted';
  }

  /** Undoes an answer that could not be saved, putting back the member's previous one (if any). */
  restore(userId: string, previous: Answer | undefined): void {
    this.answers.delete(userId);
    if (previous) this.answers.set(userId, previous);
  }

  answerOf(userId: string): Answer | undefined {
    return this.answers.get(userId);
  }

  /** Closes the open round exactly once: later calls return null. */
  close(): RoundResult | null {
    if (this.phase !== 'open') return null;
    const q = this.question as Question;
    this.phase = 'closed';
    const scored: RoundResult['scored'] = [];
    for (const a of this.answers.values()) {
      const player = this.players.get(a.userId) as Player;
      const correct = a.choice === q.answer;
      const points = scoreAnswer(correct, a.at, this.openedAt, this.settings.seconds, player.streak);
      scored.push({ userId: a.userId, name: player.name, choice: a.choice, correct, points, at: a.at });
    }
    for (const p of this.players.values()) {
      const s = scored.find((x) => x.userId === p.id);
      p.points += s?.points ?? 0;
      if (s?.correct) {
        p.correct += 1;
        p.streak += 1;
      } else p.streak = 0;
    }
    const winners = scored
      .filter((s) => s.correct)
      .sort((a, b) => a.at - b.at)
      .map((s) => s.userId);
    const result: RoundResult = { round: this.round, question: q, scored, winners };
    this.results.push(result);
    return result;
  }

  /** Ends the quiz (closing an open round first, so its answers count). Returns that round's result, if any. */
  end(): RoundResult | null {
    if (this.phase === 'ended') return null;
    const last = this.close();
    this.phase = 'ended';
    return last;
  }

  standings(): Standing[] {
    return rankStandings([...this.players.values()]);
  }
}

/** Competition ranking: equal points and correct answers share a rank, the next rank skips (1, 1, 3). */
export function rankStandings<T extends { id: string; name: string; points: number; correct: number }>(
  rows: T[],
): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || b.correct - a.correct || a.name.localeCompare(b.name));
  return sorted.map((row, i) => {
    const firstEqual = sorted.findIndex((r) => r.points === row.points && r.correct === row.correct);
    return { ...row, rank: firstEqual === -1 ? i + 1 : firstEqual + 1 };
  });
}
