/**
 * The presenter rotation itself (pure): least recent first, never the previous presenter, ties broken by the seed
 * (the same seed and candidates always give the same pick; different seeds spread over the tied members).
 */
import { describe, expect, it } from 'vitest';
import { pickPresenter, type PastTurn, type Person } from '../../src/meeting/rotation.js';

const p = (name: string, userId: string | null = null): Person => ({ name, userId });
const turn = (who: Person, seq: number): PastTurn => ({ presenter: who, seq, startsAt: seq * 7 * 86_400_000 });
const [a, b, c, d, e] = ['가영', '나래', '다은', '라희', '마루'].map((n, i) => p(n, `u${i + 1}`)) as [
  Person,
  Person,
  Person,
  Person,
  Person,
];

describe('pickPresenter', () => {
  it('picks whoever never presented over those who did', () => {
    const r = pickPresenter({ candidates: [a, b, c], history: [turn(a, 1), turn(b, 2)], previous: b, seed: 's' });
    expect(r.ok && r.presenter).toEqual(c);
  });

  it('picks the least recent presenter when everyone has presented', () => {
    const history = [turn(c, 1), turn(a, 2), turn(b, 3)];
    const r = pickPresenter({ candidates: [a, b, c], history, previous: b, seed: 's' });
    expect(r.ok && r.presenter).toEqual(c);
    expect(r.candidates.map((x) => [x.name, x.lastSeq, x.excluded])).toEqual([
      ['다은', 1, false],
      ['가영', 2, false],
      ['나래', 3, true],
    ]);
  });

  it('never picks the previous presenter, even when they are the least recent by another turn', () => {
    // b presented long ago and also last week: b is left out, whatever their older turns say.
    const r = pickPresenter({ candidates: [b, c], history: [turn(c, 2), turn(b, 3)], previous: b, seed: 'x' });
    expect(r.ok && r.presenter).toEqual(c);
  });

  it('says so when the previous presenter is the only one with notes', () => {
    const r = pickPresenter({ candidates: [b], history: [turn(b, 1)], previous: b, seed: 'x' });
    expect(r).toMatchObject({ ok: false, reason: 'onlyPrevious' });
  });

  it('says so when nobody has notes', () => {
    expect(pickPresenter({ candidates: [], history: [], previous: null, seed: 'x' })).toMatchObject({
      ok: false,
      reason: 'noCandidates',
    });
  });

  it('breaks a tie with the seed: the same seed gives the same pick, whatever order the candidates come in', () => {
    const one = pickPresenter({ candidates: [a, b, c, d, e], history: [], previous: null, seed: 'abc123' });
    const again = pickPresenter({ candidates: [e, d, c, b, a], history: [], previous: null, seed: 'abc123' });
    expect(one.ok && again.ok).toBe(true);
    if (!one.ok || !again.ok) return;
    expect(again.presenter).toEqual(one.presenter);
    expect(one.tied).toHaveLength(5);
  });

  it('spreads ties over every tied member across seeds', () => {
    const chosen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = pickPresenter({ candidates: [a, b, c, d, e], history: [], previous: null, seed: `seed-${i}` });
      if (r.ok) chosen.add(r.presenter.name);
    }
    expect(chosen.size).toBe(5);
  });

  it('matches members by Discord id first, by name when one side has no id', () => {
    const renamed = p('가영 (새 이름)', 'u1');
    const r = pickPresenter({ candidates: [renamed, b], history: [turn(a, 1)], previous: null, seed: 's' });
    expect(r.ok && r.presenter).toEqual(b);
    const unlinked = p('가영');
    const r2 = pickPresenter({ candidates: [unlinked, b], history: [turn(a, 1)], previous: a, seed: 's' });
    expect(r2.ok && r2.presenter).toEqual(b);
  });
});
