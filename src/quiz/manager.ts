/**
 * Drives group quizzes, one per channel, through the ChannelPort: lobby → question rounds → reveal → standings.
 * Every click is handled synchronously (state machine + one SQLite write), so concurrent clicks are each counted
 * exactly once; message edits go through a CoalescingEditor so a burst of clicks never becomes a burst of edits.
 * A round closes when its time is up, or ALL_ANSWERED_GRACE_MS after every player has answered (whichever is first).
 * Answers are written when accepted and scored when the round closes, so a restart loses nothing that was answered:
 * `closeStaleQuizzes()` (call it once at startup) scores them, marks the quiz aborted and edits its messages.
 */
import { UserError } from '../core/errors.js';
import type { Clock, Db, Logger } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import type { ChannelPort, MessageRef, UserArg } from '../commands/types.js';
import { translator, type Locale, type Translator } from '../i18n/index.js';
import type { NotesIndex } from '../notes/types.js';
import { CoalescingEditor } from './editor.js';
import { generateQuestions } from './generate.js';
import { lobbyReply, questionReply, revealReply, standingsReply } from './render.js';
import type { ReviewService } from './review.js';
import {
  BASE_POINTS,
  QuizSession,
  rankStandings,
  type AnswerOutcome,
  type QuizMode,
  type RoundResult,
} from './session.js';
import { startOfMonth, startOfWeek } from './time.js';
import type { TimerHandle, Timers } from './timers.js';
import type { BankQuestion, Question } from './types.js';

export interface QuizManagerDeps {
  db: Db;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  review: ReviewService;
  notes: () => NotesIndex;
  bank: () => readonly BankQuestion[];
  timeZone: string;
  /** A port for a channel by id, to edit a dead quiz's messages at startup (none → only the database is fixed). */
  channelFor?: (channelId: string) => ChannelPort | undefined;
  /** Lobby length before the quiz starts by itself. */
  lobbySeconds?: number;
  /** Pause between a reveal and the next question. */
  revealSeconds?: number;
  /** Minimum gap between two edits of one message. */
  minEditGapMs?: number;
  /** How long a round stays open once every player has answered (the last clicks still show). */
  allAnsweredGraceMs?: number;
}

/** Default pause between the last player's answer and the round's close. */
export const ALL_ANSWERED_GRACE_MS = 1_500;

export interface StartInput {
  guildId: string;
  channelId: string;
  channel: ChannelPort;
  host: UserArg;
  locale: Locale;
  topic?: string | undefined;
  count: number;
  seconds: number;
  mode: QuizMode;
  seed?: string | number;
}

/** Countdown edit interval: every 5 s for rounds up to 30 s, 10 s up to 2 min, 30 s beyond. */
export const tickMs = (seconds: number) => (seconds <= 30 ? 5_000 : seconds <= 120 ? 10_000 : 30_000);

interface Live {
  id: number;
  guildId: string;
  channelId: string;
  hostId: string;
  hostName: string;
  channel: ChannelPort;
  t: Translator;
  session: QuizSession;
  startsAt: number;
  lobby?: CoalescingEditor;
  question?: CoalescingEditor;
  timers: Set<TimerHandle>;
  /** The open round's close timer, and the round an early close (everyone answered) is already scheduled for. */
  closeTimer?: TimerHandle;
  earlyCloseRound: number;
  /** Resolves when the quiz has ended and its final messages are sent (pending edits may still follow). */
  done: Promise<void>;
  resolveDone: () => void;
}

export type Period = 'week' | 'month' | 'all';

export class QuizManager {
  private readonly byChannel = new Map<string, Live>();
  private readonly byId = new Map<number, Live>();
  private readonly lobbySeconds: number;
  private readonly revealSeconds: number;
  private readonly minEditGapMs: number;
  private readonly allAnsweredGraceMs: number;

  constructor(private readonly deps: QuizManagerDeps) {
    this.lobbySeconds = deps.lobbySeconds ?? 60;
    this.revealSeconds = deps.revealSeconds ?? 6;
    this.minEditGapMs = deps.minEditGapMs ?? 1_500;
    this.allAnsweredGraceMs = deps.allAnsweredGraceMs ?? ALL_ANSWERED_GRACE_MS;
  }

  /**
   * Shutdown: cancels every live quiz's timers so nothing fires after the database closes. The quizzes stay open in
   * the database; the next start closes them cleanly (`closeStaleQuizzes`).
   */
  shutdown(): void {
    for (const live of this.byId.values()) {
      for (const handle of live.timers) this.deps.timers.clear(handle);
      live.timers.clear();
    }
  }

  /** The live quiz in a channel, if any. */
  inChannel(channelId: string): Live | undefined {
    return this.byChannel.get(channelId);
  }

  get(quizId: number): Live | undefined {
    return this.byId.get(quizId);
  }

  async start(input: StartInput): Promise<number> {
    if (this.byChannel.has(input.channelId)) throw new UserError('quiz.error.running');
    const t = translator(input.locale);
    const questions = generateQuestions(this.deps.notes(), {
      count: input.count,
      seed: input.seed ?? `${input.channelId}:${this.deps.clock.now()}`,
      t,
      bank: this.deps.bank(),
      ...(input.topic ? { topic: input.topic } : {}),
    });
    if (questions.length === 0) throw new UserError('quiz.error.noQuestions', { topic: input.topic ?? '' });
    const now = this.deps.clock.now();
    const id = Number(
      this.deps.db
        .prepare(
          `INSERT INTO quiz_runs (guild_id, channel_id, host_id, status, mode, seconds, topic, locale, questions_json, created_at)
           VALUES (?, ?, ?, 'lobby', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.guildId,
          input.channelId,
          input.host.id,
          input.mode,
          input.seconds,
          input.topic ?? null,
          input.locale,
          JSON.stringify(questions),
          now,
        ).lastInsertRowid,
    );
    let resolveDone = () => {};
    const done = new Promise<void>((r) => (resolveDone = r));
    const live: Live = {
      id,
      guildId: input.guildId,
      channelId: input.channelId,
      hostId: input.host.id,
      hostName: input.host.name,
      channel: input.channel,
      t,
      session: new QuizSession({ questions, seconds: input.seconds, mode: input.mode, hostId: input.host.id }),
      startsAt: now + this.lobbySeconds * 1000,
      timers: new Set(),
      earlyCloseRound: -1,
      done,
      resolveDone,
    };
    // Registered before the first await, so a second /quiz start in the channel is refused at once.
    this.byChannel.set(input.channelId, live);
    this.byId.set(id, live);
    try {
      this.joinLive(live, input.host);
      const ref = await input.channel.send(this.lobbyView(live));
      this.deps.db.prepare('UPDATE quiz_runs SET lobby_message_id = ? WHERE id = ?').run(ref.messageId, id);
      live.lobby = this.editor(live, ref);
    } catch (err) {
      // The lobby could not be saved or posted: free the channel and close the run, so the next start works.
      this.byChannel.delete(input.channelId);
      this.byId.delete(id);
      live.resolveDone();
      try {
        this.deps.db.prepare("UPDATE quiz_runs SET status = 'aborted', ended_at = ? WHERE id = ?").run(now, id);
      } catch {
        // The database is what failed; closeStaleQuizzes closes the run at the next start.
      }
      throw err;
    }
    this.after(live, this.lobbySeconds * 1000, () => this.beginLive(live));
    return id;
  }

  /** 'joined' | 'already'; throws when the quiz is over. */
  join(quizId: number, user: UserArg): 'joined' | 'already' {
    const live = this.liveOrGone(quizId);
    const joined = this.joinLive(live, user);
    if (joined && live.session.phase === 'lobby') live.lobby?.request(() => this.lobbyView(live));
    return joined ? 'joined' : 'already';
  }

  /** Starts from the lobby (host or admin). */
  async begin(quizId: number, user: UserArg, isAdmin: boolean): Promise<void> {
    const live = this.liveOrGone(quizId);
    if (user.id !== live.hostId && !isAdmin) throw new UserError('quiz.error.notHost');
    await this.beginLive(live);
  }

  answer(quizId: number, round: number, choice: number, user: UserArg): AnswerOutcome {
    const live = this.byId.get(quizId);
    if (!live || live.session.round !== round) return 'late';
    const now = this.deps.clock.now();
    const previous = live.session.answerOf(user.id);
    const outcome = live.session.answer(user.id, user.name, choice, now);
    if (outcome === 'accepted' || outcome === 'changed') {
      const q = live.session.question as Question;
      const save = this.deps.db.transaction(() => {
        this.savePlayer(live, user);
        this.deps.db
          .prepare(
            `INSERT INTO quiz_results (quiz_id, guild_id, user_id, round, question_id, card_key, choice, correct, answered_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (quiz_id, user_id, round) DO UPDATE SET choice = excluded.choice, correct = excluded.correct,
               answered_at = excluded.answered_at`,
          )
          .run(live.id, live.guildId, user.id, round, q.id, q.cardKey, choice, choice === q.answer ? 1 : 0, now);
      });
      try {
        save();
      } catch (err) {
        // Not saved, so it must not count either: the reveal and the stored results stay the same.
        live.session.restore(user.id, previous);
        throw err;
      }
      live.question?.request(() => questionReply(live.t, live.id, live.session, round, this.deps.clock.now()));
      this.closeWhenAllAnswered(live, round);
    }
    return outcome;
  }

  /**
   * Every player has answered the open round: it closes after the grace (unless its time runs out first). The close
   * checks again, in case someone joined meanwhile.
   */
  private closeWhenAllAnswered(live: Live, round: number): void {
    const s = live.session;
    const everyone = () => s.round === round && s.phase === 'open' && s.answerCount >= s.players.size;
    if (live.earlyCloseRound === round || !everyone()) return;
    if (s.closesAt - this.deps.clock.now() <= this.allAnsweredGraceMs) return;
    live.earlyCloseRound = round;
    this.after(live, this.allAnsweredGraceMs, () => {
      if (!everyone()) {
        live.earlyCloseRound = -1;
        return;
      }
      return this.closeRound(live, round);
    });
  }

  /** Ends the channel's quiz early (host or admin); the answers so far are scored and saved. */
  async stop(channelId: string, user: UserArg, isAdmin: boolean): Promise<void> {
    const live = this.byChannel.get(channelId);
    if (!live) throw new UserError('quiz.error.noQuiz');
    if (user.id !== live.hostId && !isAdmin) throw new UserError('quiz.error.notHost');
    await this.finish(live, 'stopped');
  }

  /** Waits until a quiz has ended (tests and shutdown). */
  whenDone(quizId: number): Promise<void> {
    return this.byId.get(quizId)?.done ?? Promise.resolve();
  }

  /** Pending message edits of a quiz have gone out (tests). */
  async settled(quizId: number): Promise<void> {
    const live = this.byId.get(quizId);
    await Promise.all([live?.lobby?.settled(), live?.question?.settled()]);
  }

  /**
   * At startup: every quiz left live by a previous process is closed. Answers already written are scored
   * (base points, no speed or streak bonus: the round's timing died with the process), fed to review,
   * the quiz is marked aborted and its lobby and question messages are edited to say so, without buttons.
   */
  async closeStaleQuizzes(): Promise<number> {
    const db = this.deps.db;
    const stale = db
      .prepare(
        `SELECT id, guild_id, channel_id, locale, lobby_message_id, question_message_id FROM quiz_runs
         WHERE status IN ('lobby', 'running')`,
      )
      .all() as {
      id: number;
      guild_id: string;
      channel_id: string;
      locale: string;
      lobby_message_id: string | null;
      question_message_id: string | null;
    }[];
    const now = this.deps.clock.now();
    for (const run of stale.filter((r) => !this.byId.has(r.id))) {
      const open = db
        .prepare('SELECT user_id, card_key, correct FROM quiz_results WHERE quiz_id = ? AND points IS NULL')
        .all(run.id) as { user_id: string; card_key: string; correct: number }[];
      db.transaction(() => {
        db.prepare(
          'UPDATE quiz_results SET points = CASE WHEN correct = 1 THEN ? ELSE 0 END WHERE quiz_id = ? AND points IS NULL',
        ).run(BASE_POINTS, run.id);
        db.prepare("UPDATE quiz_runs SET status = 'aborted', ended_at = ? WHERE id = ?").run(now, run.id);
      })();
      for (const r of open)
        this.deps.review.recordQuizAnswer(run.guild_id, r.user_id, r.card_key, r.correct === 1, now);
      const channel = this.deps.channelFor?.(run.channel_id);
      if (!channel) continue;
      const t = translator(run.locale === 'en' ? 'en' : 'ko');
      const reply: Reply = { content: t('quiz.end.restarted'), embeds: [this.savedStandings(run.id, t)], buttons: [] };
      for (const messageId of [run.lobby_message_id, run.question_message_id]) {
        if (!messageId) continue;
        await channel
          .edit({ channelId: run.channel_id, messageId }, reply)
          .catch((err: unknown) =>
            this.deps.logger.warn({ err, quizId: run.id }, 'could not edit a stale quiz message'),
          );
      }
    }
    return stale.length;
  }

  /** The period's standings; `books` keeps only quizzes run while the guild read one of them (a `book:` option). */
  leaderboard(guildId: string, period: Period, books?: readonly string[]) {
    const now = this.deps.clock.now();
    const since =
      period === 'week'
        ? startOfWeek(now, this.deps.timeZone)
        : period === 'month'
          ? startOfMonth(now, this.deps.timeZone)
          : 0;
    const rows = this.deps.db
      .prepare(
        `SELECT r.user_id AS id, coalesce(max(p.name), r.user_id) AS name, sum(r.points) AS points, sum(r.correct) AS correct
         FROM quiz_results r LEFT JOIN quiz_players p ON p.quiz_id = r.quiz_id AND p.user_id = r.user_id
         WHERE r.guild_id = @guildId AND r.answered_at >= @since AND r.points IS NOT NULL
           AND (@books IS NULL OR r.quiz_id IN (SELECT id FROM quiz_runs WHERE guild_id = @guildId
                                                AND book IN (SELECT value FROM json_each(@books))))
         GROUP BY r.user_id`,
      )
      .all({ guildId, since, books: books ? JSON.stringify(books) : null }) as {
      id: string;
      name: string;
      points: number;
      correct: number;
    }[];
    return rankStandings(rows).slice(0, 10);
  }

  // ---- internals

  private liveOrGone(quizId: number): Live {
    const live = this.byId.get(quizId);
    if (!live || live.session.phase === 'ended') throw new UserError('quiz.error.gone');
    return live;
  }

  private editor(live: Live, ref: MessageRef): CoalescingEditor {
    return new CoalescingEditor(live.channel, ref, {
      timers: this.deps.timers,
      clock: this.deps.clock,
      logger: this.deps.logger,
      minGapMs: this.minEditGapMs,
    });
  }

  /**
   * Runs `fn` after `ms`. A timer that fires after the app closed the database does nothing (the next start's
   * `closeStaleQuizzes` closes the quiz); a step that fails (e.g. Discord refused the next question) is logged and
   * ends the quiz as stopped, rather than an unhandled rejection or a channel blocked by a quiz that never moves.
   */
  private after(live: Live, ms: number, fn: () => void | Promise<void>): TimerHandle {
    const handle = this.deps.timers.set(() => {
      live.timers.delete(handle);
      if (!this.deps.db.open) return;
      Promise.resolve()
        .then(fn)
        .catch((err: unknown) => {
          this.deps.logger.error({ err, quizId: live.id }, 'quiz step failed; stopping the quiz');
          if (this.deps.db.open) return this.finish(live, 'stopped');
        })
        .catch((err: unknown) => this.deps.logger.error({ err, quizId: live.id }, 'could not stop a failed quiz'));
    }, ms);
    live.timers.add(handle);
    return handle;
  }

  private joinLive(live: Live, user: UserArg): boolean {
    const joined = live.session.join(user.id, user.name);
    if (joined) this.savePlayer(live, user);
    return joined;
  }

  private savePlayer(live: Live, user: UserArg): void {
    this.deps.db
      .prepare('INSERT OR IGNORE INTO quiz_players (quiz_id, guild_id, user_id, name) VALUES (?, ?, ?, ?)')
      .run(live.id, live.guildId, user.id, user.name);
  }

  private lobbyView(live: Live): Reply {
    return lobbyReply(live.t, {
      quizId: live.id,
      hostName: live.hostName,
      count: live.session.settings.questions.length,
      seconds: live.session.settings.seconds,
      mode: live.session.settings.mode,
      startsAt: live.startsAt,
      players: [...live.session.players.values()].map((p) => p.name),
      started: live.session.phase !== 'lobby',
    });
  }

  private async beginLive(live: Live): Promise<void> {
    if (live.session.phase !== 'lobby') return;
    this.clearTimers(live);
    this.deps.db.prepare("UPDATE quiz_runs SET status = 'running' WHERE id = ?").run(live.id);
    await this.openRound(live);
    live.lobby?.request(() => this.lobbyView(live));
  }

  private async openRound(live: Live): Promise<void> {
    const s = live.session;
    if (!s.openNext(this.deps.clock.now())) return;
    const round = s.round;
    live.question?.cancel();
    const ref = await live.channel.send(questionReply(live.t, live.id, s, round, this.deps.clock.now()));
    if (s.round !== round || s.phase !== 'open') {
      // Stopped while the message was being sent: show it closed.
      await live.channel.edit(ref, questionReply(live.t, live.id, s, round, this.deps.clock.now()));
      return;
    }
    live.question = this.editor(live, ref);
    this.deps.db
      .prepare('UPDATE quiz_runs SET current_round = ?, round_opened_at = ?, question_message_id = ? WHERE id = ?')
      .run(round, s.openedAt, ref.messageId, live.id);
    const tick = tickMs(s.settings.seconds);
    const scheduleTick = () => {
      const untilClose = s.closesAt - this.deps.clock.now();
      if (untilClose <= tick) return;
      this.after(live, tick, () => {
        if (s.round !== round || s.phase !== 'open') return;
        live.question?.request(() => questionReply(live.t, live.id, s, round, this.deps.clock.now()));
        scheduleTick();
      });
    };
    scheduleTick();
    live.closeTimer = this.after(live, Math.max(0, s.closesAt - this.deps.clock.now()), () =>
      this.closeRound(live, round),
    );
  }

  private async closeRound(live: Live, round: number): Promise<void> {
    const s = live.session;
    if (s.round !== round) return;
    const result = s.close();
    if (!result) return;
    // Closed early (everyone answered): the time-up timer has nothing left to do.
    if (live.closeTimer) {
      this.deps.timers.clear(live.closeTimer);
      live.timers.delete(live.closeTimer);
      live.closeTimer = undefined;
    }
    this.saveRound(live, result);
    const editor = live.question;
    editor?.request(() => questionReply(live.t, live.id, s, round, this.deps.clock.now()));
    await live.channel.send(revealReply(live.t, s, result));
    if (s.hasNext) this.after(live, this.revealSeconds * 1000, () => this.openRound(live));
    else await this.finish(live, 'finished');
  }

  private saveRound(live: Live, result: RoundResult): void {
    const db = this.deps.db;
    const update = db.prepare(
      'UPDATE quiz_results SET points = ?, correct = ? WHERE quiz_id = ? AND user_id = ? AND round = ?',
    );
    db.transaction(() => {
      for (const a of result.scored) update.run(a.points, a.correct ? 1 : 0, live.id, a.userId, result.round);
    })();
    const now = this.deps.clock.now();
    for (const a of result.scored) {
      this.deps.review.recordQuizAnswer(live.guildId, a.userId, result.question.cardKey, a.correct, now);
    }
  }

  private async finish(live: Live, status: 'finished' | 'stopped'): Promise<void> {
    if (live.session.phase === 'ended') return;
    this.clearTimers(live);
    const wasLobby = live.session.phase === 'lobby';
    const round = live.session.round;
    const last = live.session.end();
    if (last) {
      this.saveRound(live, last);
      live.question?.request(() => questionReply(live.t, live.id, live.session, round, this.deps.clock.now()));
    }
    this.deps.db
      .prepare('UPDATE quiz_runs SET status = ?, ended_at = ? WHERE id = ?')
      .run(status, this.deps.clock.now(), live.id);
    this.byChannel.delete(live.channelId);
    if (wasLobby) live.lobby?.request(() => this.lobbyView(live));
    try {
      if (last) await live.channel.send(revealReply(live.t, live.session, last));
      await live.channel.send(
        standingsReply(live.t, live.session, status === 'stopped' ? 'quiz.end.stopped' : undefined),
      );
    } finally {
      live.resolveDone();
      void this.release(live);
    }
  }

  /**
   * Frees an ended quiz from memory once its last edits went out. Later clicks on its buttons find no live quiz:
   * `answer` says "round over" and Join/Start say the quiz has ended; its results stay in the database.
   */
  private async release(live: Live): Promise<void> {
    await Promise.all([live.lobby?.settled(), live.question?.settled()]);
    if (this.byId.get(live.id) === live) this.byId.delete(live.id);
  }

  private clearTimers(live: Live): void {
    for (const h of live.timers) this.deps.timers.clear(h);
    live.timers.clear();
  }

  private savedStandings(quizId: number, t: Translator) {
    const rows = this.deps.db
      .prepare(
        `SELECT r.user_id AS id, coalesce(max(p.name), r.user_id) AS name, sum(r.points) AS points, sum(r.correct) AS correct
         FROM quiz_results r LEFT JOIN quiz_players p ON p.quiz_id = r.quiz_id AND p.user_id = r.user_id
         WHERE r.quiz_id = ? GROUP BY r.user_id`,
      )
      .all(quizId) as { id: string; name: string; points: number; correct: number }[];
    const lines = rankStandings(rows).map((s) =>
      t('quiz.end.row', { medal: `${s.rank}.`, name: s.name, points: s.points, correct: s.correct, total: '?' }),
    );
    return { title: t('quiz.end.title'), description: lines.join('\n') || t('quiz.end.empty') };
  }
}
