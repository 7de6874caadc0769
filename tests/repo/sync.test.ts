/**
 * The notes repository on real git repositories made here: a bare remote, a member's clone pushing to it, and the
 * bot's clone synced from it (src/repo). Each sync's added / modified / renamed / deleted files, the index built
 * from them, the commit author as a fallback author, a force-push, a failing pull, and a clone that cannot escape.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/context.js';
import { createParseCache, loadNotes } from '../../src/notes/load.js';
import { openNotesRepo, type NotesRepo, type RepoSettings } from '../../src/repo/service.js';
import { maskUrl, parseGitSource } from '../../src/repo/source.js';
import { memoryLogger } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import { manualTimers } from '../quiz/support.js';
import { opensslInstalled } from '../support/registry-token.js';
import { chapterNote, gitOrSkip, KIM, LEE, localhostCertificate, requireGit, Upstream } from './support.js';

const git = gitOrSkip();
beforeAll(() => requireGit(git));

const KIM_FILE = 'docker-book/김규민/[Chapter4] 도커 기초.md';
const LEE_FILE = 'docker-book/이서연/[Chapter4] 도커 기초.md';
const LOOSE_FILE = 'docker-book/[Chapter2] 도커의 개념.md';

const kimNote = chapterNote('도커 기초', { '도커 이미지': '이미지는 컨테이너를 만드는 읽기 전용 템플릿이다.' });
const leeNote = chapterNote('도커 기초', { '도커 컨테이너': '컨테이너는 이미지를 실행한 격리된 프로세스이다.' });
const looseNote = chapterNote('도커의 개념', { 가상화: '가상화는 하드웨어를 나누어 여러 환경을 만드는 기술이다.' });

let up: Upstream;
let dataDir: string;
let repo: NotesRepo | undefined;
const clock = manualClock();

beforeEach(() => {
  up = Upstream.make();
  dataDir = mkdtempSync(path.join(tmpdir(), 'studybot-clone-'));
});
afterEach(() => {
  repo?.close();
  repo = undefined;
  up.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

function settings(overrides: Partial<RepoSettings> & { url?: string } = {}): RepoSettings {
  const url = overrides.url ?? up.bare;
  const source = parseGitSource(url, (p) => p);
  if ('error' in source) throw new Error(source.error);
  return {
    source,
    shown: maskUrl(url),
    branch: null,
    subdir: 'docker-book',
    dir: path.join(dataDir, 'notes-repo'),
    pollMs: null,
    timeoutMs: 20_000,
    ...overrides,
  };
}

/** A parse cache that counts the files it was asked to store: each is a file parsed again. */
function countingCache() {
  const inner = createParseCache();
  const parsed: string[] = [];
  return {
    parsed,
    cache: {
      get: inner.get,
      keepOnly: inner.keepOnly,
      set(file: string, hash: string, sections: Parameters<typeof inner.set>[2]) {
        parsed.push(file);
        inner.set(file, hash, sections);
      },
      get size() {
        return inner.size;
      },
    },
  };
}

async function open(
  overrides: Partial<RepoSettings> & { url?: string } = {},
  extra: {
    timers?: ReturnType<typeof manualTimers>;
    logger?: ReturnType<typeof memoryLogger>;
    cache?: ReturnType<typeof createParseCache>;
    baseEnv?: Record<string, string | undefined>;
  } = {},
): Promise<NotesRepo> {
  const cache = extra.cache ?? createParseCache();
  repo = await openNotesRepo({
    settings: settings(overrides),
    baseEnv: extra.baseEnv ?? process.env,
    load: (dir, authorFallback) => loadNotes(dir, { cache, authorFallback }),
    logger: extra.logger ?? silentLogger,
    clock,
    ...(extra.timers ? { timers: extra.timers } : {}),
  });
  return repo;
}

const headingsOf = (r: NotesRepo) => r.store.index.sections.map((s) => `${s.file} › ${s.heading}`);
const authorOf = (r: NotesRepo, heading: string) => r.store.index.sections.find((s) => s.heading === heading)?.author;

describe.skipIf(git.skip)('syncing the notes repository', () => {
  it('clones at start and indexes the book folder, with member folders and commit authors as authors', async () => {
    up.commit(KIM, 'kim: chapter 4', { [KIM_FILE]: kimNote, 'README.md': '# 스터디\n\n## 일정\n매주 토요일\n' });
    up.commit(LEE, 'lee: chapter 4 and 2', { [LEE_FILE]: leeNote, [LOOSE_FILE]: looseNote });
    const r = await open();

    expect(r.startReport.ok).toBe(true);
    expect(r.startReport.previous).toBeNull();
    expect(r.startReport.commit).toMatchObject({ hash: up.head(), author: LEE.name, subject: 'lee: chapter 4 and 2' });
    // Only the book folder: the repository's README is not notes.
    expect(r.startReport.changes.added.sort()).toEqual(
      ['[Chapter2] 도커의 개념.md', '김규민/[Chapter4] 도커 기초.md', '이서연/[Chapter4] 도커 기초.md'].sort(),
    );
    expect(headingsOf(r)).not.toContain('README.md › 일정');
    expect(r.store.index.search('도커 이미지').results[0]?.section.heading).toBe('도커 이미지');
    // The member folder names the author; a file outside a member folder gets its commit's author.
    expect(authorOf(r, '도커 이미지')).toBe(KIM.name);
    expect(authorOf(r, '도커 컨테이너')).toBe(LEE.name);
    expect(authorOf(r, '가상화')).toBe(LEE.name);

    const files = r.files();
    expect(files.map((f) => [f.path, f.author, f.commitAuthor])).toEqual([
      ['[Chapter2] 도커의 개념.md', LEE.name, LEE.name],
      ['김규민/[Chapter4] 도커 기초.md', KIM.name, KIM.name],
      ['이서연/[Chapter4] 도커 기초.md', LEE.name, LEE.name],
    ]);
    expect(files[1]?.lastCommitAt).toBe(up.lastTime() - 60_000);

    const status = r.status();
    expect(status.error).toBeNull();
    expect(status.commit?.hash).toBe(up.head());
    expect(status.files).toBe(3);
    expect(status.authors.map((a) => [a.name, a.files])).toEqual([
      [LEE.name, 2],
      [KIM.name, 1],
    ]);
  });

  it('names a member by their folder in the book, not by the name they commit under', async () => {
    const handle = { name: 'kyumin-dev', email: 'kyumin@example.com' };
    up.commit(handle, 'chapter 4', { [KIM_FILE]: kimNote });
    up.commit(handle, 'chapter 2', { [LOOSE_FILE]: looseNote });
    const r = await open();
    // 김규민/… inside the book folder docker-book is docker-book/김규민/… in the repository: the folder names him.
    expect(authorOf(r, '도커 이미지')).toBe('김규민');
    // A file outside any member folder has only its commit author.
    expect(authorOf(r, '가상화')).toBe(handle.name);
  });

  it('reports a rename, an edit and a delete, and the index follows each', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    up.commit(LEE, 'lee', { [LEE_FILE]: leeNote, [LOOSE_FILE]: looseNote });
    const r = await open();
    const before = up.head();

    const renamedTo = 'docker-book/이서연/[Chapter4] 도커 기초 - 정리.md';
    up.rename(LEE, LEE_FILE, renamedTo);
    const renamed = await r.sync();
    expect(renamed.ok).toBe(true);
    expect(renamed.previous).toBe(before);
    expect(renamed.changes).toEqual({
      added: [],
      modified: [],
      deleted: [],
      renamed: [{ from: '이서연/[Chapter4] 도커 기초.md', to: '이서연/[Chapter4] 도커 기초 - 정리.md' }],
    });
    expect(headingsOf(r)).toContain('이서연/[Chapter4] 도커 기초 - 정리.md › 도커 컨테이너');
    expect(headingsOf(r)).not.toContain('이서연/[Chapter4] 도커 기초.md › 도커 컨테이너');

    up.commit(KIM, 'kim: layers', {
      [KIM_FILE]: kimNote.replace('읽기 전용 템플릿이다.', '여러 읽기 전용 레이어로 이루어진 템플릿이다.'),
    });
    const edited = await r.sync();
    expect(edited.changes.modified).toEqual(['김규민/[Chapter4] 도커 기초.md']);
    expect(edited.sectionsChanged).toBe(1);
    expect(r.store.index.search('도커 이미지').results[0]?.section.body).toContain('레이어로 이루어진');

    up.commit(LEE, 'lee: drop chapter 2', { [LOOSE_FILE]: null });
    const deleted = await r.sync();
    expect(deleted.changes.deleted).toEqual(['[Chapter2] 도커의 개념.md']);
    expect(deleted.sectionsRemoved).toBe(2);
    expect(r.store.index.search('가상화').found).toBe(false);

    // No new commit: nothing is read again, and the index in use stays.
    const index = r.store.index;
    const same = await r.sync();
    expect(same.ok).toBe(true);
    expect(same.previous).toBe(same.commit?.hash);
    expect(same.changes).toEqual({ added: [], modified: [], deleted: [], renamed: [] });
    expect(r.store.index).toBe(index);
  });

  it('parses again only the files a sync changed, and shares one sync between callers', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    up.commit(LEE, 'lee', { [LEE_FILE]: leeNote, [LOOSE_FILE]: looseNote });
    const counting = countingCache();
    const r = await open({}, { cache: counting.cache });
    expect(counting.parsed).toHaveLength(3);
    counting.parsed.length = 0;

    up.commit(KIM, 'kim: edit', { [KIM_FILE]: `${kimNote}\n## 도커 레이어\n레이어는 쌓인다.\n` });
    const [a, b] = [r.sync(), r.sync()];
    expect(a).toBe(b);
    const report = await a;
    expect(report.changes.modified).toEqual(['김규민/[Chapter4] 도커 기초.md']);
    expect(report.sectionsAdded).toBe(1);
    expect(counting.parsed).toEqual(['김규민/[Chapter4] 도커 기초.md']);
  });

  it('starts from the clone it has when the remote is gone, with the last good sync remembered', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    clock.set(Date.UTC(2026, 10, 28, 3, 0, 0));
    (await open()).close();
    rmSync(up.bare, { recursive: true, force: true });
    clock.set(Date.UTC(2026, 10, 29, 3, 0, 0));

    const r = await open();
    expect(r.startReport.ok).toBe(false);
    expect(r.startReport.error).toMatch(/does not appear to be a git repository/);
    expect(r.store.index.search('도커 이미지').found).toBe(true);
    expect(r.status()).toMatchObject({
      lastSuccessAt: Date.UTC(2026, 10, 28, 3, 0, 0),
      lastAttemptAt: Date.UTC(2026, 10, 29, 3, 0, 0),
      commit: { author: KIM.name, subject: 'kim' },
    });
  });

  it('bounds hostile content: odd file names, a huge file and a thousand files', async () => {
    const odd = 'docker-book/김규민/"따옴표"\t탭\n줄바꿈 -rf $(x).md';
    const many = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`docker-book/bulk/n${i}.md`, `# n${i}\n\n## 항목 ${i}\n내용 ${i}\n`]),
    );
    up.commit(KIM, 'hostile', {
      [odd]: chapterNote('이상한 이름', { '이상한 항목': '이름이 이상한 파일도 읽는다.' }),
      'docker-book/huge.md': `# 큰 파일\n\n${'가'.repeat(1_000_000)}\n`,
      ...many,
    });
    const r = await open();

    expect(r.startReport.ok).toBe(true);
    expect(r.startReport.changes.added).toHaveLength(1002);
    expect(r.startReport.changes.added).toContain(odd.slice('docker-book/'.length));
    expect(r.store.index.sections.find((s) => s.heading === '이상한 항목')?.author).toBe(KIM.name);
    expect(r.store.index.warnings).toEqual([expect.stringMatching(/^huge\.md: skipped, /)]);
    expect(r.status().files).toBe(1001);
    expect(r.files()).toHaveLength(1002);
  }, 60_000);

  it('never deletes files in a NOTES_GIT_DIR that is not its clone', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    const mine = path.join(dataDir, 'notes-repo', 'work');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'my-notes.md'), '# 내 노트\n');
    const r = await open();
    expect(r.startReport.error).toMatch(/holds files that are not the bot's clone/);
    expect(existsSync(path.join(mine, 'my-notes.md'))).toBe(true);
  });

  it('keeps the commit author of a file that someone else renamed: the rename is followed back', async () => {
    up.commit(LEE, 'lee', { [LOOSE_FILE]: looseNote });
    const r = await open();
    up.rename(KIM, LOOSE_FILE, 'docker-book/[Chapter2] 도커의 개념 (정리).md');
    await r.sync();

    const [file] = r.files();
    expect(file).toMatchObject({
      path: '[Chapter2] 도커의 개념 (정리).md',
      author: LEE.name,
      commitAuthor: LEE.name,
      lastCommitAuthor: KIM.name,
      lastCommitAt: up.lastTime(),
    });
    expect(authorOf(r, '가상화')).toBe(LEE.name);
  });

  it('follows a force-push that rewrote history, without a merge or a conflict', async () => {
    const base = up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    up.commit(LEE, 'lee: wrong version', { [LEE_FILE]: leeNote });
    const r = await open();
    expect(authorOf(r, '도커 컨테이너')).toBe(LEE.name);

    const rewritten = up.forcePush(base, () => {
      up.commit(
        LEE,
        'lee: rewritten',
        { [LEE_FILE]: chapterNote('도커 기초', { '도커 볼륨': '볼륨은 컨테이너 밖에 데이터를 남기는 저장소이다.' }) },
        { push: false },
      );
    });
    const report = await r.sync();

    expect(report.ok).toBe(true);
    expect(report.commit?.hash).toBe(rewritten);
    expect(report.changes.modified).toEqual(['이서연/[Chapter4] 도커 기초.md']);
    expect(r.store.index.search('도커 볼륨').results[0]?.section.heading).toBe('도커 볼륨');
    expect(headingsOf(r)).not.toContain('이서연/[Chapter4] 도커 기초.md › 도커 컨테이너');
    expect(r.status().commit?.subject).toBe('lee: rewritten');
  });

  it('keeps the notes and says why when the pull fails (remote gone)', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    const r = await open();
    const index = r.store.index;
    rmSync(up.bare, { recursive: true, force: true });

    const report = await r.sync();

    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/git fetch failed|does not appear to be a git repository/);
    expect(r.store.index).toBe(index);
    expect(r.store.index.search('도커 이미지').found).toBe(true);
    const status = r.status();
    expect(status.error).toBe(report.error);
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.commit?.author).toBe(KIM.name);
  });

  it('pulls on the poll interval, on the injected timers', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    const timers = manualTimers(clock);
    const r = await open({ pollMs: 300_000 }, { timers });
    up.commit(LEE, 'lee', { [LEE_FILE]: leeNote });

    const synced = new Promise((resolve) => r.onSync(resolve));
    expect(timers.pendingCount()).toBe(1);
    await timers.advance(300_000);
    await synced;
    expect(headingsOf(r)).toContain('이서연/[Chapter4] 도커 기초.md › 도커 컨테이너');
    // The next poll is set once the sync is done; close() stops it.
    await timers.advance(0);
    expect(timers.pendingCount()).toBe(1);
    r.close();
    expect(timers.pendingCount()).toBe(0);
  });

  it('gets past lock files a killed git left behind', async () => {
    up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
    const r = await open();
    const gitDir = path.join(dataDir, 'notes-repo', 'git');
    const stale = Date.now() / 1000 - 3600;
    for (const lock of ['index.lock', 'refs/remotes/origin/main.lock']) {
      writeFileSync(path.join(gitDir, lock), '');
      utimesSync(path.join(gitDir, lock), stale, stale);
    }
    up.commit(LEE, 'lee', { [LEE_FILE]: leeNote });
    const report = await r.sync();
    expect(report.error).toBeNull();
    expect(report.changes.added).toEqual(['이서연/[Chapter4] 도커 기초.md']);
  });

  it('never reads a book folder that is a symlink out of the clone', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'studybot-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), '# 비밀\n\n## 비밀 항목\n밖에 있는 파일이다.\n');
    try {
      up.commit(KIM, 'kim', { [KIM_FILE]: kimNote });
      symlinkSync(outside, path.join(up.work, 'linked-book'));
      symlinkSync(path.join(outside, 'secret.md'), path.join(up.work, 'docker-book', 'leak.md'));
      up.commit(LEE, 'links', {});
      const linked = await open({ subdir: 'linked-book' });
      expect(linked.startReport.ok).toBe(false);
      expect(linked.startReport.error).toMatch(/leads out of the clone/);
      expect(linked.store.index.sections).toEqual([]);
      linked.close();

      // A symlinked file inside the book folder is skipped by the loader, with the reason.
      rmSync(path.join(dataDir, 'notes-repo'), { recursive: true, force: true });
      const book = await open();
      expect(headingsOf(book).some((h) => h.includes('비밀'))).toBe(false);
      expect(book.store.index.warnings).toEqual([
        expect.stringMatching(/^leak\.md: skipped, a link to a file outside/),
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never shows or logs the credentials of a remote it cannot reach', async () => {
    const logger = memoryLogger();
    const url = 'https://kim:s3cr3t-t0ken@nonexistent.invalid/group/notes.git';
    const r = await open({ url, token: 'env-t0ken-42' }, { logger });
    expect(r.startReport.ok).toBe(false);
    const everything = JSON.stringify([r.startReport, r.status(), logger.lines, await r.sync()]);
    expect(everything).toContain('nonexistent.invalid');
    expect(everything).not.toContain('s3cr3t');
    expect(everything).not.toContain('env-t0ken');
    expect(r.store.index.sections).toEqual([]);
  });

  // Needs openssl for the certificate: skipped without it, except in CI where it fails instead.
  const noOpenssl = !opensslInstalled() && process.env.CI !== 'true';
  it.skipIf(noOpenssl)(
    'sends the token to an https remote as basic auth, and keeps it out of the clone and every message',
    async () => {
      // A certificate for 127.0.0.1 made now (openssl), trusted by git through GIT_SSL_CAINFO.
      if (!opensslInstalled()) throw new Error('openssl is required when CI=true (apt-get install -y openssl)');
      const tls = localhostCertificate(mkdtempSync(path.join(tmpdir(), 'studybot-tls-')));
      const seen: (string | undefined)[] = [];
      const server = https.createServer(
        { key: readFileSync(tls.keyPath), cert: readFileSync(tls.certPath) },
        (req, res) => {
          seen.push(req.headers.authorization);
          res.writeHead(404).end('no such repository');
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      const logger = memoryLogger();
      const baseEnv = { ...process.env, GIT_SSL_CAINFO: tls.certPath };
      try {
        const url = `https://127.0.0.1:${port}/group/notes.git`;
        const withToken = await open({ url, token: 'ghp_envT0ken123' }, { logger, baseEnv });
        expect(withToken.startReport.error).toMatch(/git ls-remote failed: .*(not found|404)/i);
        withToken.close();
        const inUrl = await open(
          { url: `https://kim:urlT0ken456@127.0.0.1:${port}/group/notes.git` },
          { logger, baseEnv },
        );
        expect(seen).toContain(`Basic ${Buffer.from('x-access-token:ghp_envT0ken123').toString('base64')}`);
        expect(seen).toContain(`Basic ${Buffer.from('kim:urlT0ken456').toString('base64')}`);
        const config = readFileSync(path.join(dataDir, 'notes-repo', 'git', 'config'), 'utf8');
        expect(config).toContain(`url = https://127.0.0.1:${port}/group/notes.git`);
        const everything = JSON.stringify([config, inUrl.startReport, inUrl.status(), logger.lines]);
        expect(everything).not.toMatch(/T0ken/);
      } finally {
        server.close();
      }
    },
  );

  it('does not hang at start on a remote that never answers: the git call is stopped at its time limit', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const r = await open({ url: `https://127.0.0.1:${port}/notes.git`, timeoutMs: 1500 });
      expect(r.startReport.ok).toBe(false);
      expect(r.startReport.error).toMatch(/^git ls-remote: no answer within 1.5 s, stopped$/);
      expect(r.status().error).toBe(r.startReport.error);
      expect(r.store.index.sections).toEqual([]);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
