/**
 * Autocomplete in the console, as Discord offers it while typing: `?` at the end of the line lists the suggestions
 * of the option being typed (choseong search included), each run by its number; Tab completes command names and
 * option values. Also what only the console has (`/lang`) is in `/help` and the README.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { consoleCompleter } from '../../src/cli/console.js';
import type { InteractionContext } from '../../src/commands/types.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';
import { session } from './session.js';

let dir: string;
let app: App;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-complete-'));
  app = await createApp(loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
});

afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console autocomplete', () => {
  it('`/explain ㅇㅁㅈ?` lists the matching headings, and a number runs /explain with one', async () => {
    const s = session(app, { filesDir: path.join(dir, 'files') });
    const list = await s.say('/explain ㅇㅁㅈ?', /\[1\] /);
    expect(list).toContain('ㅇㅁㅈ');
    expect(list).toMatch(/\[1\] 이미지/);
    const opened = await s.say('1', '╰────');
    expect(opened).toMatch(/╭─ 이미지/);
    // A real question that ends in `?` is answered, not taken for autocomplete.
    const answer = await s.say('/explain 이미지란?', /╰────|찾지 못했어요/);
    expect(answer).not.toContain('자동완성');
    s.end();
    await s.done;
  });

  it('Tab completes command names, subcommands and choseong values', async () => {
    const ctx = () =>
      ({
        guildId: 'local',
        inGuild: true,
        channelId: 'local',
        user: { id: 'local', name: 'local' },
        locale: 'ko',
        t: translator('ko'),
        isAdmin: true,
        services: app.services,
        channel: { send: async () => ({ channelId: 'local', messageId: '1' }), edit: async () => {} },
        fetchAttachment: async () => Buffer.alloc(0),
      }) satisfies InteractionContext;
    const complete = consoleCompleter(app, ctx);
    expect((await complete('/ex'))[0]).toEqual(['/explain', '/export']);
    expect((await complete('/설'))[0]).toEqual(['/설명']);
    expect(await complete('/log a')).toEqual([['/log add'], '/log a']);
    const [values, typed] = await complete('/explain ㅇㅁㅈ');
    expect(typed).toBe('ㅇㅁㅈ');
    expect(values).toContain('이미지');
  });
});

describe('what only the console has', () => {
  it('/help lists /lang, and /lang alone says how to switch', async () => {
    const s = session(app, { filesDir: path.join(dir, 'files') });
    const help = await s.say('/help', '╰────');
    expect(help).toContain('/lang en');
    expect(await s.say('/lang', /lang en/)).toContain('ko');
    s.end();
    await s.done;
  });

  it('the README documents /lang, the console database and files folder, and autocomplete with Tab or ?', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const env = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    for (const text of ['/lang en', 'CONSOLE_DATABASE_PATH', 'CONSOLE_FILES_DIR', 'data/console-files', 'ㅇㅁㅈ?']) {
      expect(readme, text).toContain(text);
    }
    expect(env).toMatch(/^CONSOLE_DATABASE_PATH=/m);
    expect(env).toMatch(/^CONSOLE_FILES_DIR=/m);
  });
});
