/**
 * Finding the newest backup in BACKUP_DIR (written by /backup as `study-YYYYMMDD-HHMMSS.db`, or put there by hand).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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
