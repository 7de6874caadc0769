/**
 * No reply pings anyone: member text echoed back (`/explain`'s question, `/question add`) may say `@everyone`, `@here`,
 * `<@&role>` or `<@user>`, and every message the real bot sends — interaction replies through discord.js, channel
 * messages through raw REST — arrives at the fake Discord with `allowed_mentions.parse` empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PINGS = '@everyone @here <@&123456789012345678> <@123456789012345679> 레이어는 왜 읽기 전용인가요?';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotAgainstFake({ fake: { rateLimit: { limit: 10_000, windowMs: 1000 } } });
});
afterAll(async () => {
  await h?.close();
});

describe('allowed mentions', () => {
  it('an /explain that echoes @everyone and a role mention in its content is sent with nothing allowed to ping', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: PINGS } });
    const reply = await ix.waitForReply();
    expect(reply.content).toContain('@everyone @here <@&123456789012345678> <@123456789012345679>'); // echoed…
    expect(reply.data.allowed_mentions).toEqual({ parse: [], replied_user: false }); // …and pings no one
  });

  it('so is a /question add that echoes it in an embed', async () => {
    const ix = await h.fake.sendCommand({ name: 'question', subcommand: 'add', options: { text: PINGS } });
    const reply = await ix.waitForReply();
    expect(JSON.stringify(reply.message?.embeds)).toContain('@everyone');
    expect(reply.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a deferred reply edited later carries the same rule', async () => {
    // /backup defers first, so its answer is a PATCH of the original through the interaction webhook.
    const ix = await h.fake.sendCommand({ name: 'backup', memberPermissions: '0' });
    const reply = await ix.waitForReply();
    expect(reply.kind).toBe('edit-original');
    expect(reply.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a channel message posted through raw REST (the quiz lobby) allows no pings either', async () => {
    const posted = h.fake.waitFor('request', (r) => r.route === 'POST /channels/:channel/messages');
    const ix = await h.fake.sendCommand({ name: 'quiz', subcommand: 'start', options: { topic: '이미지' } });
    const [request] = await posted;
    expect((request.body as Json).allowed_mentions).toEqual({ parse: [] });
    await ix.waitForReply();
    const stop = await h.fake.sendCommand({ name: 'quiz', subcommand: 'stop' });
    await stop.waitForReply();
  });

  it('sent nothing Discord would reject', () => {
    expect(h.fake.violations).toEqual([]);
  });
});
