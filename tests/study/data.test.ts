import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { studyEnv, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(async () => {
  env = studyEnv();
  await env.run('log', 'add', { minutes: '30', chapter: '1', memo: '=SUM(A1), "quoted"' });
  await env.run('rate', undefined, { chapter: '1', stars: 3 });
  await env.run('rate', undefined, { chapter: '1', stars: 4 });
  await env.run('question', 'add', { text: '질문, 쉼표 포함' });
  await env.run('log', 'add', { minutes: '99', chapter: '2' }, { user: { id: 'u2', name: 'other' } });
});
afterEach(() => env.cleanup());

describe('/export', () => {
  it("gives the member's own data as JSON, with the rating history", async () => {
    const reply = await env.run('export', undefined, { format: 'json' });
    expect(reply.ephemeral).toBe(true);
    const data = JSON.parse(reply.files?.[0]?.data.toString('utf8') ?? '{}');
    expect(data.userId).toBe('u1');
    expect(data.logs.map((l: { minutes: number }) => l.minutes)).toEqual([30]);
    expect(data.ratings.map((r: { stars: number }) => r.stars)).toEqual([3, 4]);
    expect(data.questions[0].text).toBe('질문, 쉼표 포함');
  });

  it('gives CSV files with quoting and spreadsheet formulas neutralized', async () => {
    const reply = await env.run('export', undefined, {});
    expect(reply.files?.map((f) => f.name)).toEqual([
      'study-u1-logs.csv',
      'study-u1-ratings.csv',
      'study-u1-questions.csv',
    ]);
    const logs = reply.files?.[0]?.data.toString('utf8') ?? '';
    expect(logs.startsWith('\uFEFFid,day,chapter,minutes,memo,source,createdAt\r\n')).toBe(true);
    expect(logs).toContain(`,30,"'=SUM(A1), ""quoted""",log,`);
    expect(logs).not.toContain(',99,');
    expect(reply.files?.[2]?.data.toString('utf8')).toContain('"질문, 쉼표 포함"');
  });
});

describe('/backup', () => {
  it('is refused to non-admins', async () => {
    const reply = await env.run('backup', undefined);
    expect(reply.content).toContain('관리자만');
  });

  it('writes an online backup that opens with the same rows', async () => {
    const dir = path.join(env.dir, 'backups');
    env.services.config.BACKUP_DIR = dir;
    const reply = await env.run('backup', undefined, {}, { isAdmin: true });
    expect(reply.content).toContain('study-20261128-030000-g1.db'); // the clock's UTC time and the guild
    const [name] = readdirSync(dir);
    const copy = new Database(path.join(dir, name ?? ''), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM study_logs').pluck().get()).toBe(2);
    expect(copy.prepare('SELECT sum(minutes) FROM study_chapter_totals').pluck().get()).toBe(129);
    copy.close();
  });
});

describe('/backup rate limit and retention', () => {
  const MIN = 60_000;
  let dir: string;
  const admin = (guildId = 'g1', locale: 'ko' | 'en' = 'ko') => ({ isAdmin: true, guildId, locale });
  const backup = (guildId?: string, locale?: 'ko' | 'en') => env.run('backup', undefined, {}, admin(guildId, locale));
  const files = () => readdirSync(dir).sort();
  beforeEach(() => {
    dir = path.join(env.dir, 'backups');
    env.services.config.BACKUP_DIR = dir;
  });

  it('allows one per guild every ten minutes and says when the next is allowed, as a Discord timestamp', async () => {
    const first = env.clock.now();
    expect((await backup()).content).toBe(env.ctx().t('study.backup.done', { file: 'study-20261128-030000-g1.db' }));
    env.clock.advance(9 * MIN + 59_000);
    const refused = await backup();
    const next = `<t:${Math.ceil((first + 10 * MIN) / 1000)}:R>`;
    expect(refused).toEqual({ content: env.ctx().t('study.backup.tooSoon', { next }), ephemeral: true });
    expect(refused.content).toContain(next);
    expect((await backup('g1', 'en')).content).toBe(env.ctx({ locale: 'en' }).t('study.backup.tooSoon', { next }));
    // Another guild is not held back by this one.
    expect((await backup('g2')).content).toContain('study-20261128-030959-g2.db');
    expect(files()).toEqual(['study-20261128-030000-g1.db', 'study-20261128-030959-g2.db']);
    env.clock.advance(1000); // exactly ten minutes after the first
    expect((await backup()).content).toContain('study-20261128-031000-g1.db');
  });

  it('counts a backup still being written as the last one', async () => {
    const [a, b] = await Promise.all([backup(), backup()]);
    expect(a.content).toContain('study-20261128-030000-g1.db');
    expect(b.content).toBe(
      env.ctx().t('study.backup.tooSoon', { next: `<t:${Math.ceil((env.clock.now() + 10 * MIN) / 1000)}:R>` }),
    );
    expect(files()).toEqual(['study-20261128-030000-g1.db']);
  });

  it("keeps the guild's newest BACKUP_KEEP and never deletes another guild's or a hand-placed file", async () => {
    env.services.config.BACKUP_KEEP = 3;
    await backup('g2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'before-upgrade.db'), 'kept');
    writeFileSync(path.join(dir, 'study-20200101-000000-g1.txt'), 'kept');
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push(/`([^`]+)`/.exec((await backup()).content ?? '')?.[1] ?? '');
      env.clock.advance(10 * MIN);
    }
    expect(names).toEqual([
      'study-20261128-030000-g1.db',
      'study-20261128-031000-g1.db',
      'study-20261128-032000-g1.db',
      'study-20261128-033000-g1.db',
      'study-20261128-034000-g1.db',
    ]);
    expect(files()).toEqual([
      'before-upgrade.db',
      'study-20200101-000000-g1.txt',
      'study-20261128-030000-g2.db',
      ...names.slice(2),
    ]);
    // What is left still opens with the data.
    const copy = new Database(path.join(dir, names[4] ?? ''), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM study_logs').pluck().get()).toBe(2);
    copy.close();
  });

  it('reads BACKUP_KEEP from the environment: 10 by default, at least 1', () => {
    expect(loadConfig({}).BACKUP_KEEP).toBe(10);
    expect(loadConfig({ BACKUP_KEEP: '3' }).BACKUP_KEEP).toBe(3);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
  });
});

describe('/settings', () => {
  it('stores a valid timezone and reminder time, and rejects bad ones without writing', async () => {
    expect((await env.run('settings', 'timezone', { zone: 'Mars/Olympus' })).content).toContain('알 수 없는 시간대');
    expect((await env.run('settings', 'reminder', { time: '25:00' })).content).toContain('HH:MM');
    expect(env.count('member_settings')).toBe(0);
    await env.run('settings', 'timezone', { zone: 'europe/berlin' });
    await env.run('settings', 'reminder', { time: '7:30' });
    const show = await env.run('settings', 'show');
    expect(show.content).toBe('🕒 시간대: Europe/Berlin\n⏰ 복습 알림: 07:30');
    await env.run('settings', 'timezone', { zone: 'default' });
    await env.run('settings', 'reminder', { time: 'off' });
    expect((await env.run('settings', 'show')).content).toBe('🕒 시간대: 그룹 기본값 (Asia/Seoul)\n⏰ 복습 알림: 꺼짐');
  });
});
