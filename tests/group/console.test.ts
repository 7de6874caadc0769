/**
 * The group commands in the local console (`npm start` without DISCORD_TOKEN): /schedule set and show, /link,
 * /week with Discord timestamps drawn the way the console draws them. The console has no scheduled-events port,
 * so nothing is said about events there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { session } from '../cli/session.js';
import { manualClock } from '../support/context.js';

let dir: string;
let app: App;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-console-'));
  const notes = path.join(dir, 'notes', 'book', '김규민');
  mkdirSync(notes, { recursive: true });
  writeFileSync(path.join(notes, '[Chapter4] 도커 기초.md'), '# 도커 기초\n\n## 이미지\n\n레이어로 이루어져요.\n');
  app = await createApp(
    loadConfig({
      DATABASE_PATH: path.join(dir, 'study.db'),
      NOTES_DIR: path.join(dir, 'notes'),
      NOTES_CACHE_PATH: 'off',
      LOG_LEVEL: 'silent',
    }),
    { logger: silentLogger, clock: manualClock(Date.parse('2027-01-05T00:00:00Z')) },
  );
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('group commands in the console', () => {
  it('sets and shows the schedule, links, and shows /week', async () => {
    const s = session(app, { filesDir: path.join(dir, 'files') });
    const saved = await s.say('/schedule set week:1 date:2027-01-09 time:14:00 chapters:4', '╰────');
    expect(saved).toContain('1주차 모임을 저장했어요');
    expect(saved).not.toContain('⚠️');
    const shown = await s.say('/schedule show', '╰────');
    expect(shown).toContain('1주차 · 2027-01-09 14:00 · 4장');
    const linked = await s.say('/link name:김규민', '연결했어요');
    expect(linked).toContain('김규민');
    await s.say('/log add 45 4', '╰────');
    const week = await s.say('/week', '╰────');
    expect(week).toContain('1주차 준비 현황');
    expect(week).toMatch(/✅ 노트 1개/);
    expect(week).toContain('✅ 45분');
    expect(week).not.toContain('<t:'); // drawn as dates, as Discord shows them
    s.end();
    await s.done;
  });
});
