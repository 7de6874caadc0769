/**
 * The manager's housekeeping, with a manual clock and timers: ended quizzes leave memory once their last edits
 * went out, timers that fire after shutdown do nothing, and a failed step stops the quiz instead of hanging it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelPort } from '../../src/commands/types.js';
import { silentLogger, type Logger } from '../../src/core/context.js';
import { recordingChannel, type TestEnv } from '../support/context.js';
import { managerSetup } from './support.js';

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

function setup(channel: ChannelPort = recordingChannel('c1'), logger: Logger = silentLogger) {
  const setup = managerSetup({ channel, logger });
  env = setup.env;
  return setup;
}

describe('quiz manager housekeeping', () => {
  it('frees an ended quiz from memory once its edits are out, and still answers its late clicks "late"', async () => {
    const { quiz, timers, start } = setup();
    const id = await start();
    await quiz.begin(id, { id: 'host', name: 'Host' }, false);
    expect(quiz.answer(id, 0, 0, { id: 'u1', name: 'U1' })).toBe('accepted');
    await timers.advance(20_000);
    await timers.advance(5_000);
    await quiz.whenDone(id);
    await quiz.settled(id);
    await timers.advance(0);
    expect(quiz.get(id)).toBeUndefined();
    expect(quiz.inChannel('c1')).toBeUndefined();
    expect(quiz.answer(id, 0, 1, { id: 'u2', name: 'U2' })).toBe('late');
    expect(() => quiz.join(id, { id: 'u2', name: 'U2' })).toThrow(expect.objectContaining({ key: 'quiz.error.gone' }));
    const rows = env?.services.db.prepare('SELECT user_id FROM quiz_results WHERE quiz_id = ?').all(id);
    expect(rows).toEqual([{ user_id: 'u1' }]);
  });

  it('does nothing when a round timer fires after the database was closed by shutdown', async () => {
    const { quiz, timers, start, env: e } = setup();
    const id = await start();
    await quiz.begin(id, { id: 'host', name: 'Host' }, false);
    quiz.answer(id, 0, 0, { id: 'u1', name: 'U1' });
    e.services.db.close();
    await expect(timers.advance(60_000)).resolves.toBeUndefined();
    expect(quiz.get(id)?.session.phase).toBe('open');
  });

  it('stops the quiz, freeing the channel, when the next question cannot be posted', async () => {
    const inner = recordingChannel('c1');
    let failSends = false;
    const channel: ChannelPort = {
      send: (reply) => (failSends ? Promise.reject(new Error('Missing Permissions')) : inner.send(reply)),
      edit: (ref, reply) => inner.edit(ref, reply),
    };
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => void errors.push(obj), child: () => logger };
    const { quiz, timers, start } = setup(channel, logger);
    const id = await start(2);
    await quiz.begin(id, { id: 'host', name: 'Host' }, false);
    await timers.advance(20_000); // round 1 closes, its reveal is posted
    failSends = true;
    await timers.advance(5_000); // round 2 cannot be posted
    expect(errors.length).toBeGreaterThan(0);
    expect(quiz.inChannel('c1')).toBeUndefined();
    const status = env?.services.db.prepare('SELECT status FROM quiz_runs WHERE id = ?').get(id);
    expect(status).toEqual({ status: 'stopped' });
  });
});
