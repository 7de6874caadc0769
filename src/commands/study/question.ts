/**
 * /question add|list|done: the template's "특별히 궁금했던 부분" as the group's queue for the next meeting.
 */
import { UserError } from '../../core/errors.js';
import { findChapter } from '../../study/book.js';
import { askQuestion, finishQuestion, openQuestions } from '../../study/questions.js';
import { memberNames, type Question } from '../../study/store.js';
import { truncate } from '../../core/text.js';
import { defineCommand, describe, OptionType, type Choice, type InteractionContext } from '../types.js';
import { chapterChoices, chapterOptional, clampLines, COLOR, esc, fmtChapter, remember, studyDeps } from './common.js';

export const questionCommand = defineCommand({
  data: {
    name: 'question',
    ...describe('study.cmd.question'),
    contexts: [0],
    options: [
      {
        type: OptionType.Subcommand,
        name: 'add',
        ...describe('study.cmd.question.add'),
        options: [
          {
            type: OptionType.String,
            name: 'text',
            ...describe('study.opt.questionText'),
            required: true,
            max_length: 1000,
          },
          chapterOptional,
        ],
      },
      { type: OptionType.Subcommand, name: 'list', ...describe('study.cmd.question.list') },
      {
        type: OptionType.Subcommand,
        name: 'done',
        ...describe('study.cmd.question.done'),
        options: [
          // A string, not an integer: autocomplete choices are strings everywhere (`#3` or `3` both work).
          {
            type: OptionType.String,
            name: 'id',
            ...describe('study.opt.questionId'),
            required: true,
            max_length: 20,
            autocomplete: true,
          },
        ],
      },
    ],
  },
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const { t } = ctx;
    switch (args.subcommand) {
      case 'add': {
        const q = askQuestion(deps, {
          guildId: ctx.guildId,
          userId: ctx.user.id,
          text: args.text,
          chapter: args.chapter,
        });
        remember(ctx);
        return {
          embeds: [
            {
              color: COLOR,
              title: t('study.question.added', { id: q.id }),
              description: questionLine(ctx, q, new Map([[ctx.user.id, ctx.user.name]])),
              footer: t('study.question.addedHint'),
            },
          ],
        };
      }
      case 'list': {
        const { questions, total } = openQuestions(deps, ctx.guildId);
        if (total === 0) return { content: t('study.question.none') };
        const names = memberNames(deps.db, ctx.guildId);
        return {
          embeds: [
            {
              color: COLOR,
              title: t('study.question.listTitle', { total }),
              description: clampLines(
                questions.map((q) => questionLine(ctx, q, names)),
                4000,
              ),
              footer: t('study.question.listHint'),
            },
          ],
        };
      }
      case 'done': {
        const id = /^#?\s*(\d{1,15})$/.exec(args.id.trim());
        if (!id) throw new UserError('study.error.question.notFound', { id: args.id.slice(0, 20) });
        const q = finishQuestion(deps, ctx.guildId, Number(id[1]), { userId: ctx.user.id, isAdmin: ctx.isAdmin });
        return { content: t('study.question.doneOk', { id: q.id, text: truncate(esc(q.text), 200) }) };
      }
    }
  },
  autocomplete(ctx, focused): Choice[] {
    if (focused.name === 'chapter') return chapterChoices(ctx, focused);
    if (focused.name !== 'id') return [];
    const q = focused.value.trim().toLowerCase();
    return openQuestions(studyDeps(ctx), ctx.guildId)
      .questions.filter((x) => !q || String(x.id).startsWith(q) || x.text.toLowerCase().includes(q))
      .map((x) => ({ name: `#${x.id} ${x.text}`, value: String(x.id) }));
  },
});

function questionLine(ctx: InteractionContext, q: Question, names: Map<string, string>): string {
  const chapter =
    q.chapter === null ? null : (findChapter(ctx.services.study.book, q.chapter) ?? { number: q.chapter, title: '' });
  const where = chapter ? ` · ${esc(fmtChapter(ctx.t, chapter))}` : '';
  return `**#${q.id}** ${truncate(esc(q.text), 300)} — ${esc(names.get(q.userId) ?? q.userId)}${where}`;
}
