/**
 * /notes sync (admins) and /notes status (everyone), both ephemeral: the group's notes repository (src/repo).
 * Everything shown from the repository (commit subjects, author names, file names) is the repository's text:
 * escaped and bounded here. URLs and git's errors come already scrubbed of credentials (src/repo/source.ts).
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { UserError } from '../core/errors.js';
import type { Embed, EmbedField, Reply } from '../core/reply.js';
import { LIMITS } from '../core/reply.js';
import { truncate } from '../core/text.js';
import type { MessageKey } from '../i18n/index.js';
import { authorCounts, noteCounts, type NotesRepo, type RepoStatus, type RepoSyncReport } from '../repo/service.js';
import { esc } from './study/common.js';
import type { InteractionContext } from './types.js';
import { stamp } from '../core/timestamp.js';

/** How many files, authors or warnings a list shows before "… and N more". */
export const SHOWN_IN_LIST = 8;
const COLOR_OK = 0x2496ed;
const COLOR_FAILED = 0xd9534f;

/** Relative (`3일 전`); Discord shows the full date on hover. */
const when = (ms: number) => stamp(ms, 'R');
/** Text from git in inline code: no backticks to break out of it, one line, bounded. */
const code = (text: string, max = 300) => truncate(text.replace(/`/g, "'").replace(/\s+/g, ' '), max);

function requireRepo(ctx: InteractionContext): NotesRepo {
  const repo = ctx.services.repo;
  if (!repo) throw new UserError('notes.sync.unavailable');
  return repo;
}

function listField(
  ctx: InteractionContext,
  name: string,
  lines: readonly string[],
  more: MessageKey = 'notes.sync.more',
): EmbedField[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, SHOWN_IN_LIST).map((l) => `• ${truncate(l, 150)}`);
  if (lines.length > SHOWN_IN_LIST) shown.push(ctx.t(more, { n: lines.length - SHOWN_IN_LIST }));
  return [{ name, value: truncate(shown.join('\n'), LIMITS.fieldValue) }];
}

export function syncReply(ctx: InteractionContext, report: RepoSyncReport): Reply {
  if (!report.ok) {
    const embed: Embed = {
      title: ctx.t('notes.sync.failedTitle'),
      description: ctx.t('notes.sync.failed', { sections: report.sections, reason: code(report.error ?? '', 500) }),
      color: COLOR_FAILED,
    };
    return { embeds: [embed], ephemeral: true };
  }
  const { changes } = report;
  const fileChanges = changes.added.length + changes.modified.length + changes.deleted.length + changes.renamed.length;
  const lines = [
    ctx.t('notes.sync.summary', {
      commit: report.commit?.hash.slice(0, 7) ?? '—',
      files: report.files,
      sections: report.sections,
    }),
  ];
  if (report.previous === report.commit?.hash) lines.push(ctx.t('notes.sync.upToDate'));
  else {
    lines.push(
      ctx.t('notes.sync.fileCounts', {
        added: changes.added.length,
        modified: changes.modified.length,
        renamed: changes.renamed.length,
        deleted: changes.deleted.length,
      }),
      ctx.t('notes.sync.sectionCounts', {
        added: report.sectionsAdded,
        removed: report.sectionsRemoved,
        changed: report.sectionsChanged,
      }),
    );
  }
  const fields: EmbedField[] =
    fileChanges === 0
      ? []
      : [
          ...listField(ctx, ctx.t('notes.sync.added'), changes.added.map(esc)),
          ...listField(ctx, ctx.t('notes.sync.modified'), changes.modified.map(esc)),
          ...listField(
            ctx,
            ctx.t('notes.sync.renamed'),
            changes.renamed.map((r) => `${esc(r.from)} → ${esc(r.to)}`),
          ),
          ...listField(ctx, ctx.t('notes.sync.deleted'), changes.deleted.map(esc)),
        ];
  fields.push(...listField(ctx, ctx.t('notes.sync.warnings'), report.warnings.map(esc)));
  const embed: Embed = {
    title: ctx.t('notes.sync.title'),
    description: lines.join('\n'),
    color: COLOR_OK,
    fields: fields.slice(0, LIMITS.embedFields),
  };
  return { embeds: [embed], ephemeral: true };
}

function every(ctx: InteractionContext, ms: number): string {
  return ms % 60_000 === 0
    ? ctx.t('notes.status.minutes', { n: ms / 60_000 })
    : ctx.t('notes.status.seconds', { n: Math.round(ms / 1000) });
}

/** A folder as the operator would type it: relative to the project when inside it. */
function shownDir(dir: string): string {
  const rel = path.relative(PROJECT_ROOT, dir);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

function authorsField(ctx: InteractionContext, status: Pick<RepoStatus, 'authors'>): EmbedField[] {
  const lines = status.authors.map((a) =>
    ctx.t('notes.status.authorLine', {
      name: a.name === null ? ctx.t('notes.status.unknownAuthor') : `**${esc(truncate(a.name, 60))}**`,
      files: a.files,
      sections: a.sections,
    }),
  );
  return listField(ctx, ctx.t('notes.status.authors'), lines, 'notes.status.more');
}

/** /notes status: the repository when there is one, else the notes folder (files, sections, authors). */
export function statusReply(ctx: InteractionContext): Reply {
  const repo = ctx.services.repo;
  const index = ctx.services.notes.index;
  const fields: EmbedField[] = [];
  if (!repo) {
    const sections = index.sections;
    fields.push(
      {
        name: ctx.t('notes.status.source'),
        value: ctx.t('notes.status.sourceFolder', { dir: code(shownDir(index.dir)) }),
      },
      {
        name: ctx.t('notes.status.notes'),
        value: ctx.t('notes.status.counts', noteCounts(sections)),
      },
      ...authorsField(ctx, { authors: authorCounts(sections) }),
      ...listField(ctx, ctx.t('notes.status.warnings'), index.warnings.map(esc), 'notes.status.more'),
    );
    return { embeds: [{ title: ctx.t('notes.status.title'), color: COLOR_OK, fields }], ephemeral: true };
  }
  const status = repo.status();
  const branch = status.branch ? code(status.branch, 100) : ctx.t('notes.status.defaultBranch');
  fields.push({
    name: ctx.t('notes.status.source'),
    value: ctx.t('notes.status.sourceRepo', { url: `\`${code(status.source, 200)}\``, branch }),
  });
  const { commit } = status;
  fields.push({
    name: ctx.t('notes.status.commit'),
    value: commit
      ? ctx.t('notes.status.commitLine', {
          hash: commit.hash.slice(0, 7),
          subject: esc(truncate(commit.subject.replace(/\s+/g, ' '), 200)),
          author: `**${esc(truncate(commit.author, 60))}**`,
          at: when(commit.at),
        })
      : ctx.t('notes.status.noCommit'),
  });
  fields.push({
    name: ctx.t('notes.status.lastSync'),
    value: [
      status.lastSuccessAt === null ? ctx.t('notes.status.never') : when(status.lastSuccessAt),
      status.pollMs === null
        ? ctx.t('notes.status.pollOff')
        : ctx.t('notes.status.pollEvery', { every: every(ctx, status.pollMs) }),
    ].join('\n'),
  });
  fields.push({
    name: ctx.t('notes.status.notes'),
    value: ctx.t('notes.status.counts', { files: status.files, sections: status.sections }),
  });
  fields.push(...authorsField(ctx, status));
  if (status.error !== null) {
    fields.push({
      name: ctx.t('notes.status.error'),
      value: ctx.t('notes.status.errorLine', { reason: code(status.error, 600) }),
    });
  }
  fields.push(...listField(ctx, ctx.t('notes.status.warnings'), status.warnings.map(esc), 'notes.status.more'));
  const embed: Embed = {
    title: ctx.t('notes.status.title'),
    color: status.error === null ? COLOR_OK : COLOR_FAILED,
    fields: fields.slice(0, LIMITS.embedFields),
  };
  return { embeds: [embed], ephemeral: true };
}

/** /notes sync: fetch, reset and reload now (the caller has checked the member is an admin). */
export async function runSync(ctx: InteractionContext): Promise<Reply> {
  return syncReply(ctx, await requireRepo(ctx).sync());
}
