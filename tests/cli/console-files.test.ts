/**
 * The console saves a reply's files so the person can open them. A file's name comes from data (a member id, a
 * note's image), so it is written only as a plain name inside the files folder, and fitted to the upload limit.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { runConsole } from '../../src/cli/console.js';
import { defineCommand } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';

const sneaky = defineCommand({
  data: { name: 'sneaky', description: 'files with hostile names' },
  run: () => ({
    content: '파일',
    files: [
      { name: '../../escaped.png', data: Buffer.from('a') },
      { name: '.env', data: Buffer.from('b') },
      { name: 'huge.png', data: Buffer.alloc(10 * 1024 * 1024 + 1) },
    ],
  }),
});

let dir: string;
let app: App;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-files-'));
  app = await createApp(loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
    extraCommands: [sneaky as never],
  });
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console files', () => {
  it('writes each file as a plain name inside the files folder, and names the one over the upload limit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const filesDir = path.join(dir, 'out', 'files');
    const done = runConsole(app, { input, output, filesDir });
    input.end('/sneaky\n');
    await done;
    expect(readdirSync(filesDir).sort()).toEqual(['env', 'escaped.png']);
    expect(existsSync(path.join(dir, 'escaped.png'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'escaped.png'))).toBe(false);
    expect(text).toContain('📎 첨부하지 못한 파일: huge.png (용량 초과)');
  });
});
