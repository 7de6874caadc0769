/**
 * /group for a group larger than the board shows, through the fake Discord: the top members, the "top N of M" line,
 * the viewer's own rank, and nothing Discord would reject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { InteractionResponse } from '../support/fake-discord-interaction.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ko = translator('ko');
const MEMBERS = 20;
const member = (n: number) => ({
  id: `6000000000000000${String(n).padStart(2, '0')}`,
  username: `reader${n}`,
  globalName: `reader${n}`,
});
const fieldText = (r: InteractionResponse) =>
  (((r.message?.embeds as Json[] | undefined) ?? [])[0]?.fields ?? [])
    .map((f: Json) => `${f.name}\n${f.value}`)
    .join('\n');

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake({ bot: { clock: manualClock(Date.UTC(2025, 2, 20, 12, 0)) } });
  // Member n reads n × 10 minutes, so member 20 leads and member 1 is last.
  for (let n = 1; n <= MEMBERS; n++) {
    const ix = await h.fake.sendCommand({
      name: 'log',
      subcommand: 'add',
      options: { minutes: String(n * 10), chapter: '1' },
      user: member(n),
    });
    await ix.waitForReply();
  }
});

afterAll(async () => {
  await h?.close();
});

describe('/group for a large group', () => {
  it('shows the top members, says how many are left out, and adds the viewer’s own rank', async () => {
    const ix = await h.fake.sendCommand({ name: 'group', user: member(1) });
    const board = await ix.waitForReply();
    const text = fieldText(board);
    expect(text).toContain('reader20');
    expect(text).toContain(ko('study.group.topOf', { n: 15, total: MEMBERS }));
    expect(text).toMatch(/`20\.` reader1 /);
    expect(text).not.toMatch(/reader2 /); // rank 19: neither shown nor the viewer
    expect(h.fake.violations).toEqual([]);
  });
});
