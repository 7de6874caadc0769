/**
 * Real git repositories for the repo tests: a bare "remote" and an upstream clone where members commit and push
 * (`git -c user.name=… commit`), as a study group does. Tests skip with a clear line where git is missing, and fail
 * instead when CI=true (see `gitOrSkip`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';

export function gitInstalled(): boolean {
  return spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Whether this file's tests should skip (no git, not CI); in CI a missing git makes `beforeAll` throw instead. */
export function gitOrSkip(): { skip: boolean; missing: boolean } {
  const missing = !gitInstalled();
  if (missing && process.env.CI !== 'true') {
    console.warn('SKIP notes repository tests: git is not installed (apt-get install -y git).');
    return { skip: true, missing };
  }
  return { skip: false, missing };
}

/** For `beforeAll`: throws when git is missing and the tests were not skipped (CI=true). */
export const requireGit = (check: { skip: boolean; missing: boolean }) => {
  if (check.missing && !check.skip) throw new Error('git is required when CI=true (apt-get install -y git)');
};

/** The machine's and the user's git configuration stay out of the test's own git calls. */
const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};

export interface Member {
  name: string;
  email: string;
}

export const KIM: Member = { name: '김규민', email: 'kim@example.com' };
export const LEE: Member = { name: '이서연', email: 'lee@example.com' };

export class Upstream {
  /** The bare repository the bot clones (NOTES_GIT_URL). */
  readonly bare: string;
  /** A member's clone that commits and pushes. */
  readonly work: string;
  private time = Date.UTC(2026, 10, 20, 12, 0, 0) / 1000;

  constructor(readonly root: string) {
    this.bare = path.join(root, 'remote.git');
    this.work = path.join(root, 'upstream');
    this.git(root, 'init', '-q', '--bare', '-b', 'main', this.bare);
    this.git(root, 'init', '-q', '-b', 'main', this.work);
    this.git(this.work, 'remote', 'add', 'origin', this.bare);
  }

  static make(): Upstream {
    return new Upstream(mkdtempSync(path.join(tmpdir(), 'studybot-repo-')));
  }

  git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Writes (string) or deletes (null) files, commits them as `who` a minute after the previous commit, pushes. */
  commit(who: Member, message: string, files: Record<string, string | null>, options: { push?: boolean } = {}): string {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(this.work, name);
      if (text === null) rmSync(file, { force: true });
      else {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    this.git(this.work, 'add', '-A');
    return this.commitStaged(who, message, options);
  }

  /** `git mv`, committed as `who`. */
  rename(who: Member, from: string, to: string): string {
    mkdirSync(path.dirname(path.join(this.work, to)), { recursive: true });
    renameSync(path.join(this.work, from), path.join(this.work, to));
    this.git(this.work, 'add', '-A');
    return this.commitStaged(who, `${from} → ${to}`);
  }

  private commitStaged(who: Member, message: string, options: { push?: boolean } = {}): string {
    this.time += 60;
    const date = `@${this.time} +0900`;
    execFileSync(
      'git',
      ['-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, 'commit', '-q', '--allow-empty', '-m', message],
      {
        cwd: this.work,
        env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    if (options.push !== false) this.git(this.work, 'push', '-q', 'origin', 'main');
    return this.head();
  }

  head(): string {
    return this.git(this.work, 'rev-parse', 'HEAD').trim();
  }

  /** Rewrites history: resets to `commit`, then `change` commits on top, and force-pushes. */
  forcePush(commit: string, change: () => void): string {
    this.git(this.work, 'reset', '-q', '--hard', commit);
    change();
    this.git(this.work, 'push', '-q', '--force', 'origin', 'main');
    return this.head();
  }

  /** Author time of the last commit, ms. */
  lastTime(): number {
    return this.time * 1000;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A group's chapter note in the study template's layout. */
export function chapterNote(title: string, sections: Record<string, string>): string {
  return [`# ${title}`, '', ...Object.entries(sections).flatMap(([h, body]) => [`## ${h}`, body, ''])].join('\n');
}

/** A self-signed key and certificate for https://127.0.0.1, made with openssl in `dir` (nothing secret committed). */
export function localhostCertificate(dir: string): { keyPath: string; certPath: string } {
  const keyPath = path.join(dir, 'localhost-key.pem');
  const certPath = path.join(dir, 'localhost-cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  return { keyPath, certPath };
}

/**
 * The real bot on the fake Discord, reading the book folder `docker-book` of `up` (cloned into its own temp folder,
 * no polling): the setup of the end-to-end tests on a group repository. The caller closes `h` and removes `dir`.
 */
export async function startBotOnUpstream(up: Upstream, prefix: string): Promise<{ h: BotHarness; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const h = await startBotAgainstFake({
    dir,
    env: {
      NOTES_GIT_URL: up.bare,
      NOTES_GIT_SUBDIR: 'docker-book',
      NOTES_GIT_DIR: path.join(dir, 'notes-repo'),
      NOTES_GIT_POLL: 'off',
    },
  });
  return { h, dir };
}
