import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { BookError, loadBook, parseBook, resolveChapter, searchChapters } from '../../src/study/book.js';
import { testBook } from './support.js';

const bad = (yaml: string) => {
  try {
    parseBook(yaml, 'book.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(BookError);
    return (err as Error).message;
  }
  throw new Error('expected a BookError');
};

describe('book.yaml', () => {
  it('ships a valid Docker book with chapters in order', async () => {
    const book = await loadBook(path.join(PROJECT_ROOT, 'data', 'book.yaml'));
    expect(book.chapters.length).toBeGreaterThanOrEqual(5);
    expect(book.chapters.map((c) => c.number)).toEqual([...book.chapters.map((c) => c.number)].sort((a, b) => a - b));
    expect(readFileSync(path.join(PROJECT_ROOT, 'data', 'book.yaml'), 'utf8')).toMatch(/도커/);
  });

  it('names the line of an empty chapter title', () => {
    const msg = bad('title: 책\nchapters:\n  - number: 1\n    title: 소개\n  - number: 2\n    title: ""\n');
    expect(msg).toMatch(/^book\.yaml:6: chapters\.1\.title: /);
  });

  it('names the line of a duplicate chapter number', () => {
    expect(bad('title: 책\nchapters:\n  - number: 1\n    title: a\n  - number: 1\n    title: b\n')).toMatch(
      /^book\.yaml:5: chapters\.1\.number: duplicate chapter 1/,
    );
  });

  it('names the line of a non-numeric chapter number and of a YAML syntax error', () => {
    expect(bad('title: 책\nchapters:\n  - number: one\n    title: a\n')).toMatch(/^book\.yaml:3: chapters\.0\.number/);
    expect(bad('title: 책\nchapters:\n  - number: 1\n    title: [a\n')).toMatch(/^book\.yaml:\d+: /);
    expect(bad('chapters:\n  - number: 1\n    title: a\n')).toMatch(/^book\.yaml:1: title: Required/);
  });

  it('names a missing file', async () => {
    await expect(loadBook('/nonexistent/book.yaml')).rejects.toThrow(/book\.yaml: cannot read.*ENOENT/);
  });

  it('finds chapters by number, title and choseong', () => {
    expect(resolveChapter(testBook, '3')?.title).toBe('이미지와 레이어');
    expect(resolveChapter(testBook, '3장')?.number).toBe(3);
    expect(resolveChapter(testBook, 'Chapter 2')?.number).toBe(2);
    expect(resolveChapter(testBook, '도커 소개')?.number).toBe(1);
    expect(resolveChapter(testBook, '9')).toBeUndefined();
    expect(searchChapters(testBook, '2').map((c) => c.number)).toEqual([2]);
    expect(searchChapters(testBook, '이미지').map((c) => c.number)).toEqual([3]);
    expect(searchChapters(testBook, 'ㄷㅋ').map((c) => c.number)).toEqual([1, 2]);
    expect(searchChapters(testBook, 'ㅋㅌㅇㄴ').map((c) => c.number)).toEqual([4]);
    expect(searchChapters(testBook, '').length).toBe(4);
  });
});
