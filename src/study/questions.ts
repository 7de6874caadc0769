/**
 * The template's "특별히 궁금했던 부분" as a shared queue for the next meeting.
 */
import { UserError } from '../core/errors.js';
import type { StudyDeps } from './deps.js';
import { requireChapter } from './logs.js';
import { cleanText } from './ratings.js';
import { addQuestion, sql, type Question } from './store.js';

export interface AskInput {
  guildId: string;
  userId: string;
  text: string;
  chapter?: string | undefined;
}

export function askQuestion(deps: StudyDeps, input: AskInput): Question {
  const text = cleanText(input.text, 'text');
  if (!text) throw new UserError('error.missingOption', { name: 'text' });
  const chapter = input.chapter === undefined ? null : requireChapter(deps, input.chapter).number;
  const createdAt = deps.clock.now();
  const id = addQuestion(deps.db, {
    guildId: input.guildId,
    userId: input.userId,
    chapter,
    text,
    createdAt,
    done: false,
  });
  return { id, userId: input.userId, chapter, text, createdAt, doneAt: null, doneBy: null };
}

export const QUESTION_LIST_MAX = 25;

export function openQuestions(deps: StudyDeps, guildId: string): { questions: Question[]; total: number } {
  const s = sql(deps.db);
  const questions = s.openQuestions.all(guildId, QUESTION_LIST_MAX) as Question[];
  const total = (s.countOpenQuestions.get(guildId) as { n: number }).n;
  return { questions, total };
}

/** Marks a question discussed. Its author or an admin may do it. */
export function finishQuestion(
  deps: StudyDeps,
  guildId: string,
  id: number,
  by: { userId: string; isAdmin: boolean },
): Question {
  const s = sql(deps.db);
  return deps.db
    .transaction(() => {
      const q = s.getQuestion.get(guildId, id) as Question | undefined;
      if (!q) throw new UserError('study.error.question.notFound', { id });
      if (q.doneAt !== null) throw new UserError('study.error.question.alreadyDone', { id });
      if (q.userId !== by.userId && !by.isAdmin) throw new UserError('study.error.question.notYours', { id });
      const doneAt = deps.clock.now();
      s.markDone.run(doneAt, by.userId, guildId, id);
      return { ...q, doneAt, doneBy: by.userId };
    })
    .immediate();
}
