/**
 * The console shows what Discord would render, over a pipe: the quiz lobby's `<t:…:R>` countdown as "3분 후 (21:03)",
 * and a reply's bold, italics, strike and escapes without their marks, in the content, title, description and fields.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { defineCommand } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';
import type { Timers } from '../../src/quiz/timers.js';
import { manualClock } from '../support/context.js';
import { session } from './session.js';

/** 2026-12-01 21:00 in Seoul. */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const never: Timers = { set: () => ({ id: 0 }), clear() {} };
const marked = defineCommand({
  data: { name: 'marked', description: 'markdown in every place Discord renders it' },
  run: () => ({
    content: '**알림** \\(테스트\\)',
    embeds: [{ title: '**제목**', description: '_기울임_ 설명', fields: [{ name: '이름', value: '~~값~~ `코드`' }] }],
  }),
});

describe('the console renders markup', () => {
  let dir: string;
  let app: App;

  afterEach(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the lobby countdown as time and "N분 후", and replies without markdown marks', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-markup-'));
    app = await createApp(loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' }), {
      logger: silentLogger,
      clock: manualClock(NOW),
      quiz: { timers: never, lobbySeconds: 180 },
      extraCommands: [marked as never],
    });
    const s = session(app, { filesDir: path.join(dir, 'files'), timeZone: 'Asia/Seoul', color: false });
    const lobby = await s.say('/quiz start', translator('ko')('quiz.started'));
    expect(lobby).toContain('3분 후 (21:03)');
    expect(lobby).not.toContain('<t:');
    const text = await s.say('/marked', '╰────');
    expect(text).toContain('알림 (테스트)');
    expect(text).toContain('╭─ 제목');
    expect(text).toContain('│ 기울임 설명');
    expect(text).toContain('│   값 `코드`');
    expect(text).not.toMatch(/\*\*|~~|\\\(|_기울임_/);
    s.end();
    await s.done;
  });
});
