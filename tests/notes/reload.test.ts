/**
 * Live notes: the folder is watched while the app runs, a change is debounced into one rebuild that is swapped in
 * whole, a broken file or a vanished folder never takes the old index down, and admins can force a reload.
 * Every wait is on the store's reload event, never on a timer.
 */
import { appendFile } from 'node:fs/promises';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { notesData } from '../../src/commands/notes.js';
import type { InteractionContext } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { translate, translator, type Locale } from '../../src/i18n/index.js';
import { createMarkdownPool } from '../../src/markdown/pool.js';
import { generateCorpus } from '../../src/notes/corpus.js';
import { loadNotes } from '../../src/notes/load.js';
import { buildIndex } from '../../src/notes/build.js';
import { liveNotesStore, type LiveNotesStore, type ReloadReport } from '../../src/notes/store.js';
import { watchNotes, type NotesWatcher } from '../../src/notes/watch.js';
import { recordingChannel } from '../support/context.js';

const BASE = `# 도커 노트

## 이미지
이미지는 특정 시점의 파일 시스템을 저장한 압축 파일이다.

## 컨테이너
컨테이너는 실행 상태의 이미지이다. CPU와 메모리를 격리된 공간에서 사용한다.
`;

const VOLUME = `# 저장소

## 볼륨 드라이버
볼륨 드라이버는 컨테이너의 데이터를 호스트 밖의 저장소에 영속적으로 보관하게 해 준다.
`;

let root: string;
let notesDir: string;
let app: App | undefined;
let watcher: NotesWatcher | undefined;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'studybot-reload-'));
  notesDir = path.join(root, 'notes');
  mkdirSync(notesDir);
  writeFileSync(path.join(notesDir, 'docker.md'), BASE);
});

afterEach(() => {
  watcher?.close();
  app?.close();
  app = watcher = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function startApp(watch: boolean): Promise<App> {
  const config = loadConfig({
    NOTES_DIR: notesDir,
    DATABASE_PATH: path.join(root, 'study.db'),
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { logger: silentLogger, watchNotes: watch ? { debounceMs: 100, retryMs: 20 } : false });
  return app;
}

function storeOf(a: App): LiveNotesStore {
  const store = a.services.notes;
  if (!('onReload' in store)) throw new Error('the app should hold a live notes store');
  return store as LiveNotesStore;
}

/** Resolves with the next reload's report (subscribe before causing the change). */
function nextReload(store: LiveNotesStore): Promise<ReloadReport> {
  return new Promise((resolve) => {
    const off = store.onReload((report) => {
      off();
      resolve(report);
    });
  });
}

function ctxFor(a: App, overrides: Partial<InteractionContext> & { locale?: Locale } = {}): InteractionContext {
  const locale = overrides.locale ?? 'ko';
  return {
    guildId: 'g1',
    inGuild: true,
    channelId: 'c1',
    user: { id: 'u1', name: 'member1' },
    isAdmin: false,
    services: a.services,
    channel: recordingChannel(),
    fetchAttachment: async () => Buffer.alloc(0),
    ...overrides,
    locale,
    t: translator(locale),
  };
}

function explain(a: App, question: string): Promise<Reply> {
  return runCommand(a.registry, ctxFor(a), { name: 'explain', options: { question } });
}

function reloadAs(a: App, isAdmin: boolean, locale: Locale = 'ko'): Promise<Reply> {
  return runCommand(a.registry, ctxFor(a, { isAdmin, locale }), {
    name: 'notes',
    subcommand: 'reload',
    options: {},
  });
}

const titleOf = (reply: Reply) => reply.embeds?.[0]?.title;
const embedText = (reply: Reply) =>
  JSON.stringify([reply.embeds?.[0]?.description, reply.embeds?.[0]?.fields, reply.content]);

describe('watching the notes folder while the app runs', () => {
  it('answers from a file added while the app runs', async () => {
    const a = await startApp(true);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBeUndefined();

    const reloaded = nextReload(storeOf(a));
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);
    const report = await reloaded;

    expect(report.ok).toBe(true);
    expect(report.added).toEqual([
      { file: 'storage.md', path: ['저장소'] },
      { file: 'storage.md', path: ['볼륨 드라이버'] },
    ]);
    expect(report.removed).toEqual([]);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');
  });

  it('answers with the new text of a section edited while the app runs', async () => {
    const a = await startApp(true);
    const reloaded = nextReload(storeOf(a));
    writeFileSync(path.join(notesDir, 'docker.md'), BASE.replace('압축 파일이다.', '읽기 전용 레이어의 묶음이다.'));
    const report = await reloaded;

    expect(report.changed).toEqual([{ file: 'docker.md', path: ['이미지'] }]);
    expect(report.added).toEqual([]);
    expect(report.removed).toEqual([]);
    const reply = await explain(a, '이미지');
    expect(reply.embeds?.[0]?.description).toContain('읽기 전용 레이어의 묶음');
  });

  it('stops answering from a file removed while the app runs', async () => {
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);
    const a = await startApp(true);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');

    const reloaded = nextReload(storeOf(a));
    rmSync(path.join(notesDir, 'storage.md'));
    const report = await reloaded;

    expect(report.removed.map((r) => r.path.at(-1))).toEqual(['저장소', '볼륨 드라이버']);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBeUndefined();
    expect(titleOf(await explain(a, '컨테이너'))).toBe('컨테이너');
  });

  it('picks up a file in a sub-folder created while the app runs', async () => {
    const a = await startApp(true);
    const reloaded = nextReload(storeOf(a));
    mkdirSync(path.join(notesDir, 'week2'));
    writeFileSync(path.join(notesDir, 'week2', 'storage.md'), VOLUME);
    let report = await reloaded;
    // The folder and the file may land in two debounce windows; wait until the file is in.
    while (!report.added.some((r) => r.file === 'week2/storage.md')) report = await nextReload(storeOf(a));
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');
  });

  it('keeps answering from the other files when a binary or non-UTF-8 file is added', async () => {
    const a = await startApp(true);
    const reloaded = nextReload(storeOf(a));
    writeFileSync(path.join(notesDir, 'diagram.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    writeFileSync(path.join(notesDir, 'latin1.md'), Buffer.from('# caf\xe9\n', 'latin1'));
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);
    const report = await reloaded;

    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^diagram\.md: skipped, binary/),
      expect.stringMatching(/^latin1\.md: skipped, not valid UTF-8/),
    ]);
    expect(titleOf(await explain(a, '컨테이너'))).toBe('컨테이너');
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');
  });

  it('keeps the old index when the folder is removed, and watches it again once it is back', async () => {
    const a = await startApp(true);
    const store = storeOf(a);
    const before = store.index;

    const failed = nextReload(store);
    rmSync(notesDir, { recursive: true });
    const report = await failed;
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/missing or unreadable/);
    expect(report.sections).toBe(before.sections.length);
    expect(store.index).toBe(before);
    expect(titleOf(await explain(a, '컨테이너'))).toBe('컨테이너');

    const back = nextReload(store);
    mkdirSync(notesDir);
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);
    let again = await back;
    // The folder may come back empty in one window and with its file in the next.
    while (!again.ok || again.sections === 0) again = await nextReload(store);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');
    expect(titleOf(await explain(a, '이미지'))).toBeUndefined();
  });

  it('debounces a burst of edits into one rebuild', async () => {
    const initial = await loadNotes(notesDir);
    let loads = 0;
    const store = liveNotesStore(initial, {
      load: () => {
        loads++;
        return loadNotes(notesDir);
      },
    });
    watcher = watchNotes({ dir: notesDir, store, logger: silentLogger, debounceMs: 150 });
    const reloaded = nextReload(store);
    const file = path.join(notesDir, 'docker.md');
    // Each awaited append lets the watcher see its event before the next one: ten changes in a burst.
    for (let i = 1; i <= 10; i++) await appendFile(file, `\n## 메모 ${i}\n내용 ${i}\n`);
    const report = await reloaded;

    expect(loads).toBe(1);
    expect(report.added.map((r) => r.path.at(-1))).toEqual(Array.from({ length: 10 }, (_, i) => `메모 ${i + 1}`));
    expect(watcher.pending).toBe(false);
  });
});

describe('/notes reload', () => {
  it('is for server managers only, in its handler (the command stays visible to everyone for /notes gaps)', async () => {
    expect('default_member_permissions' in notesData).toBe(false);
    const a = await startApp(false);
    let reloads = 0;
    storeOf(a).onReload(() => reloads++);
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);

    const reply = await reloadAs(a, false);

    expect(reply.content).toBe(translate('ko', 'error.adminOnly'));
    expect(reply.ephemeral).toBe(true);
    expect(reloads).toBe(0);
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBeUndefined();
  });

  it('reloads for an admin and reports the headings added and removed', async () => {
    const a = await startApp(false);
    writeFileSync(path.join(notesDir, 'docker.md'), BASE.replace('## 컨테이너', '## 컨테이너 라이프 사이클'));
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);

    const reply = await reloadAs(a, true);

    expect(reply.ephemeral).toBe(true);
    expect(titleOf(reply)).toBe(translate('ko', 'notes.reload.title'));
    const embed = reply.embeds?.[0];
    expect(embed?.description).toMatch(/추가 3 · 삭제 1 · 내용 수정 0/);
    expect(embed?.fields?.map((f) => f.name)).toEqual([
      translate('ko', 'notes.reload.added'),
      translate('ko', 'notes.reload.removed'),
    ]);
    expect(embed?.fields?.[0]?.value).toBe(
      ['• docker.md › 컨테이너 라이프 사이클', '• storage.md › 저장소', '• storage.md › 볼륨 드라이버'].join('\n'),
    );
    expect(embed?.fields?.[1]?.value).toBe('• docker.md › 컨테이너');
    expect(titleOf(await explain(a, '볼륨 드라이버'))).toBe('볼륨 드라이버');
  });

  it('shows only the first five headings of a long list, in English for English locales', async () => {
    const a = await startApp(false);
    const many = Array.from({ length: 8 }, (_, i) => `## topic ${i + 1}\ntext ${i + 1}\n`).join('\n');
    writeFileSync(path.join(notesDir, 'many.md'), many);

    const reply = await reloadAs(a, true, 'en');

    const added = reply.embeds?.[0]?.fields?.[0];
    expect(added?.name).toBe(translate('en', 'notes.reload.added'));
    expect(added?.value.split('\n')).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `• many.md › topic ${i + 1}`),
      translate('en', 'notes.reload.more', { n: 3 }),
    ]);
  });

  it('reports skipped files, and says the old notes stay when the folder is gone', async () => {
    const a = await startApp(false);
    writeFileSync(path.join(notesDir, 'diagram.md'), Buffer.from([0x00, 0x01, 0x02]));
    const warned = await reloadAs(a, true);
    expect(embedText(warned)).toContain('diagram.md: skipped, binary');
    expect(embedText(warned)).toContain(translate('ko', 'notes.reload.noChanges'));

    rmSync(notesDir, { recursive: true });
    const failed = await reloadAs(a, true);
    expect(titleOf(failed)).toBe(translate('ko', 'notes.reload.failedTitle'));
    expect(failed.embeds?.[0]?.description).toContain('3개 항목');
    expect(titleOf(await explain(a, '이미지'))).toBe('이미지');
  });
});

describe('swapping the index', () => {
  /** Each version moves the sections down a line and renames them, so ids, lines and headings all change. */
  const version = (v: number) => `# 버전 노트
${'\n'.repeat(v)}
## 알파 항목 v${v}
알파 본문 v${v}: 도커 이미지는 레이어로 이루어져 있다.

## 베타 항목 v${v}
베타 본문 v${v}: 컨테이너는 이미지를 실행한 것이다.
`;

  it('gives every answer in flight one consistent index while reloads swap it', async () => {
    writeFileSync(path.join(notesDir, 'docker.md'), version(0));
    const a = await startApp(false);
    const store = storeOf(a);
    const answers: Promise<Reply>[] = [];
    let reloading = true;
    const writer = (async () => {
      for (let v = 1; v <= 20; v++) {
        writeFileSync(path.join(notesDir, 'docker.md'), version(v));
        await store.reload();
      }
      reloading = false;
    })();
    // Members keep asking while the writer edits and reloads: one question per turn of the event loop.
    while (reloading) {
      answers.push(explain(a, '알파 항목'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    const replies = await Promise.all(answers);

    const seen = new Set<string>();
    for (const reply of replies) {
      const embed = reply.embeds?.[0];
      const v = /^알파 항목 v(\d+)$/.exec(embed?.title ?? '')?.[1];
      expect(v).toBeDefined();
      seen.add(v ?? '');
      // Body, footer line and related button all come from the same index as the title.
      expect(embed?.description).toContain(`알파 본문 v${v}:`);
      expect(embed?.footer).toContain(`${Number(v) + 3}행`);
      expect(reply.buttons?.flat().map((b) => b.label)).toContain(`베타 항목 v${v}`);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(store.index.sections.map((s) => s.heading)).toContain('알파 항목 v20');
  });

  it('coalesces reloads asked for during a rebuild into one more rebuild', async () => {
    const initial = await loadNotes(notesDir);
    let loads = 0;
    const store = liveNotesStore(initial, {
      load: () => {
        loads++;
        return loadNotes(notesDir);
      },
    });
    const first = store.reload();
    writeFileSync(path.join(notesDir, 'storage.md'), VOLUME);
    const [second, third] = [store.reload(), store.reload()];
    expect(second).toBe(third);
    await first;
    const report = await second;
    expect(loads).toBe(2);
    expect(report.sections).toBe(5);
    expect(store.index.sections.some((s) => s.heading === '볼륨 드라이버')).toBe(true);
  });

  it('lets the event loop run while a large folder is rebuilt', async () => {
    for (const file of generateCorpus({ targetBytes: 300_000 })) {
      const target = path.join(notesDir, file.file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
    // A pool of its own, so the test can see that the parsing happened on a worker thread.
    const pool = createMarkdownPool();
    const store = liveNotesStore(buildIndex([]), { load: () => loadNotes(notesDir, { pool }) });
    let ticks = 0;
    const tick = setInterval(() => ticks++, 2);
    try {
      const report = await store.reload();
      expect(report.ok).toBe(true);
      expect(report.sections).toBeGreaterThan(1000);
      // Every file went to the parser's thread, and the event loop kept turning while they were parsed (before the
      // parser thread, one rebuild of this folder was a single block). Timings are `npm run bench -- notes-memory`.
      expect(pool.started).toBe(1);
      expect(ticks).toBeGreaterThan(10);
    } finally {
      clearInterval(tick);
      await pool.close();
    }
  }, 30_000);
});
