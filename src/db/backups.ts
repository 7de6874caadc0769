/**
 * Backups in BACKUP_DIR: /backup writes them as `study-YYYYMMDD-HHMMSS-<guild>.db` (UTC), at most one per guild
 * every ten minutes, keeping the newest BACKUP_KEEP per guild; any other `*.db` there was put by hand and is never
 * deleted. The newest of all is what a refusal to open a damaged database points to.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../core/context.js';

/** The newest `*.db` file in `dir` by modification time (name breaks ties), or undefined if there is none. */
export function newestBackup(dir: string): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined; // no backup folder yet
  }
  let best: { file: string; mtime: number } | undefined;
  for (const name of entries) {
    if (!name.endsWith('.db')) continue;
    const file = path.join(dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    if (!best || stat.mtimeMs > best.mtime || (stat.mtimeMs === best.mtime && file > best.file)) {
      best = { file, mtime: stat.mtimeMs };
    }
  }
  return best?.file;
}

/** `/backup` may run once per guild in this long. */
export const BACKUP_INTERVAL_MS = 10 * 60_000;

export interface GuildBackup {
  file: string;
  /** When it was taken (ms), read from the name: the clock's time, not the file system's. */
  at: number;
}

/** The guild part of a backup's name: a snowflake, or `dm_<userId>` outside a guild. */
function guildTag(guildId: string): string {
  return guildId.replace(/[^\w-]/g, '_');
}

/** `study-YYYYMMDD-HHMMSS-<guild>.db`, the UTC time of `now`. */
export function guildBackupName(guildId: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `study-${stamp}-${guildTag(guildId)}.db`;
}

const NAME = /^study-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([\w-]+)\.db$/;

/** The backups /backup wrote for `guildId` in `dir`, newest first (files put there by hand are not listed). */
export function guildBackups(dir: string, guildId: string): GuildBackup[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const tag = guildTag(guildId);
  const found: GuildBackup[] = [];
  for (const name of entries) {
    const m = NAME.exec(name);
    if (!m || m[7] !== tag) continue;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    found.push({ file: path.join(dir, name), at: Date.UTC(y, mo - 1, d, h, mi, s) });
  }
  return found.sort((a, b) => b.at - a.at || (b.file < a.file ? -1 : 1));
}

/** When `guildId` may take its next backup, or undefined when it may now. */
export function nextBackupAllowedAt(dir: string, guildId: string, now: number): number | undefined {
  const last = guildBackups(dir, guildId)[0];
  if (!last) return undefined;
  const next = last.at + BACKUP_INTERVAL_MS;
  return now < next ? next : undefined;
}

/** An online backup (readers and writers keep going) of the whole database into `dir`, named for the guild. */
export async function writeGuildBackup(
  db: Db,
  dir: string,
  guildId: string,
  now: number,
): Promise<{ file: string; pages: number }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, guildBackupName(guildId, now));
  const result = await db.backup(file);
  return { file, pages: result.totalPages };
}

/** Deletes the guild's backups beyond the newest `keep`; returns the deleted files. */
export function pruneGuildBackups(dir: string, guildId: string, keep: number): string[] {
  const old = guildBackups(dir, guildId).slice(Math.max(1, keep));
  for (const { file } of old) rmSync(file, { force: true });
  return old.map((b) => b.file);
}
