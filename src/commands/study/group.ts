/**
 * /group: the group's board. Leaderboard by minutes (week / month / all time, switched by buttons that edit the
 * message in place), chapter × member stars with each chapter's average, the hardest chapters, open questions,
 * and the matrix as a PNG. Only the top of the ranking and the first matrix columns are read and shown (with the
 * viewer's own place and a "top N of M" line when the group is larger).
 */
import { LIMITS, type Button, type Reply } from '../../core/reply.js';
import type { Translator } from '../../i18n/index.js';
import { renderMatrixChart } from '../../study/charts.js';
import { groupToday } from '../../study/deps.js';
import {
  groupBoard,
  hardestChapters,
  PERIODS,
  type GroupBoard,
  type Period,
  type RankedMember,
} from '../../study/stats.js';
import { encodeCustomId } from '../customId.js';
import { defineCommand, describe, OptionType, type ComponentHandler, type InteractionContext } from '../types.js';
import { bookChoices } from '../group/common.js';
import { pastBook, pastGroupReply } from '../group/history.js';
import { clampLines, COLOR, esc, fmtChapter, fmtMinutes, remember, studyDeps } from './common.js';

export const ROUTE_GROUP = 'study.group';
export const GROUP_PNG = 'group.png';

export const groupCommand = defineCommand({
  data: {
    name: 'group',
    ...describe('study.cmd.group'),
    contexts: [0],
    options: [
      { type: OptionType.String, name: 'book', ...describe('group.opt.book'), autocomplete: true, max_length: 100 },
    ],
  },
  defer: true,
  autocomplete: (ctx, focused) => (focused.name === 'book' ? bookChoices(ctx, focused) : []),
  run(ctx, args) {
    remember(ctx);
    // A book the group read before: its records from the raw rows (issue 13).
    studyDeps(ctx);
    const past = pastBook(ctx, args.book);
    if (past) return pastGroupReply(ctx, past);
    return boardReply(ctx, 'week', false);
  },
});

export const groupButton: ComponentHandler = {
  route: ROUTE_GROUP,
  run(ctx, [period]) {
    const p = PERIODS.find((x) => x === period) ?? 'week';
    return boardReply(ctx, p, true);
  },
};

const MEDALS = ['🥇', '🥈', '🥉'];

function periodLabel(t: Translator, period: Period): string {
  return t(period === 'week' ? 'study.group.week' : period === 'month' ? 'study.group.month' : 'study.group.all');
}

export function boardReply(ctx: InteractionContext, period: Period, update: boolean): Reply {
  const { t } = ctx;
  const deps = studyDeps(ctx);
  const board = groupBoard(deps.db, deps.book, ctx.guildId, period, groupToday(deps), { viewer: ctx.user.id });
  const range = board.from ? ` (${board.from} ~ ${board.to})` : '';
  const png = renderMatrixChart(board, {
    title: t('study.group.chartTitle', { book: deps.book.title }),
    chapter: t('study.group.chartChapter'),
    average: t('study.group.chartAverage'),
  });
  return {
    embeds: [
      {
        color: COLOR,
        title: t('study.group.title', { period: periodLabel(t, period) }),
        description: `${esc(deps.book.title)}${range}`,
        fields: [
          { name: t('study.group.leaderboard'), value: leaderboard(t, board) },
          { name: t('study.group.hardest'), value: hardest(t, board) },
          { name: t('study.group.matrix'), value: matrixText(t, board) },
          { name: t('study.group.questions'), value: t('study.group.questionsValue', { n: board.openQuestions }) },
        ],
        image: GROUP_PNG,
      },
    ],
    files: [{ name: GROUP_PNG, data: png, description: t('study.group.chartAlt') }],
    buttons: [periodButtons(t, period)],
    update,
  };
}

function periodButtons(t: Translator, current: Period): Button[] {
  return PERIODS.map((p) => ({
    customId: encodeCustomId(ROUTE_GROUP, p),
    label: periodLabel(t, p),
    style: p === current ? 'primary' : 'secondary',
    disabled: p === current,
  }));
}

/** The lines of `lines` that fit beside `tail` (kept whole) in one field. */
function withTail(lines: string[], tail: string[]): string {
  const reserved = tail.reduce((n, l) => n + l.length + 1, 0);
  return [clampLines(lines, LIMITS.fieldValue - reserved), ...tail].join('\n');
}

function rankLine(t: Translator, rank: number, r: RankedMember): string {
  return `${MEDALS[rank - 1] ?? `\`${rank}.\``} ${esc(r.name)} — **${fmtMinutes(t, r.minutes)}**`;
}

/** The top of the ranking, the viewer's own place when lower, and how many members the top leaves out. */
function leaderboard(t: Translator, board: GroupBoard): string {
  if (board.leaderboard.length === 0) return t('study.group.noTime');
  const tail: string[] = [];
  if (board.viewer) tail.push('…', rankLine(t, board.viewer.rank, board.viewer));
  if (board.ranked > board.leaderboard.length)
    tail.push(t('study.group.topOf', { n: board.leaderboard.length, total: board.ranked }));
  return withTail(
    board.leaderboard.map((r, i) => rankLine(t, i + 1, r)),
    tail,
  );
}

function hardest(t: Translator, board: GroupBoard): string {
  const rows = hardestChapters(board);
  if (rows.length === 0) return t('study.group.noRatings');
  return clampLines(
    rows.map((r) =>
      t('study.group.hardestLine', {
        chapter: esc(fmtChapter(t, { number: r.chapter, title: r.title })),
        avg: (r.average ?? 0).toFixed(1),
        n: r.ratings,
      }),
    ),
  );
}

function matrixText(t: Translator, board: GroupBoard): string {
  const rated = board.matrix.filter((r) => r.ratings > 0);
  if (rated.length === 0) return t('study.group.noRatings');
  const tail =
    board.memberCount > board.members.length
      ? [t('study.group.topOf', { n: board.members.length, total: board.memberCount })]
      : [];
  return withTail(
    rated.map((r) => {
      const who = board.members
        .map((m, i) => (r.stars[i] == null ? null : `${esc(m.name)} ${r.stars[i]}★`))
        .filter((x) => x !== null)
        .join(', ');
      const avg = `**${r.chapter}** · ${t('study.group.avg', { avg: (r.average ?? 0).toFixed(1) })}`;
      return who ? `${avg} — ${who}` : avg; // rated only by members beyond the shown columns
    }),
    tail,
  );
}
