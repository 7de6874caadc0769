/**
 * Storage and channel failures inside the quiz manager: an answer that could not be saved does not count, and a
 * lobby that could not be posted leaves the channel free.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelPort } from '../../src/commands/types.js';
import { recordingChannel, type TestEnv } from '../support/context.js';
import { managerSetup } from './support.js';

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

function setup(channel: ChannelPort) {
  const setup = managerSetup({ channel, mode: 'change' });
  env = setup.env;
  return setup;
}

describe('quiz manager faults', () => {
  it('does not count an answer it could not save, keeping the member earlier answer', async () => {
    const { quiz, timers, start, env: e } = setup(recordingChannel('c1'));
    const id = await start();
    await quiz.begin(id, { id: 'host', name: 'Host' }, false);
    expect(quiz.answer(id, 0, 0, { id: 'u1', name: 'U1' })).toBe('accepted');

    e.services.db.pragma('query_only = ON'); // every write now fails like a read-only database
    expect(() => quiz.answer(id, 0, 1, { id: 'u1', name: 'U1' })).toThrow();
    expect(() => quiz.answer(id, 0, 1, { id: 'u2', name: 'U2' })).toThrow();
    expect(quiz.get(id)?.session.answerOf('u1')?.choice).toBe(0);
    expect(quiz.get(id)?.session.answerOf('u2')).toBeUndefined();
    e.services.db.pragma('query_only = OFF');

    await timers.advance(20_000);
    const rows = e.services.db.prepare('SELECT user_id, choice FROM quiz_results WHERE quiz_id = ?').all(id);
    expect(rows).toEqual([{ user_id: 'u1', choice: 0 }]);
  });

  it('frees the channel and closes the run when the lobby message cannot be posted', async () => {
    let fail = true;
    const inner = recordingChannel('c1');
    const channel: ChannelPort = {
      send: (reply) => (fail ? Promise.reject(new Error('Missing Access')) : inner.send(reply)),
      edit: (ref, reply) => inner.edit(ref, reply),
    };
    const { quiz, start, env: e } = setup(channel);
    await expect(start()).rejects.toThrow('Missing Access');
    expect(quiz.inChannel('c1')).toBeUndefined();
    expect(e.services.db.prepare('SELECT status FROM quiz_runs').all()).toEqual([{ status: 'aborted' }]);

    fail = false;
    const id = await start();
    expect(quiz.inChannel('c1')?.id).toBe(id);
  });
});
