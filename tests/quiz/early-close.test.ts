/**
 * A round closes as soon as every joined player has answered (after a short grace, so the last click still shows),
 * not only when its time is up. Manual clock and timers: nothing waits on the wall clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { ALL_ANSWERED_GRACE_MS } from '../../src/quiz/manager.js';
import { recordingChannel, type TestEnv } from '../support/context.js';
import { managerSetup } from './support.js';

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

const host = { id: 'host', name: 'Host' };
const bob = { id: 'bob', name: 'Bob' };

/** A 20 s quiz of `count` questions with the host and Bob joined, started. */
async function playing(count: number, options: { allAnsweredGraceMs?: number; mode?: 'once' | 'change' } = {}) {
  const channel = recordingChannel('c1');
  const setup = managerSetup({ channel, ...options });
  env = setup.env;
  const id = await setup.start(count);
  setup.quiz.join(id, bob);
  await setup.quiz.begin(id, host, false);
  const live = setup.quiz.get(id);
  if (!live) throw new Error('no live quiz');
  const reveals = () => channel.sent.filter((m) => (m.reply as Reply).embeds?.[0]?.fields?.[0]?.name?.includes('맞힌'));
  return { ...setup, id, live, channel, reveals };
}

describe('closing a round when everyone has answered', () => {
  it('closes 1.5 s after the last player answers, long before the 20 s are up', async () => {
    const { quiz, timers, id, live, reveals } = await playing(2);
    expect(ALL_ANSWERED_GRACE_MS).toBe(1_500);
    const answer = live.session.settings.questions[0]?.answer ?? 0;
    expect(quiz.answer(id, 0, answer, host)).toBe('accepted');
    await timers.advance(3_000);
    expect(live.session.phase).toBe('open'); // Bob has not answered yet
    expect(quiz.answer(id, 0, answer, bob)).toBe('accepted');
    await timers.advance(ALL_ANSWERED_GRACE_MS - 1);
    expect(live.session.phase).toBe('open');
    await timers.advance(1);
    expect(live.session.phase).toBe('closed');
    expect(reveals()).toHaveLength(1);
    expect(live.session.results[0]?.winners).toEqual(['host', 'bob']);
    // The next round opens after the reveal pause, counted from the early close.
    await timers.advance(5_000);
    expect(live.session.round).toBe(1);
    expect(live.session.phase).toBe('open');
  });

  it('waits for the timer while a joined player has not answered', async () => {
    const { quiz, timers, id, live, reveals } = await playing(1);
    quiz.answer(id, 0, 0, host);
    await timers.advance(19_999);
    expect(live.session.phase).toBe('open');
    expect(reveals()).toHaveLength(0);
    await timers.advance(1);
    expect(live.session.phase).toBe('ended');
    expect(reveals()).toHaveLength(1);
  });

  it('takes an injected grace, leaves no timer behind and closes the round once', async () => {
    const { quiz, timers, id, live, reveals } = await playing(1, { allAnsweredGraceMs: 300 });
    quiz.answer(id, 0, 0, host);
    quiz.answer(id, 0, 1, bob);
    await timers.advance(299);
    expect(live.session.phase).toBe('open');
    await timers.advance(1);
    expect(live.session.phase).toBe('ended');
    await timers.advance(30_000);
    expect(reveals()).toHaveLength(1);
    expect(live.session.results).toHaveLength(1);
    expect(timers.pendingCount()).toBe(0);
  });

  it('in change mode, an answer changed during the grace is the one scored', async () => {
    const { quiz, timers, id, live } = await playing(1, { mode: 'change' });
    const q = live.session.settings.questions[0];
    const right = q?.answer ?? 0;
    const wrong = (right + 1) % (q?.choices.length ?? 2);
    quiz.answer(id, 0, right, host);
    quiz.answer(id, 0, wrong, bob);
    await timers.advance(1_000);
    expect(quiz.answer(id, 0, right, bob)).toBe('changed');
    await timers.advance(ALL_ANSWERED_GRACE_MS - 1_000);
    expect(live.session.phase).toBe('ended');
    expect(live.session.results[0]?.winners).toEqual(['host', 'bob']);
  });

  it('lets the timer close a round whose last answer came within the grace of the deadline', async () => {
    const { quiz, timers, id, live } = await playing(1);
    quiz.answer(id, 0, 0, host);
    await timers.advance(19_000);
    quiz.answer(id, 0, 0, bob);
    await timers.advance(999);
    expect(live.session.phase).toBe('open');
    await timers.advance(1);
    expect(live.session.phase).toBe('ended');
    expect(timers.pendingCount()).toBe(0);
  });
});
