/**
 * NOTES_GIT_URL and git's environment: which sources are accepted, how they are shown, what git may see, and that
 * an ssh key path reaches ssh intact through GIT_SSH_COMMAND's shell (a fake `ssh` first on PATH records its
 * arguments; git itself is real).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { gitEnvironment, runGit } from '../../src/repo/git.js';
import { maskUrl, parseGitSource, scrubSecrets } from '../../src/repo/source.js';
import { gitOrSkip, requireGit } from './support.js';

const git = gitOrSkip();
const resolve = (p: string) => path.resolve('/project', p);

describe('NOTES_GIT_URL', () => {
  it.each([
    ['https://github.com/group/notes.git', { kind: 'https', url: 'https://github.com/group/notes.git' }],
    [
      'https://kim:tok%40en@git.example.com:8443/g/n.git',
      { kind: 'https', url: 'https://git.example.com:8443/g/n.git', username: 'kim', password: 'tok@en' },
    ],
    ['git@github.com:group/notes.git', { kind: 'ssh', url: 'git@github.com:group/notes.git' }],
    ['ssh://git@github.com:22/group/notes.git', { kind: 'ssh', url: 'ssh://git@github.com:22/group/notes.git' }],
    ['/srv/git/notes.git', { kind: 'local', url: '/srv/git/notes.git' }],
    ['../notes.git', { kind: 'local', url: '/notes.git' }],
    ['file:///srv/git/notes.git', { kind: 'local', url: 'file:///srv/git/notes.git' }],
  ])('accepts %s', (text, expected) => {
    expect(parseGitSource(text, resolve)).toMatchObject(expected);
  });

  it.each([
    ['http://example.com/notes.git', /http:\/\/ transport is not allowed/],
    ['git://example.com/notes.git', /git:\/\/ transport is not allowed/],
    ['ext::sh -c touch% /tmp/pwned', /git transports/],
    ['ssh://-oProxyCommand=touch%20x/notes', /host name is not valid/],
    ['-uhelp', /must not start with "-"/],
    ['git@github.com:-evil', /must not start with "-"/],
    ['ssh://git:password@github.com/g/n.git', /ssh URLs take a key/],
    ['https://github.com/', /names no repository/],
    ['file://otherhost/srv/notes.git', /local path/],
  ])('refuses %s, without repeating it', (text, reason) => {
    const parsed = parseGitSource(text, resolve);
    expect(parsed).toEqual({ error: expect.stringMatching(reason) });
    expect((parsed as { error: string }).error).not.toContain(text);
  });

  it('is checked with the other settings, never echoing a token', () => {
    expect(() => loadConfig({ NOTES_GIT_URL: 'http://kim:s3cret@example.com/notes.git' })).toThrow(
      /NOTES_GIT_URL: the http:\/\/ transport is not allowed/,
    );
    try {
      loadConfig({ NOTES_GIT_URL: 'http://kim:s3cret@example.com/notes.git' });
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cret');
    }
    const config = loadConfig({ NOTES_GIT_URL: 'git@github.com:g/n.git', NOTES_GIT_POLL: '30s' });
    expect(config).toMatchObject({ NOTES_GIT_POLL: 30_000, NOTES_GIT_TIMEOUT: 120_000, NOTES_GIT_SUBDIR: '' });
    expect(loadConfig({ NOTES_GIT_POLL: 'off' }).NOTES_GIT_POLL).toBeNull();
    expect(loadConfig({ NOTES_GIT_POLL: '0' }).NOTES_GIT_POLL).toBeNull();
    expect(loadConfig({}).NOTES_GIT_POLL).toBe(300_000);
    expect(loadConfig({ NOTES_GIT_SUBDIR: './docker-book/' }).NOTES_GIT_SUBDIR).toBe('docker-book');
    for (const bad of [
      { NOTES_GIT_SUBDIR: '../etc' },
      { NOTES_GIT_SUBDIR: '/etc' },
      { NOTES_GIT_BRANCH: '--upload-pack=evil' },
      { NOTES_GIT_BRANCH: 'main..HEAD' },
      { NOTES_GIT_POLL: '5 minutes' },
      { NOTES_GIT_POLL: '1s' },
    ])
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow(Object.keys(bad)[0]);
  });
});

describe('showing and scrubbing', () => {
  it('masks credentials in any URL of a text, and every secret as written or %-encoded', () => {
    expect(maskUrl("fatal: unable to access 'https://kim:tok@host/x.git/': 403")).toBe(
      "fatal: unable to access 'https://***@host/x.git/': 403",
    );
    expect(maskUrl('https://TOKEN123@host/x.git and ssh://git@host/y')).toBe(
      'https://***@host/x.git and ssh://***@host/y',
    );
    expect(scrubSecrets('header tok/en+1 and tok%2Fen%2B1', ['tok/en+1'])).toBe('header *** and ***');
  });
});

describe("git's environment", () => {
  it('passes only a few variables of the bot, no prompts, no user or system configuration', () => {
    const { env } = gitEnvironment(
      {
        PATH: '/usr/bin',
        HOME: '/home/bot',
        DISCORD_TOKEN: 'bot-token',
        GIT_DIR: '/elsewhere',
        https_proxy: 'http://p',
      },
      { source: { kind: 'local' }, knownHosts: '/k' },
    );
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/bot',
      https_proxy: 'http://p',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_COUNT: '0',
    });
    expect(env).not.toHaveProperty('DISCORD_TOKEN');
    expect(env).not.toHaveProperty('GIT_DIR');
  });

  it('sends an https token as a header scoped to the remote, through the environment only', () => {
    const { env, secrets } = gitEnvironment(
      {},
      { source: { kind: 'https', origin: 'https://git.example.com/' }, token: 'ghp_abc123', knownHosts: '/k' },
    );
    const basic = Buffer.from('x-access-token:ghp_abc123').toString('base64');
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://git.example.com/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
    expect(secrets).toEqual(['ghp_abc123', basic]);
  });

  describe.skipIf(git.skip)('ssh', () => {
    let dir: string;
    beforeAll(() => {
      requireGit(git);
      dir = mkdtempSync(path.join(tmpdir(), "studybot ssh '"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('hands ssh the key with IdentitiesOnly=yes, accept-new and batch mode, even from an odd path', async () => {
      const argsFile = path.join(dir, 'args');
      const fakeSsh = path.join(dir, 'ssh');
      writeFileSync(
        fakeSsh,
        `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${argsFile.replace(/'/g, `'\\''`)}'\nexit 255\n`,
      );
      chmodSync(fakeSsh, 0o755);
      const key = path.join(dir, "id $(touch pwned) 'key'");
      const { env } = gitEnvironment(
        { PATH: `${dir}:${process.env.PATH ?? '/usr/bin'}` },
        { source: { kind: 'ssh' }, sshKey: key, knownHosts: path.join(dir, 'known hosts') },
      );
      await expect(
        runGit(['ls-remote', 'git@example.com:group/notes.git'], { env, timeoutMs: 10_000, cwd: dir }),
      ).rejects.toThrow(/git ls-remote failed/);
      const args = readFileSync(argsFile, 'utf8').split('\n');
      expect(args.slice(0, 4)).toEqual(['-i', key, '-o', 'IdentitiesOnly=yes']);
      expect(args).toContain('BatchMode=yes');
      expect(args).toContain('StrictHostKeyChecking=accept-new');
      expect(args).toContain(`UserKnownHostsFile=${path.join(dir, 'known hosts')}`);
      expect(args).toContain('git@example.com');
      // The key path was one argument, never run by the shell.
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    });
  });
});
