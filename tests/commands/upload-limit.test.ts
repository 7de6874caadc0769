/**
 * Every reply's files are fitted to the upload limit Discord sends with the interaction (`attachment_size_limit`):
 * the real bot against the fake Discord, which answers 413 / 40005 to anything over it. Files that do not fit are
 * dropped and named in the reply, whichever way the reply goes out (reply, deferred edit, channel message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/commands/types.js';
import { fitReply } from '../../src/core/limits.js';
import type { Reply, ReplyFile } from '../../src/core/reply.js';
import { translator } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIMIT = 5000;
const file = (name: string, bytes: number): ReplyFile => ({ name, data: Buffer.alloc(bytes, name.charCodeAt(0)) });
/** 3000 + 3000 + 1000 bytes: the second does not fit after the first, the third still does. */
const threeFiles = (): Reply => ({
  embeds: [{ title: '파일 셋', description: '첨부 시험', image: 'b.png' }],
  files: [file('a.png', 3000), file('b.png', 3000), file('c.png', 1000)],
});

const plain = defineCommand({ data: { name: 'files', description: 'three files' }, run: threeFiles });
const deferred = defineCommand({
  data: { name: 'filesdeferred', description: 'three files' },
  defer: true,
  run: threeFiles,
});
const channel = defineCommand({
  data: { name: 'fileschannel', description: 'three files in a channel message' },
  async run(ctx) {
    await ctx.channel.send({ content: '채널 메시지', files: [file('a.png', 3000), file('b.png', 3000)] });
    return { content: '보냈어요' };
  },
});

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake({
    fake: { attachmentSizeLimit: LIMIT },
    bot: { extraCommands: [plain, deferred, channel] as never[] },
  });
});

afterAll(async () => {
  await h?.close();
});

const embedOf = (m: Json | undefined): Json => ((m?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const names = (m: Json | undefined) => ((m?.attachments as Json[] | undefined) ?? []).map((a) => a.filename);

describe('replies fit the upload limit the interaction carries', () => {
  it.each(['files', 'filesdeferred'])('/%s sends only the files that fit and names the rest', async (name) => {
    const ix = await h.fake.sendCommand({ name, locale: 'ko' });
    const reply = await ix.waitForReply();
    expect(names(reply.message)).toEqual(['a.png', 'c.png']);
    expect(reply.files.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(LIMIT);
    const embed = embedOf(reply.message);
    expect(embed.description).toBe('첨부 시험\n\n📎 첨부하지 못한 파일: b.png (용량 초과)');
    expect(embed.image).toBeUndefined(); // it showed the dropped file
  });

  it('names the dropped file in the member language', async () => {
    const ix = await h.fake.sendCommand({ name: 'files', locale: 'en-US' });
    expect(embedOf((await ix.waitForReply()).message).description).toContain(
      '📎 Files not attached: b.png (over the upload limit)',
    );
  });

  it('fits a channel message the handler posts too', async () => {
    const ix = await h.fake.sendCommand({ name: 'fileschannel', locale: 'ko' });
    await ix.waitForReply();
    const posted = h.fake.requestsTo('POST /channels/:channel/messages').at(-1);
    expect(posted?.status).toBe(200);
    expect(posted?.files.map((f) => f.name)).toEqual(['a.png']);
    expect((posted?.response as Json).content).toBe('채널 메시지\n\n📎 첨부하지 못한 파일: b.png (용량 초과)');
  });

  it('sent nothing over the limit (no 413 / 40005)', () => {
    expect(h.fake.violations).toEqual([]);
  });
});

describe('fitReply and files', () => {
  it('keeps files within the limit in order, and names the rest in the content when there is no embed', () => {
    const out = fitReply(
      { content: '내보내기', files: [file('a.csv', 10), file('b.csv', 20), file('c.csv', 5)] },
      { uploadLimit: 20, t: translator('ko') },
    );
    expect(out.files?.map((f) => f.name)).toEqual(['a.csv', 'c.csv']);
    expect(out.content).toBe('내보내기\n\n📎 첨부하지 못한 파일: b.csv (용량 초과)');
  });

  it('uses 10 MiB when no limit is given, and leaves a reply that fits alone', () => {
    const fits: Reply = { content: 'x', files: [file('a.png', 10 * 1024 * 1024)] };
    expect(fitReply(fits)).toEqual(fits);
    const over = fitReply({ files: [file('a.png', 10 * 1024 * 1024 + 1)] });
    expect(over.files).toBeUndefined();
    expect(over.content).toBe('📎 첨부하지 못한 파일: a.png (용량 초과)');
  });

  it('keeps the note whole when the text is already at its limit', () => {
    const out = fitReply({ content: 'ㄱ'.repeat(5000), files: [file('a.png', 2)] }, { uploadLimit: 1 });
    expect(out.content?.length).toBeLessThanOrEqual(2000);
    expect(out.content?.endsWith('📎 첨부하지 못한 파일: a.png (용량 초과)')).toBe(true);
  });
});
