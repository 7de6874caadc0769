import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(() => (env = studyEnv()));
afterEach(() => env.cleanup());

const alice = { user: { id: 'u1', name: '민수' } };
const bob = { user: { id: 'u2', name: '지영' } };

describe('/question', () => {
  it('queues questions for the next meeting, with chapter and author', async () => {
    await env.run('question', 'add', { text: '레이어는 어떻게 공유되나요?', chapter: '3' }, alice);
    await env.run('question', 'add', { text: 'Paused 상태에서 메모리는?' }, bob);
    const list = textOf(await env.run('question', 'list', {}, alice));
    expect(list).toContain('2개');
    expect(list).toContain('**#1** 레이어는 어떻게 공유되나요? — 민수 · 3장 이미지와 레이어');
    expect(list).toContain('**#2** Paused 상태에서 메모리는? — 지영');
  });

  it('lets the author or an admin mark a question done, and nobody else', async () => {
    await env.run('question', 'add', { text: '질문 하나' }, alice);
    expect((await env.run('question', 'done', { id: '1' }, bob)).content).toContain('올린 사람이나 관리자만');
    expect(env.services.db.prepare('SELECT done_at FROM study_questions').pluck().get()).toBeNull();
    expect((await env.run('question', 'done', { id: '#1' }, alice)).content).toContain('#1 질문을 완료');
    expect((await env.run('question', 'done', { id: '1' }, alice)).content).toContain('이미 완료');
    await env.run('question', 'add', { text: '질문 둘' }, alice);
    expect((await env.run('question', 'done', { id: '2' }, { ...bob, isAdmin: true })).content).toContain('완료로');
    expect((await env.run('question', 'list')).content).toContain('열린 질문이 없어요');
    expect((await env.run('question', 'done', { id: '9' })).content).toContain('#9 질문을 찾을 수 없어요');
  });

  it('keeps each guild’s queue apart', async () => {
    await env.run('question', 'add', { text: '다른 서버 질문' }, { guildId: 'g2' });
    expect((await env.run('question', 'list')).content).toContain('열린 질문이 없어요');
    expect((await env.run('question', 'done', { id: '1' })).content).toContain('찾을 수 없어요');
  });
});
