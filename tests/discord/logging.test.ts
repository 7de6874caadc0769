/**
 * What the bot's pino logger writes when a reply fails: the error's name, message, code, status, method and URL
 * (interaction and webhook tokens replaced by `:token`) and stack — never the request body discord.js attaches to
 * the error (a reply's files as bytes, /export rows). Unit tests of `serializeError`, then the real bot
 * (startBot) whose image reply the fake Discord refuses with 413, logging through the real logger configuration.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiscordAPIError, HTTPError } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loggerOptions, MAX_LOGGED_STRING, serializeError } from '../../src/logger.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA';
const IMAGE_BYTES = 2 * 1024 * 1024;

/** A PNG signature followed by bytes that are not all alike, so a leak would show as a long number list. */
function fakePng(size: number): Buffer {
  const data = Buffer.alloc(size);
  Buffer.from('89504e470d0a1a0a', 'hex').copy(data);
  for (let i = 8; i < size; i++) data[i] = (i * 31) & 0xff;
  return data;
}

function apiError(status: number, code: number, message: string, url: string): DiscordAPIError {
  const rawError = {
    code,
    message,
    errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'member text here' }] } },
  };
  return new DiscordAPIError(rawError, code, status, 'POST', url, {
    files: [{ name: 'layers.png', data: fakePng(IMAGE_BYTES), contentType: 'image/png' }],
    body: { type: 4, data: { content: 'private export rows', embeds: [] } },
  });
}

/** A real pino logger with the bot's configuration, writing into `lines`; emits 'line' per line. */
function capturingLogger() {
  const lines: string[] = [];
  const events = new EventEmitter();
  const stream = {
    write(chunk: string) {
      lines.push(chunk);
      events.emit('line', chunk);
    },
  };
  return { lines, events, logger: createLogger('info', stream) };
}

describe('serializeError', () => {
  it('keeps what went wrong and drops the request body, file bytes and Discord field details', () => {
    const url = `https://discord.com/api/v10/interactions/123456789012345678/${TOKEN}/callback?with_response=true`;
    const err = apiError(413, 40005, 'Request entity too large', url);
    const out = serializeError(err) as Record<string, unknown>;
    const text = JSON.stringify(out);
    expect(text.length).toBeLessThan(8 * 1024);
    expect(out).toMatchObject({
      type: 'DiscordAPIError',
      name: 'DiscordAPIError[40005]',
      code: 40005,
      status: 413,
      method: 'POST',
      url: 'https://discord.com/api/v10/interactions/123456789012345678/:token/callback?with_response=true',
      rawError: { code: 40005, message: 'Request entity too large' },
    });
    expect(out.message).toContain('Request entity too large');
    expect(String(out.stack)).toContain('DiscordAPIError');
    expect(out).not.toHaveProperty('requestBody');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('private export rows');
    expect(text).not.toContain('137,80,78,71'); // the PNG signature as decimal bytes
    expect(text).not.toContain('"type":"Buffer"');
  });

  it('treats an HTTPError (a 5xx) and a webhook URL the same way', () => {
    const url = `https://discord.com/api/v10/webhooks/123456789012345678/${TOKEN}/messages/@original`;
    const err = new HTTPError(503, 'Service Unavailable', 'PATCH', url, {
      files: [{ name: 'a.png', data: fakePng(1024) }],
      body: { content: 'x' },
    });
    const out = serializeError(err) as Record<string, unknown>;
    expect(out).toMatchObject({
      name: 'HTTPError',
      message: 'Service Unavailable',
      status: 503,
      method: 'PATCH',
      url: 'https://discord.com/api/v10/webhooks/123456789012345678/:token/messages/@original',
    });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(out).not.toHaveProperty('requestBody');
  });

  it('cuts long strings and replaces binary anywhere in an error (own fields, causes) by its size', () => {
    const cause = Object.assign(new Error('inner'), { payload: new Uint8Array(5000), buffer: new ArrayBuffer(64) });
    const err = Object.assign(new Error('x'.repeat(10_000), { cause }), {
      code: 'E_SOMETHING',
      body: 'the whole response body',
      detail: { nested: Buffer.alloc(3000, 1), note: 'ok' },
    });
    const out = serializeError(err) as Record<string, unknown>;
    const text = JSON.stringify(out);
    expect(text.length).toBeLessThan(8 * 1024);
    expect(String(out.message).length).toBeLessThan(MAX_LOGGED_STRING + 100);
    expect(out.message).toMatch(/^x{2048}… \(7952 more characters\)$/);
    expect(out.code).toBe('E_SOMETHING');
    expect(out).not.toHaveProperty('body');
    expect(out.detail).toEqual({ nested: '[binary 3000 bytes]', note: 'ok' });
    expect(out.cause).toMatchObject({ message: 'inner', payload: '[binary 5000 bytes]', buffer: '[binary 64 bytes]' });
  });

  it('is the serializer of the bot’s pino config for `err` and `error`, and a real line stays small', () => {
    const url = `https://discord.com/api/v10/webhooks/1/${TOKEN}`;
    const lines: string[] = [];
    const logger = pino(loggerOptions('info'), { write: (s: string) => void lines.push(s) });
    logger.warn({ err: apiError(401, 50027, 'Invalid Webhook Token', url) }, 'a');
    logger.warn({ error: apiError(401, 50027, 'Invalid Webhook Token', url) }, 'b');
    logger.error(apiError(401, 50027, 'Invalid Webhook Token', url));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.length).toBeLessThan(8 * 1024);
      expect(line).not.toContain(TOKEN);
      expect(line).toContain('/webhooks/1/:token');
      expect(line).not.toContain('requestBody');
    }
  });
});

describe('a failed image reply through the real bot', () => {
  let h: BotHarness;
  let dir: string;
  const log = capturingLogger();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'studybot-log-'));
    mkdirSync(path.join(dir, 'notes/images'), { recursive: true });
    writeFileSync(path.join(dir, 'notes/images/layers.png'), fakePng(IMAGE_BYTES));
    h = await startBotAgainstFake({
      dir,
      notes: {
        'diagram.md':
          '# 그림\n\n## 레이어 다이어그램\n\n레이어 다이어그램은 이미지 레이어를 쌓아 그린 그림이에요.\n\n![레이어](./images/layers.png)\n',
      },
      bot: { logger: log.logger },
    });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a 413 on a reply carrying a 2 MB image in one small line, without the bytes or the token', async () => {
    h.fake.failRoute('POST /interactions/:interaction/:token/callback', {
      status: 413,
      code: 40005,
      message: 'Request entity too large',
      times: 1,
    });
    const failed = new Promise<string>((resolve) => {
      const onLine = (line: string) => {
        if (!line.includes('"interaction reply failed"')) return;
        log.events.off('line', onLine);
        resolve(line);
      };
      log.events.on('line', onLine);
    });
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '레이어 다이어그램' } });
    const line = await failed;

    // The refused request really carried the image.
    const sent = h.fake.requests.find((r) => r.path.startsWith(`/interactions/${ix.id}/`));
    expect(sent?.status).toBe(413);
    expect(sent?.files.map((f) => f.size)).toEqual([IMAGE_BYTES]);

    expect(line.length).toBeLessThan(8 * 1024);
    expect(line).not.toContain(ix.token);
    expect(line).not.toContain('137,80,78,71');
    expect(line).not.toContain('requestBody');
    const entry = JSON.parse(line) as { err: Record<string, unknown>; interactionId: string; outcome: string };
    expect(entry.interactionId).toBe(ix.id);
    expect(entry.outcome).toBe('reply-failed');
    expect(entry.err).toMatchObject({ code: 40005, status: 413, method: 'POST' });
    expect(String(entry.err.url)).toContain(`/interactions/${ix.id}/:token/callback`);
  });

  it('keeps answering afterwards', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '레이어 다이어그램' } });
    const reply = await ix.waitForReply();
    expect(reply.files.map((f) => f.size)).toEqual([IMAGE_BYTES]);
  });
});
