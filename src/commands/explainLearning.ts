/**
 * The part of /explain that learns from the group (issue 11 C), kept out of explain.ts: the search with the guild's
 * votes applied in front of it (an alias answers first, a demoted section is skipped), the ask recorded for the
 * buttons and for `/notes gaps`, and the buttons themselves. The button handlers are in feedback.ts.
 *
 * Recording is best effort: when the database cannot be written, /explain still answers (without feedback
 * buttons) and a warning is logged. The question is member text: it is never logged.
 */
import type { Button, Reply } from '../core/reply.js';
import { applyLearning, normalizeQuestion, questionTallies, recordAsk, type SectionTally } from '../notes/learning.js';
import type { SearchResult, Section } from '../notes/types.js';
import { dayOf } from '../study/time.js';
import { encodeCustomId } from './customId.js';
import type { InteractionContext } from './types.js';

/** How /explain names sections (explain.ts passes `sectionKey` and its key lookup, so this file imports neither). */
export interface SectionKeys {
  keyOf(section: Section): string;
  resolve(key: string): Section | undefined;
}

export interface LearnedAnswer {
  result: SearchResult;
  /** The stored question's id for the buttons; undefined when nothing could be stored (or the question is blank). */
  questionId: number | undefined;
  /** The section the group taught for this question, when it is the answer. */
  learned: Section | null;
}

const LIMIT = 5;

export function learnedSearch(ctx: InteractionContext, question: string, keys: SectionKeys): LearnedAnswer {
  const { db, logger, clock, config } = ctx.services;
  const index = ctx.services.notes.index;
  const normalized = normalizeQuestion(question);
  let tallies: SectionTally[] = [];
  if (normalized) {
    try {
      tallies = questionTallies(db, ctx.guildId, normalized);
    } catch (err) {
      logger.warn({ err, guildId: ctx.guildId }, 'explain: could not read what the group taught');
    }
  }
  const demoted = tallies.filter((t) => t.score < 0).length;
  const raw = index.search(question, { limit: LIMIT + demoted });
  const { result, learned } = applyLearning(raw, tallies, {
    ...keys,
    related: (s) => index.related(s.id, LIMIT),
    limit: LIMIT,
  });
  let questionId: number | undefined;
  if (normalized) {
    const now = clock.now();
    try {
      questionId = recordAsk(db, {
        guildId: ctx.guildId,
        question: normalized,
        missed: !result.found && !result.emptyTopic,
        now,
        day: dayOf(now, config.STUDY_TIMEZONE),
      });
    } catch (err) {
      logger.warn({ err, guildId: ctx.guildId }, 'explain: could not record the question');
    }
  }
  return { result, questionId, learned };
}

/** A "not found" suggestion: choosing it records the choice (and teaches the alias) when the question was stored. */
export function suggestionCustomId(questionId: number | undefined, key: string): string {
  return questionId === undefined
    ? encodeCustomId('explain.open', key)
    : encodeCustomId('explain.pick', questionId, key);
}

/** 👍 / 👎 under an answer, for the stored question and the section shown. */
export function feedbackRow(ctx: InteractionContext, questionId: number, key: string): Button[] {
  return [
    {
      customId: encodeCustomId('explain.vote', questionId, key, 'up'),
      label: ctx.t('explain.feedback.up'),
      emoji: '👍',
      style: 'secondary',
    },
    {
      customId: encodeCustomId('explain.vote', questionId, key, 'down'),
      label: ctx.t('explain.feedback.down'),
      emoji: '👎',
      style: 'secondary',
    },
  ];
}

/** What sectionReply needs to add the feedback row (and the "learned from the group" note). */
export interface FeedbackView {
  /** The stored question the answer is for; no feedback row without it. */
  question?: number | undefined;
  /** The answer is the section the group taught for this question. */
  learned?: boolean | undefined;
}

/** Adds 👍 / 👎 (as the last row) and the "learned from the group" note to a section reply, in place. */
export function addFeedback(ctx: InteractionContext, reply: Reply, key: string, view: FeedbackView): Reply {
  if (view.question !== undefined) (reply.buttons ??= []).push(feedbackRow(ctx, view.question, key));
  if (view.learned) reply.content = ctx.t('explain.learned');
  return reply;
}

/** The question id a page button carries (absent on buttons made before learning, or by other commands). */
export function questionArg(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const id = Number(text);
  return id > 0 ? id : undefined;
}

/** The extra custom id part a page button carries for the question, if any. */
export function questionPart(view: FeedbackView): number[] {
  return view.question === undefined ? [] : [view.question];
}
