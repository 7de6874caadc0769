/**
 * /explain attaches the images a note links — and only images inside the notes folder. A notes file is written by any
 * member, so each link below is an attack on a file the bot can read: the real bot (startBot) answers through the
 * fake Discord, and no reply may carry the secret's bytes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse } from '../support/fake-discord-interaction.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'TOP-SECRET-7f3a9c';
/** A 1×1 PNG; `pngOf(n)` pads it to `n` bytes (still a PNG by its magic number). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pngOf = (bytes: number, fill: number) => Buffer.concat([PNG, Buffer.alloc(bytes - PNG.length, fill)]);
/** Small enough that three 2000-byte images do not fit in one reply. */
const UPLOAD_LIMIT = 5000;

const section = (heading: string, src: string) => `## ${heading}\n\n설명 ${heading}\n\n![그림](${src})\n`;

/** One section per attack; headings are unique words so /explain finds exactly that section. */
const ATTACKS = {
  zqxparent: '../secret.txt',
  zqxdotenv: '../.env',
  zqxencoded: '%2e%2e/secret.txt',
  zqxencodedslash: '..%2f..%2f..%2f..%2fetc%2fpasswd',
  zqxpasswd: '../../../../../../../../etc/passwd',
  zqxabsolute: '/etc/passwd',
  zqxproc: '../../../../../../../../proc/self/environ',
  zqxfileurl: 'file:///etc/passwd',
  zqxsymlink: './img/link.png',
  zqxsymlinkdir: './up/secret.txt',
  zqxfakepng: './img/fake.png',
  zqxdirectory: './img',
} as const;

let root: string;
let h: BotHarness;
/** Bytes that must never leave the bot. */
let secrets: Buffer[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'studybot-images-'));
  const notes = path.join(root, 'notes');
  mkdirSync(path.join(notes, 'img'), { recursive: true });
  // The secrets outside the folder start with PNG bytes: only containment keeps them, not the image check.
  writeFileSync(path.join(root, 'secret.txt'), Buffer.concat([PNG, Buffer.from(`${SECRET} secret file\n`)]));
  writeFileSync(path.join(root, '.env'), Buffer.concat([PNG, Buffer.from(`DISCORD_TOKEN=${SECRET}-env\n`)]));
  symlinkSync(path.join(root, 'secret.txt'), path.join(notes, 'img', 'link.png'));
  symlinkSync(root, path.join(notes, 'up'));
  writeFileSync(path.join(notes, 'img', 'fake.png'), `${SECRET} text pretending to be a png\n`);
  writeFileSync(path.join(notes, 'img', 'ok.png'), PNG);
  for (const n of [1, 2, 3]) writeFileSync(path.join(notes, 'img', `big${n}.png`), pngOf(2000, n));
  const attackNotes = Object.entries(ATTACKS).map(([heading, src]) => section(heading, src));
  writeFileSync(
    path.join(notes, 'attacks.md'),
    [
      '# 첨부 시험',
      ...attackNotes,
      section('zqxlegit', './img/ok.png'),
      '## zqxthreebig\n\n큰 그림 세 장\n\n![하나](./img/big1.png)\n![둘](./img/big2.png)\n![셋](./img/big3.png)\n',
    ].join('\n'),
  );

  secrets = [Buffer.from(SECRET)];
  for (const file of ['/etc/passwd', '/proc/self/environ']) {
    if (existsSync(file)) secrets.push(readFileSync(file));
  }
  h = await startBotAgainstFake({ dir: root, fake: { attachmentSizeLimit: UPLOAD_LIMIT } });
});

afterAll(async () => {
  await h?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};

async function explain(question: string): Promise<InteractionResponse> {
  const ix = await h.fake.sendCommand({ name: 'explain', options: { question }, locale: 'ko' });
  const reply = await ix.waitForReply();
  expect(embedOf(reply).title).toBe(question);
  return reply;
}

const carriesSecret = (data: Buffer) => secrets.some((s) => s.length > 0 && data.includes(s));
const notAttachedWarnings = (src: string) =>
  h.logger.lines.filter((l) => l.level === 'warn' && l.msg === 'explain: note image not attached' && l.obj.src === src);

describe('/explain never attaches a file outside the notes folder or one that is not an image', () => {
  it.each(Object.entries(ATTACKS))('%s: ![그림](%s) is not attached, and the reply says so', async (heading, src) => {
    const reply = await explain(heading);
    expect(reply.files).toEqual([]);
    expect(reply.message?.attachments).toEqual([]);
    expect(embedOf(reply).image).toBeUndefined();
    const description = String(embedOf(reply).description);
    expect(description).toContain(src);
    if (heading === 'zqxfileurl') return; // a URL is shown as a link, never read
    expect(description).toMatch(/첨부하지 않은 이미지|이미지 파일이 없어요/);
  });

  it('names a link that leaves the folder as not attached, in English too', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: 'zqxparent' }, locale: 'en-US' });
    expect(String(embedOf(await ix.waitForReply()).description)).toContain(
      'Image not attached: `../secret.txt` (not an image file inside the notes folder)',
    );
  });

  it('logs each refused link once at warn level, not on every /explain, and never its bytes', async () => {
    await explain('zqxsymlink');
    await explain('zqxsymlink');
    await explain('zqxencoded');
    await explain('zqxencoded');
    expect(notAttachedWarnings('./img/link.png')).toHaveLength(1);
    expect(notAttachedWarnings('./img/link.png')[0]?.obj).toMatchObject({ file: 'attacks.md', reason: 'outside' });
    expect(notAttachedWarnings('%2e%2e/secret.txt')).toHaveLength(1);
    await explain('zqxfakepng');
    await explain('zqxfakepng');
    expect(notAttachedWarnings('./img/fake.png')).toEqual([
      expect.objectContaining({ obj: expect.objectContaining({ reason: 'not-image' }) }),
    ]);
    expect(h.logger.lines.some((l) => JSON.stringify(l).includes(SECRET))).toBe(false);
  });

  it('still attaches a real PNG inside the folder, shown as the embed image', async () => {
    const reply = await explain('zqxlegit');
    expect(reply.files.map((f) => f.name)).toEqual(['ok.png']);
    expect(reply.files[0]?.data.equals(PNG)).toBe(true);
    expect(embedOf(reply).image?.url).toBe('attachment://ok.png');
    expect(String(embedOf(reply).description)).not.toContain('첨부');
  });

  it('sends only the images that fit the upload limit Discord gave, and names the rest', async () => {
    const reply = await explain('zqxthreebig');
    expect(reply.ok).toBe(true);
    expect(reply.files.map((f) => f.name)).toEqual(['big1.png', 'big2.png']);
    expect(reply.files.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(UPLOAD_LIMIT);
    expect(String(embedOf(reply).description)).toContain('📎 첨부하지 못한 이미지: `./img/big3.png` (용량 초과)');
  });

  it('sent no file carrying a secret, and nothing Discord rejected (no 40005)', () => {
    const sent = h.fake.requests.flatMap((r) => r.files);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((f) => carriesSecret(f.data)).map((f) => f.name)).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });
});
