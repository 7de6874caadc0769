/**
 * End to end: the real bot (`startBot`) on the fake Discord with NOTES_GIT_URL pointing at a real bare repository
 * made here. Members push notes; an admin runs `/notes sync`; everyone can read `/notes status`; `/explain` answers
 * from what was pushed (rename, delete, force-push included); a failing pull keeps the notes and says why; and a
 * remote with credentials in its URL never shows them, at start, in status or in the logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { CommandInvocation, InteractionResponse, Json } from '../support/fake-discord.js';
import { MEMBER_PERMISSIONS } from '../support/fake-discord-payloads.js';
import { chapterNote, gitOrSkip, KIM, LEE, requireGit, startBotOnUpstream, Upstream } from './support.js';

const git = gitOrSkip();

const ko = translator('ko');
const EPHEMERAL = 64;
const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 32n).toString(); // + Manage Guild
const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const fieldsOf = (r: InteractionResponse): Map<string, string> =>
  new Map(((embedOf(r).fields as Json[] | undefined) ?? []).map((f) => [String(f.name), String(f.value)]));
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & EPHEMERAL) !== 0;
const textOf = (r: InteractionResponse) => JSON.stringify(r.message ?? {});

const KIM_FILE = 'docker-book/김규민/[Chapter4] 도커 기초.md';
const LEE_FILE = 'docker-book/이서연/[Chapter4] 도커 기초.md';
const member = { id: '200000000000000001', username: 'member1' };
const admin = { id: '200000000000000009', username: 'admin' };

async function send(h: BotHarness, invocation: CommandInvocation): Promise<InteractionResponse> {
  const ix = await h.fake.sendCommand(invocation);
  const reply = await ix.waitForReply(undefined, 30_000);
  expect(ix.deadlinePassed).toBe(false);
  return reply;
}

const explain = (h: BotHarness, question: string) => send(h, { name: 'explain', options: { question }, user: member });
const status = (h: BotHarness, locale?: string) =>
  send(h, { name: 'notes', subcommand: 'status', user: member, ...(locale ? { locale } : {}) });
const sync = (h: BotHarness, asAdmin = true) =>
  send(h, {
    name: 'notes',
    subcommand: 'sync',
    user: asAdmin ? admin : member,
    memberPermissions: asAdmin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS,
  });

describe.skipIf(git.skip)('/notes sync and /notes status on the group repository', () => {
  let up: Upstream;
  let h: BotHarness;
  let dir: string;

  beforeAll(async () => {
    requireGit(git);
    up = Upstream.make();
    up.commit(KIM, 'kim: 4장 정리', {
      [KIM_FILE]: chapterNote('도커 기초', { '도커 이미지': '이미지는 컨테이너를 만드는 읽기 전용 템플릿이다.' }),
    });
    up.commit(LEE, 'lee: 4장 정리', {
      [LEE_FILE]: chapterNote('도커 기초', { '도커 네트워크': '브리지 네트워크는 컨테이너끼리 통신하게 해 준다.' }),
    });
    ({ h, dir } = await startBotOnUpstream(up, 'studybot-repo-e2e-'));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    up?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers /explain from the cloned repository, not NOTES_DIR, with the member as author', async () => {
    const reply = await explain(h, '도커 이미지');
    expect(embedOf(reply).title).toBe('도커 이미지');
    expect(textOf(reply)).toContain('읽기 전용 템플릿');
    expect(textOf(reply)).toContain(KIM.name);
    // The bundled notes (NOTES_DIR) are not what the bot reads now.
    expect(embedOf(await explain(h, '이미지 이름 규칙')).title).not.toBe('이미지 이름 규칙');
  });

  it('/notes status is for everyone, ephemeral: source, branch, last commit, files, sections, authors', async () => {
    const reply = await status(h);
    expect(isEphemeral(reply)).toBe(true);
    const fields = fieldsOf(reply);
    expect(fields.get(ko('notes.status.source'))).toContain(up.bare);
    expect(fields.get(ko('notes.status.source'))).toContain('`main`');
    const commit = fields.get(ko('notes.status.commit')) ?? '';
    expect(commit).toContain(`\`${up.head().slice(0, 7)}\``);
    expect(commit).toContain('lee: 4장 정리');
    expect(commit).toContain(LEE.name);
    expect(commit).toMatch(/<t:\d+:R>/);
    expect(fields.get(ko('notes.status.lastSync'))).toMatch(/<t:\d+:R>/);
    expect(fields.get(ko('notes.status.notes'))).toBe(ko('notes.status.counts', { files: 2, sections: 4 }));
    const authors = fields.get(ko('notes.status.authors')) ?? '';
    expect(authors).toContain(`**${KIM.name}**: 파일 1개 · 항목 2개`);
    expect(authors).toContain(`**${LEE.name}**: 파일 1개 · 항목 2개`);
    expect(fields.has(ko('notes.status.error'))).toBe(false);
  });

  it('/notes sync is for server managers only', async () => {
    up.commit(LEE, 'lee: 볼륨', {
      'docker-book/이서연/[Chapter5] 볼륨.md': chapterNote('볼륨', {
        '도커 볼륨': '볼륨은 컨테이너 밖에 데이터를 남긴다.',
      }),
    });
    const refused = await sync(h, false);
    expect(refused.message?.content).toBe(ko('error.adminOnly'));
    expect(embedOf(await explain(h, '도커 볼륨')).title).not.toBe('도커 볼륨');

    const done = await sync(h);
    expect(isEphemeral(done)).toBe(true);
    expect(embedOf(done).title).toBe(ko('notes.sync.title'));
    expect(String(embedOf(done).description)).toContain(`\`${up.head().slice(0, 7)}\``);
    expect(fieldsOf(done).get(ko('notes.sync.added'))).toBe('• 이서연/\\[Chapter5\\] 볼륨.md');
    expect(embedOf(await explain(h, '도커 볼륨')).title).toBe('도커 볼륨');
  });

  it('follows a rename and a delete, and answers with the new content', async () => {
    up.rename(KIM, KIM_FILE, 'docker-book/김규민/[Chapter4] 도커 기초 정리.md');
    up.commit(LEE, 'lee: 5장 삭제', { 'docker-book/이서연/[Chapter5] 볼륨.md': null });
    const done = await sync(h);
    const fields = fieldsOf(done);
    expect(fields.get(ko('notes.sync.renamed'))).toBe(
      '• 김규민/\\[Chapter4\\] 도커 기초.md → 김규민/\\[Chapter4\\] 도커 기초 정리.md',
    );
    expect(fields.get(ko('notes.sync.deleted'))).toBe('• 이서연/\\[Chapter5\\] 볼륨.md');
    expect(embedOf(await explain(h, '도커 볼륨')).title).not.toBe('도커 볼륨');
    expect(textOf(await explain(h, '도커 이미지'))).toContain('도커 기초 정리');
  });

  it('follows a conflicting force-push', async () => {
    const rewritten = up.forcePush(`${up.head()}~2`, () => {
      up.commit(
        LEE,
        'lee: 다시 씀',
        {
          [LEE_FILE]: chapterNote('도커 기초', {
            '도커 네트워크': '오버레이 네트워크는 여러 호스트의 컨테이너를 잇는다.',
          }),
        },
        { push: false },
      );
    });
    const done = await sync(h);
    expect(String(embedOf(done).description)).toContain(`\`${rewritten.slice(0, 7)}\``);
    expect(textOf(await explain(h, '도커 네트워크'))).toContain('오버레이 네트워크');
    // The history is the rewritten one: the rename is gone again.
    expect(textOf(await explain(h, '도커 이미지'))).not.toContain('도커 기초 정리');
  });

  it('keeps the notes when the pull fails, and /notes status says why', async () => {
    rmSync(up.bare, { recursive: true, force: true });
    const failed = await sync(h);
    expect(embedOf(failed).title).toBe(ko('notes.sync.failedTitle'));
    expect(String(embedOf(failed).description)).toMatch(
      /git ls-remote failed: .*does not appear to be a git repository/,
    );
    expect(textOf(await explain(h, '도커 네트워크'))).toContain('오버레이 네트워크');

    const after = await status(h);
    expect(fieldsOf(after).get(ko('notes.status.error'))).toMatch(
      /git ls-remote failed: .*does not appear to be a git repository/,
    );
    expect(fieldsOf(after).get(ko('notes.status.commit'))).toContain('lee: 다시 씀');
  });
});

describe('/notes status without a repository', () => {
  it('shows the notes folder, its files, sections and authors; /notes sync says there is no repository', async () => {
    const h = await startBotAgainstFake({
      notes: { 'docker-book/김규민/[Chapter4] 도커 기초.md': chapterNote('도커 기초', { '도커 볼륨': '볼륨이다.' }) },
    });
    try {
      const reply = await status(h);
      expect(isEphemeral(reply)).toBe(true);
      const fields = fieldsOf(reply);
      expect(fields.get(ko('notes.status.source'))).toBe(
        ko('notes.status.sourceFolder', { dir: path.join(h.dir, 'notes') }),
      );
      expect(fields.get(ko('notes.status.notes'))).toMatch(/^파일 \d+개 · 항목 \d+개$/);
      expect(fields.get(ko('notes.status.authors'))).toContain(`**${KIM.name}**: 파일 1개 · 항목 2개`);
      expect(fields.has(ko('notes.status.commit'))).toBe(false);
      const refused = await sync(h);
      expect(refused.message?.content).toBe(ko('notes.sync.unavailable'));
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe.skipIf(git.skip)('a remote with credentials that cannot be reached', () => {
  it('starts without it, and never shows or logs the credentials', async () => {
    requireGit(git);
    const dir = mkdtempSync(path.join(tmpdir(), 'studybot-repo-secret-'));
    const h = await startBotAgainstFake({
      dir,
      env: {
        NOTES_GIT_URL: 'https://kim:ghp_s3cr3tT0ken@nonexistent.invalid/group/notes.git',
        NOTES_GIT_TOKEN: 'unused-env-t0ken',
        NOTES_GIT_DIR: path.join(dir, 'notes-repo'),
        NOTES_GIT_POLL: 'off',
      },
    });
    try {
      const reply = await status(h, 'en-US');
      const fields = fieldsOf(reply);
      expect(fields.get('Source')).toContain('https://***@nonexistent.invalid/group/notes.git');
      expect(fields.get('⚠️ Last sync failed')).toMatch(/nonexistent\.invalid/);
      expect(fields.get('Last commit')).toBe('No commit fetched yet.');
      const failed = await sync(h);
      const everything = JSON.stringify([reply.message, failed.message, h.logger.lines]);
      expect(everything).not.toContain('s3cr3t');
      expect(everything).not.toContain('unused-env');
      expect(embedOf(await explain(h, '도커 이미지')).title).toBeUndefined();
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(git.skip)('a remote that never answers', () => {
  it('does not hold the start up past NOTES_GIT_TIMEOUT, and /notes status says why', async () => {
    requireGit(git);
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const dir = mkdtempSync(path.join(tmpdir(), 'studybot-repo-silent-'));
    try {
      const h = await startBotAgainstFake({
        dir,
        env: {
          NOTES_GIT_URL: `https://127.0.0.1:${port}/group/notes.git`,
          NOTES_GIT_BRANCH: 'main',
          NOTES_GIT_DIR: path.join(dir, 'notes-repo'),
          NOTES_GIT_TIMEOUT: '1s',
        },
      });
      try {
        expect(sockets.size).toBeGreaterThan(0);
        const fields = fieldsOf(await status(h));
        expect(fields.get(ko('notes.status.error'))).toContain('git fetch: no answer within 1 s, stopped');
        expect(fields.get(ko('notes.status.lastSync'))).toContain(ko('notes.status.never'));
        expect(fields.get(ko('notes.status.lastSync'))).toContain(ko('notes.status.pollEvery', { every: '5분' }));
      } finally {
        await h.close();
      }
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
