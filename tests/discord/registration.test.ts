/**
 * Command registration at start when Discord fails: the bulk overwrite is tried 4 times with waits of 1 s, 2 s and
 * 4 s (an injected sleep here, so nothing waits), a 4xx is not retried, and a bot whose registration failed shuts
 * itself down — `ready` rejects, the gateway and the database are closed — and the real entry point exits 1 so a
 * supervisor restarts it. discord.js's own immediate 5xx retries are off for registration: one attempt, one PUT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type Bot } from '../../src/discord/bot.js';
import type { RegisterRetry } from '../../src/discord/register.js';
import { memoryLogger, startBotAgainstFake } from '../support/bot.js';
import { spawnEntry } from '../support/entry.js';
import { FakeDiscord } from '../support/fake-discord.js';

const PUT = 'PUT /applications/:app/guilds/:guild/commands';

let fake: FakeDiscord;
let dir: string;
let sleeps: number[];
let retry: RegisterRetry;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-register-'));
  sleeps = [];
  retry = {
    delaysMs: [1000, 2000, 4000],
    sleep: async (ms) => void sleeps.push(ms),
  };
});

afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const statuses = () => fake.requestsTo(PUT).map((r) => r.status);

/** The real bot on the bundled notes, started without waiting for `ready`. */
async function start(logger = memoryLogger()): Promise<Bot> {
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-token',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guild.id,
    DATABASE_PATH: path.join(dir, 'study.db'),
    LOG_LEVEL: 'silent',
  });
  return startBot(config, { logger, registerRetry: retry });
}

describe('command registration when Discord fails', () => {
  it('starts after two 503s, having waited 1 s then 2 s, and answers', async () => {
    fake.failRoute(PUT, { status: 503, message: 'Service Unavailable', times: 2 });
    const h = await startBotAgainstFake({ existingFake: fake, dir, bot: { registerRetry: retry } });
    try {
      expect(statuses()).toEqual([503, 503, 200]);
      expect(sleeps).toEqual([1000, 2000]);
      expect(fake.commands.guild.get(fake.guild.id)?.length).toBeGreaterThan(0);
      const warned = h.logger.lines.filter((l) => l.msg === 'command registration failed; trying again');
      expect(warned.map((l) => [l.obj.attempt, l.obj.retryInMs])).toEqual([
        [1, 1000],
        [2, 2000],
      ]);
      const ix = await fake.sendCommand({ name: 'explain', options: { question: '도커 클라이언트' } });
      expect(((await ix.waitForReply()).message?.embeds as { title?: string }[])[0]?.title).toBe('도커 클라이언트');
    } finally {
      await h.close();
    }
  });

  it('gives up after 4 attempts of 503 (one PUT each): ready rejects and the bot has shut itself down', async () => {
    fake.failRoute(PUT, { status: 503, message: 'Service Unavailable' });
    const logger = memoryLogger();
    const bot = await start(logger);
    const disconnected = fake.gateway.connected ? fake.waitFor('disconnect') : Promise.resolve();
    const err: unknown = await bot.ready.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as HTTPError).status).toBe(503);
    expect(statuses()).toEqual([503, 503, 503, 503]);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(bot.app.services.db.open).toBe(false);
    expect(bot.client.isReady()).toBe(false);
    await disconnected; // the gateway connection was closed: nothing keeps the process alive
    expect(logger.lines.some((l) => l.level === 'error' && l.msg === 'start failed; shutting down')).toBe(true);
    await bot.stop(); // a no-op now
  });

  it('does not retry a 4xx (403 Missing Access would fail again)', async () => {
    fake.failRoute(PUT, { status: 403, code: 50001, message: 'Missing Access' });
    const bot = await start();
    const err: unknown = await bot.ready.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(50001);
    expect(statuses()).toEqual([403]);
    expect(sleeps).toEqual([]);
    expect(bot.app.services.db.open).toBe(false);
  });

  it('the real entry point exits 1 after its retries instead of staying up half started', async () => {
    fake.failRoute(PUT, { status: 503, message: 'Service Unavailable' });
    const bot = spawnEntry(fake, { DISCORD_TOKEN: 'fake-token-SECRET', DATABASE_PATH: path.join(dir, 'child.db') });
    try {
      // The real waits (1 s + 2 s + 4 s): the child's exit is what this waits for, not a timer of the test's.
      expect(await bot.exited).toBe(1);
      expect(statuses()).toEqual([503, 503, 503, 503]);
      expect(bot.stderr.trimEnd().split('\n')).toEqual(['fatal: Service Unavailable']);
      expect(bot.stdout).toContain('"msg":"command registration failed; trying again"');
      expect(bot.stdout).toContain('"msg":"start failed; shutting down"');
      expect(bot.stdout).not.toContain('SECRET');
    } finally {
      bot.kill();
    }
  }, 60_000);
});
