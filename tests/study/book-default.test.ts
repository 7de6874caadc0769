/**
 * The shipped book is the group's real one (장철원, 『한 권으로 배우는 도커 & 쿠버네티스』, 2024) with only the chapter
 * titles the group's notes name; no placeholder title reaches a chart, the /progress embed or an export.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { chapterLabel, loadBook, parseBook, resolveChapter, searchChapters, type Book } from '../../src/study/book.js';
import { kst, studyEnv, textOf, type StudyEnv } from './support.js';

const BOOK_FILE = path.join(PROJECT_ROOT, 'data', 'book.yaml');
const PLACEHOLDER = /책 제목을 입력|제목을 입력하세요|\(책 제목/;

describe('the shipped book.yaml', () => {
  it('is the group’s book, without a placeholder title', async () => {
    const book = await loadBook(BOOK_FILE);
    expect(book.title).toBe('한 권으로 배우는 도커 & 쿠버네티스');
    expect(book.author).toBe('장철원');
    expect(book.year).toBe(2024);
    expect(readFileSync(BOOK_FILE, 'utf8')).not.toMatch(PLACEHOLDER);
  });

  it('titles only the chapters the group’s notes name; the others are just their number', async () => {
    const book = await loadBook(BOOK_FILE);
    const titled = book.chapters.filter((c) => c.title !== '').map((c) => [c.number, c.title]);
    expect(titled).toEqual([
      [2, '도커의 개념'],
      [4, '도커 기초'],
      [7, '쿠버네티스의 기본 구조'],
      [9, '쿠버네티스 기초'],
    ]);
    expect(book.chapters.map((c) => c.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(chapterLabel(book.chapters[2] as Book['chapters'][number])).toBe('3장');
    expect(chapterLabel(book.chapters[1] as Book['chapters'][number])).toBe('2. 도커의 개념');
  });

  it('is not ignored by git', () => {
    const ignored = readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored.filter((l) => /book\.ya?ml/.test(l))).toEqual([]);
  });
});

describe('chapters whose title only repeats their number', () => {
  const book = parseBook(
    'title: 책\nchapters:\n  - number: 1\n    title: 1장\n  - number: 2\n    title: 도커의 개념\n',
  );

  it('have no title of their own and are found by number, not by an empty title', () => {
    expect(book.chapters[0]).toEqual({ number: 1, title: '' });
    expect(resolveChapter(book, '1장')?.number).toBe(1);
    expect(resolveChapter(book, '')).toBeUndefined();
    expect(searchChapters(book, '1장').map((c) => c.number)).toEqual([1]);
    expect(searchChapters(book, 'Chapter 2').map((c) => c.number)).toEqual([2]);
  });

  it('keep a title that names another number', () => {
    expect(parseBook('title: 책\nchapters:\n  - number: 1\n    title: 3장\n').chapters[0]?.title).toBe('3장');
  });
});

describe('the book title in what members get', () => {
  let env: StudyEnv;
  beforeEach(async () => {
    env = studyEnv({ book: await loadBook(BOOK_FILE) });
    env.clock.set(kst(2026, 11, 28, 21));
    await env.run('log', 'add', { minutes: '3h', chapter: '2' });
    await env.run('rate', undefined, { chapter: '4', stars: 3 });
  });
  afterEach(() => env.cleanup());

  it('/progress (the chart title is built from the same book title) and /group name the real book', async () => {
    const progress = await env.run('progress', undefined);
    expect(textOf(progress)).toContain('한 권으로 배우는 도커 & 쿠버네티스');
    expect(textOf(progress)).not.toMatch(PLACEHOLDER);
    expect(progress.files?.[0]?.name).toBe('progress.png');
    expect(textOf(progress)).toContain('2장 도커의 개념');
    const group = await env.run('group', undefined);
    expect(textOf(group)).toContain('한 권으로 배우는 도커 & 쿠버네티스');
  });

  it('/template export carries the real title and no placeholder', async () => {
    const reply = await env.run('template', 'export');
    const text = reply.files?.[0]?.data.toString('utf8') ?? '';
    expect(text).toContain('한 권으로 배우는 도커 & 쿠버네티스');
    expect(text).not.toMatch(PLACEHOLDER);
  });
});
