/**
 * /log add|undo|list. Discord cannot mix subcommands with top-level options, so `/log minutes chapter` from the
 * issue is `/log add minutes chapter [date] [memo]`; `undo` removes the last entry (24 h), and `list` pages through
 * older entries with a delete button per entry (instead of an edit form: delete and log again).
 */
import type { Button, Reply } from '../../core/reply.js';
import type { Translator } from '../../i18n/index.js';
import { findChapter } from '../../study/book.js';
import { deleteEntry, listEntries, logReading, undoLast } from '../../study/logs.js';
import type { LogEntry } from '../../study/store.js';
import { encodeCustomId } from '../customId.js';
import { defineCommand, describe, OptionType, type ComponentHandler, type InteractionContext } from '../types.js';
import { chapterChoices, chapterRequired, COLOR, esc, fmtChapter, fmtMinutes, remember, studyDeps } from './common.js';

export const ROUTE_LOG_DELETE = 'study.logdel';
export const ROUTE_LOG_PAGE = 'study.logpage';

export const logCommand = defineCommand({
  data: {
    name: 'log',
    ...describe('study.cmd.log'),
    contexts: [0],
    options: [
      {
        type: OptionType.Subcommand,
        name: 'add',
        ...describe('study.cmd.log.add'),
        options: [
          {
            type: OptionType.String,
            name: 'minutes',
            ...describe('study.opt.minutes'),
            required: true,
            max_length: 30,
          },
          chapterRequired,
          { type: OptionType.String, name: 'date', ...describe('study.opt.date'), max_length: 20 },
          { type: OptionType.String, name: 'memo', ...describe('study.opt.memo'), max_length: 500 },
        ],
      },
      { type: OptionType.Subcommand, name: 'undo', ...describe('study.cmd.log.undo') },
      { type: OptionType.Subcommand, name: 'list', ...describe('study.cmd.log.list') },
    ],
  },
  ephemeral: (args) => args.subcommand !== 'add',
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const { t } = ctx;
    switch (args.subcommand) {
      case 'add': {
        const r = logReading(deps, {
          guildId: ctx.guildId,
          userId: ctx.user.id,
          duration: args.minutes,
          chapter: args.chapter,
          date: args.date,
          memo: args.memo,
        });
        remember(ctx);
        return {
          embeds: [
            {
              color: COLOR,
              title: t('study.log.added.title'),
              description: t('study.log.added', {
                name: esc(ctx.user.name),
                chapter: esc(fmtChapter(t, r.chapter)),
                time: fmtMinutes(t, r.entry.minutes),
                date: r.entry.day,
              }),
              fields: [
                { name: t('study.log.chapterTotal'), value: fmtMinutes(t, r.chapterMinutes), inline: true },
                {
                  name: t('study.log.dayTotal', { date: r.entry.day }),
                  value: fmtMinutes(t, r.dayMinutes),
                  inline: true,
                },
                ...(r.entry.memo ? [{ name: t('study.log.memo'), value: esc(r.entry.memo) }] : []),
              ],
              footer: t('study.log.undoHint'),
            },
          ],
        };
      }
      case 'undo': {
        const e = undoLast(deps, ctx.guildId, ctx.user.id);
        return { content: t('study.log.undone', entryParams(ctx, e)), ephemeral: true };
      }
      case 'list':
        return listReply(ctx, 0, false);
    }
  },
  autocomplete: (ctx, focused) => chapterChoices(ctx, focused),
});

function entryParams(ctx: InteractionContext, e: LogEntry) {
  const chapter = findChapter(ctx.services.study.book, e.chapter) ?? { number: e.chapter, title: '' };
  return { chapter: fmtChapter(ctx.t, chapter), time: fmtMinutes(ctx.t, e.minutes), date: e.day };
}

function entryLine(ctx: InteractionContext, e: LogEntry, index: number): string {
  const p = entryParams(ctx, e);
  const memo = e.memo ? ` — ${esc(e.memo)}` : '';
  const imported = e.source === 'import' ? ` ${ctx.t('study.log.imported')}` : '';
  return `\`${index}\` ${p.date} · ${esc(p.chapter)} · **${p.time}**${imported}${memo}`;
}

function listReply(ctx: InteractionContext, page: number, update: boolean, notice?: string): Reply {
  const { t } = ctx;
  const list = listEntries(studyDeps(ctx), ctx.guildId, ctx.user.id, page);
  if (list.total === 0)
    return { content: notice ?? t('study.log.listEmpty'), embeds: [], buttons: [], ephemeral: true, update };
  const lines = list.entries.map((e, i) => entryLine(ctx, e, i + 1));
  const deleteButtons: Button[] = list.entries.map((e, i) => ({
    customId: encodeCustomId(ROUTE_LOG_DELETE, e.id, list.page),
    label: t('study.log.delete', { n: i + 1 }),
    style: 'danger',
  }));
  const rows: Button[][] = [deleteButtons.slice(0, 5), deleteButtons.slice(5, 10)].filter((r) => r.length > 0);
  if (list.pages > 1) rows.push(pager(t, list.page, list.pages));
  return {
    ...(notice ? { content: notice } : {}),
    embeds: [
      {
        color: COLOR,
        title: t('study.log.listTitle', { total: list.total }),
        description: lines.join('\n'),
        footer: t('common.page', { page: list.page + 1, pages: list.pages }),
      },
    ],
    buttons: rows,
    ephemeral: true,
    update,
  };
}

function pager(t: Translator, page: number, pages: number): Button[] {
  return [
    {
      customId: encodeCustomId(ROUTE_LOG_PAGE, page - 1),
      label: t('common.previous'),
      style: 'secondary',
      disabled: page === 0,
    },
    {
      customId: encodeCustomId(ROUTE_LOG_PAGE, page + 1),
      label: t('common.next'),
      style: 'secondary',
      disabled: page >= pages - 1,
    },
  ];
}

/** Deletes one of the clicking member's own entries, then shows the list again in place. */
export const logDeleteButton: ComponentHandler = {
  route: ROUTE_LOG_DELETE,
  run(ctx, [id, page]) {
    const deleted = deleteEntry(studyDeps(ctx), ctx.guildId, ctx.user.id, Number(id));
    return listReply(ctx, Number(page) || 0, true, ctx.t('study.log.deleted', entryParams(ctx, deleted)));
  },
};

export const logPageButton: ComponentHandler = {
  route: ROUTE_LOG_PAGE,
  run: (ctx, [page]) => listReply(ctx, Number(page) || 0, true),
};
