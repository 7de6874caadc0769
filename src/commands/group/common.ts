/** Shared pieces of the group commands: preparing the guild (book, seeded meetings, events), formatting. */
import { bookTitle as storedBookTitle, listBooks } from '../../group/books.js';
import { syncEvents, type SyncResult } from '../../group/events.js';
import { groupEventTexts } from '../../group/tick.js';
import type { Meeting } from '../../group/schedule.js';
import { prepareGuild } from '../../group/service.js';
import { wallTime } from '../../group/time.js';
import { bookKey } from '../../study/book.js';
import type { Choice, InteractionContext } from '../types.js';

export const COLOR = 0x57a773;

/** The guild's book key after preparing it (active book, meetings from book.yaml). */
export function prepare(ctx: InteractionContext): { book: string } {
  const { db, clock, config, study, logger } = ctx.services;
  return prepareGuild({ db, book: study.book, timeZone: config.STUDY_TIMEZONE, now: clock.now(), logger }, ctx.guildId);
}

/** The book key a `book:` option names (a key or a title the guild read), else the active book. */
export function bookOption(ctx: InteractionContext, value: string | undefined): string {
  const active = bookKey(ctx.services.study.book);
  if (!value) return active;
  const wanted = value.normalize('NFC').trim().toLowerCase();
  const found = listBooks(ctx.services.db, ctx.guildId).find(
    (b) => b.key === wanted || b.title.normalize('NFC').toLowerCase() === wanted,
  );
  return found?.key ?? value.trim();
}

export function bookTitle(ctx: InteractionContext, key: string): string {
  return storedBookTitle(ctx.services.db, ctx.guildId, ctx.services.study.book, key);
}

export function bookChoices(ctx: InteractionContext, focused: { value: string }): Choice[] {
  const q = focused.value.normalize('NFC').trim().toLowerCase();
  const books = listBooks(ctx.services.db, ctx.guildId);
  if (books.length === 0)
    books.push({
      key: bookKey(ctx.services.study.book),
      title: ctx.services.study.book.title,
      chapters: [],
      active: true,
      startedAt: 0,
    });
  return books
    .filter((b) => !q || b.key.includes(q) || b.title.toLowerCase().includes(q))
    .slice(0, 25)
    .map((b) => ({ name: `${b.title}${b.active ? ' ✓' : ''}`.slice(0, 100), value: b.key.slice(0, 100) }));
}

/** Syncs the guild's Discord events when the adapter gave a port (the console has none). */
export async function syncGuildEvents(ctx: InteractionContext): Promise<SyncResult | null> {
  const port = ctx.services.group.ports.events;
  if (!port || !ctx.inGuild) return null;
  const { db, clock, logger } = ctx.services;
  const texts = groupEventTexts(db, ctx.guildId, ctx.services.study.book, ctx.services.config.STUDY_TIMEZONE);
  return syncEvents({ db, port, logger, now: clock.now(), texts }, ctx.guildId);
}

/** The note a /schedule reply carries the first time the bot finds it may not manage events (said once). */
export function deniedNote(ctx: InteractionContext, result: SyncResult | null): string | null {
  return result?.firstDenied ? ctx.t('group.events.denied') : null;
}

export function chapterList(m: Pick<Meeting, 'chapters'>): string {
  return m.chapters.join(', ');
}

export function plainTime(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${w.day} ${w.time}`;
}

export { discordTime } from '../../core/timestamp.js';

export { channelIdOf } from '../../group/input.js';
