/** Chapter references (`3`, `3장`, `Chapter 3`, a title) and chapter autocomplete, plus the book file itself. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { LIMITS } from '../../src/core/reply.js';
import { BookError, chapterLabel, parseBook, resolveChapter, searchChapters, type Book } from '../../src/study/book.js';
import { check, hangul, hostileString, hugeString, TIMEOUT } from './runs.js';

const realBook = parseBook(readFileSync(path.join(PROJECT_ROOT, 'data', 'book.yaml'), 'utf8'));
const TOKENS = ['ch', 'Chapter ', '챕터', '장', '3', '12', '999', '1000', '.', ' ', '도커', 'ㄷㅋ', '이미지'];
const chapterInput = hostileString({ tokens: TOKENS });

/** Random valid books: unique chapter numbers, titles of hostile text (trimmed, 1..80 as the schema demands). */
const bookArb: fc.Arbitrary<Book> = fc
  .uniqueArray(
    fc.record({
      number: fc.integer({ min: 0, max: 999 }),
      title: hostileString({ maxLength: 80, units: [hangul] })
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    }),
    { minLength: 1, maxLength: 60, selector: (c) => c.number },
  )
  .map((chapters) => ({ title: 'b', chapters: chapters.sort((a, b) => a.number - b.number) }));

describe('fuzz: chapter references', () => {
  it(
    'resolveChapter never throws and finds only chapters of the book',
    () => {
      check(
        fc.property(fc.oneof(fc.constant(realBook), bookArb), chapterInput, (book, input) => {
          const c = resolveChapter(book, input);
          if (c) expect(book.chapters).toContain(c);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'finds every chapter by its number, its `N장` and its exact title',
    () => {
      check(
        fc.property(bookArb, fc.nat(), (book, i) => {
          const c = book.chapters[i % book.chapters.length];
          if (!c) return;
          expect(resolveChapter(book, String(c.number))).toBe(c);
          expect(resolveChapter(book, `${c.number}장`)).toBe(c);
          // A title that itself reads as a number (`7`) names that chapter number instead: numbers win.
          const byTitle = resolveChapter(book, c.title);
          if (!/^\s*(?:ch(?:apter)?\.?\s*|챕터\s*)?\d{1,3}\s*장?\s*$/i.test(c.title.normalize('NFKC'))) {
            expect(byTitle?.title.toLowerCase()).toBe(c.title.toLowerCase());
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'autocomplete never throws, stays within 25 choices, and labels fit 100 characters',
    () => {
      check(
        fc.property(fc.oneof(fc.constant(realBook), bookArb), chapterInput, (book, input) => {
          const found = searchChapters(book, input);
          expect(found.length).toBeLessThanOrEqual(LIMITS.choices);
          for (const c of found) {
            expect(book.chapters).toContain(c);
            expect(chapterLabel(c).length).toBeLessThanOrEqual(LIMITS.choiceName);
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'autocomplete survives huge input',
    () => {
      check(
        fc.property(hugeString(6000, TOKENS), (input) => {
          expect(searchChapters(realBook, input).length).toBeLessThanOrEqual(LIMITS.choices);
          resolveChapter(realBook, input);
        }),
        0.05,
      );
    },
    TIMEOUT,
  );

  it(
    'reports an alias without an anchor, or an alias bomb, as a BookError at the alias line',
    () => {
      expect(() => parseBook('title: 책\nchapters: *nope\n')).toThrow(/^book\.yaml:2: Unresolved alias/);
      // Six levels of nine aliases each: 9^6 nodes if expanded (yaml refuses).
      const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]'];
      for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef'])
        bomb.push(`${name}: &${name} [${`*${prev}, `.repeat(9)}]`);
      expect(() => parseBook(bomb.join('\n'))).toThrow(BookError);
    },
    TIMEOUT,
  );

  it(
    'parseBook either returns a valid book or throws a BookError naming a line',
    () => {
      const yamlish = hostileString({
        maxLength: 200,
        tokens: [
          'title: ',
          'chapters:\n',
          '  - number: ',
          '    title: ',
          '\n',
          '- ',
          '{',
          '}',
          '[',
          ']',
          '"',
          "'",
          '&a',
          '*a',
          '!!str',
          '#',
        ],
      });
      check(
        fc.property(yamlish, (text) => {
          try {
            const book = parseBook(text, 'book.yaml');
            expect(book.chapters.length).toBeGreaterThan(0);
          } catch (err) {
            expect(err).toBeInstanceOf(BookError);
            expect((err as Error).message).toMatch(/^book\.yaml(:\d+)?: \S/);
          }
        }),
      );
    },
    TIMEOUT,
  );
});
