/**
 * Who wrote a file when the notes folder is one book's folder, with the members' folders at its top
 * (`김규민/[Chapter4] 도커 기초.md`): the folder tells, from the files beside it, what one path cannot.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorOf, membersAtTop, topMemberOf } from '../../src/notes/authors.js';
import { loadNotes } from '../../src/notes/load.js';
import { NOTES_TESTS } from './support/questions.js';

describe('member folders at the top of the notes folder', () => {
  it('are top folders whose chapter or week files share a chapter or week with another', () => {
    const files = [
      '김규민/[Chapter4] 도커 기초.md',
      '이서연/[Chapter 4] 도커 기초.md',
      '박지훈/[Chatper4] 도커 설치와 실행.md',
      // Another book's folder shares no chapter with the members: a book, not a member.
      '쿠버책/[Chapter9] 쿠버네티스 기초.md',
      // A generic folder is never a member.
      'images/[Chapter4] 그림.md',
      'README.md',
    ];
    expect([...membersAtTop(files)].sort()).toEqual(['김규민', '박지훈', '이서연']);
    expect(membersAtTop(['정민정/week_1.md', '한지수/week1.md', '한지수/7월 2주차.md'])).toEqual(
      new Set(['정민정', '한지수']),
    );
    // One folder alone may as well be the book.
    expect(membersAtTop(['김규민/[Chapter4] a.md', '김규민/[Chapter5] b.md']).size).toBe(0);
    // The path alone still cannot tell.
    expect(authorOf('김규민/[Chapter4] a.md', null)).toBeNull();
    expect(topMemberOf('김규민/[Chapter4] a.md', new Set(['김규민']))).toBe('김규민');
    expect(topMemberOf('김규민/notes/a.md', new Set(['김규민']))).toBe('김규민');
    expect(topMemberOf('김규민/도커/a.md', new Set(['김규민']))).toBe('김규민');
    expect(topMemberOf('김규민/사이드 프로젝트/a.md', new Set(['김규민']))).toBeNull();
  });

  it('name the author of each section when the notes folder is the book folder', async () => {
    const index = await loadNotes(path.join(NOTES_TESTS, 'fixtures/shapes/docker-book'));
    const authorOfFile = new Map(index.sections.map((s) => [s.file, s.author]));
    expect(authorOfFile.get('김규민/[Chapter4] 도커 기초.md')).toBe('김규민');
    expect(authorOfFile.get('박지훈/[Chatper4] 도커 설치와 실행.md')).toBe('박지훈');
    // Below a folder that names no one (notes/), the member folder still names the author.
    expect(authorOfFile.get('정하늘/notes/[Chapter4, 5.7] 이미지와 볼륨.md')).toBe('정하늘');
    expect(authorOfFile.get('이서연/[Chapter 4] 도커 기초.md')).toBe('이서연');
  });
});
