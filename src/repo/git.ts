/**
 * Running the `git` binary on the notes clone. Every call:
 * - runs `git` itself with an argument list (no shell), stdin closed, so nothing can ever prompt;
 * - has a time limit: past it the whole process group (git and its `git-remote-https` / `ssh` children) is killed;
 * - has an output limit: past it git is killed too, and the caller says whether a cut-off answer is still useful;
 * - ignores the machine's and the user's git configuration (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL=/dev/null), so no
 *   credential helper, LFS filter or alias of the host is used, and gets its own on the command line: no hooks
 *   (`core.hooksPath=/dev/null`), only the https, ssh and file transports, objects checked as they are received, no
 *   background gc;
 * - sees only a short list of the process's environment variables (PATH, HOME, proxies, the ssh agent, a private CA),
 *   never the bot's token or another GIT_* variable of the shell that started it;
 * - never lets a credential out: git's error text goes through `scrubSecrets` before it becomes an error message.
 *
 * `spawn` is used rather than `execFile` only because `execFile`'s own timeout kills git but not its transport
 * helpers; like `execFile` it never involves a shell.
 */
import { spawn } from 'node:child_process';
import { scrubSecrets } from './source.js';

/** The configuration every git call runs with (see the module comment). */
const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.quotePath=false',
  'protocol.allow=never',
  'protocol.https.allow=always',
  'protocol.ssh.allow=always',
  'protocol.file.allow=always',
  'transfer.fsckObjects=true',
  'submodule.recurse=false',
  'gc.autoDetach=false',
  'advice.detachedHead=false',
  'init.defaultBranch=studybot',
  // A transfer slower than 1 KB/s for 30 s is given up (git's own check; the time limit catches the rest).
  'http.lowSpeedLimit=1000',
  'http.lowSpeedTime=30',
].flatMap((c) => ['-c', c]);

/** Variables of the bot's environment git may see. */
export const PASSED_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // The only GIT_* variables passed: a private CA for an https remote.
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
] as const;

export type GitFailure = 'timeout' | 'failed' | 'missing' | 'too-large';

export class GitError extends Error {
  constructor(
    message: string,
    readonly failure: GitFailure,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitRunOptions {
  /** The environment git runs with (built by `gitEnvironment`). */
  env: Record<string, string>;
  timeoutMs: number;
  /** Most bytes of stdout kept; past it git is killed. */
  maxBytes?: number;
  /** A cut-off stdout is returned (with `truncated`) instead of failing. */
  allowTruncated?: boolean;
  /** Texts to scrub from error messages (tokens, passwords). */
  secrets?: readonly string[];
  cwd?: string;
  /** Registers the running process so `close()` can end it (see GitRunner). */
  track?: (kill: () => void) => () => void;
}

export interface GitOutput {
  stdout: Buffer;
  truncated: boolean;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** How long git gets after SIGTERM to clean up before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** How much of git's stderr is kept for the error message. */
const MAX_STDERR = 8 * 1024;

/** The last meaningful lines of git's stderr (`fatal: …`, `error: …`), one line, bounded. */
function reasonFrom(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(hint|warning): /.test(l));
  const important = lines.filter((l) => /^(fatal|error): /.test(l));
  const picked = (important.length > 0 ? important : lines).slice(-2).join(' ');
  return picked.length > 300 ? `${picked.slice(0, 299)}…` : picked;
}

export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitOutput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const scrub = (text: string) => scrubSecrets(text, options.secrets ?? []);
  const what = `git ${args.find((a) => !a.startsWith('-')) ?? ''}`.trim();
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends the transport helpers too (they hold the network connection).
      detached: true,
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const signal = (name: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, name);
      } catch {
        child.kill(name);
      }
    };
    // SIGTERM first: git removes its lock files on it (a SIGKILLed fetch leaves `*.lock` behind); SIGKILL if it
    // is still there after a grace period.
    let hardKill: NodeJS.Timeout | null = null;
    const kill = () => {
      signal('SIGTERM');
      hardKill ??= setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS);
      hardKill.unref();
    };
    const untrack = options.track?.(kill) ?? (() => {});
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    timer.unref();
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = maxBytes - bytes;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        bytes = maxBytes;
        truncated = true;
        kill();
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8').slice(0, MAX_STDERR - stderr.length);
    });
    const finish = (error: GitError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (hardKill) clearTimeout(hardKill);
      untrack();
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(chunks), truncated });
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish(
        err.code === 'ENOENT'
          ? new GitError('git is not installed (apt-get install git)', 'missing')
          : new GitError(`${what}: ${scrub(err.message)}`, 'failed'),
      );
    });
    child.on('close', (code) => {
      if (timedOut) {
        finish(
          new GitError(`${what}: no answer within ${Math.round(options.timeoutMs / 100) / 10} s, stopped`, 'timeout'),
        );
      } else if (truncated) {
        if (options.allowTruncated) finish(null);
        else finish(new GitError(`${what}: more than ${maxBytes} bytes of output, stopped`, 'too-large'));
      } else if (code !== 0) {
        const reason = reasonFrom(scrub(stderr));
        finish(new GitError(`${what} failed${reason ? `: ${reason}` : ` (exit ${code ?? 'signal'})`}`, 'failed'));
      } else finish(null);
    });
  });
}

export interface GitAuth {
  source: { kind: 'https'; origin: string; username?: string; password?: string } | { kind: 'ssh' | 'local' };
  /** NOTES_GIT_TOKEN (https). */
  token?: string | undefined;
  /** NOTES_GIT_USER (https; default `x-access-token`, which GitHub and Gitea accept with a token). */
  user?: string | undefined;
  /** NOTES_GIT_SSH_KEY: a private key file (ssh). */
  sshKey?: string | undefined;
  /** Where ssh keeps the host keys it has accepted (beside the clone, not the user's own known_hosts). */
  knownHosts: string;
}

/** A value for a POSIX shell, single-quoted (GIT_SSH_COMMAND is run by a shell). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The environment for git: the passed-through variables of `base`, no prompts, no system or user configuration, and
 * the credentials. An https token goes as an `Authorization` header through GIT_CONFIG_* variables, scoped to the
 * repository's host, so it is on no command line (`ps`) and in no file.
 */
export function gitEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  auth: GitAuth,
): { env: Record<string, string>; secrets: string[] } {
  const env: Record<string, string> = {};
  for (const name of PASSED_ENV) {
    const value = base[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  Object.assign(env, {
    LC_ALL: 'C',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  });
  const secrets: string[] = [];
  const config: [string, string][] = [];
  const { source } = auth;
  if (source.kind === 'https') {
    const password = source.password ?? auth.token;
    if (password !== undefined) {
      const user = source.username ?? auth.user ?? 'x-access-token';
      const basic = Buffer.from(`${user}:${password}`).toString('base64');
      config.push([`http.${source.origin}.extraHeader`, `Authorization: Basic ${basic}`]);
      secrets.push(password, basic);
    } else if (source.username !== undefined) {
      // `https://TOKEN@host/…`: a token given as the user name.
      const basic = Buffer.from(`${source.username}:`).toString('base64');
      config.push([`http.${source.origin}.extraHeader`, `Authorization: Basic ${basic}`]);
      secrets.push(source.username, basic);
    }
  }
  if (source.kind === 'ssh') {
    const ssh = [
      'ssh',
      ...(auth.sshKey ? ['-i', shellQuote(auth.sshKey), '-o', 'IdentitiesOnly=yes'] : []),
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      `UserKnownHostsFile=${shellQuote(auth.knownHosts)}`,
      '-o',
      'ConnectTimeout=15',
    ];
    env.GIT_SSH_COMMAND = ssh.join(' ');
  }
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return { env, secrets };
}
