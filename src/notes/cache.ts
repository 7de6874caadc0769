/**
 * The parse cache on disk: each notes file's sections by content hash, so a restart with unchanged notes parses
 * nothing and a restart after a `git pull` parses only the files that changed.
 *
 * It is a SQLite file of its own (NOTES_CACHE_PATH), not a table of the study database: it is derived data that can
 * be deleted at any time, and `/backup` should not copy megabytes of it. For the same reason its rows carry no
 * guild_id: one notes folder serves every guild of the bot. A cache that cannot be opened or written never stops
 * the bot: it logs once and goes on in memory.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../core/context.js';
import { createParseCache, type ParseCache } from './load.js';
import type { Section } from './types.js';

/** Bump when parseNotes' output changes (fields, kinds, text rules): every cached file is parsed again. */
export const NOTES_CACHE_VERSION = 6;

export interface PersistentParseCache extends ParseCache {
  close(): void;
}

export interface PersistentCacheOptions {
  /**
   * What else the sections depend on (the notes folder, since image paths are absolute; the record headings):
   * a different value empties the cache.
   */
  settings: string;
  logger?: Logger;
}

export function persistentParseCache(file: string, options: PersistentCacheOptions): PersistentParseCache {
  const memory = createParseCache();
  const key = `${NOTES_CACHE_VERSION}\u0000${options.settings}`;
  let db: Database.Database | null = null;
  const giveUp = (error: unknown, what: string) => {
    options.logger?.warn({ err: error, file }, `notes cache: ${what}; going on without it (it is only a cache)`);
    try {
      db?.close();
    } catch {
      // already unusable
    }
    db = null;
  };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS sections (file TEXT PRIMARY KEY, hash TEXT NOT NULL, data TEXT NOT NULL);`);
    const stored = db.prepare(`SELECT value FROM meta WHERE key = 'key'`).pluck().get() as string | undefined;
    if (stored !== key) {
      db.transaction(() => {
        db?.exec('DELETE FROM sections');
        db?.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('key', ?)`).run(key);
      })();
    }
  } catch (error) {
    giveUp(error, 'cannot open');
  }

  return {
    get(name, hash) {
      const hit = memory.get(name, hash);
      if (hit || !db) return hit;
      try {
        const data = db.prepare('SELECT data FROM sections WHERE file = ? AND hash = ?').pluck().get(name, hash);
        if (typeof data !== 'string') return undefined;
        const sections = JSON.parse(data) as unknown;
        if (!Array.isArray(sections)) return undefined;
        memory.set(name, hash, sections as Section[]);
        return sections as Section[];
      } catch (error) {
        giveUp(error, 'cannot read');
        return undefined;
      }
    },
    set(name, hash, sections) {
      memory.set(name, hash, sections);
      if (!db) return;
      try {
        db.prepare('INSERT OR REPLACE INTO sections (file, hash, data) VALUES (?, ?, ?)').run(
          name,
          hash,
          JSON.stringify(sections),
        );
      } catch (error) {
        giveUp(error, 'cannot write');
      }
    },
    keepOnly(files) {
      memory.keepOnly(files);
      if (!db) return;
      try {
        const stale = (db.prepare('SELECT file FROM sections').pluck().all() as string[]).filter((f) => !files.has(f));
        const remove = db.prepare('DELETE FROM sections WHERE file = ?');
        db.transaction(() => stale.forEach((f) => remove.run(f)))();
      } catch (error) {
        giveUp(error, 'cannot write');
      }
    },
    get size() {
      return memory.size;
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
