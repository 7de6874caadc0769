/**
 * Every setting, read and validated once. Nothing else in the project reads `process.env`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { resolveInside } from './core/paths.js';
import { parseGitSource } from './repo/source.js';

/** The project's root folder (where package.json is), so default paths work from any working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const fromRoot = (p: string) => path.resolve(PROJECT_ROOT, p);

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `5m`, `30s`, `1h`, `1500ms` or a number of seconds; `0` and `off` mean none (null). Undefined when malformed. */
export function parseInterval(text: string): number | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === '0' || value === 'off') return null;
  const m = /^(\d{1,9})\s*(ms|s|m|h)?$/.exec(value);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

const interval = (fallback: string, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.string().default(fallback)).transform((text, ctx) => {
    const ms = parseInterval(text);
    if (ms === undefined || (ms !== null && (ms < min || ms > max))) {
      ctx.addIssue({
        code: 'custom',
        message: `a duration like 5m or 30s, between ${min / 1000} s and ${max / 1000} s`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** A branch name git will not read as an option or a revision expression. */
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*\.lock$)(?!.*\/$)[A-Za-z0-9._/+-]{1,200}$/;

const schema = z.object({
  NOTES_DIR: z.preprocess(emptyToUndefined, z.string().default('data/notes')).transform(fromRoot),
  DATABASE_PATH: z
    .preprocess(emptyToUndefined, z.string().default('data/study.db'))
    .transform((p) => (p === ':memory:' ? p : fromRoot(p))),
  /**
   * The notes parse cache (src/notes/cache.ts). Default: beside the database, `study.db` → `study-notes-cache.db`;
   * none with an in-memory database; `off` for none.
   */
  NOTES_CACHE_PATH: z
    .preprocess(emptyToUndefined, z.string().optional())
    .transform((p) => (p === undefined || p === 'off' ? p : fromRoot(p))),
  /**
   * The local console's own database (`npm start` without DISCORD_TOKEN), so trying commands never writes into the
   * bot's: its "local" server, quizzes and test data stay out of the bot's database and backups.
   */
  CONSOLE_DATABASE_PATH: z
    .preprocess(emptyToUndefined, z.string().default('data/console.db'))
    .transform((p) => (p === ':memory:' ? p : fromRoot(p))),
  /** Where the console saves the files of its replies (charts, exports, `/backup`), so they can be opened. */
  CONSOLE_FILES_DIR: z.preprocess(emptyToUndefined, z.string().default('data/console-files')).transform(fromRoot),
  BOOK_PATH: z.preprocess(emptyToUndefined, z.string().default('data/book.yaml')).transform(fromRoot),
  /** The group's meeting rules (attendance, fines); a missing file means none (src/meeting/rules.ts). */
  RULES_PATH: z.preprocess(emptyToUndefined, z.string().default('data/rules.yaml')).transform(fromRoot),
  QUIZ_DIR: z.preprocess(emptyToUndefined, z.string().default('data/quizzes')).transform(fromRoot),
  BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().default('data/backups')).transform(fromRoot),
  /** How many /backup files to keep per guild (the oldest beyond this are deleted after each backup). */
  BACKUP_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  STUDY_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Asia/Seoul').refine(validTimeZone, { message: 'not an IANA time zone (e.g. Asia/Seoul)' }),
  ),
  /**
   * The group's notes repository (https, ssh, or a local path / file:// URL): when set, the bot keeps a clone in
   * NOTES_GIT_DIR and indexes `<clone>/<NOTES_GIT_SUBDIR>` instead of NOTES_DIR (src/repo).
   */
  NOTES_GIT_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        const source = parseGitSource(v, fromRoot);
        if ('error' in source) ctx.addIssue({ code: 'custom', message: source.error });
      }),
  ),
  /** The branch to follow; default: the remote's default branch. */
  NOTES_GIT_BRANCH: z.preprocess(
    emptyToUndefined,
    z.string().regex(BRANCH, 'a branch name such as main (no spaces, "..", or leading "-")').optional(),
  ),
  /** The book's folder inside the repository (relative, inside the clone); empty: the whole repository. */
  NOTES_GIT_SUBDIR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((p) =>
        p
          .replace(/\\/g, '/')
          .replace(/^(\.\/)+/, '')
          .replace(/\/+$/, ''),
      )
      // Lexically inside the clone here; src/repo checks the real path (a symlink out of it) before each read.
      .refine((p) => p === '' || resolveInside('/clone', p) !== null, {
        message: 'a folder inside the repository (relative, no "..")',
      })
      .transform((p) => (p === '' || p === '.' ? '' : path.posix.normalize(p))),
  ),
  /** How often to pull: `5m`, `30s`, `0`/`off` for never (only `/notes sync`). */
  NOTES_GIT_POLL: interval('5m', 10_000, 86_400_000),
  /** How long one git call may take (a clone or fetch included). */
  NOTES_GIT_TIMEOUT: interval('2m', 1_000, 3_600_000).refine((v) => v !== null, 'must not be off'),
  /** Where the clone is kept. */
  NOTES_GIT_DIR: z.preprocess(emptyToUndefined, z.string().default('data/notes-repo')).transform(fromRoot),
  /** An access token for an https remote (sent as basic auth with NOTES_GIT_USER); never logged. */
  NOTES_GIT_TOKEN: optionalString,
  NOTES_GIT_USER: optionalString,
  /** A private key file for an ssh remote (used with IdentitiesOnly=yes). */
  NOTES_GIT_SSH_KEY: z.preprocess(emptyToUndefined, z.string().optional()).transform((p) => p && fromRoot(p)),
  /** Comma-separated headings of the study template's record sections (reflections, not concepts). */
  NOTES_RECORD_HEADINGS: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_GUILD_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{17,20}$/, 'a Discord snowflake')
      .optional(),
  ),
  DISCORD_API_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  DOCKER_SANDBOX_HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(unix|tcp|ssh|npipe):\/\//, 'unix:///path.sock, tcp://host:port or ssh://user@host')
      .optional(),
  ),
  DOCKER_SANDBOX_TLS_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** How long one request to the sandbox engine may take, in ms (default: modem.ts DEFAULT_TIMEOUT_MS). */
  DOCKER_SANDBOX_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(60_000).optional()),
  /** Show the engine's `Env` values to members (default false: `KEY=•••`, see src/sandbox/mask.ts). */
  DOCKER_SANDBOX_SHOW_ENV: z
    .preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false'))
    .transform((v) => v === 'true'),
  /** A Docker/OCI registry read by /registry (Registry HTTP API v2, GET only); absent → /registry is off. */
  SANDBOX_REGISTRY_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\//, 'http://host:port or https://host')
      .optional(),
  ),
  /** Registry credentials (never shown or logged): a user and password (or access token), or a bearer token. */
  SANDBOX_REGISTRY_USERNAME: optionalString,
  SANDBOX_REGISTRY_PASSWORD: optionalString,
  SANDBOX_REGISTRY_TOKEN: optionalString,
});

export type Config = z.infer<typeof schema>;

/** Where the notes parse cache lives for this configuration, or null for none (see NOTES_CACHE_PATH). */
export function notesCachePath(config: Pick<Config, 'NOTES_CACHE_PATH' | 'DATABASE_PATH'>): string | null {
  if (config.NOTES_CACHE_PATH === 'off') return null;
  if (config.NOTES_CACHE_PATH !== undefined) return config.NOTES_CACHE_PATH;
  if (config.DATABASE_PATH === ':memory:') return null;
  return config.DATABASE_PATH.replace(/(\.db)?$/, '-notes-cache.db');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the given environment (the process's, with `.env` loaded, by default).
 * Throws a ConfigError naming each bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = processEnv()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The process environment, with the project's `.env` loaded first if there is one (real env wins). */
export function processEnv(): Record<string, string | undefined> {
  const envFile = fromRoot('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}

/** Whether the test run is in CI (tests that need podman must fail there instead of skipping). */
export const isCI = () => process.env.CI === 'true';

/** The process environment, for child processes that need PATH, HOME and proxies (src/repo/git.ts keeps a few). */
export const processEnvironment = (): Readonly<Record<string, string | undefined>> => process.env;
