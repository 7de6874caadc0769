/**
 * Start, restart and shutdown of the real bot against the fake Discord: registration is skipped when nothing
 * changed, shutdown finishes in-flight replies, and the real entry point exits 0 on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/commands/types.js';
import { startBotAgainstFake } from '../support/bot.js';
import { spawnEntry } from '../support/entry.js';
import { FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let dir: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-life-'));
});

afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const commandPuts = () => fake.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));

describe('bot lifecycle', () => {
  it('registers on first start and skips the bulk overwrite on a restart with the same commands', async () => {
    const first = await startBotAgainstFake({ existingFake: fake, dir });
    await first.close();
    expect(commandPuts()).toHaveLength(1);

    const second = await startBotAgainstFake({ existingFake: fake, dir });
    await second.close();
    expect(commandPuts()).toHaveLength(1);
    expect(second.logger.lines.some((l) => l.msg?.includes('registration skipped'))).toBe(true);
  });

  it('finishes an in-flight reply before shutting down', async () => {
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const pending = defineCommand({
      data: { name: 'pending', description: 'waits for the test' },
      async run() {
        entered();
        await started;
        return { content: 'finished during shutdown' };
      },
    });
    const h = await startBotAgainstFake({ existingFake: fake, dir, bot: { extraCommands: [pending as never] } });
    const ix = await fake.sendCommand({ name: 'pending' });
    await inHandler;
    const stopping = h.bot.stop();
    release();
    await stopping;
    // Already delivered when stop() resolves: shutdown waited for it.
    expect(ix.responses.some((r) => r.ok && r.content === 'finished during shutdown')).toBe(true);
    expect(h.bot.app.services.db.open).toBe(false);
  });

  it('runs from the real entry point, answers, keeps the token out of its logs and exits 0 on SIGTERM', async () => {
    const bot = spawnEntry(fake, {
      DISCORD_TOKEN: 'fake-token-SECRET',
      DATABASE_PATH: path.join(dir, 'child.db'),
      LOG_LEVEL: 'debug',
    });
    try {
      await fake.waitFor('request', (r) => r.method === 'PUT' && r.path.includes('/commands'), 60_000);
      const ix = await fake.sendCommand({ name: 'explain', options: { question: '도커 클라이언트' } });
      const reply = await ix.waitForReply();
      expect(((reply.message?.embeds as { title?: string }[] | undefined) ?? [])[0]?.title).toBe('도커 클라이언트');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      const out = bot.stdout + bot.stderr;
      expect(out).toContain('"msg":"interaction"');
      expect(out).toContain('"latencyMs"');
      expect(out).not.toContain('SECRET');
    } finally {
      bot.kill();
    }
  }, 60_000);
});
