import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/commands/customId.js';
import { buttonIds, kst, studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(() => {
  env = studyEnv();
  env.clock.set(kst(2026, 11, 28, 12)); // Saturday noon in Seoul
});
afterEach(() => env.cleanup());

const add = (options: Record<string, unknown>, as = {}) => env.run('log', 'add', options, as);

describe('/log add', () => {
  it("records reading time and shows the chapter's and the day's totals", async () => {
    await add({ minutes: '45', chapter: '3' });
    const reply = await add({ minutes: '1시간 20분', chapter: '3', memo: '레이어  부분' });
    const text = textOf(reply);
    expect(text).toContain('3장 이미지와 레이어');
    expect(text).toContain('1시간 20분');
    expect(reply.embeds?.[0]?.fields).toEqual(
      expect.arrayContaining([
        { name: '이 장 누적', value: '2시간 5분', inline: true },
        { name: '2026-11-28 합계', value: '2시간 5분', inline: true },
        { name: '메모', value: '레이어 부분' },
      ]),
    );
    expect(reply.ephemeral).toBeFalsy();
    expect(env.count('study_logs')).toBe(2);
  });

  it.each(['45', '1h20m', '1시간 20분', '80분', '1:20'])('accepts %s', async (minutes) => {
    const reply = await add({ minutes, chapter: '1' });
    expect(reply.ephemeral).toBeFalsy();
    expect(env.count('study_logs')).toBe(1);
  });

  it.each([
    ['0', '0분은'],
    ['-30', '음수'],
    ['25h', '24시간보다'],
    ['한시간', '읽을 수 없어요'],
  ])('rejects %s without writing', async (minutes, message) => {
    const reply = await add({ minutes, chapter: '1' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
    expect(env.count('study_logs')).toBe(0);
    expect(env.count('study_members')).toBe(0);
  });

  it('rejects an unknown chapter, a future date and a date more than a year back without writing', async () => {
    expect((await add({ minutes: '30', chapter: '99' })).content).toContain('`99` 장을 찾을 수 없어요');
    expect((await add({ minutes: '30', chapter: '1', date: '2026-11-29' })).content).toContain('아직 오지 않은 날');
    expect((await add({ minutes: '30', chapter: '1', date: '2025-11-27' })).content).toContain('1년보다 오래전');
    expect((await add({ minutes: '30', chapter: '1', date: '2026-02-30' })).content).toContain('날짜로 읽을 수 없어요');
    expect(env.count('study_logs')).toBe(0);
    await add({ minutes: '30', chapter: '1', date: '2025-11-28' });
    await add({ minutes: '30', chapter: '1', date: '어제' });
    const days = env.services.db.prepare('SELECT day FROM study_logs ORDER BY id').pluck().all();
    expect(days).toEqual(['2025-11-28', '2026-11-27']);
  });

  it('dates a log at 00:30 KST on that KST day', async () => {
    env.clock.set(kst(2026, 11, 29, 0, 30)); // 2026-11-28 15:30 UTC
    const reply = await add({ minutes: '30', chapter: '1' });
    expect(textOf(reply)).toContain('2026-11-29');
  });

  it("uses the member's own timezone when set", async () => {
    env.clock.set(Date.UTC(2026, 10, 29, 2, 0)); // 11:00 KST on the 29th, 21:00 on the 28th in New York
    await env.run('settings', 'timezone', { zone: 'america/new_york' });
    const reply = await add({ minutes: '30', chapter: '1' });
    expect(textOf(reply)).toContain('2026-11-28');
    expect((await add({ minutes: '30', chapter: '1', date: '2026-11-29' })).content).toContain('아직 오지 않은 날');
  });

  it('answers English members in English', async () => {
    const reply = await add({ minutes: '45', chapter: '2' }, { locale: 'en' });
    expect(textOf(reply)).toContain('recorded **45 min** on **Ch. 2 도커의 구조**');
  });

  it('autocompletes chapters by number, title and choseong', async () => {
    const { runAutocomplete, createRegistry } = await import('../../src/commands/dispatch.js');
    const { studyCommands } = await import('../../src/commands/study/index.js');
    const registry = createRegistry(studyCommands);
    const choices = (value: string) =>
      runAutocomplete(registry, env.ctx(), { name: 'log', subcommand: 'add', options: {} }, { name: 'chapter', value });
    expect(await choices('ㅇㅁㅈ')).toEqual([{ name: '3. 이미지와 레이어', value: '3' }]);
    expect((await choices('')).length).toBe(4);
    expect((await choices('4')).map((c) => c.value)).toEqual(['4']);
  });
});

describe('/log undo and /log list', () => {
  it('removes only the last entry, and only within 24 hours', async () => {
    await add({ minutes: '30', chapter: '1' });
    await add({ minutes: '40', chapter: '2' });
    const undo = await env.run('log', 'undo');
    expect(undo.content).toContain('2장 도커의 구조');
    expect(env.services.db.prepare('SELECT minutes FROM study_logs').pluck().all()).toEqual([30]);
    env.clock.advance(24 * 3600 * 1000 + 1);
    expect((await env.run('log', 'undo')).content).toContain('24시간보다 오래됐어요');
    expect(env.count('study_logs')).toBe(1);
  });

  it('says there is nothing to undo for a member with no entries', async () => {
    await add({ minutes: '30', chapter: '1' }, { user: { id: 'u2', name: 'other' } });
    expect((await env.run('log', 'undo')).content).toBe('지울 기록이 없어요.');
    expect(env.count('study_logs')).toBe(1);
  });

  it('lists entries with a delete button each and pages past ten', async () => {
    for (let i = 1; i <= 12; i++) await add({ minutes: String(i), chapter: '1' });
    const page1 = await env.run('log', 'list');
    expect(page1.ephemeral).toBe(true);
    const ids = buttonIds(page1);
    expect(ids.filter((id) => id.startsWith('v1:study.logdel:'))).toHaveLength(10);
    const next = ids.find((id) => id.startsWith('v1:study.logpage:1'));
    expect(next).toBeDefined();
    const page2 = await env.click(next ?? '');
    expect(page2.update).toBe(true);
    expect(buttonIds(page2).filter((id) => id.startsWith('v1:study.logdel:'))).toHaveLength(2);
    expect(textOf(page2)).toContain('2/2쪽');
  });

  it("deletes an entry from the list, but never another member's", async () => {
    await add({ minutes: '30', chapter: '1' });
    await add({ minutes: '50', chapter: '2' });
    const list = await env.run('log', 'list');
    const first = buttonIds(list)[0] ?? '';
    expect(decodeCustomId(first)?.route).toBe('study.logdel');
    const stranger = await env.click(first, { user: { id: 'u2', name: 'other' } });
    expect(stranger.content).toContain('찾을 수 없어요');
    expect(env.count('study_logs')).toBe(2);
    const after = await env.click(first);
    expect(after.update).toBe(true);
    expect(after.content).toContain('지웠어요');
    expect(env.services.db.prepare('SELECT minutes FROM study_logs').pluck().all()).toEqual([30]);
    expect(env.services.db.prepare('SELECT minutes FROM study_chapter_totals WHERE chapter = 2').get()).toBeUndefined();
  });
});
