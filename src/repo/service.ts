/**
 * The notes repository while the bot runs: the clone is synced at start (bounded by NOTES_GIT_TIMEOUT, so an
 * unreachable remote never holds the start up: the bot starts on the clone it has, or on no notes, and says why in
 * `/notes status`), on the poll interval and on `/notes sync`. After each sync the notes store reloads; the loader's
 * parse cache re-parses only the files whose bytes changed. A failed sync keeps the notes in use.
 */
import path from 'node:path';
import type { Clock, Logger } from '../core/context.js';
import { checkInside } from '../core/paths.js';
import { createNotesIndex } from '../notes/notes-index.js';
import { authorOf } from '../notes/authors.js';
import { liveNotesStore, type LiveNotesStore } from '../notes/store.js';
import type { NotesIndex, Section } from '../notes/types.js';
import { realTimers, type TimerHandle, type Timers } from '../quiz/timers.js';
import { gitEnvironment } from './git.js';
import { fromRoot, type Config } from '../config.js';
import { maskUrl, parseGitSource, scrubSecrets, type GitSource } from './source.js';
import {
  changedFiles,
  cloneExists,
  clonePaths,
  fetchAndReset,
  fileHistory,
  headCommit,
  type CommitInfo,
  type FileChanges,
  type FileHistory,
  type GitContext,
} from './sync.js';
import { readSyncState, writeSyncState, type SyncState } from './state.js';
import { messageOf } from '../core/errors.js';

export interface RepoSettings {
  source: GitSource;
  /** NOTES_GIT_URL with any credentials masked: what status and logs show. */
  shown: string;
  branch: string | null;
  /** The book's folder inside the repository, `/`-separated, '' for the whole repository. */
  subdir: string;
  /** NOTES_GIT_DIR. */
  dir: string;
  /** Poll interval in ms; null for none. */
  pollMs: number | null;
  timeoutMs: number;
  token?: string | undefined;
  user?: string | undefined;
  sshKey?: string | undefined;
}

export interface RepoSyncReport {
  ok: boolean;
  /** Why the sync failed (credentials scrubbed); null when it worked. */
  error: string | null;
  branch: string | null;
  /** The commit the clone is at after this sync. */
  commit: CommitInfo | null;
  /** The commit the notes were indexed from before this sync (null for a first clone). */
  previous: string | null;
  changes: FileChanges;
  /** The index in use after this sync. */
  files: number;
  sections: number;
  sectionsAdded: number;
  sectionsRemoved: number;
  sectionsChanged: number;
  /** Files the loader skipped (each names the file and why). */
  warnings: string[];
  at: number;
}

export interface AuthorCount {
  /** Null for notes whose author nothing tells. */
  name: string | null;
  files: number;
  sections: number;
}

export interface RepoStatus {
  source: string;
  branch: string | null;
  commit: CommitInfo | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  error: string | null;
  warnings: readonly string[];
  files: number;
  sections: number;
  authors: AuthorCount[];
  pollMs: number | null;
}

/** One notes file of the repository, for `/notes status` and the week board. */
export interface RepoFile {
  /** Relative to the notes folder. */
  path: string;
  /** Who the notes say wrote it: front matter, member folder, else the commit author; null when unknown. */
  author: string | null;
  /** Author of the commit that added the file (renames followed); null beyond the history read. */
  commitAuthor: string | null;
  lastCommitAuthor: string | null;
  /** ms since the epoch; null beyond the history read. */
  lastCommitAt: number | null;
  /** When the commit that added the file was made (ms since the epoch); null beyond the history read. */
  addedAt: number | null;
}

export interface NotesRepo {
  readonly settings: RepoSettings;
  /** `<clone>/<NOTES_GIT_SUBDIR>`: the folder the notes store reads. */
  readonly notesDir: string;
  readonly store: LiveNotesStore;
  /** The sync made at start. */
  readonly startReport: RepoSyncReport;
  /** Fetch, reset, reload. One at a time: a sync asked for while one runs gets that one's report. */
  sync(): Promise<RepoSyncReport>;
  status(): RepoStatus;
  files(): RepoFile[];
  /** Called after every sync (from the poll, a command or the start); returns the unsubscribe function. */
  onSync(listener: (report: RepoSyncReport) => void): () => void;
  /** Stops the poll and any git still running. */
  close(): void;
}

export interface OpenRepoOptions {
  settings: RepoSettings;
  /** The process environment git's own is picked from (PATH, HOME, proxies, the ssh agent). */
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** Builds an index of `dir`; `authorFallback` gives the commit author of a file (see LoadOptions). */
  load: (dir: string, authorFallback: (file: string) => string | null) => Promise<NotesIndex>;
  logger: Logger;
  clock: Clock;
  /** The poll's timer (tests pass manual ones); default real timers. */
  timers?: Timers;
  /** Poll on the settings' interval (default true; the CLI turns it off). */
  poll?: boolean;
  /** Sync at start (default true); false opens the clone as it is, with no network (`cli notes status`). */
  syncAtStart?: boolean;
}

const noChanges = (): FileChanges => ({ added: [], modified: [], deleted: [], renamed: [] });

/** How many sections and notes files there are. */
export function noteCounts(sections: readonly Section[]): { sections: number; files: number } {
  return { sections: sections.length, files: new Set(sections.map((s) => s.file)).size };
}

/** Files and sections per author, most sections first. */
export function authorCounts(sections: readonly Section[]): AuthorCount[] {
  const byAuthor = new Map<string | null, { files: Set<string>; sections: number }>();
  for (const s of sections) {
    let entry = byAuthor.get(s.author);
    if (!entry) byAuthor.set(s.author, (entry = { files: new Set(), sections: 0 }));
    entry.files.add(s.file);
    entry.sections++;
  }
  return [...byAuthor.entries()]
    .map(([name, e]) => ({ name, files: e.files.size, sections: e.sections }))
    .sort(
      (a, b) =>
        Number(a.name === null) - Number(b.name === null) ||
        b.sections - a.sections ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    );
}

/** Every notes file of the repository or the index, with who wrote it and its last commit. */
export function repoFiles(history: ReadonlyMap<string, FileHistory>, sections: readonly Section[]): RepoFile[] {
  const authorOfFile = new Map<string, string | null>();
  for (const s of sections) if (!authorOfFile.has(s.file)) authorOfFile.set(s.file, s.author);
  const paths = new Set([...history.keys(), ...authorOfFile.keys()]);
  return [...paths]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((file) => {
      const h = history.get(file);
      return {
        path: file,
        author: authorOfFile.get(file) ?? h?.author ?? null,
        commitAuthor: h?.author ?? null,
        lastCommitAuthor: h?.lastAuthor ?? null,
        lastCommitAt: h?.lastCommitAt ?? null,
        addedAt: h?.addedAt ?? null,
      };
    });
}

/** `<clone>/<NOTES_GIT_SUBDIR>`: the folder the notes are read from. */
export function repoNotesDir(settings: Pick<RepoSettings, 'dir' | 'subdir'>): string {
  const { workTree } = clonePaths(settings.dir);
  return settings.subdir === '' ? workTree : path.join(workTree, ...settings.subdir.split('/'));
}

/** The folder the notes are read from: the clone's book folder with NOTES_GIT_URL, else NOTES_DIR. */
export function configuredNotesDir(config: Config): string {
  const settings = repoSettingsFrom(config);
  return settings ? repoNotesDir(settings) : config.NOTES_DIR;
}

export async function openNotesRepo(options: OpenRepoOptions): Promise<NotesRepo> {
  const { settings, logger, clock } = options;
  const timers = options.timers ?? realTimers();
  const paths = clonePaths(settings.dir);
  const notesDir = repoNotesDir(settings);
  const { env, secrets } = gitEnvironment(options.baseEnv, {
    source: settings.source,
    token: settings.token,
    user: settings.user,
    sshKey: settings.sshKey,
    knownHosts: path.join(settings.dir, 'known_hosts'),
  });
  const running = new Set<() => void>();
  const ctx: GitContext = {
    paths,
    run: {
      env,
      secrets,
      timeoutMs: settings.timeoutMs,
      track: (kill) => {
        running.add(kill);
        return () => running.delete(kill);
      },
    },
  };
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const log = logger.child({ source: settings.shown });

  let state: SyncState = readSyncState(settings.dir);
  let history: ReadonlyMap<string, FileHistory> = new Map();
  let head = null as CommitInfo | null;
  /** The commit the index in use was built from. */
  let indexed: string | null = null;
  const persist = () => {
    try {
      writeSyncState(settings.dir, state);
    } catch (error) {
      log.warn({ err: error }, 'notes repo: cannot write the sync state');
    }
  };

  /**
   * Who wrote a file whose front matter does not say: its member folder as the repository has it (the notes folder
   * is the book's, so `김규민/…` here is `docker-book/김규민/…` there, and a single folder alone names no one to the
   * parser), else the file's first commit author (a GitHub name, often not the one the group uses).
   */
  const authorFallback = (file: string) =>
    (settings.subdir === '' ? null : authorOf(`${settings.subdir}/${file}`, null)) ?? history.get(file)?.author ?? null;
  /** The notes folder, if it is a folder inside the clone (NOTES_GIT_SUBDIR may be a symlink out of it). */
  const load = async (): Promise<NotesIndex> => {
    const inside = checkInside(paths.workTree, notesDir);
    if (!inside.ok) {
      throw new Error(
        inside.reason === 'outside'
          ? `NOTES_GIT_SUBDIR ${settings.subdir} leads out of the clone (a symlink): not read`
          : `NOTES_GIT_SUBDIR ${settings.subdir || '.'} is not in the repository`,
      );
    }
    return options.load(notesDir, authorFallback);
  };

  /** The commit `history` was read at: the log pass runs again only when HEAD moved. */
  let historyAt: string | null = null;
  const readHistory = async () => {
    if (head === null || head.hash === historyAt) return;
    try {
      history = await fileHistory(ctx, settings.subdir);
      historyAt = head.hash;
    } catch (error) {
      log.warn({ error: scrub(messageOf(error)) }, 'notes repo: cannot read the history; commit authors unknown');
    }
  };

  /** Fetch + reset. Returns the failure reason, or null. */
  const gitSync = async (): Promise<{ error: string } | { branch: string; previous: string | null }> => {
    try {
      const outcome = await fetchAndReset(ctx, settings.source.url, settings.branch);
      head = outcome.commit;
      return { branch: outcome.branch, previous: outcome.previous };
    } catch (error) {
      head = await headCommit(ctx);
      return { error: scrub(messageOf(error)) };
    }
  };

  // --- the start: sync (bounded), then the first index from whatever clone there is ---
  const startedAt = clock.now();
  const hadClone = await cloneExists(ctx);
  const first = options.syncAtStart === false ? null : await gitSync();
  if (first === null) head = await headCommit(ctx);
  await readHistory();
  let initial: NotesIndex;
  let loadError: string | null = null;
  try {
    initial = await load();
  } catch (error) {
    // No notes yet (no clone, no book folder): the reason is the sync's error, shown by status.
    loadError = scrub(messageOf(error));
    initial = createNotesIndex(notesDir, [], []);
  }
  /** Why the index in use is empty, until a sync loads the notes. */
  let indexError = loadError;
  indexed = loadError === null ? (head?.hash ?? null) : null;
  const store = liveNotesStore(initial, { load, logger });
  const startError = first && 'error' in first ? first.error : loadError;
  if (first !== null) {
    state = {
      lastAttemptAt: startedAt,
      lastSuccessAt: startError === null ? startedAt : state.lastSuccessAt,
      error: startError,
      branch: 'branch' in first ? first.branch : state.branch,
    };
    persist();
  }
  let startChanges = noChanges();
  if (head && first && 'branch' in first) {
    try {
      startChanges = await changedFiles(ctx, settings.subdir, first.previous, head.hash);
    } catch {
      // only the report's file list; the notes are loaded either way
    }
  }
  const startReport: RepoSyncReport = {
    ok: startError === null,
    error: startError,
    branch: state.branch,
    commit: head,
    previous: first && 'branch' in first ? first.previous : null,
    changes: startChanges,
    ...noteCounts(initial.sections),
    sectionsAdded: initial.sections.length,
    sectionsRemoved: 0,
    sectionsChanged: 0,
    warnings: [...initial.warnings],
    at: startedAt,
  };
  if (first === null) log.debug({ commit: head?.hash ?? null }, 'notes repo: opened without syncing');
  else if (startError === null)
    log.info({ commit: head?.hash, clone: hadClone ? 'updated' : 'made' }, 'notes repo: synced');
  else
    log.warn(
      { error: startError, commit: head?.hash ?? null },
      head ? 'notes repo: sync failed at start; using the clone as it was' : 'notes repo: no clone yet; no notes',
    );

  // --- syncs after the start ---
  const listeners = new Set<(report: RepoSyncReport) => void>();
  let current: Promise<RepoSyncReport> | null = null;
  let closed = false;
  let poll: TimerHandle | null = null;

  const emit = (report: RepoSyncReport) => {
    for (const listener of listeners) {
      try {
        listener(report);
      } catch (error) {
        log.error({ err: error }, 'notes repo: sync listener failed');
      }
    }
  };

  const doSync = async (): Promise<RepoSyncReport> => {
    const at = clock.now();
    const before = indexed;
    const result = await gitSync();
    /** A sync that left the index in use as it was: failed (with the reason) or with nothing new. */
    const unchanged = (error: string | null, branch = state.branch): RepoSyncReport => ({
      ok: error === null,
      error,
      branch,
      commit: head,
      previous: before,
      changes: noChanges(),
      ...noteCounts(store.index.sections),
      sectionsAdded: 0,
      sectionsRemoved: 0,
      sectionsChanged: 0,
      warnings: [...store.index.warnings],
      at,
    });
    if ('error' in result) {
      state = { ...state, lastAttemptAt: at, error: result.error };
      persist();
      log.warn({ error: result.error }, 'notes repo: sync failed; still answering from the notes in use');
      return unchanged(result.error);
    }
    await readHistory();
    if (head !== null && head.hash === before && indexError === null) {
      // No new commit: the reset put back exactly the files the index was built from, so no rebuild (a poll of an
      // idle repository costs a fetch, not a re-read of every file).
      state = { lastAttemptAt: at, lastSuccessAt: at, error: null, branch: result.branch };
      persist();
      return unchanged(null, result.branch);
    }
    let changes = noChanges();
    if (head) {
      try {
        changes = await changedFiles(ctx, settings.subdir, before, head.hash);
      } catch {
        // The previous commit is gone (pruned): list every file as added.
        changes = await changedFiles(ctx, settings.subdir, null, head.hash).catch(noChanges);
      }
    }
    const reload = await store.reload();
    if (!reload.ok) {
      const error = scrub(reload.error ?? 'the notes could not be read');
      state = { ...state, lastAttemptAt: at, error, branch: result.branch };
      persist();
      return unchanged(error, result.branch);
    }
    indexed = head?.hash ?? null;
    indexError = null;
    state = { lastAttemptAt: at, lastSuccessAt: at, error: null, branch: result.branch };
    persist();
    const report: RepoSyncReport = {
      ok: true,
      error: null,
      branch: result.branch,
      commit: head,
      previous: before,
      changes,
      files: reload.files,
      sections: reload.sections,
      sectionsAdded: reload.added.length,
      sectionsRemoved: reload.removed.length,
      sectionsChanged: reload.changed.length,
      warnings: reload.warnings,
      at,
    };
    log.info(
      {
        commit: head?.hash,
        added: changes.added.length,
        modified: changes.modified.length,
        deleted: changes.deleted.length,
        renamed: changes.renamed.length,
      },
      'notes repo: synced',
    );
    return report;
  };

  const sync = (): Promise<RepoSyncReport> => {
    current ??= doSync()
      .then((report) => {
        emit(report);
        return report;
      })
      .finally(() => (current = null));
    return current;
  };

  const schedule = () => {
    if (closed || options.poll === false || settings.pollMs === null) return;
    poll = timers.set(() => {
      poll = null;
      void sync()
        .catch((error: unknown) => log.error({ err: error }, 'notes repo: sync failed unexpectedly'))
        .finally(schedule);
    }, settings.pollMs);
  };
  schedule();

  return {
    settings,
    notesDir,
    store,
    startReport,
    sync,
    status: () => ({
      source: settings.shown,
      branch: state.branch ?? settings.branch,
      commit: head,
      lastSuccessAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      error: state.error ?? indexError,
      warnings: store.index.warnings,
      ...noteCounts(store.index.sections),
      authors: authorCounts(store.index.sections),
      pollMs: settings.pollMs,
    }),
    files: () => repoFiles(history, store.index.sections),
    onSync(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (poll) timers.clear(poll);
      poll = null;
      for (const kill of running) kill();
    },
  };
}

/** The repository settings of this configuration, or null when NOTES_GIT_URL is not set. */
export function repoSettingsFrom(config: Config): RepoSettings | null {
  const url = config.NOTES_GIT_URL;
  if (url === undefined) return null;
  const source = parseGitSource(url, fromRoot);
  if ('error' in source) throw new Error(`NOTES_GIT_URL: ${source.error}`);
  return {
    source,
    shown: maskUrl(url),
    branch: config.NOTES_GIT_BRANCH ?? null,
    subdir: config.NOTES_GIT_SUBDIR,
    dir: config.NOTES_GIT_DIR,
    pollMs: config.NOTES_GIT_POLL,
    timeoutMs: config.NOTES_GIT_TIMEOUT ?? 120_000,
    token: config.NOTES_GIT_TOKEN,
    user: config.NOTES_GIT_USER,
    sshKey: config.NOTES_GIT_SSH_KEY,
  };
}
