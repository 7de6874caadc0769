/**
 * /template export [member] and /template import file. Import shows what it will record and waits for the
 * member's confirm/cancel click; the plan waits in SQLite under a short id carried in the buttons' custom ids.
 */
import type { Reply } from '../../core/reply.js';
import type { Translator } from '../../i18n/index.js';
import { findChapter } from '../../study/book.js';
import { memberToday, type StudyDeps } from '../../study/deps.js';
import {
  confirmImport,
  decodeTemplate,
  exportTemplate,
  isEmptyPlan,
  planImport,
  savePending,
  takePending,
  type ImportCounts,
  type ImportPlan,
} from '../../study/importer.js';
import { encodeCustomId } from '../customId.js';
import { truncate } from '../../core/text.js';
import { defineCommand, describe, OptionType, type ComponentHandler, type InteractionContext } from '../types.js';
import { clampLines, COLOR, esc, fmtChapter, fmtMinutes, fmtStars, remember, studyDeps } from './common.js';

export const ROUTE_IMPORT = 'study.import';

export const templateCommand = defineCommand({
  data: {
    name: 'template',
    ...describe('study.cmd.template'),
    contexts: [0],
    options: [
      {
        type: OptionType.Subcommand,
        name: 'export',
        ...describe('study.cmd.template.export'),
        options: [{ type: OptionType.User, name: 'member', ...describe('study.opt.member') }],
      },
      {
        type: OptionType.Subcommand,
        name: 'import',
        ...describe('study.cmd.template.import'),
        options: [{ type: OptionType.Attachment, name: 'file', ...describe('study.opt.templateFile'), required: true }],
      },
    ],
  },
  defer: true,
  ephemeral: (args) => args.subcommand === 'import',
  async run(ctx, args) {
    const deps = studyDeps(ctx);
    const { t } = ctx;
    if (args.subcommand === 'export') {
      const member = args.member ?? ctx.user;
      remember(ctx);
      if (args.member) remember(ctx, args.member);
      const markdown = exportTemplate(deps, ctx.guildId, member.id, templateHeader(deps, ctx, member));
      return {
        content: t('study.template.exported', { name: esc(member.name) }),
        files: [{ name: `study-template-${member.id}.md`, data: Buffer.from(markdown, 'utf8') }],
      };
    }
    const markdown = decodeTemplate(await ctx.fetchAttachment(args.file));
    const plan = await planImport(deps, ctx.guildId, ctx.user.id, markdown);
    if (isEmptyPlan(plan)) return { ...previewReply(ctx, plan, t('study.template.nothing')), ephemeral: true };
    const id = savePending(deps, ctx.guildId, ctx.user.id, plan);
    return {
      ...previewReply(ctx, plan, t('study.template.confirmTitle', { file: truncate(args.file.name, 80) })),
      buttons: [
        [
          { customId: encodeCustomId(ROUTE_IMPORT, 'ok', id), label: t('common.confirm'), style: 'success' },
          { customId: encodeCustomId(ROUTE_IMPORT, 'no', id), label: t('common.cancel'), style: 'secondary' },
        ],
      ],
      ephemeral: true,
    };
  },
});

function templateHeader(deps: StudyDeps, ctx: InteractionContext, member: { id: string; name: string }): string {
  return ctx.t('study.template.header', {
    book: deps.book.title,
    name: member.name,
    date: memberToday(deps, ctx.guildId, member.id),
  });
}

function chapterName(ctx: InteractionContext, n: number): string {
  return esc(fmtChapter(ctx.t, findChapter(ctx.services.study.book, n) ?? { number: n, title: '' }));
}

export function previewReply(ctx: InteractionContext, plan: ImportPlan, title: string): Reply {
  const { t } = ctx;
  const fields = [];
  if (plan.logs.length) {
    fields.push({
      name: t('study.template.planTimes'),
      value: clampLines(plan.logs.map((l) => `${chapterName(ctx, l.chapter)}: +${fmtMinutes(t, l.minutes)}`)),
    });
  }
  if (plan.ratings.length) {
    fields.push({
      name: t('study.template.planRatings'),
      value: clampLines(
        plan.ratings.map(
          (r) =>
            `${chapterName(ctx, r.chapter)}: ${fmtStars(r.stars)}` +
            (r.previous !== null && r.previous !== r.stars ? ` (${r.previous}★ → ${r.stars}★)` : ''),
        ),
      ),
    });
  }
  if (plan.questions.length) {
    fields.push({
      name: t('study.template.planQuestions'),
      value: clampLines(plan.questions.map((q) => `${q.done ? '☑' : '☐'} ${truncate(esc(q.text), 150)}`)),
    });
  }
  if (plan.warnings.length) {
    fields.push({
      name: t('study.template.planWarnings'),
      value: clampLines(plan.warnings.map((w) => `⚠️ ${esc(t(w.key, w.params))}`)),
    });
  }
  return { embeds: [{ color: COLOR, title: title.slice(0, 256), fields, footer: t('study.template.planFooter') }] };
}

export function importedSummary(t: Translator, counts: ImportCounts): string {
  return t('study.template.imported', {
    entries: counts.entries,
    time: fmtMinutes(t, counts.minutes),
    ratings: counts.ratings,
    questions: counts.questions,
  });
}

export const importButton: ComponentHandler = {
  route: ROUTE_IMPORT,
  run(ctx, [action, id]) {
    const deps = studyDeps(ctx);
    if (action !== 'ok') {
      takePending(deps, ctx.guildId, ctx.user.id, id ?? '');
      return { content: ctx.t('study.template.cancelled'), embeds: [], buttons: [], update: true };
    }
    const counts = confirmImport(deps, ctx.guildId, ctx.user.id, id ?? '');
    remember(ctx);
    return { content: importedSummary(ctx.t, counts), embeds: [], buttons: [], update: true };
  },
};
