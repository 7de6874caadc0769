/**
 * The parser thread: a parse that runs too long or out of memory ends its worker and rejects, the next document
 * is parsed by a fresh worker, and urgent work (a member's upload) goes ahead of queued notes files.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMarkdownPool, ParseLimitError, workerExecArgv, type MarkdownPool } from '../../src/markdown/pool.js';
import { parseNotes } from '../../src/notes/parse.js';

const pools: MarkdownPool[] = [];
const pool = (options: Parameters<typeof createMarkdownPool>[0] = {}) => {
  const p = createMarkdownPool(options);
  pools.push(p);
  return p;
};

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const NOTE = '## 볼륨\n볼륨은 컨테이너의 데이터를 영속적으로 저장한다.\n\n### 바인드 마운트\n호스트 경로를 연결한다.\n';
/** Seconds of micromark (quadratic emphasis matching) with no bounds checked first. */
const SLOW = '*a'.repeat(60_000);

describe('the markdown parser thread', () => {
  it('gives the same sections as parsing in this thread', async () => {
    const p = pool();
    const sections = await p.parseNotes('a.md', NOTE, { dir: '/notes' });
    expect(sections).toEqual(parseNotes('a.md', NOTE, { dir: '/notes' }));
  });

  it('parses a template into the same plain data, Maps included', async () => {
    const p = pool();
    const parsed = await p.parseTemplate('## ⏳ 독서 과정 기록\n- **각 장별 소요 시간**:\n  - Chapter 2: 1시간\n');
    expect(parsed.minutes).toEqual(new Map([[2, 60]]));
  });

  it('ends a parse that runs past its time, and parses the next document in a fresh worker', async () => {
    const p = pool({ templateTimeoutMs: 200 });
    const slow = p.parseTemplate(SLOW);
    await expect(slow).rejects.toBeInstanceOf(ParseLimitError);
    await expect(slow).rejects.toMatchObject({ reason: 'timeout' });
    const started = p.started;
    expect((await p.parseNotes('a.md', NOTE, { dir: '/notes' })).map((s) => s.heading)).toEqual([
      '볼륨',
      '바인드 마운트',
    ]);
    expect(p.started).toBe(started + 1);
  });

  it('parses the document sent behind one that timed out, in the fresh worker, with its own time', async () => {
    // The notes file is posted while the slow template runs (two jobs in flight); its clock starts at its turn, so
    // the template's 200 ms do not count against it, and the worker ended with the template does not lose it.
    const p = pool({ templateTimeoutMs: 200, notesTimeoutMs: 5_000 });
    const slow = p.parseTemplate(SLOW);
    const behind = p.parseNotes('a.md', NOTE, { dir: '/notes' });
    await expect(slow).rejects.toMatchObject({ reason: 'timeout' });
    expect((await behind).map((s) => s.heading)).toEqual(['볼륨', '바인드 마운트']);
    expect(p.started).toBe(2);
  });

  it('ends a parse that runs the worker out of memory without touching this thread', async () => {
    const p = pool({ maxHeapMb: 16, notesTimeoutMs: 60_000 });
    const huge = `## 표\n${'| a | b |\n|---|---|\n'}${'| x | y |\n'.repeat(400_000)}`;
    await expect(p.parseNotes('huge.md', huge, { dir: '/notes' })).rejects.toMatchObject({ reason: 'memory' });
    expect(await p.parseNotes('a.md', NOTE, { dir: '/notes' })).toHaveLength(2);
  });

  it('puts a member upload ahead of queued notes files', async () => {
    const p = pool();
    const done: string[] = [];
    const files = Array.from({ length: 5 }, (_, i) =>
      p.parseNotes(`f${i}.md`, NOTE, { dir: '/notes' }).then(() => done.push(`f${i}`)),
    );
    const upload = p.parseTemplate('## 후기\n- 좋았다\n').then(() => done.push('upload'));
    await Promise.all([...files, upload]);
    // The first two files were already on the worker when the upload arrived (two jobs in flight); the upload went
    // before the other three.
    expect(done.indexOf('upload')).toBeLessThanOrEqual(2);
  });

  it('rejects work after close', async () => {
    const p = pool();
    await p.close();
    await expect(p.parseTemplate('x')).rejects.toBeInstanceOf(ParseLimitError);
  });
});

describe("the parser thread's node options", () => {
  it('are inherited as they are when the process was not given its input on the command line', () => {
    expect(workerExecArgv(['--optimize-for-size', '--max-semi-space-size=4'])).toBeUndefined();
    expect(workerExecArgv(['--import', 'tsx'])).toBeUndefined();
  });

  it('keep only the options that load code when it was (-e, -p, --input-type)', () => {
    expect(workerExecArgv(['--optimize-for-size', '--input-type=module', '-e', 'code'])).toEqual([]);
    expect(workerExecArgv(['--input-type', 'module', '--import', 'tsx', '-e', 'code', '--conditions=dev'])).toEqual([
      '--import',
      'tsx',
      '--conditions=dev',
    ]);
    expect(workerExecArgv(['-p', '1 + 1', '--require', 'a.cjs'])).toEqual(['--require', 'a.cjs']);
  });

  it('let the built parser start under node --input-type=module -e, as in a one-line script', () => {
    // The built pool (dist/, which the global setup keeps current): its worker is a file, which `--input-type`
    // breaks; from source the worker is an eval'd bootstrap, which it does not.
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const poolUrl = pathToFileURL(path.join(root, 'dist/markdown/pool.js')).href;
    const script = [
      `const { createMarkdownPool } = await import(${JSON.stringify(poolUrl)});`,
      'const pool = createMarkdownPool();',
      `const sections = await pool.parseNotes('a.md', ${JSON.stringify(NOTE)}, { dir: '/notes' });`,
      'console.log(JSON.stringify(sections.map((s) => s.heading)));',
      'await pool.close();',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out.trim())).toEqual(['볼륨', '바인드 마운트']);
  });
});
