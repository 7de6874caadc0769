/**
 * `book:` on /progress and /group: a book the group read before, from its raw rows (src/group/history.ts). The
 * active book keeps its full replies (charts, streaks); an old one gets this summary.
 */
import { UserError } from '../../core/errors.js';
import type { Reply } from '../../core/reply.js';
import { storedBook } from '../../group/books.js';
import { groupBookRecord, memberBookRecord } from '../../group/history.js';
import { bookKey, type Book } from '../../study/book.js';
import type { InteractionContext } from '../types.js';
import { clampLines, COLOR, esc, fmtChapter, fmtMinutes, fmtStars } from '../study/common.js';

/** The past book a `book:` option names, or null when it names the active book (or is absent). */
export function pastBook(ctx: InteractionContext, value: string | undefined): (Book & { key: string }) | null {
  if (value === undefined || value.trim() === '') return null;
  const book = storedBook(ctx.services.db, ctx.guildId, value);
  if (!book) {
    const active = ctx.services.study.book;
    const wanted = value.normalize('NFC').trim().toLowerCase();
    if (wanted === bookKey(active) || wanted === active.title.normalize('NFC').toLowerCase()) return null;
    throw new UserError('group.error.noBook', { book: value.slice(0, 100) });
  }
  return book.key === bookKey(ctx.services.study.book) ? null : book;
}

export function pastProgressReply(
  ctx: InteractionContext,
  book: Book & { key: string },
  user: { id: string; name: string },
): Reply {
  const { t } = ctx;
  const r = memberBookRecord(ctx.services.db, ctx.guildId, book, user.id);
  const lines = r.chapters
    .filter((c) => c.minutes > 0 || c.stars !== null)
    .map(
      (c) =>
        `${esc(fmtChapter(t, { number: c.chapter, title: c.title }))} — **${fmtMinutes(t, c.minutes)}**` +
        (c.stars === null ? '' : ` · ${fmtStars(c.stars)}`),
    );
  return {
    embeds: [
      {
        color: COLOR,
        title: t('study.progress.title', { name: esc(user.name) }).slice(0, 256),
        description: t('group.history.book', { book: esc(book.title) }),
        fields: [
          { name: t('study.progress.total'), value: fmtMinutes(t, r.totalMinutes), inline: true },
          { name: t('group.history.questions'), value: String(r.questions), inline: true },
          { name: t('study.progress.chapters'), value: clampLines(lines) },
        ],
      },
    ],
  };
}

export function pastGroupReply(ctx: InteractionContext, book: Book & { key: string }): Reply {
  const { t } = ctx;
  const r = groupBookRecord(ctx.services.db, ctx.guildId, book);
  const ranking = r.ranking.map((m, i) => `${i + 1}. ${esc(m.name)} — **${fmtMinutes(t, m.minutes)}**`);
  const chapters = r.chapters.map(
    (c) =>
      `${esc(fmtChapter(t, { number: c.chapter, title: c.title }))} — ⭐ ${c.average} (${t('group.history.ratings', { n: c.ratings })})`,
  );
  return {
    embeds: [
      {
        color: COLOR,
        title: t('group.history.groupTitle', { book: esc(book.title) }).slice(0, 256),
        description: t('group.history.book', { book: esc(book.title) }),
        fields: [
          { name: t('study.group.leaderboard'), value: clampLines(ranking) },
          { name: t('group.history.stars'), value: clampLines(chapters) },
          { name: t('group.history.questions'), value: String(r.questions) },
        ],
      },
    ],
  };
}
