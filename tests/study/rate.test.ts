import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(() => (env = studyEnv()));
afterEach(() => env.cleanup());

describe('/rate', () => {
  it('records stars with the hard part, why and insight, shown as ⭐⭐⭐☆☆', async () => {
    const reply = await env.run('rate', undefined, {
      chapter: '3',
      stars: 3,
      hard_part: '이미지 레이어',
      why: '배경지식 부족',
      insight: '스냅샷과 비슷하다',
    });
    const text = textOf(reply);
    expect(text).toContain('⭐⭐⭐☆☆ (3/5)');
    expect(text).toContain('첫 평가예요');
    expect(text).toContain('이미지 레이어');
    expect(env.services.db.prepare('SELECT stars, hard_part, why, insight FROM study_ratings').all()).toEqual([
      { stars: 3, hard_part: '이미지 레이어', why: '배경지식 부족', insight: '스냅샷과 비슷하다' },
    ]);
  });

  it('keeps the history when re-rating and shows the change (3★ → 4★)', async () => {
    await env.run('rate', undefined, { chapter: '3', stars: 3, hard_part: '레이어' });
    const reply = await env.run('rate', undefined, { chapter: '3', stars: 4 });
    expect(textOf(reply)).toContain('3★ → 4★');
    const rows = env.services.db.prepare('SELECT stars, hard_part FROM study_ratings ORDER BY id').all();
    // The earlier hard part carries over to the new rating.
    expect(rows).toEqual([
      { stars: 3, hard_part: '레이어' },
      { stars: 4, hard_part: '레이어' },
    ]);
    expect(textOf(await env.run('rate', undefined, { chapter: '3', stars: 4 }))).toContain('4★ 그대로');
  });

  it('rejects a rating of 6 without writing', async () => {
    const reply = await env.run('rate', undefined, { chapter: '1', stars: 6 });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('`stars`');
    expect(env.count('study_ratings')).toBe(0);
  });

  it('rejects an unknown chapter without writing', async () => {
    expect((await env.run('rate', undefined, { chapter: '없는 장', stars: 3 })).content).toContain('찾을 수 없어요');
    expect(env.count('study_ratings')).toBe(0);
  });
});
