import { describe, expect, it } from 'vitest';
import { QuizSession, rankStandings, scoreAnswer } from '../../src/quiz/session.js';
import type { Question } from '../../src/quiz/types.js';

const q = (id: string): Question => ({
  id,
  kind: 'definition',
  prompt: 'p',
  choices: ['a', 'b', 'c', 'd'],
  answer: 1,
  explanation: '',
  source: { file: 'f.md', heading: 'h', path: ['h'] },
  cardKey: `n:${id}`,
});

const session = (mode: 'once' | 'change' = 'once') =>
  new QuizSession({ questions: [q('1'), q('2'), q('3')], seconds: 20, mode, hostId: 'host' });

describe('quiz session', () => {
  it('closes a round exactly once', () => {
    const s = session();
    s.openNext(0);
    s.answer('u1', 'A', 1, 1000);
    expect(s.close()?.scored).toHaveLength(1);
    expect(s.close()).toBeNull();
    expect(s.results).toHaveLength(1);
  });

  it('refuses answers at or after the deadline, even before the close runs', () => {
    const s = session();
    s.openNext(0);
    expect(s.answer('u1', 'A', 1, 20_000)).toBe('late');
    expect(s.answerCount).toBe(0);
    s.close();
    expect(s.answer('u2', 'B', 1, 1000)).toBe('late');
  });

  it('keeps the first answer in once mode and the last one in change mode', () => {
    const once = session('once');
    once.openNext(0);
    expect(once.answer('u1', 'A', 0, 100)).toBe('accepted');
    expect(once.answer('u1', 'A', 1, 200)).toBe('already');
    expect(once.close()?.scored[0]).toMatchObject({ choice: 0, correct: false });
    const change = session('change');
    change.openNext(0);
    change.answer('u1', 'A', 0, 100);
    expect(change.answer('u1', 'A', 1, 200)).toBe('changed');
    expect(change.close()?.scored[0]).toMatchObject({ choice: 1, correct: true });
  });

  it('rejects a choice that is not on the question', () => {
    const s = session();
    s.openNext(0);
    expect(s.answer('u1', 'A', 4, 10)).toBe('invalid');
  });

  it('scores base + speed + streak', () => {
    expect(scoreAnswer(true, 0, 0, 20, 0)).toBe(150);
    expect(scoreAnswer(true, 10_000, 0, 20, 0)).toBe(125);
    expect(scoreAnswer(true, 20_000, 0, 20, 2)).toBe(120);
    expect(scoreAnswer(true, 0, 0, 20, 9)).toBe(200);
    expect(scoreAnswer(false, 0, 0, 20, 3)).toBe(0);
  });

  it('builds a streak and resets it on a miss', () => {
    const s = session();
    for (let r = 0; r < 3; r++) {
      s.openNext(r * 100_000);
      s.answer('u1', 'A', r === 2 ? 0 : 1, r * 100_000 + 20_000 - 1);
      s.close();
    }
    const p = s.players.get('u1');
    expect(p?.points).toBe(100 + 110);
    expect(p?.streak).toBe(0);
  });

  it('ending mid-round scores the answers already given', () => {
    const s = session();
    s.openNext(0);
    s.answer('u1', 'A', 1, 0);
    const last = s.end();
    expect(last?.winners).toEqual(['u1']);
    expect(s.phase).toBe('ended');
    expect(s.openNext(1)).toBe(false);
  });

  it('shares ranks between ties', () => {
    const ranked = rankStandings([
      { id: 'a', name: 'a', points: 100, correct: 1 },
      { id: 'b', name: 'b', points: 300, correct: 2 },
      { id: 'c', name: 'c', points: 100, correct: 1 },
      { id: 'd', name: 'd', points: 50, correct: 1 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
