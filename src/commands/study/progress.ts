/**
 * /progress [member]: totals, per-chapter time and stars, streaks, this week vs last week, and a PNG chart.
 * The embed reads on its own; the chart adds the 4-week picture.
 */
import type { Reply } from '../../core/reply.js';
import type { Translator } from '../../i18n/index.js';
import { hasChartData, renderProgressChart } from '../../study/charts.js';
import { memberToday } from '../../study/deps.js';
import { progress, type Progress } from '../../study/stats.js';
import { defineCommand, describe, OptionType } from '../types.js';
import { bookChoices } from '../group/common.js';
import { pastBook, pastProgressReply } from '../group/history.js';
import { clampLines, COLOR, esc, fmtChapter, fmtMinutes, fmtStars, remember, studyDeps } from './common.js';

export const PROGRESS_PNG = 'progress.png';

export const progressCommand = defineCommand({
  data: {
    name: 'progress',
    ...describe('study.cmd.progress'),
    contexts: [0],
    options: [
      { type: OptionType.User, name: 'member', ...describe('study.opt.member') },
      { type: OptionType.String, name: 'book', ...describe('group.opt.book'), autocomplete: true, max_length: 100 },
    ],
  },
  defer: true,
  autocomplete: (ctx, focused) => (focused.name === 'book' ? bookChoices(ctx, focused) : []),
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const member = args.member ?? ctx.user;
    remember(ctx);
    if (args.member) remember(ctx, args.member);
    // A book the group read before: its records from the raw rows (issue 13).
    const past = pastBook(ctx, args.book);
    if (past) return pastProgressReply(ctx, past, member);
    const p = progress(deps.db, deps.book, ctx.guildId, member.id, memberToday(deps, ctx.guildId, member.id));
    return progressReply(ctx.t, p, member.name, deps.book.title);
  },
});

export function weekChange(t: Translator, p: Progress): string {
  const now = fmtMinutes(t, p.thisWeek);
  const before = fmtMinutes(t, p.lastWeek);
  if (p.lastWeek === 0) return t('study.progress.weekNoPrev', { now, before });
  const pct = Math.round(((p.thisWeek - p.lastWeek) / p.lastWeek) * 100);
  return t('study.progress.week', { now, before, change: `${pct >= 0 ? '+' : ''}${pct}%` });
}

export function progressReply(t: Translator, p: Progress, name: string, bookTitle: string): Reply {
  const started = p.chapters.filter((c) => c.minutes > 0 || c.stars !== null);
  const untouched = p.chapters.filter((c) => c.minutes === 0 && c.stars === null).map((c) => c.chapter);
  const lines = started.map(
    (c) =>
      `${esc(fmtChapter(t, { number: c.chapter, title: c.title }))} — **${fmtMinutes(t, c.minutes)}**` +
      (c.stars === null ? '' : ` · ${fmtStars(c.stars)}`),
  );
  const empty = p.totalMinutes === 0 && started.length === 0;
  // No chart of nothing: a member without a minute in the last 4 weeks or a star is told so in text.
  const png = hasChartData(p)
    ? renderProgressChart(p, {
        title: t('study.progress.chartTitle', { name, book: bookTitle }),
        daily: t('study.progress.chartDaily'),
        stars: t('study.progress.chartStars'),
        minutes: t('study.progress.chartMinutes'),
        hours: t('study.progress.chartHours'),
        today: t('study.progress.chartToday'),
      })
    : null;
  return {
    embeds: [
      {
        color: COLOR,
        title: t('study.progress.title', { name: esc(name) }).slice(0, 256),
        description: empty
          ? t('study.progress.empty')
          : png
            ? esc(bookTitle)
            : `${esc(bookTitle)}\n${t('study.progress.noChart')}`,
        fields: [
          { name: t('study.progress.total'), value: fmtMinutes(t, p.totalMinutes), inline: true },
          {
            name: t('study.progress.streak'),
            value: t('study.progress.streakValue', { current: p.currentStreak, longest: p.longestStreak }),
            inline: true,
          },
          { name: t('study.progress.thisWeek'), value: weekChange(t, p), inline: true },
          ...(lines.length ? [{ name: t('study.progress.chapters'), value: clampLines(lines) }] : []),
          ...(untouched.length && !empty
            ? [{ name: t('study.progress.notStarted'), value: untouched.join(', ').slice(0, 1024) }]
            : []),
        ],
        ...(png ? { image: PROGRESS_PNG } : {}),
        footer: t('study.progress.footer', { today: p.today, days: p.activeDays }),
      },
    ],
    files: png ? [{ name: PROGRESS_PNG, data: png, description: t('study.progress.chartAlt') }] : [],
  };
}
