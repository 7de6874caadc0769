/**
 * Shared pieces of the study handlers: deps from the context, chapter options and autocomplete, and formatting.
 */
import type { Translator } from '../../i18n/index.js';
import { chapterLabel, searchChapters, type Chapter } from '../../study/book.js';
import type { StudyDeps } from '../../study/deps.js';
import { rememberMember } from '../../study/store.js';
import { ensureActiveBook } from '../../group/books.js';
import { starBar } from '../../study/template.js';
import { describe, OptionType, type Choice, type InteractionContext } from '../types.js';

export const COLOR = 0x5865f2;

export function studyDeps(ctx: InteractionContext): StudyDeps {
  const { db, clock, config, study } = ctx.services;
  // The book the guild reads now (a new book in book.yaml switches it; the old one's history stays, see group/books).
  ensureActiveBook(db, ctx.guildId, study.book, clock.now());
  return { db, clock, book: study.book, groupTimeZone: config.STUDY_TIMEZONE };
}

/** Remembers the member's display name for boards and charts (called after a command succeeded). */
/**
 * Keeps the member's display name for boards and charts. Best effort: it runs after the command's own write has
 * committed, so a failure here must not tell the member that their log or rating was not saved.
 */
export function remember(ctx: InteractionContext, user: { id: string; name: string } = ctx.user): void {
  const { db, clock, logger } = ctx.services;
  try {
    rememberMember(db, ctx.guildId, user.id, user.name, clock.now());
  } catch (err) {
    logger.warn({ err, guildId: ctx.guildId, userId: user.id }, 'could not store the member name');
  }
}

const chapterBase = {
  type: OptionType.String,
  name: 'chapter',
  ...describe('study.opt.chapter'),
  autocomplete: true,
  max_length: 100,
} as const;

export const chapterRequired = { ...chapterBase, required: true } as const;
export const chapterOptional = chapterBase;

export function chapterChoices(ctx: InteractionContext, focused: { name: string; value: string }): Choice[] {
  if (focused.name !== 'chapter') return [];
  return searchChapters(ctx.services.study.book, focused.value).map((c) => ({
    name: chapterLabel(c),
    value: String(c.number),
  }));
}

export function fmtMinutes(t: Translator, total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('common.minutes', { n: m });
  return m === 0 ? t('common.hours', { h }) : t('common.hoursMinutes', { h, m });
}

export function fmtChapter(t: Translator, c: Pick<Chapter, 'number' | 'title'>): string {
  return c.title ? t('study.chapter', { n: c.number, title: c.title }) : t('study.chapterNumber', { n: c.number });
}

export function fmtStars(stars: number): string {
  return `${starBar(stars)} (${stars}/5)`;
}

/** Escapes Discord markdown in names and free text shown inside embeds. */
export function esc(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()])/g, '\\$1');
}

/** Joins lines into a field value of at most `max` characters, ending with "…" when lines were left out. */
export function clampLines(lines: string[], max = 1024): string {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > max - 2) {
      out.push('…');
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n') || '—';
}
