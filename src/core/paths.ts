/**
 * Path containment. EVERY PATH CHOSEN BY DATA goes through this module: an image a note links, a markdown or quiz
 * file found by listing a folder (it may be a symlink), a file name a reply carries (an export, a chart, a
 * template) before the console writes it to disk. Paths chosen by configuration (NOTES_DIR, DATABASE_PATH, a path
 * typed on the operator's own command line) do not need it.
 *
 * Two steps, both needed:
 * - `resolveInside` is lexical: it decodes %-escapes (when asked), rejects NUL, absolute paths and `..` that climbs
 *   out of the root. It never touches the disk, so it can run at parse time.
 * - `realPathInside` / `readFileInside` follow symlinks (fs.realpath) and check the real path against the real root.
 *   They are the authoritative check and run when the file is used, since files and symlinks change after parsing.
 */
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** True when `child` is `root` itself or below it. Both must already be absolute and normalised. */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Decodes %-escapes (`%2e%2e` → `..`); a malformed escape leaves the text as written. */
export function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface ResolveOptions {
  /** Decode %-escapes first (for paths taken from URLs, such as markdown links). */
  decode?: boolean;
}

/**
 * `relative` resolved against `root`, or null when it is empty, holds a NUL, is absolute, or climbs out of `root`.
 * Lexical only: a symlink inside the root can still point out of it (see `realPathInside`).
 */
export function resolveInside(root: string, relative: string, options: ResolveOptions = {}): string | null {
  const text = options.decode ? decodePath(relative) : relative;
  if (text === '' || text.includes('\0') || path.isAbsolute(text) || path.win32.isAbsolute(text)) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, text);
  return isInside(base, resolved) ? resolved : null;
}

/** An absolute candidate as is, a relative one through `resolveInside`; null when it leaves the root lexically. */
function lexical(root: string, candidate: string): string | null {
  if (candidate.includes('\0')) return null;
  if (!path.isAbsolute(candidate)) return resolveInside(root, candidate);
  const resolved = path.resolve(candidate);
  return isInside(path.resolve(root), resolved) ? resolved : null;
}

export type InsideCheck = { ok: true; realPath: string } | { ok: false; reason: 'outside' | 'missing' };

/** Follows symlinks in both `root` and `candidate` and says whether the real path lies inside the real root. */
export function checkInside(root: string, candidate: string): InsideCheck {
  const abs = lexical(root, candidate);
  if (abs === null) return { ok: false, reason: 'outside' };
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(abs);
  } catch {
    // Missing, a dangling or looping symlink, or unreadable: nothing to read either way.
    return { ok: false, reason: 'missing' };
  }
  return isInside(realRoot, real) ? { ok: true, realPath: real } : { ok: false, reason: 'outside' };
}

/** The real path of `candidate` (symlinks followed) when it lies inside the real `root`, else null. */
export function realPathInside(root: string, candidate: string): string | null {
  const check = checkInside(root, candidate);
  return check.ok ? check.realPath : null;
}

export type ReadInside =
  | { ok: true; realPath: string; data: Buffer }
  | { ok: false; reason: 'outside' | 'missing' | 'not-file'; realPath?: string }
  | { ok: false; reason: 'too-large'; realPath: string; size: number };

/** Where an open descriptor really points (Linux `/proc/self/fd`); null where the system cannot say. */
function fdPath(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/**
 * Reads a regular file whose real path lies inside the real `root`, at most `maxBytes` of it. The file is opened by
 * its real path without following a final symlink, then checked through the open descriptor (its real location,
 * fstat for the type and size), so a file or symlink swapped in after the check is never read, and a file that grows
 * after fstat is never read past the limit. A FIFO or device is refused without blocking.
 */
export function readFileInside(root: string, candidate: string, maxBytes: number): ReadInside {
  const check = checkInside(root, candidate);
  if (!check.ok) return check;
  const { realPath } = check;
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ELOOP: the final component became a symlink after realpath.
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'outside' : 'not-file', realPath };
  }
  try {
    const stat = fstatSync(fd);
    const opened = fdPath(fd);
    if (opened !== null) {
      if (opened !== realPath) return { ok: false, reason: 'outside', realPath };
    } else {
      // No /proc: the path must still resolve to the same file we opened.
      const again = checkInside(root, realPath);
      const now = statSync(realPath, { throwIfNoEntry: false });
      if (!again.ok || again.realPath !== realPath || now?.ino !== stat.ino || now.dev !== stat.dev)
        return { ok: false, reason: 'outside', realPath };
    }
    if (!stat.isFile()) return { ok: false, reason: 'not-file', realPath };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large', realPath, size: stat.size };
    const data = Buffer.alloc(Math.min(stat.size, Math.max(0, maxBytes)));
    let filled = 0;
    while (filled < data.length) {
      const n = readSync(fd, data, filled, data.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { ok: true, realPath, data: data.subarray(0, filled) };
  } catch {
    return { ok: false, reason: 'not-file', realPath };
  } finally {
    closeSync(fd);
  }
}

/**
 * A file name safe to write into a folder: no folders, no NUL or control characters, no leading dots (`..`, `.env`),
 * at most 120 characters. Never empty.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '');
  const short = [...cleaned].slice(-120).join('');
  return short === '' ? fallback : short;
}
