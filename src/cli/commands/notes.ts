/**
 * `cli notes sync [--json]`: fetch the group's notes repository (NOTES_GIT_URL) into NOTES_GIT_DIR, reset the clone
 * to the branch and index the book folder through the bot's parse cache; prints the commit, the counts and the
 * files added and removed. Exit 1 when the sync failed (the JSON still says why), 2 on bad usage (nothing written).
 * `cli notes status [--json]`: the clone as it is, with no network: last commit, last sync, authors, errors.
 */
import { openNotesCache, recordHeadings } from '../../app.js';
import { processEnvironment, type Config } from '../../config.js';
import { silentLogger, systemClock } from '../../core/context.js';
import { loadNotes } from '../../notes/load.js';
import {
  openNotesRepo,
  repoNotesDir,
  repoSettingsFrom,
  type NotesRepo,
  type RepoStatus,
  type RepoSyncReport,
} from '../../repo/service.js';
import { CliUsageError, parseFlags, writeLine, type CliCommand } from '../types.js';

export interface NotesSyncJson {
  commit: string | null;
  branch: string | null;
  previous: string | null;
  files: number;
  sections: number;
  /** Notes files (relative to the book folder) the sync added, removed, edited or renamed. */
  added: string[];
  removed: string[];
  modified: string[];
  renamed: { from: string; to: string }[];
  errors: string[];
}

export function syncJson(report: RepoSyncReport): NotesSyncJson {
  return {
    commit: report.commit?.hash ?? null,
    branch: report.branch,
    previous: report.previous,
    files: report.files,
    sections: report.sections,
    added: report.changes.added,
    removed: report.changes.deleted,
    modified: report.changes.modified,
    renamed: report.changes.renamed,
    errors: [...(report.error === null ? [] : [report.error]), ...report.warnings],
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function statusJson(status: RepoStatus, repo: NotesRepo) {
  return {
    source: status.source,
    branch: status.branch,
    commit: status.commit && { ...status.commit, at: iso(status.commit.at) },
    lastSuccessAt: iso(status.lastSuccessAt),
    lastAttemptAt: iso(status.lastAttemptAt),
    error: status.error,
    files: status.files,
    sections: status.sections,
    authors: status.authors,
    warnings: status.warnings,
    notes: repo.files().map((f) => ({ ...f, lastCommitAt: iso(f.lastCommitAt) })),
  };
}

async function openRepo(config: Config, syncAtStart: boolean): Promise<NotesRepo> {
  const settings = repoSettingsFrom(config);
  if (!settings) throw new CliUsageError('NOTES_GIT_URL is not set: there is no notes repository to sync');
  const headings = recordHeadings(config);
  const cache = openNotesCache(config, repoNotesDir(settings), headings);
  try {
    return await openNotesRepo({
      settings,
      baseEnv: processEnvironment(),
      load: (dir, authorFallback) =>
        loadNotes(dir, { recordHeadings: headings, authorFallback, ...(cache ? { cache } : {}) }),
      logger: silentLogger,
      clock: systemClock,
      poll: false,
      syncAtStart,
    });
  } finally {
    cache?.close();
  }
}

function forPerson(json: NotesSyncJson): string {
  const lines = [
    `commit ${json.commit?.slice(0, 7) ?? '-'}${json.branch ? ` (${json.branch})` : ''}: ${json.files} files, ${json.sections} sections`,
  ];
  for (const f of json.added) lines.push(`  + ${f}`);
  for (const f of json.modified) lines.push(`  ~ ${f}`);
  for (const r of json.renamed) lines.push(`  > ${r.from} -> ${r.to}`);
  for (const f of json.removed) lines.push(`  - ${f}`);
  for (const e of json.errors) lines.push(`error: ${e}`);
  return lines.join('\n');
}

export const notesCli: CliCommand = {
  name: 'notes',
  usage: ['notes sync [--json]', 'notes status [--json]'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } });
    const [sub, ...rest] = positionals;
    if ((sub !== 'sync' && sub !== 'status') || rest.length > 0)
      throw new CliUsageError('usage: notes sync [--json] | notes status [--json]');
    const repo = await openRepo(io.config, sub === 'sync');
    try {
      if (sub === 'sync') {
        const json = syncJson(repo.startReport);
        writeLine(io.stdout, values.json ? JSON.stringify(json) : forPerson(json));
        return repo.startReport.ok ? 0 : 1;
      }
      const json = statusJson(repo.status(), repo);
      writeLine(io.stdout, values.json ? JSON.stringify(json) : JSON.stringify(json, null, 2));
      return 0;
    } finally {
      repo.close();
    }
  },
};
