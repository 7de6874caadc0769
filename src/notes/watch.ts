/**
 * Watches the notes folder and reloads the store when anything in it changes, debounced so an editor's burst of
 * writes (temp file, rename, chmod) or a `git pull` of many files becomes one rebuild.
 *
 * Node's own `fs.watch(dir, { recursive: true })` is used rather than chokidar: on Linux (Node ≥ 20.12) it is
 * inotify-based, follows new sub-folders, and we need no per-file detail (every event just means "rebuild the
 * whole index"), so the library's extras (globs, atomic-write detection, stat polling) would buy nothing.
 * What neither handles is the folder itself being removed and created again: the watch stays on the dead inode
 * (and the new folder may even reuse its inode number, so that cannot tell them apart). So after a failed reload
 * the watcher drops its watch, looks for the folder after `retryMs` (doubling while reloads keep failing, up to a
 * minute) and re-arms and reloads once it is there.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../core/context.js';
import type { LiveNotesStore, ReloadReport } from './store.js';

export interface NotesWatcherOptions {
  dir: string;
  store: LiveNotesStore;
  logger: Logger;
  /** Quiet time after the last change before reloading. */
  debounceMs?: number;
  /** How soon to look for the folder again after a failed reload (doubles while it keeps failing). */
  retryMs?: number;
}

export interface NotesWatcher {
  /** A reload is scheduled but has not started (the debounce timer is running). */
  readonly pending: boolean;
  /** The folder is being watched (false while it is missing). */
  readonly watching: boolean;
  close(): void;
}

export const DEFAULT_DEBOUNCE_MS = 300;
export const DEFAULT_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;

export function watchNotes(options: NotesWatcherOptions): NotesWatcher {
  const { dir, store, logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  let watcher: FSWatcher | null = null;
  let failures = 0;
  let debounce: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      // Errors cannot escape: reload() reports failures in its report (logged by the app's listener).
      void store.reload();
    }, debounceMs);
    debounce.unref();
  };

  const disarm = () => {
    watcher?.close();
    watcher = null;
  };

  /** Synchronous, so changes made right after `watchNotes` (or createApp) returns are never missed. */
  const arm = (): boolean => {
    try {
      const info = statSync(dir);
      if (closed || !info.isDirectory()) return false;
      // persistent: false — watching must never keep the process alive on its own.
      const w = watch(dir, { recursive: true, persistent: false }, schedule);
      w.on('error', (err) => {
        logger.warn({ err, dir }, 'notes: watcher failed; will look for the folder again');
        if (watcher === w) disarm();
        lookForFolder();
      });
      watcher = w;
      return true;
    } catch {
      return false;
    }
  };

  const lookForFolder = () => {
    if (closed || retry) return;
    const delay = Math.min(retryMs * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
    retry = setTimeout(() => {
      retry = null;
      if (arm()) schedule();
      else lookForFolder();
    }, delay);
    retry.unref();
  };

  /** After a failed reload the folder may be gone or replaced and the current watch dead: start over. */
  const onReport = (report: ReloadReport) => {
    if (closed) return;
    if (report.ok) {
      failures = 0;
      return;
    }
    failures++;
    disarm();
    lookForFolder();
  };
  const unsubscribe = store.onReload(onReport);

  if (!arm()) {
    logger.warn({ dir }, 'notes: folder missing; will watch it once it exists');
    lookForFolder();
  }

  return {
    get pending() {
      return debounce !== null;
    },
    get watching() {
      return watcher !== null;
    },
    close() {
      closed = true;
      unsubscribe();
      if (debounce) clearTimeout(debounce);
      if (retry) clearTimeout(retry);
      debounce = retry = null;
      disarm();
    },
  };
}
