/**
 * Through the fake Discord: a lobby that starts by itself when nobody presses Start, and `mode:change`, where a
 * member may change their answer until the round closes and the last answer is the one stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import {
  allDisabled,
  answerId,
  click,
  customIds,
  member,
  MIN_SECONDS,
  nextEdit,
  nextPost,
  resultsOf,
  startQuiz,
  statusOf,
  text,
} from './e2e-support.js';

let h: BotHarness;
let noBank: string;

beforeAll(async () => {
  noBank = mkdtempSync(path.join(tmpdir(), 'quiz-modes-'));
  h = await startBotAgainstFake({ env: { QUIZ_DIR: noBank }, bot: { quiz: { lobbySeconds: 1, revealSeconds: 0.2 } } });
});

afterAll(async () => {
  await h?.close();
  rmSync(noBank, { recursive: true, force: true });
});

describe('quiz lobby and answer modes', () => {
  it('starts by itself after the lobby wait, and keeps a member’s last answer in change mode', async () => {
    const question = nextPost(h.fake, (m) => customIds(m).some((id) => id.startsWith('v1:quiz.ans:')));
    const { quizId } = await startQuiz(h, { count: 1, seconds: MIN_SECONDS, mode: 'change' });
    const posted = await question; // nobody pressed Start
    const alice = member(1);

    const first = await click(h.fake, answerId(quizId, 0, 0), alice, posted);
    expect(first.reply.content).toContain(text('ko', 'quiz.answer.accepted', { choice: '' }).trim());
    const changed = await click(h.fake, answerId(quizId, 0, 1), alice, posted);
    expect(changed.reply.content).toContain(text('ko', 'quiz.answer.changed', { choice: '' }).trim());

    await nextEdit(h.fake, String(posted.id), allDisabled);
    expect(resultsOf(h.bot.app.services.db, quizId).map((r) => [r.user_id, r.choice])).toEqual([[alice.id, 1]]);
    await h.bot.app.services.quiz.whenDone(quizId);
    expect(statusOf(h.bot.app.services.db, quizId)).toBe('finished');
    expect(h.fake.violations).toEqual([]);
  }, 60_000);
});
