import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { studyEnv, type StudyEnv } from '../study/support.js';
import { count, spawnFixture, useDb, type LineChild } from './support.js';

const LOCKER = path.join(import.meta.dirname, 'fixtures', 'locker.ts');

let env: StudyEnv | undefined;
let locker: LineChild | undefined;
afterEach(async () => {
  locker?.child.stdin?.end();
  await locker?.exited;
  env?.cleanup();
  env = locker = undefined;
});

const logAdd = (e: StudyEnv, locale: 'ko' | 'en' = 'ko') =>
  e.run('log', 'add', { minutes: '30', chapter: '1' }, { locale });

describe('database locked by another process', () => {
  it('opens with a 5 s busy timeout by default', () => {
    env = studyEnv();
    expect(env.services.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('waits for a lock the other process releases within the timeout, then saves', async () => {
    env = studyEnv();
    locker = spawnFixture(LOCKER, [env.config.DATABASE_PATH, '300']);
    expect(await locker.nextLine()).toMatch(/^locked \d+$/);
    const reply = await logAdd(env);
    const savedAt = Date.now();
    const released = Number((await locker.nextLine()).split(' ')[1]);
    expect(reply.embeds?.[0]?.title).toBe(env.ctx().t('study.log.added.title'));
    expect(savedAt).toBeGreaterThanOrEqual(released); // it waited for the lock instead of failing
    expect(count(env.services.db, 'study_logs')).toBe(1);
    expect((await locker.exited).code).toBe(0);
  });

  it('tells the member the database is busy and saves nothing when the lock outlasts the timeout', async () => {
    env = studyEnv();
    useDb(env, openDatabase(env.config.DATABASE_PATH, { busyTimeoutMs: 250 }));
    locker = spawnFixture(LOCKER, [env.config.DATABASE_PATH]);
    expect(await locker.nextLine()).toMatch(/^locked/);
    const started = performance.now();
    const ko = await logAdd(env);
    const waited = performance.now() - started;
    const en = await logAdd(env, 'en');
    expect(ko).toEqual({ content: env.ctx().t('error.busy'), ephemeral: true });
    expect(en.content).toBe(env.ctx({ locale: 'en' }).t('error.busy'));
    expect(en.content).toMatch(/busy.*nothing was saved/i);
    expect(waited).toBeGreaterThanOrEqual(240);

    locker.child.stdin?.end(); // the other process rolls back and exits
    await locker.exited;
    expect(count(env.services.db, 'study_logs')).toBe(0);
    expect(count(env.services.db, 'study_members')).toBe(0);
    expect((await logAdd(env)).embeds?.[0]?.title).toBe(env.ctx().t('study.log.added.title'));
    env.services.db.close();
  });
});
