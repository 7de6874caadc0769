/**
 * The clone of the group's notes repository and one sync of it: fetch the branch, then hard-reset the work tree to
 * it. The clone is the bot's, never edited by hand, so a reset is always right: a force-push upstream (history
 * rewritten) just becomes the new state, and anything left in the work tree is cleaned away.
 *
 * Layout under NOTES_GIT_DIR: `git/` (the repository), `work/` (the checked-out files the notes loader reads) and
 * `sync.json` (src/repo/state.ts). The repository lives apart from the work tree so the loader never walks
 * `.git/objects` when NOTES_GIT_SUBDIR is the repository's root.
 *
 * A full clone, not `--depth`: a shallow one has no history, and the per-file "written by" (the commit that added a
 * file) needs it. `--filter=blob:none` would save the blobs of old versions, but rename detection and checkout then
 * fetch blobs lazily (more network round trips, and a local path remote ignores the filter); notes repositories are
 * small, and the time limit bounds a hostile large one.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { runGit, type GitOutput, type GitRunOptions } from './git.js';

export interface ClonePaths {
  /** NOTES_GIT_DIR. */
  dir: string;
  gitDir: string;
  workTree: string;
}

export function clonePaths(dir: string): ClonePaths {
  return { dir, gitDir: path.join(dir, 'git'), workTree: path.join(dir, 'work') };
}

export interface CommitInfo {
  hash: string;
  subject: string;
  author: string;
  /** Author time, ms since the epoch. */
  at: number;
}

/** Files that changed between two commits, relative to the notes folder (NOTES_GIT_SUBDIR), `.md` only. */
export interface FileChanges {
  added: string[];
  modified: string[];
  deleted: string[];
  renamed: { from: string; to: string }[];
}

export interface FileHistory {
  /** Author of the commit that added the file at this path (renames followed); the oldest commit seen if cut off. */
  author: string;
  lastAuthor: string;
  /** ms since the epoch. */
  lastCommitAt: number;
  lastHash: string;
  /** When the commit that added the file was made (author time, ms since the epoch; the oldest seen if cut off). */
  addedAt: number;
}

/** What running git needs: its environment and limits, and the clone. */
export interface GitContext {
  paths: ClonePaths;
  run: Pick<GitRunOptions, 'env' | 'timeoutMs' | 'secrets' | 'track'>;
}

/** Most commits the history pass reads (the newest first); files not reached have no commit author. */
export const HISTORY_MAX_COMMITS = 20_000;
/** Most bytes of `git log` / `git diff` output read. */
export const HISTORY_MAX_BYTES = 32 * 1024 * 1024;

function git(ctx: GitContext, args: string[], extra: Partial<GitRunOptions> = {}): Promise<GitOutput> {
  const { gitDir, workTree } = ctx.paths;
  return runGit([`--git-dir=${gitDir}`, `--work-tree=${workTree}`, ...args], {
    ...ctx.run,
    cwd: workTree,
    ...extra,
  });
}

const text = (out: GitOutput) => out.stdout.toString('utf8');

/** True when the clone's repository exists and git can read it. */
export async function cloneExists(ctx: GitContext): Promise<boolean> {
  try {
    if (!statSync(path.join(ctx.paths.gitDir, 'HEAD')).isFile()) return false;
    await git(ctx, ['rev-parse', '--git-dir']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lock files git left behind when it was killed (the bot's own process SIGKILLed mid-fetch): older than the time
 * limit, no git call of ours can still hold them, and while they stay every sync fails with "File exists".
 */
export function removeStaleLocks(gitDir: string, olderThanMs: number, now = Date.now()): string[] {
  const removed: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && depth > 0 && entry.name !== 'objects') visit(file, depth - 1);
      else if (entry.isFile() && entry.name.endsWith('.lock')) {
        try {
          if (now - statSync(file).mtimeMs > olderThanMs) {
            rmSync(file, { force: true });
            removed.push(path.relative(gitDir, file));
          }
        } catch {
          // gone already
        }
      }
    }
  };
  visit(gitDir, 6);
  return removed;
}

/** Makes an empty repository (the first sync's fetch fills it); a broken one is removed first. */
async function ensureRepository(ctx: GitContext, url: string): Promise<void> {
  const { dir, gitDir, workTree } = ctx.paths;
  if (!(await cloneExists(ctx))) {
    // Only ever a folder this code made (or an empty one): NOTES_GIT_DIR pointed at a folder of the user's own
    // files must not lose its `work/`.
    const left = existsSync(workTree) ? readdirSync(workTree) : [];
    if (left.length > 0 && !left.includes('.git'))
      throw new Error(`${workTree} holds files that are not the bot's clone: give NOTES_GIT_DIR a folder of its own`);
    rmSync(gitDir, { recursive: true, force: true });
    rmSync(workTree, { recursive: true, force: true });
    mkdirSync(workTree, { recursive: true });
    await runGit(['init', '-q', `--separate-git-dir=${gitDir}`, workTree], { ...ctx.run, cwd: dir });
  }
  // Set every time: NOTES_GIT_URL may have changed since the clone was made. It never holds credentials.
  await git(ctx, ['config', 'remote.origin.url', url]);
}

/** The remote's default branch (what its HEAD points to). */
async function defaultBranch(ctx: GitContext): Promise<string> {
  const out = text(await git(ctx, ['ls-remote', '--symref', 'origin', 'HEAD'], { maxBytes: 64 * 1024 }));
  const ref = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out)?.[1];
  if (!ref) throw new Error('the remote has no default branch (set NOTES_GIT_BRANCH)');
  return ref;
}

/** The commit HEAD is at, or null for a clone with nothing checked out yet. */
export async function headCommit(ctx: GitContext): Promise<CommitInfo | null> {
  try {
    const out = text(await git(ctx, ['log', '-1', '-z', '--format=%H%x00%an%x00%at%x00%s', 'HEAD']));
    const [hash = '', author = '', at = '0', subject = ''] = out.split('\0');
    if (!/^[0-9a-f]{40,64}$/.test(hash)) return null;
    return { hash, author, at: Number(at) * 1000, subject };
  } catch {
    return null;
  }
}

/** `:(literal)` pathspec of the notes folder inside the repository (`.` for the whole repository). */
const pathspec = (subdir: string) => (subdir === '' ? '.' : `:(literal)${subdir}`);

/** A repository path relative to the notes folder, or null when it is not a notes file there. */
function notesPath(subdir: string, repoPath: string): string | null {
  if (!repoPath.toLowerCase().endsWith('.md')) return null;
  if (subdir === '') return repoPath;
  return repoPath.startsWith(`${subdir}/`) ? repoPath.slice(subdir.length + 1) : null;
}

/** The notes files of the commit `rev`, relative to the notes folder. */
async function notesFilesAt(ctx: GitContext, subdir: string, rev: string): Promise<string[]> {
  const out = await git(ctx, ['ls-tree', '-r', '-z', '--name-only', rev, '--', pathspec(subdir)], {
    maxBytes: HISTORY_MAX_BYTES,
  });
  const files: string[] = [];
  for (const p of text(out).split('\0')) {
    const file = notesPath(subdir, p);
    if (file !== null) files.push(file);
  }
  return files;
}

/** Which `.md` files changed from `before` to `after` (every file is added when there is no `before`). */
export async function changedFiles(
  ctx: GitContext,
  subdir: string,
  before: string | null,
  after: string,
): Promise<FileChanges> {
  const changes: FileChanges = { added: [], modified: [], deleted: [], renamed: [] };
  if (before === after) return changes;
  if (before === null) {
    changes.added.push(...(await notesFilesAt(ctx, subdir, after)));
    return changes;
  }
  const spec = pathspec(subdir);
  const out = await git(ctx, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', before, after, '--', spec], {
    maxBytes: HISTORY_MAX_BYTES,
  });
  const tokens = text(out).split('\0');
  for (let i = 0; i < tokens.length;) {
    const status = tokens[i++] ?? '';
    if (status === '') continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = notesPath(subdir, tokens[i++] ?? '');
      const to = notesPath(subdir, tokens[i++] ?? '');
      if (status.startsWith('C')) {
        if (to !== null) changes.added.push(to);
      } else if (from !== null && to !== null) changes.renamed.push({ from, to });
      else if (to !== null) changes.added.push(to);
      else if (from !== null) changes.deleted.push(from);
      continue;
    }
    const file = notesPath(subdir, tokens[i++] ?? '');
    if (file === null) continue;
    if (status === 'A') changes.added.push(file);
    else if (status === 'D') changes.deleted.push(file);
    else changes.modified.push(file);
  }
  return changes;
}

/**
 * Who added each current notes file and who changed it last, from one `git log` pass (newest first, renames
 * followed backwards), bounded in commits and bytes. Keys are paths relative to the notes folder.
 */
export async function fileHistory(ctx: GitContext, subdir: string): Promise<Map<string, FileHistory>> {
  const history = new Map<string, FileHistory>();
  const out = await git(
    ctx,
    [
      'log',
      '-z',
      '-M',
      '--name-status',
      `--max-count=${HISTORY_MAX_COMMITS}`,
      '--format=%x01%H%x00%an%x00%at',
      'HEAD',
      '--',
      pathspec(subdir),
    ],
    { maxBytes: HISTORY_MAX_BYTES, allowTruncated: true },
  );
  // The path each tracked current file had at the point of history being read → its current path.
  const tracked = new Map<string, string>();
  const tokens = text(out).split('\0');
  if (out.truncated) tokens.pop(); // the last token may be cut in the middle
  let author = '';
  let at = 0;
  let hash = '';
  const seen = (repoPath: string): string | undefined => {
    const current = tracked.get(repoPath);
    if (current !== undefined) return current;
    if (history.has(repoPath)) return undefined; // an older incarnation of a path already traced to its start
    const file = notesPath(subdir, repoPath);
    if (file === null) return undefined;
    // The newest commit that touches a path is its last change.
    history.set(repoPath, { author, lastAuthor: author, lastCommitAt: at, lastHash: hash, addedAt: at });
    tracked.set(repoPath, repoPath);
    return repoPath;
  };
  for (let i = 0; i < tokens.length;) {
    const token = (tokens[i++] ?? '').replace(/^\n/, '');
    if (token.startsWith('\u0001')) {
      hash = token.slice(1);
      author = tokens[i++] ?? '';
      at = Number(tokens[i++] ?? '0') * 1000;
      continue;
    }
    if (!/^[ACDMRTUXB]\d*$/.test(token)) continue;
    if (token.startsWith('R') || token.startsWith('C')) {
      const from = tokens[i++] ?? '';
      const to = tokens[i++] ?? '';
      const current = seen(to);
      if (current === undefined) continue;
      const entry = history.get(current);
      if (entry) [entry.author, entry.addedAt] = [author, at];
      tracked.delete(to);
      if (token.startsWith('R')) tracked.set(from, current); // older commits know the file by its old name
      continue;
    }
    const repoPath = tokens[i++] ?? '';
    const current = seen(repoPath);
    if (current === undefined) continue;
    const entry = history.get(current);
    if (entry) [entry.author, entry.addedAt] = [author, at];
    // Added here: this is where the file at its current path began; older commits are another file.
    if (token === 'A' || token === 'D') tracked.delete(repoPath);
  }
  // Keep only files that exist now (a deleted file's last commit is its deletion), keyed by notes path.
  const result = new Map<string, FileHistory>();
  const present = await listFiles(ctx, subdir);
  for (const [repoPath, entry] of history) {
    const file = notesPath(subdir, repoPath);
    if (file !== null && present.has(file)) result.set(file, entry);
  }
  return result;
}

/** The notes files of HEAD, relative to the notes folder. */
async function listFiles(ctx: GitContext, subdir: string): Promise<Set<string>> {
  try {
    return new Set(await notesFilesAt(ctx, subdir, 'HEAD'));
  } catch {
    return new Set();
  }
}

export interface SyncOutcome {
  branch: string;
  commit: CommitInfo;
  /** The commit HEAD was at before (null for a first clone). */
  previous: string | null;
}

/**
 * Fetches the branch (the remote's default when `branch` is null) and resets the work tree to it. Throws a GitError
 * (its message scrubbed of credentials) when the remote cannot be reached or the branch does not exist; the work
 * tree is then as it was.
 */
export async function fetchAndReset(ctx: GitContext, url: string, branch: string | null): Promise<SyncOutcome> {
  mkdirSync(ctx.paths.dir, { recursive: true });
  removeStaleLocks(ctx.paths.gitDir, ctx.run.timeoutMs + 10_000);
  await ensureRepository(ctx, url);
  const previous = (await headCommit(ctx))?.hash ?? null;
  const name = branch ?? (await defaultBranch(ctx));
  const remoteRef = `refs/remotes/origin/${name}`;
  // `+`: a force-pushed branch replaces the old one. No tags, no submodules: only the notes.
  await git(ctx, [
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-recurse-submodules',
    '--no-write-fetch-head',
    'origin',
    `+refs/heads/${name}:${remoteRef}`,
  ]);
  const target = text(await git(ctx, ['rev-parse', '--verify', '--quiet', `${remoteRef}^{commit}`])).trim();
  await git(ctx, ['reset', '--quiet', '--hard', target]);
  await git(ctx, ['clean', '-q', '-ffdx']);
  const commit = await headCommit(ctx);
  if (!commit) throw new Error(`the branch ${name} has no commit`);
  return { branch: name, commit, previous };
}
