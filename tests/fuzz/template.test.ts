/**
 * Template import: a member uploads any file as their filled study template. (Round trips of random valid records
 * are covered by tests/study/template.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttachmentArg } from '../../src/commands/types.js';
import { UserError } from '../../src/core/errors.js';
import { decodeTemplate, planFromParsed } from '../../src/study/importer.js';
import { parseTemplate } from '../../src/study/template-parse.js';
import { TEMPLATE } from '../../src/study/template.js';
import { studyEnv } from '../study/support.js';
import { check, expectTranslatedUserError, hangul, hostileString, runs, userErrorOr, TIMEOUT } from './runs.js';

const TOKENS = [
  ...Object.values(TEMPLATE).map((t) => `${t}\n`),
  '- ',
  '  - ',
  '    - ',
  '- [ ] ',
  '- [x] ',
  'Chapter 1: ',
  '3장: ',
  '챕터 2：',
  '1시간 20분',
  '⭐⭐⭐☆☆ (3/5)',
  '(6/5)',
  '이유: ',
  '예: ',
  '\n',
  '```',
  '> ',
];
/** Kept under a few KB: the markdown parser's time grows quadratically with nested list items (see the report). */
const markdown = hostileString({ tokens: TOKENS, maxLength: 300, units: [hangul] });
const file: AttachmentArg = { id: 'a1', name: 't.md', url: 'https://x/t.md', size: 1, contentType: 'text/markdown' };

const env = studyEnv();
afterAll(() => env.cleanup());

describe('fuzz: template import', () => {
  it(
    'parseTemplate never throws on arbitrary markdown, and what it reads is in range',
    () => {
      check(
        fc.property(markdown, (text) => {
          // Warnings are shown to the member translated, like a UserError.
          const parsed = parseTemplate(text);
          for (const [chapter, minutes] of parsed.minutes) {
            expect(Number.isInteger(chapter) && chapter >= 0 && chapter <= 999).toBe(true);
            expect(minutes).toBeGreaterThan(0);
          }
          for (const r of parsed.ratings.values()) if (r.stars !== null) expect([1, 2, 3, 4, 5]).toContain(r.stars);
          for (const w of parsed.warnings) expectTranslatedUserError(new UserError(w.key, w.params));
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'decodeTemplate accepts UTF-8 text or refuses with a translated UserError',
    () => {
      check(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }),
            markdown.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
          ),
          (bytes) => {
            const text = userErrorOr(() => decodeTemplate(Buffer.from(bytes)));
            if (text !== undefined) expect(text.includes('\u0000')).toBe(false);
          },
        ),
      );
    },
    TIMEOUT,
  );

  it(
    'planning an import never throws and plans only chapters of the book',
    () => {
      check(
        fc.property(markdown, (text) => {
          const plan = planFromParsed(env.deps, 'g1', 'u1', parseTemplate(text));
          const known = new Set(env.deps.book.chapters.map((c) => c.number));
          for (const l of plan.logs) expect(known.has(l.chapter)).toBe(true);
          for (const r of plan.ratings) expect(known.has(r.chapter)).toBe(true);
          for (const w of plan.warnings) expectTranslatedUserError(new UserError(w.key, w.params));
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'the /template import handler answers any upload without an internal error',
    async () => {
      let internal = 0;
      const logger = env.services.logger;
      env.services.logger = { ...logger, error: () => void internal++ };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            markdown.map((t) => Buffer.from(t, 'utf8')),
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          ),
          async (data) => {
            const reply = await env.run('template', 'import', { file }, { fetchAttachment: async () => data });
            expect(internal).toBe(0);
            expect(reply.content ?? reply.embeds?.length).toBeTruthy();
          },
        ),
        { numRuns: runs(0.1) },
      );
      env.services.logger = logger;
    },
    TIMEOUT,
  );
});
