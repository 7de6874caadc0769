/** Builds the quiz domain's services for the app (the lead wires them into `Services`). */
import type { Clock, Db, Logger } from '../core/context.js';
import type { ChannelPort } from '../commands/types.js';
import type { NotesStore } from '../notes/store.js';
import { formatIssue, loadBank } from './bank.js';
import { QuizManager } from './manager.js';
import { ReviewService } from './review.js';
import { realTimers, type Timers } from './timers.js';

export function createQuizServices(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  notes: NotesStore;
  quizDir: string;
  timeZone: string;
  timers?: Timers;
  channelFor?: (channelId: string) => ChannelPort | undefined;
  /** Overrides of the lobby wait and the pause after a reveal (tests make them short). */
  lobbySeconds?: number;
  revealSeconds?: number;
}): { quiz: QuizManager; review: ReviewService } {
  const { questions, issues } = loadBank(deps.quizDir);
  for (const issue of issues)
    deps.logger.warn({ issue: formatIssue(issue) }, 'quiz bank problem (run npm run quiz:check)');
  const bank = () => questions;
  const notes = () => deps.notes.index;
  const review = new ReviewService({ db: deps.db, clock: deps.clock, notes, bank, timeZone: deps.timeZone });
  const quiz = new QuizManager({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger.child({ domain: 'quiz' }),
    timers: deps.timers ?? realTimers(),
    review,
    notes,
    bank,
    timeZone: deps.timeZone,
    ...(deps.channelFor ? { channelFor: deps.channelFor } : {}),
    ...(deps.lobbySeconds !== undefined ? { lobbySeconds: deps.lobbySeconds } : {}),
    ...(deps.revealSeconds !== undefined ? { revealSeconds: deps.revealSeconds } : {}),
  });
  return { quiz, review };
}
