/**
 * Hostile template uploads through the real bot (startBot) and the fake Discord: each one that stopped the bot for
 * everyone (V8's out-of-memory abort, minutes of a busy event loop) is now refused with a reason, nothing imported,
 * and the other members keep getting answers within Discord's deadline (the fake records a late answer as a
 * violation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { TEMPLATE_LIMITS } from '../../src/markdown/limits.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse } from '../support/fake-discord.js';

const ko = translator('ko');
const WAIT_MS = 15_000;
const uploader = { id: '500000000000000071', username: 'mallory', globalName: 'mallory' };
const reader = { id: '500000000000000072', username: 'reader', globalName: 'reader' };

const contentOf = (r: InteractionResponse) => String(r.message?.content ?? '');
const hasText = (r: InteractionResponse) => contentOf(r) !== '' || ((r.message?.embeds as unknown[]) ?? []).length > 0;

describe('hostile template uploads', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotAgainstFake();
  });

  afterAll(async () => {
    await h?.close();
  });

  const upload = async (data: string) => {
    const ix = await h.fake.sendCommand({
      name: 'template',
      subcommand: 'import',
      options: { file: { name: 'evil.md', data, contentType: 'text/markdown' } },
      user: uploader,
    });
    return ix.waitForReply(hasText, WAIT_MS);
  };

  const ratingsOf = async () => {
    const ix = await h.fake.sendCommand({ name: 'progress', user: uploader });
    return ix.waitForReply(hasText, WAIT_MS);
  };

  it.each([
    ['100 000 short lines (195 KB)', 'a\n'.repeat(100_000), ko('study.error.import.tooManyLines', { max: 4000 })],
    ['130 KB of blank lines', '\n'.repeat(130_000), ko('study.error.import.tooManyLines', { max: 4000 })],
    [
      '`*a` repeated 130 000 times',
      '*a'.repeat(130_000),
      ko('study.error.import.lineTooLong', { line: 1, max: TEMPLATE_LIMITS.longestLine }),
    ],
    [
      '`*a` over many short lines of one paragraph',
      '*a *a *a *a\n'.repeat(2_000),
      ko('study.error.import.tooManyDelimiters', { line: 501, max: TEMPLATE_LIMITS.delimitersPerParagraph }),
    ],
    [
      '`[a](` repeated',
      '[a](\n'.repeat(3_000),
      ko('study.error.import.tooManyDelimiters', { line: 667, max: TEMPLATE_LIMITS.delimitersPerParagraph }),
    ],
    [
      'a table of 5 000 columns',
      `|${'a|'.repeat(5000)}\n|${'-|'.repeat(5000)}\n`,
      ko('study.error.import.lineTooLong', { line: 1, max: TEMPLATE_LIMITS.longestLine }),
    ],
  ])('refuses %s before parsing it, with the reason', async (_name, data, message) => {
    const reply = await upload(data);
    expect(contentOf(reply)).toContain(message);
    expect(h.fake.violations).toEqual([]);
  });

  it('stops downloading an upload whose bytes pass the limit, whatever size the payload states', async () => {
    const ix = await h.fake.sendCommand({
      name: 'template',
      subcommand: 'import',
      options: { file: { name: 'big.md', data: Buffer.alloc(3 * 1024 * 1024, 0x61), statedSize: 100 } },
      user: uploader,
    });
    const reply = await ix.waitForReply(hasText, WAIT_MS);
    expect(contentOf(reply)).toContain('big.md');
    expect(h.fake.violations).toEqual([]);
  });

  it('answers other members within the deadline while a slow upload is parsed, then refuses the upload', async () => {
    // Within every cheap bound, yet ~5 s of micromark on this machine (quadratic emphasis matching in each
    // paragraph): only the parser thread's timeout stops it.
    const slow = `${'*a'.repeat(TEMPLATE_LIMITS.longestLine / 2 - 1)}\n\n`.repeat(60);
    const importIx = await h.fake.sendCommand({
      name: 'template',
      subcommand: 'import',
      options: { file: { name: 'slow.md', data: slow, contentType: 'text/markdown' } },
      user: uploader,
    });
    await importIx.firstResponse(WAIT_MS); // deferred: the parse is under way
    const order: string[] = [];
    const importDone = importIx.waitForReply(hasText, WAIT_MS).then((r) => {
      order.push('import');
      return r;
    });
    const explainIx = await h.fake.sendCommand({
      name: 'explain',
      options: { question: '이미지 이름 규칙' },
      user: reader,
    });
    const answer = await explainIx.waitForReply(hasText, WAIT_MS);
    order.push('explain');
    expect(JSON.stringify(answer.message?.embeds)).toContain('이미지 이름 규칙');

    const refused = await importDone;
    expect(order).toEqual(['explain', 'import']);
    expect(contentOf(refused)).toContain(ko('study.error.import.unreadable'));
    expect(h.fake.violations).toEqual([]);
    // Nothing was imported, and the bot still answers the uploader too.
    expect(contentOf(await ratingsOf()) + JSON.stringify((await ratingsOf()).message?.embeds)).not.toContain('⭐');
  });
});
