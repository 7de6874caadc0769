import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    expect(reply.content).toMatch(/study-\d{8}-\d{6}\.db/);
    const [name] = readdirSync(dir);
    const copy = new Database(path.join(dir, name ?? ''), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM study_logs').pluck().get()).toBe(2);
    expect(copy.prepare('SELECT sum(minutes) FROM study_chapter_totals').pluck().get()).toBe(129);
    copy.close();
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
