/**
 * `cli notes sync --json` and `cli notes status --json` on a real bare repository: the JSON shape, each sync's
 * added and removed files, exit 1 with the reason when the remote is gone, exit 2 (and nothing written) on bad input.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../support/cli.js';
import { chapterNote, gitOrSkip, KIM, LEE, requireGit, Upstream } from './support.js';

const git = gitOrSkip();
beforeAll(() => requireGit(git));

let up: Upstream;
let dir: string;
let cloneDir: string;

beforeEach(() => {
  up = Upstream.make();
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-repo-cli-'));
  cloneDir = path.join(dir, 'notes-repo');
  vi.stubEnv('NOTES_GIT_URL', up.bare);
  vi.stubEnv('NOTES_GIT_SUBDIR', 'book');
  vi.stubEnv('NOTES_GIT_DIR', cloneDir);
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'study.db'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  up.remove();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(argv);
const note = (heading: string, body: string) => chapterNote('노트', { [heading]: body });

describe.skipIf(git.skip)('cli notes', () => {
  it('sync --json prints the commit, counts and the files each sync added and removed', async () => {
    up.commit(KIM, 'kim', { 'book/김규민/[Chapter4] 도커 기초.md': note('이미지', '이미지는 템플릿이다.') });
    const first = await cli('notes', 'sync', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({
      commit: up.head(),
      branch: 'main',
      previous: null,
      files: 1,
      sections: 2,
      added: ['김규민/[Chapter4] 도커 기초.md'],
      removed: [],
      modified: [],
      renamed: [],
      errors: [],
    });

    const before = up.head();
    up.commit(LEE, 'lee', {
      'book/이서연/[Chapter4] 도커 기초.md': note('컨테이너', '컨테이너는 실행 중인 이미지이다.'),
      'book/김규민/[Chapter4] 도커 기초.md': null,
    });
    const second = JSON.parse((await cli('notes', 'sync', '--json')).out);
    expect(second).toMatchObject({
      commit: up.head(),
      previous: before,
      files: 1,
      added: ['이서연/[Chapter4] 도커 기초.md'],
      removed: ['김규민/[Chapter4] 도커 기초.md'],
      errors: [],
    });

    const status = await cli('notes', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({
      source: up.bare,
      branch: 'main',
      commit: { hash: up.head(), author: LEE.name, subject: 'lee' },
      error: null,
      files: 1,
      sections: 2,
      authors: [{ name: LEE.name, files: 1, sections: 2 }],
      notes: [{ path: '이서연/[Chapter4] 도커 기초.md', author: LEE.name, commitAuthor: LEE.name }],
    });
  });

  it('exits 1 with the reason when the remote is gone, keeping the clone it has', async () => {
    up.commit(KIM, 'kim', { 'book/김규민/a.md': note('이미지', '이미지는 템플릿이다.') });
    expect((await cli('notes', 'sync', '--json')).code).toBe(0);
    rmSync(up.bare, { recursive: true, force: true });
    const failed = await cli('notes', 'sync', '--json');
    expect(failed.code).toBe(1);
    const json = JSON.parse(failed.out);
    expect(json.errors[0]).toMatch(/does not appear to be a git repository/);
    expect(json.sections).toBe(2);
    expect(JSON.parse((await cli('notes', 'status', '--json')).out).error).toBe(json.errors[0]);
  });

  it('exits 2 on bad input and writes nothing', async () => {
    for (const args of [['notes'], ['notes', 'pull'], ['notes', 'sync', 'extra'], ['notes', 'sync', '--jsn']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
    }
    vi.stubEnv('NOTES_GIT_URL', '');
    expect((await cli('notes', 'sync', '--json')).err).toMatch(/NOTES_GIT_URL is not set/);
    vi.stubEnv('NOTES_GIT_URL', 'http://example.com/notes.git');
    const insecure = await cli('notes', 'sync', '--json');
    expect(insecure.code).toBe(2);
    expect(insecure.err).toMatch(/NOTES_GIT_URL: the http:\/\/ transport is not allowed/);
    vi.stubEnv('NOTES_GIT_URL', up.bare);
    vi.stubEnv('NOTES_GIT_SUBDIR', '../outside');
    expect((await cli('notes', 'sync', '--json')).code).toBe(2);
    expect(existsSync(cloneDir)).toBe(false);
  });
});
