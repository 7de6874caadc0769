import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/context.js';
import { NotesDirError, loadNotes } from '../../src/notes/load.js';
import { buildIndex } from '../../src/notes/build.js';
import { BUNDLED_NOTES, indexOf } from './support/questions.js';

describe('bad queries never throw', () => {
  const index = indexOf(BUNDLED_NOTES);

  it('handles empty, huge and control-character queries', () => {
    for (const query of [
      '',
      '   ',
      '?!',
      '\u0000\u0007\u001b[31m',
      '이미지\u0000란',
      'x'.repeat(10_000),
      '이미지 '.repeat(2_500),
    ]) {
      const result = index.search(query);
      expect(result.results.length).toBeLessThanOrEqual(5);
      expect(index.autocomplete(query).length).toBeLessThanOrEqual(25);
    }
    expect(index.search('').found).toBe(false);
    expect(index.search('이미지\u0000란').results[0]?.section.heading).toBe('이미지');
  });

  it('answers a 10 000-character query (its latency is in `npm run bench -- search`)', () => {
    const result = index.search('도커 이미지 컨테이너 '.repeat(800));
    expect(result.results.length).toBeLessThanOrEqual(5);
    expect(result.results[0]?.section.kind ?? 'concept').toBe('concept');
  });

  it('survives arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (query) => {
        const result = index.search(query);
        expect(result.found).toBe(result.results.length > 0);
        index.autocomplete(query);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loading a notes folder with bad files', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'notes-'));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'good.md'), '# 좋은 노트\n볼륨은 데이터를 유지한다.\n');
    await writeFile(path.join(dir, 'sub', 'nested.md'), '## 네트워크\n브리지 드라이버\n');
    await writeFile(path.join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9]));
    await writeFile(path.join(dir, 'fence.md'), '# 펜스\n```js\nunclosed fence\n## not a heading\n');
    await writeFile(path.join(dir, 'huge.md'), `# ${'긴제목'.repeat(20_000)}\n본문\n${'#'.repeat(7)} too deep\n`);
    await writeFile(path.join(dir, 'notes.txt'), 'not markdown');
    // Tests run as root, where chmod 000 does not stop reads: a dangling symlink is unreadable for everyone.
    await symlink(path.join(dir, 'missing-target.md'), path.join(dir, 'dangling.md'));
    await writeFile(path.join(dir, 'locked.md'), '# 잠김\n');
    await chmod(path.join(dir, 'locked.md'), 0o000);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips binary, non-UTF-8 and unreadable files with a warning naming each, and loads the rest', async () => {
    const warn = vi.fn();
    const index = await loadNotes(dir, { logger: { ...silentLogger, warn } });
    const files = [...new Set(index.sections.map((s) => s.file))];
    expect(files).toEqual(expect.arrayContaining(['fence.md', 'good.md', 'huge.md', 'sub/nested.md']));
    expect(files).not.toContain('binary.md');
    expect(files).not.toContain('latin1.md');
    expect(files).not.toContain('dangling.md');
    for (const name of ['binary.md', 'latin1.md', 'dangling.md']) {
      expect(index.warnings.some((w) => w.startsWith(name))).toBe(true);
    }
    expect(warn).toHaveBeenCalledTimes(index.warnings.length);
    expect(index.search('볼륨 데이터').results[0]?.section.file).toBe('good.md');
  });

  it('keeps an unclosed code fence as body text and a huge heading as a heading', async () => {
    const index = await loadNotes(dir);
    const fence = index.sections.filter((s) => s.file === 'fence.md');
    expect(fence.map((s) => s.heading)).toEqual(['펜스']);
    expect(fence[0]?.body).toContain('## not a heading');
    expect(index.sections.find((s) => s.file === 'huge.md')?.heading.length).toBeGreaterThan(50_000);
    expect(index.autocomplete('긴제목').every((hit) => hit.label.length <= 100)).toBe(true);
  });

  it('orders files deterministically', async () => {
    const first = (await loadNotes(dir)).sections.map((s) => s.id);
    expect((await loadNotes(dir)).sections.map((s) => s.id)).toEqual(first);
    expect(first[0]?.startsWith('fence.md')).toBe(true);
  });

  it('throws NotesDirError for a missing folder or a file given as the folder', async () => {
    await expect(loadNotes(path.join(dir, 'nope'))).rejects.toBeInstanceOf(NotesDirError);
    await expect(loadNotes(path.join(dir, 'good.md'))).rejects.toThrow(/not a folder/);
  });

  it('builds in memory from files, also from none', () => {
    expect(buildIndex([]).search('도커').found).toBe(false);
    expect(buildIndex([{ file: 'a.md', text: '\uFEFF# 도커\r\n본문\r\n' }]).sections[0]?.body).toBe('본문');
  });
});

describe('a notes file that is a link out of the folder', () => {
  it('is skipped with a warning, and a link to a file inside the folder is read', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'notes-'));
    try {
      await writeFile(path.join(outside, 'secret.md'), '## 비밀\nDISCORD_TOKEN=abc\n');
      await writeFile(path.join(dir, 'real.md'), '## 볼륨\n볼륨은 데이터를 유지한다.\n');
      await symlink(path.join(outside, 'secret.md'), path.join(dir, 'leak.md'));
      await symlink(path.join(dir, 'real.md'), path.join(dir, 'alias.md'));
      const index = await loadNotes(dir);
      expect(index.sections.map((s) => `${s.file}:${s.heading}`).sort()).toEqual(['alias.md:볼륨', 'real.md:볼륨']);
      expect(index.warnings).toEqual(['leak.md: skipped, a link to a file outside the notes folder']);
    } finally {
      await rm(outside, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
