/**
 * End to end: the real bot (startBot, what `npm start` runs) against the fake Discord, through an unmodified
 * discord.js Client. Every reply the bot sends is checked by the fake against Discord's server-side rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand, OptionType } from '../../src/commands/types.js';
import { UserError } from '../../src/core/errors.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse } from '../support/fake-discord-interaction.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let releaseSlow: () => void = () => {};
const slowGate = () => new Promise<void>((resolve) => (releaseSlow = resolve));

const boom = defineCommand({
  data: { name: 'boom', description: 'A handler that throws' },
  run: () => {
    throw new Error('database exploded at /secret/path');
  },
});

const slow = defineCommand({
  data: { name: 'slow', description: 'A handler slower than Discord allows' },
  async run() {
    await slowGate();
    return { content: 'slow done' };
  },
});

const expected = defineCommand({
  data: {
    name: 'strict',
    description: 'A handler with an expected error',
    options: [{ type: OptionType.String, name: 'text', description: 't', required: true }],
  },
  run: () => {
    throw new UserError('error.adminOnly');
  },
});

const longSection = [
  '# 긴 노트',
  '',
  '## 도커 컴포즈 파일 구조',
  '',
  ...Array.from(
    { length: 60 },
    (_, i) => `- 서비스 ${i}: 컴포즈 파일은 여러 컨테이너를 한 번에 정의한다. 네트워크와 볼륨도 함께 정의한다.`,
  ),
  '',
  '```yaml',
  ...Array.from({ length: 80 }, (_, i) => `service${i}:\n  image: nginx:1.${i}`),
  '```',
  '',
].join('\n');

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & 64) !== 0;

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake({
    notes: { 'compose.md': longSection },
    bot: { extraCommands: [boom, slow, expected] as never[], deferAfterMs: 300 },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('the bot against a fake Discord', () => {
  it('registers every command to the guild in one bulk overwrite that passes Discord rules', () => {
    const puts = h.fake.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toContain(`/guilds/${h.fake.guild.id}/commands`);
    expect(puts[0]?.status).toBe(200);
    const names = (h.fake.commands.guild.get(h.fake.guild.id) ?? []).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['explain', 'help', 'boom', 'slow']));
    const explain = (h.fake.commands.guild.get(h.fake.guild.id) ?? []).find((c) => c.name === 'explain') as Json;
    expect(explain.description_localizations.ko).toBeTruthy();
    expect(explain.name_localizations.ko).toBe('설명');
  });

  it('answers /explain in Korean with the section, its breadcrumb and its source', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '이미지 이름 규칙' }, locale: 'ko' });
    const reply = await ix.waitForReply();
    const embed = embedOf(reply);
    expect(embed.title).toBe('이미지 이름 규칙');
    expect(embed.description).toContain('${레지스트리주소}');
    expect(embed.footer.text).toContain('docker-study.md');
    expect(embed.footer.text).toContain('행');
    expect(isEphemeral(reply)).toBe(false);
  });

  it('answers in English for an English locale', async () => {
    const ix = await h.fake.sendCommand({
      name: 'explain',
      options: { question: 'image naming rule' },
      locale: 'en-US',
    });
    const embed = embedOf(await ix.waitForReply());
    expect(embed.title).toBe('이미지 이름 규칙');
    expect(embed.footer.text).toContain('line');
  });

  it('hides the answer when asked', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '도커 호스트', hide: true } });
    expect(isEphemeral(await ix.waitForReply())).toBe(true);
  });

  it('autocompletes headings by Hangul initial consonants', async () => {
    const ix = await h.fake.sendAutocomplete({ name: 'explain', options: { question: 'ㅇㅁㅈ' }, focused: 'question' });
    const res = await ix.firstResponse();
    expect(res.ok).toBe(true);
    const choices = (res.data as Json).choices as Json[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('이미지');
  });

  it('opens a related section from its button', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '이미지 이름 규칙' } });
    const reply = await ix.waitForReply();
    const related = buttonsOf(reply).find((b) => String(b.custom_id).startsWith('v1:explain.open:'));
    expect(related).toBeDefined();
    const click = await h.fake.clickButton({ customId: related?.custom_id, message: reply.message });
    const opened = embedOf(await click.waitForReply());
    expect(opened.title).toBe(related?.label);
  });

  it('pages a long section with a "more" button that edits the message, never splitting a code block', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '도커 컴포즈 파일 구조' } });
    const first = await ix.waitForReply();
    expect(embedOf(first).title).toBe('도커 컴포즈 파일 구조');
    const more = buttonsOf(first).find((b) => String(b.custom_id).startsWith('v1:explain.page:'));
    expect(more).toBeDefined();
    const click = await h.fake.clickButton({ customId: more?.custom_id, message: first.message });
    const page2 = await click.waitForReply();
    expect(page2.callbackType).toBe(7); // UPDATE_MESSAGE: the same message, next page
    const text = String(embedOf(page2).description);
    expect(text).not.toBe(embedOf(first).description);
    expect(text.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
  });

  it('says plainly when the notes do not cover a question, with suggestions as buttons', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '파이썬 GIL 이 뭐야?' } });
    const reply = await ix.waitForReply();
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.content).toContain('찾지 못했어요');
  });

  it('apologises with an error id when a handler throws, and logs the stack under that id', async () => {
    const ix = await h.fake.sendCommand({ name: 'boom', locale: 'en-US' });
    const reply = await ix.waitForReply();
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.content).not.toContain('/secret/path');
    const id = /`([0-9a-f]{8})`/.exec(reply.content ?? '')?.[1];
    expect(id).toBeDefined();
    const logged = h.logger.lines.find((l) => l.level === 'error' && l.obj.errorId === id);
    expect(String((logged?.obj.err as Error | undefined)?.stack)).toContain('database exploded');
    const line = await h.logger.waitFor((l) => l.msg === 'interaction' && l.obj.interactionId === ix.id);
    expect(line.obj).toMatchObject({ command: 'boom', outcome: 'error', userId: h.fake.user.id });
    expect(typeof line.obj.latencyMs).toBe('number');
  });

  it('shows an expected error ephemerally in the member language', async () => {
    const ix = await h.fake.sendCommand({ name: 'strict', options: { text: 'x' }, locale: 'ko' });
    const reply = await ix.waitForReply();
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.content).toContain('관리자');
  });

  it('defers a slow handler before the deadline and then edits in the answer', async () => {
    const ix = await h.fake.sendCommand({ name: 'slow' });
    const first = await ix.firstResponse();
    expect(first.callbackType).toBe(5); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    releaseSlow();
    const reply = await ix.waitForReply();
    expect(reply.kind).toBe('edit-original');
    expect(reply.content).toBe('slow done');
  });

  it('answers bad input with a clear ephemeral error: a 50 000-character option, unknown command, bad custom ids', async () => {
    const long = await h.fake.sendCommand({ name: 'explain', options: { question: '가'.repeat(50_000) } });
    const longReply = await long.waitForReply();
    expect(isEphemeral(longReply)).toBe(true);
    expect(longReply.content).toContain('1000');

    const unknown = await h.fake.sendCommand({ name: 'nope' });
    expect((await unknown.waitForReply()).content).toContain('/help');

    const host = await h.fake.sendCommand({ name: 'help' });
    const hostReply = await host.waitForReply();
    for (const customId of ['v1:explain.open:doesnotexist', 'v1:no.such.route', 'garbage:::', 'v9:x']) {
      const click = await h.fake.clickButton({ customId, message: hostReply.message });
      const r = await click.waitForReply();
      expect(isEphemeral(r)).toBe(true);
      expect(r.content?.length).toBeGreaterThan(0);
    }
  });

  it('resumes after the gateway connection drops and keeps answering', async () => {
    const resumed = h.fake.waitFor('resumed');
    h.fake.dropConnection({ code: 4000 });
    await resumed;
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '컨테이너' } });
    expect(embedOf(await ix.waitForReply()).title).toBe('컨테이너');
  });

  it('sent nothing Discord would reject and answered every interaction once', () => {
    expect(h.fake.violations).toEqual([]);
    const secondAcks = h.fake.violations.filter((v) => v.code === 40060);
    expect(secondAcks).toEqual([]);
  });
});
