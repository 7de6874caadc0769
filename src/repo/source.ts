/**
 * Where the group's notes repository lives (NOTES_GIT_URL), checked before git ever sees it, and how it is shown.
 *
 * Only three kinds are accepted: `https://…`, ssh (`ssh://[user@]host[:port]/path` or `[user@]host:path`), and a local
 * repository (an absolute or relative path, or `file://…`). Plain http, `git://` and git's `ext::`/`fd::` transports
 * are refused here and again by `protocol.allow` on every git call (src/repo/git.ts).
 *
 * Credentials never reach git's command line or the clone's config: an https URL's `user:token@` is taken out of the
 * URL and sent as an Authorization header through the environment (see git.ts), so the URL git stores, prints and
 * echoes in its errors has none. `maskUrl` and `scrubSecrets` are the second line: whatever text is shown or logged
 * goes through them.
 */
import path from 'node:path';

export type GitSource =
  | {
      kind: 'https';
      /** The URL without credentials: what git is given and what is shown. */
      url: string;
      /** `https://host[:port]/`, for the Authorization header's scope. */
      origin: string;
      /** Credentials written in the URL itself (`https://user:token@host/…`), if any. */
      username?: string;
      password?: string;
    }
  | { kind: 'ssh'; url: string }
  | { kind: 'local'; url: string };

/** A host name git and ssh may see: never one that starts with `-` (it would be read as an ssh option). */
const HOST = /^(?!-)[A-Za-z0-9._~%-]+$|^\[[0-9A-Fa-f:.]+\]$/;
const SCP_LIKE = /^(?:([^@/:\s]+)@)?([^@/:\s]+):(?!\/\/)(.+)$/;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads NOTES_GIT_URL. `resolvePath` turns a relative local path into an absolute one (the project root's). Returns
 * a reason instead when the text is not a usable source; the reason never repeats the text (it may hold a token).
 */
export function parseGitSource(text: string, resolvePath: (p: string) => string): GitSource | { error: string } {
  const value = text.trim();
  if (value === '' || value.includes('\0') || /[\r\n]/.test(value)) return { error: 'empty or not one line' };
  if (value.startsWith('-')) return { error: 'must not start with "-"' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'https' || scheme === 'ssh') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { error: `not a valid ${scheme} URL` };
    }
    if (!HOST.test(url.hostname)) return { error: 'the host name is not valid' };
    if (url.pathname === '' || url.pathname === '/') return { error: 'the URL names no repository path' };
    if (scheme === 'ssh') {
      if (url.password) return { error: 'ssh URLs take a key (NOTES_GIT_SSH_KEY), not a password' };
      return { kind: 'ssh', url: url.href };
    }
    const username = url.username ? decoded(url.username) : undefined;
    const password = url.password ? decoded(url.password) : undefined;
    url.username = '';
    url.password = '';
    return {
      kind: 'https',
      url: url.href,
      origin: `${url.protocol}//${url.host}/`,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }
  if (scheme === 'file') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { error: 'not a valid file URL' };
    }
    if (url.host !== '') return { error: 'file URLs must name a local path (file:///…)' };
    return { kind: 'local', url: url.href };
  }
  if (scheme !== undefined) return { error: `the ${scheme}:// transport is not allowed (https, ssh or a local path)` };
  // Git reads `host:path` (a colon before any slash) as ssh; a Windows drive letter is a path.
  const scp = SCP_LIKE.exec(value);
  if (scp && !/^[A-Za-z]:[\\/]/.test(value) && !value.startsWith('/') && !value.startsWith('.')) {
    const [, , host = '', repo = ''] = scp;
    if (!HOST.test(host)) return { error: 'the host name is not valid' };
    if (repo.startsWith('-')) return { error: 'the repository path must not start with "-"' };
    if (value.includes('::')) return { error: 'git transports (ext::, fd::) are not allowed' };
    return { kind: 'ssh', url: value };
  }
  return { kind: 'local', url: path.resolve(resolvePath(value)) };
}

/** Any URL's credentials masked: `https://user:token@host` → `https://***@host` (the user may be the token). */
export function maskUrl(text: string): string {
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/\s@]*@/g, '$1***@');
}

/**
 * Text from git or a URL made safe to show or log: URLs with credentials masked, every secret replaced (both as
 * written and %-encoded, as git may print either).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = maskUrl(text);
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to replace without mangling ordinary words
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
