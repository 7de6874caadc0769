/**
 * The 50-click burst through the fake Discord, shared by the end-to-end test and `npm run bench`: a one-question
 * quiz opens, `members` distinct members click within the same instant, then a few of them click again.
 */
import type { BotHarness } from '../support/bot.js';
import type { FakeInteraction, InteractionResponse, Json } from '../support/fake-discord.js';
import { answerId, click, member, messageWith, MIN_SECONDS, questionOf, startQuiz } from './e2e-support.js';

export interface BurstResult {
  quizId: number;
  questionMessageId: string;
  interactions: FakeInteraction[];
  /** Each click's visible reply. */
  replies: InteractionResponse[];
  /** Dispatch → accepted callback, per click, ascending (ms). */
  ackMs: number[];
  /** How long dispatching all clicks took (ms): the burst's spread. */
  spreadMs: number;
  /** Replies to second clicks by the first few members. */
  duplicates: InteractionResponse[];
  choiceOf: Map<string, number>;
}

export async function runBurst(h: BotHarness, members: number, duplicates = 5): Promise<BurstResult> {
  const { fake } = h;
  const { quizId } = await startQuiz(h, { count: 1, seconds: MIN_SECONDS });
  await click(fake, `v1:quiz.begin:${quizId}`, fake.user);
  const question = messageWith(fake, `v1:quiz.ans:${quizId}:0:`) as Json;
  const q = questionOf(h.bot.app.services.db, quizId, 0);
  const choiceOf = new Map<string, number>();
  const t0 = performance.now();
  const interactions: FakeInteraction[] = [];
  for (let i = 0; i < members; i++) {
    const user = member(1000 + i);
    const choice = i % q.choices.length;
    choiceOf.set(user.id, choice);
    interactions.push(await fake.clickButton({ customId: answerId(quizId, 0, choice), user, message: question }));
  }
  const spreadMs = performance.now() - t0;
  const replies = await Promise.all(interactions.map((ix) => ix.waitForReply(undefined, 10_000)));
  const ackMs = interactions
    .map((ix) => (ix.responses.find((r) => r.kind === 'callback' && r.ok)?.at ?? Infinity) - ix.dispatchedAt)
    .sort((a, b) => a - b);
  const again = await Promise.all(
    [...choiceOf.keys()].slice(0, duplicates).map(async (id, i) => {
      const user = member(1000 + i);
      return (await click(fake, answerId(quizId, 0, ((choiceOf.get(id) ?? 0) + 1) % q.choices.length), user, question))
        .reply;
    }),
  );
  return {
    quizId,
    questionMessageId: String(question.id),
    interactions,
    replies,
    ackMs,
    spreadMs,
    duplicates: again,
    choiceOf,
  };
}
