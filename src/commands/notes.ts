/**
 * /notes reload (admins only): re-reads the notes folder now instead of waiting for the watcher, and reports
 * which sections were added, removed or edited and which files were skipped.
 */
import { UserError } from '../core/errors.js';
import type { Embed, EmbedField, Reply } from '../core/reply.js';
import { LIMITS } from '../core/reply.js';
import { truncate } from '../core/text.js';
import type { ReloadReport, SectionRef } from '../notes/store.js';
import { defineCommand, describe, koName, OptionType, type InteractionContext } from './types.js';

/** How many headings each list shows before "… and N more". */
export const SHOWN_PER_LIST = 5;
const COLOR_OK = 0x2496ed;
const COLOR_FAILED = 0xd9534f;

export const notesData = {
  name: 'notes',
  ...koName('노트'),
  ...describe('cmd.notes.description'),
  contexts: [0],
  // Manage Guild, as the dispatcher's isAdmin; the handler checks again (permissions can be overridden per server).
  default_member_permissions: '32',
  options: [{ type: OptionType.Subcommand, name: 'reload', ...koName('새로고침'), ...describe('cmd.notes.reload') }],
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
  async run(ctx) {
    if (!ctx.isAdmin) throw new UserError('error.adminOnly');
    const store = ctx.services.notes;
    if (!store.reload) throw new UserError('notes.reload.unavailable');
    return reloadReply(ctx, await store.reload());
  },
});
