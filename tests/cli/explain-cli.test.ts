/**
 * `cli explain`: the JSON contract the issue fixes, JSON Lines from --stdin, and exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { runCliCaptured } from '../support/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'studybot-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = runCliCaptured;

describe('cli explain', () => {
  it('prints exactly one JSON object with the best section first', async () => {
    const { code, out } = await cli(['explain', '이미지 이름 규칙', '--json']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0] ?? '');
    expect(Object.keys(json)).toEqual(['query', 'found', 'results', 'suggestions']);
    expect(json.found).toBe(true);
    expect(json.results.length).toBeLessThanOrEqual(5);
    expect(json.results[0]).toMatchObject({
      heading: '이미지 이름 규칙',
      path: ['이미지 레지스트리', '이미지 이름 규칙'],
      file: 'docker-study.md',
      line: 42,
    });
    expect(typeof json.results[0].score).toBe('number');
    expect(json.results[0].text).toContain('${레지스트리주소}');
  });

  it('answers "not found" with no results and exit code 0', async () => {
    const { code, out } = await cli(['explain', 'Python GIL', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ found: false, results: [] });
  });

  it('reads one question per line from --stdin and prints JSON Lines', async () => {
    const { code, out } = await cli(
      ['explain', '--stdin', '--json'],
      '도커 호스트란?\n\nReact hooks\n컨테이너가 뭐야\n',
    );
    expect(code).toBe(0);
    const answers = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.found)).toEqual([true, false, true]);
    expect(answers[0].results[0].heading).toBe('도커 호스트');
    expect(answers[2].results[0].heading).toBe('컨테이너');
  });

  it('reads another notes folder with --notes', async () => {
    const notes = path.join(tmp, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'k8s.md'), '# 쿠버네티스\n\n## 파드\n파드는 쿠버네티스의 가장 작은 배포 단위다.\n');
    const { code, out } = await cli(['explain', '파드란?', '--json', '--notes', notes]);
    expect(code).toBe(0);
    expect(JSON.parse(out).results[0]).toMatchObject({ heading: '파드', path: ['파드'], file: 'k8s.md', line: 3 });
  });

  it('says a heading with nothing under it is a known topic without notes', async () => {
    const { out } = await cli(['explain', '이미지 빌드', '--json']);
    const json = JSON.parse(out);
    expect(json.results[0]).toMatchObject({ heading: '이미지 빌드', empty: true, text: '' });
  });

  it('exits 2 with one line on stderr for bad usage or an unreadable notes folder', async () => {
    for (const args of [
      ['explain'],
      ['explain', '--bogus', 'x'],
      ['explain', 'x', '--notes', path.join(tmp, 'missing')],
    ]) {
      const { code, out, err } = await cli(args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('works through the npm script the README gives', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'cli', '--', 'explain', '도커 클라이언트', '--json'],
      {
        cwd: PROJECT_ROOT,
      },
    );
    expect(JSON.parse(stdout).results[0].heading).toBe('도커 클라이언트');
  }, 30_000);
});
