/**
 * End to end: a quiz ended early by `/quiz stop`, a second `/quiz start` in a busy channel, and a bot restart in
 * the middle of an open round (the new process closes the quiz on start: messages edited, no live buttons, answers
 * saved). One fake Discord and one data folder outlive the bot processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_POINTS } from '../../src/quiz/session.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord.js';
import {
  allDisabled,
  answerId,
  buttonsOf,
  click,
  embedOf,
  isEphemeral,
  member,
  messageWith,
  MIN_SECONDS,
  nextEdit,
  nextPost,
  questionOf,
  resultsOf,
  startQuiz,
  statusOf,
  text,
  titleStarts,
  type Json,
} from './e2e-support.js';

let fake: FakeDiscord;
let dir: string;
let h: BotHarness;
const alice = member(11);

beforeAll(async () => {
  fake = await FakeDiscord.start();
  dir = mkdtempSync(path.join(tmpdir(), 'quiz-e2e-life-'));
  h = await startBotAgainstFake({ existingFake: fake, dir });
});

afterAll(async () => {
  await h?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a quiz, has alice join, the host begin, and alice answer the first question right. */
async function openQuizWithAnAnswer() {
  const { quizId, lobby } = await startQuiz(h, { count: 3, seconds: MIN_SECONDS });
  await click(fake, `v1:quiz.join:${quizId}`, alice);
  await click(fake, `v1:quiz.begin:${quizId}`, fake.user);
  const question = messageWith(fake, `v1:quiz.ans:${quizId}:0:`) as Json;
  const q = questionOf(h.bot.app.services.db, quizId, 0);
  const { reply } = await click(fake, answerId(quizId, 0, q.answer), alice, question);
  expect(reply.content).toContain(text('ko', 'quiz.answer.accepted', { choice: '' }));
  return { quizId, lobby, question, q };
}

describe('quiz lifecycle through the fake Discord', () => {
  it('refuses a second /quiz start in the same channel, and /quiz stop by the host ends early and saves', async () => {
    const { quizId, question } = await openQuizWithAnAnswer();

    const second = await fake.sendCommand({ name: 'quiz', subcommand: 'start', user: alice });
    const refused = await second.waitForReply();
    expect(refused.content).toBe(text('ko', 'quiz.error.running'));
    expect(isEphemeral(refused)).toBe(true);

    // Only the host (or an admin) may stop it.
    const notHost = await fake.sendCommand({ name: 'quiz', subcommand: 'stop', user: alice });
    expect((await notHost.waitForReply()).content).toBe(text('ko', 'quiz.error.notHost'));

    const closed = nextEdit(fake, String(question.id), allDisabled);
    const standings = nextPost(fake, titleStarts(text('ko', 'quiz.end.title')));
    const stop = await fake.sendCommand({ name: 'quiz', subcommand: 'stop' });
    expect((await stop.waitForReply()).content).toBe(text('ko', 'quiz.stopped'));
    await closed;
    expect(String(embedOf(await standings).description)).toContain(text('ko', 'quiz.end.stopped'));
    await h.bot.app.services.quiz.whenDone(quizId);

    const db = h.bot.app.services.db;
    expect(statusOf(db, quizId)).toBe('stopped');
    expect(resultsOf(db, quizId)).toEqual([
      expect.objectContaining({ user_id: alice.id, round: 0, correct: 1, points: expect.any(Number) }),
    ]);
    expect(resultsOf(db, quizId)[0]?.points).toBeGreaterThanOrEqual(BASE_POINTS);

    // The channel is free again, and the stopped quiz's buttons answer "round over".
    const late = await click(fake, answerId(quizId, 0, 0), member(12), question);
    expect(late.reply.content).toBe(text('ko', 'quiz.answer.late'));
    expect(resultsOf(db, quizId)).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  }, 60_000);

  it('closes a quiz left open by a restart on the next start: messages edited, no live buttons, answers saved', async () => {
    const { quizId, lobby, question, q } = await openQuizWithAnAnswer();

    // The process stops while round 1 is open…
    await h.bot.stop();
    const before = fake.requests.length;

    // …and the next one, on the same database, closes the quiz while starting.
    h = await startBotAgainstFake({ existingFake: fake, dir });
    const db = h.bot.app.services.db;
    expect(statusOf(db, quizId)).toBe('aborted');
    for (const id of [String(lobby.id), String(question.id)]) {
      const message = fake.messages.get(id) as Json;
      expect(message.content).toBe(text('ko', 'quiz.end.restarted'));
      expect(buttonsOf(message)).toEqual([]);
      expect(String(embedOf(message).description)).toContain(`${BASE_POINTS}`);
    }
    const edits = fake.requests.slice(before).filter((r) => r.route === 'PATCH /channels/:channel/messages/:message');
    expect(edits.map((r) => r.status)).toEqual([200, 200]);

    // Alice's answer was scored (base points: the round's timing died with the process) and fed her review.
    expect(resultsOf(db, quizId)).toEqual([
      { user_id: alice.id, round: 0, choice: q.answer, correct: 1, points: BASE_POINTS },
    ]);
    const card = db
      .prepare("SELECT source FROM review_log WHERE user_id = ? AND card_key = ? AND source = 'quiz'")
      .all(alice.id, q.cardKey);
    expect(card).toHaveLength(1);

    // A click on a stale copy of the question reaches the new process: "round over", nothing written.
    const late = await click(fake, answerId(quizId, 0, q.answer), member(12), question);
    expect(late.reply.content).toBe(text('ko', 'quiz.answer.late'));
    expect(resultsOf(db, quizId)).toHaveLength(1);

    // The channel is free: a new quiz can start.
    const next = await startQuiz(h, { count: 1, seconds: MIN_SECONDS });
    expect(next.quizId).toBeGreaterThan(quizId);
    expect(next.reply.content).toBe(text('ko', 'quiz.started'));
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
