import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInside,
  isInside,
  readFileInside,
  realPathInside,
  resolveInside,
  safeFileName,
} from '../../src/core/paths.js';

describe('resolveInside (lexical)', () => {
  const root = path.resolve('/srv/notes');

  it('resolves a relative path inside the root', () => {
    expect(resolveInside(root, 'img/a.png')).toBe(path.join(root, 'img/a.png'));
    expect(resolveInside(root, 'img/../b.png')).toBe(path.join(root, 'b.png'));
    expect(resolveInside(root, './sub/./c.png')).toBe(path.join(root, 'sub/c.png'));
  });

  it('rejects `..` that climbs out, absolute paths, NUL and the empty path', () => {
    for (const bad of [
      '../secret.txt',
      'img/../../x',
      '..',
      '../../../../etc/passwd',
      '/etc/passwd',
      'C:\\x',
      'a\0b',
      '',
    ])
      expect(resolveInside(root, bad), JSON.stringify(bad)).toBeNull();
  });

  it('does not take a sibling folder sharing the prefix for the root', () => {
    expect(resolveInside(root, '../notes-private/x')).toBeNull();
    expect(isInside(root, `${root}-private/x`)).toBe(false);
    expect(isInside(root, root)).toBe(true);
  });

  it('decodes %-escapes only when asked, and checks what they decode to', () => {
    expect(resolveInside(root, '%2e%2e/secret.txt', { decode: true })).toBeNull();
    expect(resolveInside(root, '..%2Fsecret.txt', { decode: true })).toBeNull();
    expect(resolveInside(root, 'a%00b', { decode: true })).toBeNull();
    expect(resolveInside(root, '%2Fetc%2Fpasswd', { decode: true })).toBeNull();
    expect(resolveInside(root, '%EC%9D%B4%EB%AF%B8%EC%A7%80.png', { decode: true })).toBe(
      path.join(root, '이미지.png'),
    );
    expect(resolveInside(root, '%2e%2e/secret.txt')).toBe(path.join(root, '%2e%2e/secret.txt'));
    expect(resolveInside(root, '100%.png', { decode: true })).toBe(path.join(root, '100%.png'));
  });
});

describe('realPathInside and readFileInside (on disk)', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'paths-'));
    root = path.join(base, 'notes');
    mkdirSync(path.join(root, 'img'), { recursive: true });
    writeFileSync(path.join(base, 'secret.txt'), 'secret');
    writeFileSync(path.join(root, 'img', 'a.png'), 'inside');
    symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'img', 'out.png'));
    symlinkSync(path.join(root, 'img', 'a.png'), path.join(root, 'in-link.png'));
    symlinkSync(base, path.join(root, 'up'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.png'));
    // The root reached through a symlink: containment compares real paths on both sides.
    symlinkSync(root, path.join(base, 'notes-link'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('returns the real path of a file inside, following symlinks that stay inside', () => {
    expect(realPathInside(root, 'img/a.png')).toBe(path.join(root, 'img', 'a.png'));
    expect(realPathInside(root, path.join(root, 'in-link.png'))).toBe(path.join(root, 'img', 'a.png'));
    expect(realPathInside(path.join(base, 'notes-link'), 'img/a.png')).toBe(path.join(root, 'img', 'a.png'));
  });

  it('rejects a symlink, or a folder symlink, that points out of the root', () => {
    expect(realPathInside(root, path.join(root, 'img', 'out.png'))).toBeNull();
    expect(checkInside(root, path.join(root, 'img', 'out.png'))).toEqual({ ok: false, reason: 'outside' });
    expect(realPathInside(root, 'up/secret.txt')).toBeNull();
    expect(checkInside(root, path.join(base, 'secret.txt'))).toEqual({ ok: false, reason: 'outside' });
  });

  it('says missing for a missing file or a dangling symlink', () => {
    expect(checkInside(root, 'nope.png')).toEqual({ ok: false, reason: 'missing' });
    expect(checkInside(root, 'dangling.png')).toEqual({ ok: false, reason: 'missing' });
  });

  it('reads a regular file inside, bounded by maxBytes', () => {
    const read = readFileInside(root, 'in-link.png', 100);
    expect(read).toMatchObject({ ok: true, realPath: path.join(root, 'img', 'a.png') });
    expect(read.ok && read.data.toString()).toBe('inside');
    expect(readFileInside(root, 'img/a.png', 3)).toEqual({
      ok: false,
      reason: 'too-large',
      realPath: path.join(root, 'img', 'a.png'),
      size: 6,
    });
  });

  it('never reads a file outside the root, a folder, or a missing file', () => {
    expect(readFileInside(root, 'img/out.png', 100)).toEqual({ ok: false, reason: 'outside' });
    expect(readFileInside(root, 'up/secret.txt', 100)).toEqual({ ok: false, reason: 'outside' });
    expect(readFileInside(root, '../secret.txt', 100)).toEqual({ ok: false, reason: 'outside' });
    expect(readFileInside(root, 'img', 100)).toMatchObject({ ok: false, reason: 'not-file' });
    expect(readFileInside(root, 'nope.png', 100)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('safeFileName', () => {
  it('keeps only a plain name: no folders, control characters or leading dots', () => {
    expect(safeFileName('study-123.csv')).toBe('study-123.csv');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\\b\\..\\c.png')).toBe('c.png');
    expect(safeFileName('.env')).toBe('env');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('x\0y\n.png')).toBe('x_y_.png');
    expect(safeFileName('')).toBe('file');
    expect([...safeFileName(`${'가'.repeat(300)}.png`)].length).toBe(120);
  });
});
