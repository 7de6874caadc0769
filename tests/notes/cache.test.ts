/**
 * The parse cache on disk (a real SQLite file): a restart with unchanged notes parses nothing, an edit parses only
 * that file, a change of parser version or settings parses everything again, and a broken cache file never stops
 * loading.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notesCachePath, loadConfig } from '../../src/config.js';
import { createMarkdownPool, sharedMarkdownPool, type MarkdownPool } from '../../src/markdown/pool.js';
import { persistentParseCache } from '../../src/notes/cache.js';
import { createParseCache, loadNotes } from '../../src/notes/load.js';
import { memoryLogger } from '../support/bot.js';

let dir: string;
let notes: string;
let cacheFile: string;

/** The real parser thread, counting the files it is asked to parse. */
function countingPool(): MarkdownPool & { parsed: string[] } {
  const real = sharedMarkdownPool();
  const parsed: string[] = [];
  return {
    parsed,
    parseNotes: (file, text, options) => {
      parsed.push(file);
      return real.parseNotes(file, text, options);
    },
    parseTemplate: (text) => real.parseTemplate(text),
    get started() {
      return real.started;
    },
    close: async () => {},
  };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-cache-'));
  notes = path.join(dir, 'notes');
  cacheFile = path.join(dir, 'study-notes-cache.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function load(settings = 'v', logger = memoryLogger()) {
  const cache = persistentParseCache(cacheFile, { settings, logger });
  const pool = countingPool();
  try {
    const index = await loadNotes(notes, { cache, pool });
    return { index, parsed: pool.parsed, logger };
  } finally {
    cache.close();
  }
}

describe('the notes parse cache on disk', () => {
  beforeEach(() => {
    mkdirSync(notes, { recursive: true });
    writeFileSync(path.join(notes, 'a.md'), '## 볼륨\n볼륨은 데이터를 영속적으로 저장한다.\n');
    writeFileSync(path.join(notes, 'b.md'), '## 네트워크\n브리지 네트워크가 기본이다.\n');
    writeFileSync(path.join(notes, 'c.md'), '## 이미지\n이미지는 읽기 전용 레이어의 묶음이다.\n![x](./x.png)\n');
  });

  it('parses nothing on a restart with unchanged notes, and gives the same sections', async () => {
    const first = await load();
    expect(first.parsed.sort()).toEqual(['a.md', 'b.md', 'c.md']);
    const second = await load();
    expect(second.parsed).toEqual([]);
    expect(second.index.sections).toEqual(first.index.sections);
    expect(second.index.search('볼륨').results[0]?.section.heading).toBe('볼륨');
  });

  it("indexes notes whose words are JavaScript's own property names, parsed and from the cache alike", async () => {
    // Real notes' code blocks hold `constructor`, `valueOf`, `__proto__`: words, never keys of Object.prototype.
    writeFileSync(
      path.join(notes, 'd.md'),
      '## 생성자 주입\n\n스프링은 constructor 로 의존성을 넣는다. valueOf, toString, hasOwnProperty 도 그냥 단어다.\n\n```js\nobj.__proto__ = null;\n```\n',
    );
    for (const run of ['parsed', 'cached']) {
      const { index, parsed, logger } = await load();
      expect(parsed.includes('d.md'), run).toBe(run === 'parsed');
      expect(
        logger.lines.filter((l) => l.level === 'warn'),
        run,
      ).toEqual([]);
      expect(index.search('constructor 주입').results[0]?.section.heading, run).toBe('생성자 주입');
      expect(index.search('valueOf').results[0]?.section.file, run).toBe('d.md');
    }
  });

  it('parses only the edited file, and forgets a removed one', async () => {
    await load();
    writeFileSync(path.join(notes, 'b.md'), '## 네트워크\n호스트 네트워크도 있다.\n');
    rmSync(path.join(notes, 'c.md'));
    const after = await load();
    expect(after.parsed).toEqual(['b.md']);
    expect(after.index.sections.map((s) => s.file)).toEqual(['a.md', 'b.md']);
    writeFileSync(path.join(notes, 'c.md'), '## 이미지\n이미지는 읽기 전용 레이어의 묶음이다.\n![x](./x.png)\n');
    expect((await load()).parsed).toEqual(['c.md']);
  });

  it('does not start the parser thread when every file comes from the cache', async () => {
    await load();
    const cache = persistentParseCache(cacheFile, { settings: 'v' });
    const fresh = createMarkdownPool();
    try {
      await loadNotes(notes, { cache, pool: fresh });
      expect(fresh.started).toBe(0);
      writeFileSync(path.join(notes, 'a.md'), '## 볼륨\n볼륨은 호스트 밖에도 둘 수 있다.\n');
      await loadNotes(notes, { cache, pool: fresh });
      expect(fresh.started).toBe(1);
    } finally {
      cache.close();
      await fresh.close();
    }
  });

  it('keeps the same section objects for unchanged files across reloads, fallback authors included', async () => {
    const cache = createParseCache();
    const options = { cache, pool: countingPool(), authorFallback: (file: string) => `author of ${file}` };
    const first = await loadNotes(notes, options);
    writeFileSync(path.join(notes, 'b.md'), '## 네트워크\n호스트 네트워크도 있다.\n');
    const second = await loadNotes(notes, options);
    const byFile = (index: typeof first, file: string) => index.sections.find((s) => s.file === file);
    // The index keeps each section's analysed text by object: the same object is analysed once.
    expect(byFile(second, 'a.md')).toBe(byFile(first, 'a.md'));
    expect(byFile(second, 'a.md')?.author).toBe('author of a.md');
    expect(byFile(second, 'b.md')).not.toBe(byFile(first, 'b.md'));
    expect(second.search('호스트 네트워크').results[0]?.section.file).toBe('b.md');
  });

  it('parses everything again when the settings it depends on change', async () => {
    await load('one');
    expect((await load('two')).parsed.sort()).toEqual(['a.md', 'b.md', 'c.md']);
  });

  it('goes on without a cache file that is not a database, with one warning', async () => {
    writeFileSync(cacheFile, 'this is not sqlite'.repeat(100));
    const { index, parsed, logger } = await load();
    expect(parsed.sort()).toEqual(['a.md', 'b.md', 'c.md']);
    expect(index.sections).toHaveLength(3);
    expect(logger.lines.filter((l) => l.level === 'warn' && l.msg?.startsWith('notes cache'))).toHaveLength(1);
  });

  it('lives beside the database by default, and not at all for an in-memory one or when off', () => {
    const base = { DATABASE_PATH: path.join(dir, 'study.db') };
    expect(notesCachePath(loadConfig(base))).toBe(path.join(dir, 'study-notes-cache.db'));
    expect(notesCachePath(loadConfig({ DATABASE_PATH: ':memory:' }))).toBeNull();
    expect(notesCachePath(loadConfig({ ...base, NOTES_CACHE_PATH: 'off' }))).toBeNull();
  });
});
