/**
 * End to end: 50 members click one question within a second, against a fake Discord that enforces a realistic
 * message-edit rate limit (5 per 5 s per channel). Every click is acknowledged in time and counted exactly once,
 * and the question message is edited a handful of times, not 50.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { runBurst } from './e2e-burst.js';
import { editsOf, embedOf, nextPost, resultsOf, statusOf, text, titleStarts } from './e2e-support.js';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake({ fake: { rateLimit: { limit: 5, windowMs: 5000 } } });
});

afterAll(async () => {
  await h?.close();
});

describe('a 50-member click burst on one question', () => {
  it('acknowledges every click within 3 s, counts each answer once and coalesces the message edits', async () => {
    const { fake } = h;
    const db = h.bot.app.services.db;
    const standingsPost = nextPost(fake, titleStarts(text('ko', 'quiz.end.title')));
    const burst = await runBurst(h, 50);

    // Acknowledged: one accepted callback each, well inside Discord's 3 s, no "Unknown interaction".
    const accepted = text('ko', 'quiz.answer.accepted', { choice: '' });
    expect(burst.replies.filter((r) => r.ok && r.content?.startsWith(accepted))).toHaveLength(50);
    expect(burst.ackMs.every((ms) => ms < 3000)).toBe(true);
    expect(burst.interactions.every((ix) => ix.acknowledged && !ix.deadlinePassed)).toBe(true);

    // Double clicks during the burst are refused and do not add rows.
    expect(burst.duplicates.map((r) => r.content)).toEqual(Array(5).fill(text('ko', 'quiz.answer.already')));

    // The round closes by itself; the final standings list the host and all 50 members.
    const standings = String(embedOf(await standingsPost).description).split('\n');
    await h.bot.app.services.quiz.whenDone(burst.quizId);
    await h.bot.app.services.quiz.settled(burst.quizId);
    expect(standings).toHaveLength(51);

    // Exactly once in SQLite: 50 rows, 50 distinct members, each with the choice they clicked, all scored.
    const rows = resultsOf(db, burst.quizId);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(50);
    expect(rows.every((r) => r.points !== null && r.choice === burst.choiceOf.get(r.user_id))).toBe(true);
    const correct = rows.filter((r) => r.correct === 1).length;
    expect(standings.filter((line) => !/— 0점/.test(line)).length).toBe(correct);
    expect(statusOf(db, burst.quizId)).toBe('finished');

    // Coalesced, and within the limit: a few edits of the question message, no 429 or other violation.
    const edits = editsOf(fake, burst.questionMessageId);
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.length).toBeLessThanOrEqual(5);
    expect(edits.every((r) => r.status === 200)).toBe(true);
    const last = edits.at(-1)?.response as Record<string, unknown>;
    expect(JSON.stringify(embedOf(last).fields)).toContain(text('ko', 'quiz.question.answered', { n: 50 }));
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
