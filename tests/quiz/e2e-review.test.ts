/**
 * End to end: `/review` through the fake Discord, in Korean and English. The whole flow stays in one ephemeral
 * message that each click updates: prompt → show answer → a rating → the next card, or "nothing due" at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse } from '../support/fake-discord.js';
import { buttonsOf, customIds, embedOf, isEphemeral, member, text, type Json } from './e2e-support.js';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake();
});

afterAll(async () => {
  await h?.close();
});

const UPDATE = 7;

async function clickOn(message: Json, prefix: string, user: { id: string; username: string }, locale: string) {
  const customId = customIds(message).find((id) => id.startsWith(prefix));
  if (!customId) throw new Error(`no ${prefix} button in ${JSON.stringify(customIds(message))}`);
  const ix = await h.fake.clickButton({ customId, user, message, locale });
  const reply = await ix.waitForReply();
  return { customId, reply, message: reply.message as Json };
}

/** A regex source for a translated text whose `\0` placeholder is a Discord relative timestamp. */
const pattern = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\u0000', '<t:\\d+:R>');
const footer = (m: Json) => String((embedOf(m).footer as Json | undefined)?.text ?? '');
const logOf = (userId: string) =>
  h.bot.app.services.db
    .prepare('SELECT card_key, rating, source FROM review_log WHERE user_id = ? ORDER BY id')
    .all(userId) as { card_key: string; rating: number; source: string }[];

describe.each([
  { locale: 'ko', discordLocale: 'ko', user: member(501) },
  { locale: 'en', discordLocale: 'en-US', user: member(502) },
] as { locale: Locale; discordLocale: string; user: { id: string; username: string } }[])(
  '/review in $locale',
  ({ locale, discordLocale, user }) => {
    it('shows a card, its answer, takes "Good" and moves to the next card in the same ephemeral message', async () => {
      const ix = await h.fake.sendCommand({ name: 'review', user, locale: discordLocale });
      const first: InteractionResponse = await ix.waitForReply();
      expect(isEphemeral(first)).toBe(true);
      const prompt = first.message as Json;
      expect(embedOf(prompt).title).toBe(text(locale, 'review.title'));
      const due = Number(/\d+/.exec(footer(prompt))?.[0]);
      expect(footer(prompt)).toBe(text(locale, 'review.remaining', { n: due }));
      expect(buttonsOf(prompt).map((b) => b.label)).toEqual([text(locale, 'review.showAnswer')]);

      const shown = await clickOn(prompt, 'v1:review.show:', user, discordLocale);
      expect(shown.reply.callbackType).toBe(UPDATE);
      expect(shown.message.id).toBe(prompt.id);
      expect(String(embedOf(shown.message).description)).toContain(`**${text(locale, 'review.answer')}**`);
      const labels = buttonsOf(shown.message).map((b) => String(b.label));
      const good = text(locale, 'review.rate.3', { interval: '' });
      expect(labels.slice(0, 4).map((l) => l.split(' · ')[0])).toEqual(
        [1, 2, 3, 4].map((g) => text(locale, `review.rate.${g as 1 | 2 | 3 | 4}`, { interval: '' }).split(' · ')[0]),
      );
      expect(labels.find((l) => l.startsWith(good))).toMatch(/\d/); // says the next interval

      const cardKey = logOf(user.id).length === 0 ? shown.customId.slice('v1:review.show:'.length) : '';
      const goodId = customIds(shown.message).find((id) => id.startsWith('v1:review.rate:') && id.endsWith(':3'));
      const rated = await h.fake.clickButton({
        customId: String(goodId),
        user,
        message: shown.message,
        locale: discordLocale,
      });
      const next = await rated.waitForReply();
      expect(next.callbackType).toBe(UPDATE);
      expect(String(next.content)).toMatch(
        new RegExp(`^${pattern(text(locale, 'review.rated', { when: '\u0000' }))}$`),
      );
      expect(footer(next.message as Json)).toBe(text(locale, 'review.remaining', { n: due - 1 }));
      expect(customIds(next.message as Json)).not.toContain(shown.customId); // a different card
      expect(logOf(user.id)).toEqual([{ card_key: decodeURIComponent(cardKey), rating: 3, source: 'review' }]);
      expect(h.fake.violations).toEqual([]);
    });

    it('rates every due card until it says when the next one is due, and offers extra cards', async () => {
      const ix = await h.fake.sendCommand({ name: 'review', user, locale: discordLocale });
      let message = (await ix.waitForReply()).message as Json;
      for (let i = 0; i < 20 && customIds(message).some((id) => id.startsWith('v1:review.show:')); i++) {
        const shown = await clickOn(message, 'v1:review.show:', user, discordLocale);
        const easy = customIds(shown.message).find((id) => id.startsWith('v1:review.rate:') && id.endsWith(':4'));
        const rated = await h.fake.clickButton({
          customId: String(easy),
          user,
          message: shown.message,
          locale: discordLocale,
        });
        message = (await rated.waitForReply()).message as Json;
      }
      const rated = pattern(text(locale, 'review.rated', { when: '\u0000' }));
      const none = pattern(text(locale, 'review.none', { when: '\u0000' }));
      expect(String(message.content)).toMatch(new RegExp(`^${rated}\\n${none}$`));
      expect(message.embeds).toEqual([]);
      expect(buttonsOf(message).map((b) => b.label)).toEqual([text(locale, 'review.cram')]);
      expect(logOf(user.id).length).toBeGreaterThan(1);
      expect(h.fake.violations).toEqual([]);
    });
  },
);
