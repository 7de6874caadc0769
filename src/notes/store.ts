/**
 * The notes the bot answers from, reloadable while it runs. A reload builds a whole new index off to the side
 * (loadNotes reads and parses file by file, letting the event loop run in between) and then swaps it in with a
 * single reference assignment, so a handler that read `store.index` keeps one consistent index for its answer.
 * A reload that fails (folder removed or unreadable) keeps the old index and says why.
 */
import type { Logger } from '../core/context.js';
import type { NotesIndex, Section } from './types.js';
import { messageOf } from '../core/errors.js';

/** Holds the current index; a reload builds a new one off to the side and swaps it in whole. */
export interface NotesStore {
  readonly index: NotesIndex;
  /** Absent on a fixed index (tests, CLI one-shots); `/notes reload` then says reloading is not available. */
  reload?(): Promise<ReloadReport>;
}

/** A section named by where it lives, which survives a reload (ids are `file#line` and shift with edits). */
export interface SectionRef {
  file: string;
  /** Plain headings from the outermost ancestor to the section. */
  path: string[];
}

export interface ReloadReport {
  /** False when the new index could not be built at all; the old index is still in use. */
  ok: boolean;
  /** Why the reload failed (only when `ok` is false). */
  error?: string;
  /** Sections and files of the index in use after this reload. */
  sections: number;
  files: number;
  added: SectionRef[];
  removed: SectionRef[];
  /** Same file and heading path, different text. */
  changed: SectionRef[];
  /** Files the new index skipped (binary, unreadable, …). Empty when `ok` is false. */
  warnings: string[];
  durationMs: number;
}

export interface LiveNotesStore extends NotesStore {
  reload(): Promise<ReloadReport>;
  /** Called after every reload, successful or not; returns the unsubscribe function. */
  onReload(listener: (report: ReloadReport) => void): () => void;
}

export function staticNotesStore(index: NotesIndex): NotesStore {
  return { index };
}

export interface LiveStoreOptions {
  /** Builds a fresh index (the app passes `() => loadNotes(dir, …)`). */
  load: () => Promise<NotesIndex>;
  logger?: Logger;
  /** Monotonic milliseconds, for the report's duration. */
  now?: () => number;
}

export function liveNotesStore(initial: NotesIndex, options: LiveStoreOptions): LiveNotesStore {
  const now = options.now ?? (() => performance.now());
  const listeners = new Set<(report: ReloadReport) => void>();
  let current = initial;
  let running: Promise<ReloadReport> | null = null;
  let queued: Promise<ReloadReport> | null = null;

  const rebuild = async (): Promise<ReloadReport> => {
    const started = now();
    let report: ReloadReport;
    try {
      const next = await options.load();
      const previous = current;
      current = next; // the swap: one assignment, never a half-built index
      report = { ok: true, ...counts(next), ...diff(previous, next), warnings: [...next.warnings], durationMs: 0 };
    } catch (error) {
      const reason = messageOf(error);
      report = {
        ok: false,
        error: reason,
        ...counts(current),
        added: [],
        removed: [],
        changed: [],
        warnings: [],
        durationMs: 0,
      };
    }
    report.durationMs = Math.round(now() - started);
    logReport(options.logger, report);
    for (const listener of listeners) {
      try {
        listener(report);
      } catch (error) {
        options.logger?.error({ err: error }, 'notes: reload listener failed');
      }
    }
    return report;
  };

  /**
   * One rebuild at a time. A reload asked for while one runs is queued (once: later asks share it), because
   * files may have changed after the running one read them.
   */
  const reload = (): Promise<ReloadReport> => {
    if (!running) {
      running = rebuild().finally(() => (running = null));
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return reload();
    });
    return queued;
  };

  return {
    get index() {
      return current;
    },
    reload,
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function logReport(logger: Logger | undefined, report: ReloadReport): void {
  if (!logger) return;
  const { ok, error, sections, files, durationMs, warnings } = report;
  if (!ok) {
    logger.warn({ error, sections, durationMs }, 'notes: reload failed, still answering from the previous index');
    return;
  }
  const heading = (r: SectionRef) => `${r.file} › ${r.path.join(' › ')}`;
  logger.info(
    {
      sections,
      files,
      durationMs,
      added: report.added.length,
      removed: report.removed.length,
      changed: report.changed.length,
      firstAdded: report.added.slice(0, 5).map(heading),
      firstRemoved: report.removed.slice(0, 5).map(heading),
      warnings: warnings.length,
    },
    'notes: reloaded',
  );
}

function counts(index: NotesIndex): { sections: number; files: number } {
  return { sections: index.sections.length, files: new Set(index.sections.map((s) => s.file)).size };
}

function keyOf(section: Section): string {
  return `${section.file}\u0000${section.path.join('\u0000')}`;
}

function refOf(section: Section): SectionRef {
  return { file: section.file, path: [...section.path] };
}

/** Sections grouped by file + heading path (a file may repeat a heading, so each key holds a list). */
function byKey(index: NotesIndex): Map<string, Section[]> {
  const map = new Map<string, Section[]>();
  for (const section of index.sections) {
    const key = keyOf(section);
    const list = map.get(key);
    if (list) list.push(section);
    else map.set(key, [section]);
  }
  return map;
}

/** Added, removed and changed sections between two indexes, in the new (resp. old) index's order. */
export function diff(
  before: NotesIndex,
  after: NotesIndex,
): { added: SectionRef[]; removed: SectionRef[]; changed: SectionRef[] } {
  const old = byKey(before);
  const fresh = byKey(after);
  const added: SectionRef[] = [];
  const removed: SectionRef[] = [];
  const changed: SectionRef[] = [];
  for (const [key, list] of fresh) {
    const previous = old.get(key) ?? [];
    for (const section of list.slice(previous.length)) added.push(refOf(section));
    const pairs = Math.min(previous.length, list.length);
    for (let i = 0; i < pairs; i++) {
      if (previous[i]?.body !== list[i]?.body) {
        const section = list[i];
        if (section) changed.push(refOf(section));
      }
    }
  }
  for (const [key, list] of old) {
    const kept = fresh.get(key)?.length ?? 0;
    for (const section of list.slice(kept)) removed.push(refOf(section));
  }
  return { added, removed, changed };
}
