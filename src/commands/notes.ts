/**
 * /notes gaps (everyone): this week's questions the notes did not answer, most asked first, and the headings with
 * nothing under them — the group's list of what to write next — each with a button that puts it on the meeting's
 * question list (what `/question add` does).
 * /notes reload (admins only): re-reads the notes folder now instead of waiting for the watcher, and reports
 * which sections were added, removed or edited and which files were skipped.
 */
import { UserError } from '../core/errors.js';
import type { Button, Embed, EmbedField, Reply } from '../core/reply.js';
import { LIMITS } from '../core/reply.js';
import { truncate } from '../core/text.js';
import { emptyHeadings, gapsBetween, getQuestion, type WeekGap } from '../notes/learning.js';
import type { ReloadReport, SectionRef } from '../notes/store.js';
import type { Section } from '../notes/types.js';
import { askQuestion, openQuestions } from '../study/questions.js';
import { dayOf, weekStart } from '../study/time.js';
import { encodeCustomId } from './customId.js';
import { findByKey, sectionKey } from './explain.js';
import { questionArg } from './explainLearning.js';
import { runSync, statusReply } from './notesRepo.js';
import { COLOR as STUDY_COLOR, esc, remember, studyDeps } from './study/common.js';
import {
  defineCommand,
  describe,
  koName,
  OptionType,
  type ComponentHandler,
  type InteractionContext,
} from './types.js';
import { stamp } from '../core/timestamp.js';

/** How many headings each list shows before "… and N more". */
export const SHOWN_PER_LIST = 5;
/** How many questions and how many empty headings /notes gaps lists, each with its button (2 rows of 5 each). */
export const GAPS_SHOWN = 10;
const COLOR_OK = 0x2496ed;
const COLOR_FAILED = 0xd9534f;
const COLOR_GAPS = 0xf0ad4e;

export const notesData = {
  name: 'notes',
  ...koName('노트'),
  ...describe('cmd.notes.description'),
  contexts: [0],
  // No default_member_permissions: `gaps` is for everyone (Discord sets permissions per command, not per
  // subcommand); `reload` checks Manage Guild in its handler.
  options: [
    { type: OptionType.Subcommand, name: 'gaps', ...koName('빈곳'), ...describe('cmd.notes.gaps') },
    { type: OptionType.Subcommand, name: 'reload', ...koName('새로고침'), ...describe('cmd.notes.reload') },
    { type: OptionType.Subcommand, name: 'sync', ...koName('동기화'), ...describe('cmd.notes.sync') },
    { type: OptionType.Subcommand, name: 'status', ...koName('상태'), ...describe('cmd.notes.status') },
  ],
} as const;

function listField(ctx: InteractionContext, name: string, refs: readonly SectionRef[]): EmbedField[] {
  if (refs.length === 0) return [];
  const lines = refs.slice(0, SHOWN_PER_LIST).map((r) => `• ${r.file} › ${r.path.join(' › ')}`);
  if (refs.length > SHOWN_PER_LIST) lines.push(ctx.t('notes.reload.more', { n: refs.length - SHOWN_PER_LIST }));
  return [{ name, value: truncate(lines.join('\n'), LIMITS.fieldValue) }];
}

export function reloadReply(ctx: InteractionContext, report: ReloadReport): Reply {
  if (!report.ok) {
    const embed: Embed = {
      title: ctx.t('notes.reload.failedTitle'),
      description: ctx.t('notes.reload.failed', {
        sections: report.sections,
        reason: truncate((report.error ?? '').replace(/`/g, "'"), 500),
      }),
      color: COLOR_FAILED,
    };
    return { embeds: [embed], ephemeral: true };
  }
  const summary = ctx.t('notes.reload.summary', {
    sections: report.sections,
    files: report.files,
    ms: report.durationMs,
    added: report.added.length,
    removed: report.removed.length,
    changed: report.changed.length,
  });
  const unchanged = report.added.length + report.removed.length + report.changed.length === 0;
  const fields = [
    ...listField(ctx, ctx.t('notes.reload.added'), report.added),
    ...listField(ctx, ctx.t('notes.reload.removed'), report.removed),
    ...listField(ctx, ctx.t('notes.reload.changed'), report.changed),
  ];
  if (report.warnings.length > 0) {
    const lines = report.warnings.slice(0, SHOWN_PER_LIST).map((w) => `• ${w}`);
    if (report.warnings.length > SHOWN_PER_LIST)
      lines.push(ctx.t('notes.reload.more', { n: report.warnings.length - SHOWN_PER_LIST }));
    fields.push({ name: ctx.t('notes.reload.warnings'), value: truncate(lines.join('\n'), LIMITS.fieldValue) });
  }
  const embed: Embed = {
    title: ctx.t('notes.reload.title'),
    description: unchanged ? `${summary}\n${ctx.t('notes.reload.noChanges')}` : summary,
    color: COLOR_OK,
    fields,
  };
  return { embeds: [embed], ephemeral: true };
}

export const notesCommand = defineCommand({
  data: notesData,
  // A 1 MB folder takes a couple of seconds to rebuild: answer Discord first.
  defer: true,
  ephemeral: () => true,
  async run(ctx, args) {
    if (args.subcommand === 'gaps') return gapsReply(ctx);
    if (args.subcommand === 'status') return statusReply(ctx);
    if (!ctx.isAdmin) throw new UserError('error.adminOnly');
    if (args.subcommand === 'sync') return runSync(ctx);
    const store = ctx.services.notes;
    if (!store.reload) throw new UserError('notes.reload.unavailable');
    return reloadReply(ctx, await store.reload());
  },
});

/** Lines that fit one field value, then "… and N more" for the rest. */
function fittedLines(ctx: InteractionContext, lines: readonly string[], total: number): string {
  const out: string[] = [];
  let used = 0;
  const room = LIMITS.fieldValue - 40; // the "… and N more" line
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    out.push(line);
    used += line.length + 1;
  }
  if (total > out.length) out.push(ctx.t('notes.gaps.more', { n: total - out.length }));
  return out.join('\n');
}

function questionLine(ctx: InteractionContext, gap: WeekGap): string {
  const at = stamp(gap.lastAt, 'R');
  return `• **${esc(truncate(gap.question, 80))}** — ${ctx.t('notes.gaps.questionLine', { n: gap.count, at })}`;
}

function questionLines(ctx: InteractionContext, gaps: readonly WeekGap[]): string[] {
  return gaps.map((g) => questionLine(ctx, g));
}

function headingLine(section: Section): string {
  return `• ${truncate(`${section.file} › ${section.path.join(' › ')}`, 150)}`;
}

function gapButtons(questions: readonly WeekGap[], headings: readonly Section[]): Button[][] {
  const rows: Button[][] = [];
  const add = (buttons: Button[]) => {
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
      rows.push(buttons.slice(i, i + LIMITS.buttonsPerRow));
  };
  add(
    questions.map((q) => ({
      customId: encodeCustomId('notes.gap', 'q', q.id),
      label: truncate(q.question, LIMITS.buttonLabel),
      emoji: '➕',
      style: 'secondary' as const,
    })),
  );
  add(
    headings.map((s) => ({
      customId: encodeCustomId('notes.gap', 'h', sectionKey(s)),
      label: truncate(s.heading, LIMITS.buttonLabel),
      emoji: '📝',
      style: 'secondary' as const,
    })),
  );
  return rows.slice(0, LIMITS.rows);
}

/** The week (group timezone, Monday to today) of not-found questions, and the empty headings of the notes. */
export function gapsReply(ctx: InteractionContext): Reply {
  const { db, clock, config, notes } = ctx.services;
  const today = dayOf(clock.now(), config.STUDY_TIMEZONE);
  const from = weekStart(today);
  const { gaps, total } = gapsBetween(db, ctx.guildId, from, today, GAPS_SHOWN);
  const empty = emptyHeadings(notes.index.sections);
  const shownEmpty = empty.slice(0, GAPS_SHOWN);
  const fields: EmbedField[] = [];
  if (total > 0) {
    fields.push({
      name: ctx.t('notes.gaps.questions', { total }),
      value: fittedLines(ctx, questionLines(ctx, gaps), total),
    });
  }
  if (empty.length > 0) {
    fields.push({
      name: ctx.t('notes.gaps.empty', { total: empty.length }),
      value: fittedLines(ctx, shownEmpty.map(headingLine), empty.length),
    });
  }
  const week = ctx.t('notes.gaps.week', { from, to: today });
  const lines = [week];
  if (total === 0 && empty.length === 0) lines.push(ctx.t('notes.gaps.nothing'));
  else if (total === 0) lines.push(ctx.t('notes.gaps.noQuestions'));
  const embed: Embed = { title: ctx.t('notes.gaps.title'), description: lines.join('\n'), color: COLOR_GAPS, fields };
  if (fields.length > 0) embed.footer = ctx.t('notes.gaps.hint');
  return { embeds: [embed], buttons: gapButtons(gaps, shownEmpty), ephemeral: true };
}

/** The text a gap goes on the question list with: the question as asked (normalised), or the empty heading. */
function gapText(ctx: InteractionContext, kind: string | undefined, ref: string | undefined): string {
  if (kind === 'q') {
    const id = questionArg(ref);
    const question = id === undefined ? undefined : getQuestion(ctx.services.db, ctx.guildId, id);
    if (!question) throw new UserError('notes.gaps.gone');
    return question.question;
  }
  if (kind === 'h') {
    const section = ref ? findByKey(ctx.services.notes.index, ref) : undefined;
    if (!section) throw new UserError('notes.gaps.gone');
    return ctx.t('notes.gaps.headingQuestion', { path: section.path.join(' › ') });
  }
  throw new UserError('error.unknownComponent');
}

export const notesComponents: ComponentHandler[] = [
  {
    // `/question add` with the gap's text, in one click; answered ephemerally.
    route: 'notes.gap',
    run(ctx, [kind, ref]) {
      const text = gapText(ctx, kind, ref);
      const deps = studyDeps(ctx);
      const open = openQuestions(deps, ctx.guildId).questions.find((q) => q.text === text);
      if (open) return { content: ctx.t('notes.gaps.already', { id: open.id }), ephemeral: true };
      const q = askQuestion(deps, { guildId: ctx.guildId, userId: ctx.user.id, text });
      remember(ctx);
      return {
        embeds: [
          {
            color: STUDY_COLOR,
            title: ctx.t('study.question.added', { id: q.id }),
            description: `**#${q.id}** ${esc(truncate(q.text, 300))}`,
            footer: ctx.t('study.question.addedHint'),
          },
        ],
        ephemeral: true,
      };
    },
  },
];
