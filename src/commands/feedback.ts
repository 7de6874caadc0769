/**
 * The buttons through which the group teaches /explain (issue 11 C):
 * - `explain.pick:<question>:<section>`: a "not found" suggestion. Records the member's choice (a +1 for that section
 *   on that question, which makes it the question's alias in this guild) and opens the section with 👍 / 👎.
 * - `explain.vote:<question>:<section>:up|down`: 👍 / 👎 under an answer. Sets the member's vote (a 👎 replaces
 *   their 👍 and demotes the section for that question) and answers with an ephemeral thanks.
 * Custom ids carry the stored question's row id, never its text; a question of another guild is not found.
 */
import { UserError } from '../core/errors.js';
import { getQuestion, recordVote, type StoredQuestion, type VoteSource } from '../notes/learning.js';
import type { Section } from '../notes/types.js';
import { sectionFor, sectionReply } from './explain.js';
import { questionArg } from './explainLearning.js';
import type { ComponentHandler, InteractionContext } from './types.js';

function questionFor(ctx: InteractionContext, id: string | undefined): StoredQuestion {
  const questionId = questionArg(id);
  const question = questionId === undefined ? undefined : getQuestion(ctx.services.db, ctx.guildId, questionId);
  if (!question) throw new UserError('explain.questionGone');
  return question;
}

function vote(ctx: InteractionContext, question: StoredQuestion, key: string, section: Section, source: VoteSource) {
  recordVote(ctx.services.db, {
    guildId: ctx.guildId,
    questionId: question.id,
    userId: ctx.user.id,
    sectionKey: key,
    file: section.file,
    path: section.path,
    source,
    now: ctx.services.clock.now(),
  });
}

export const feedbackComponents: ComponentHandler[] = [
  {
    route: 'explain.pick',
    run(ctx, [id, key]) {
      const section = sectionFor(ctx, key);
      // A question pruned since the suggestion was shown: still open the section, just without learning from it.
      const questionId = questionArg(id);
      const question = questionId === undefined ? undefined : getQuestion(ctx.services.db, ctx.guildId, questionId);
      let noted = false;
      if (question) {
        try {
          vote(ctx, question, key as string, section, 'pick');
          noted = true;
        } catch (err) {
          // The member asked to read the section: show it even when the choice could not be stored.
          ctx.services.logger.warn({ err, guildId: ctx.guildId }, 'explain: could not record a chosen suggestion');
        }
      }
      const reply = sectionReply(ctx, section, { ephemeral: true, question: question?.id });
      if (noted) reply.content = ctx.t('explain.feedback.picked');
      return reply;
    },
  },
  {
    route: 'explain.vote',
    run(ctx, [id, key, direction]) {
      if (direction !== 'up' && direction !== 'down') throw new UserError('error.unknownComponent');
      const question = questionFor(ctx, id);
      const section = sectionFor(ctx, key);
      vote(ctx, question, key as string, section, direction);
      const heading = section.displayHeading;
      return {
        content: ctx.t(direction === 'up' ? 'explain.feedback.thanksUp' : 'explain.feedback.thanksDown', { heading }),
        ephemeral: true,
      };
    },
  },
];
