/** The group's notes markdown (any file in the notes folder) and what members search it with (/explain). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { LIMITS } from '../../src/core/reply.js';
import { buildIndex } from '../../src/notes/build.js';
import { parseNotes } from '../../src/notes/parse.js';
import { check, hangul, hostileString, hugeString, TIMEOUT } from './runs.js';

const seed = readFileSync(path.join(PROJECT_ROOT, 'data', 'notes', 'docker-study.md'), 'utf8');
const seedIndex = buildIndex([{ file: 'docker-study.md', text: seed }]);

const MD_TOKENS = [
  '# ',
  '## ',
  '###### ',
  '####### ',
  '\n',
  '\n\n',
  '- ',
  '  - ',
  '> ',
  '1. ',
  '```',
  '```bash\n',
  '~~~',
  '    ',
  '===',
  '---',
  '![a](b.png)',
  '[x]: y.png',
  '![x][x]',
  '<div>',
  '|a|b|\n|-|-|\n',
  '**',
  '`',
  '\u0000',
  '\r',
  '\r\n',
  '후기',
  '도커 ',
  '이미지',
];

/** Markdown built from blocks, hostile text and pathological shapes. */
const block = fc.oneof(
  { arbitrary: hostileString({ tokens: MD_TOKENS, maxLength: 60, units: [hangul] }), weight: 6 },
  {
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), hugeString(3000)).map(([d, t]) => `${'#'.repeat(d)} ${t}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('> ', '- ', '* ', '1. ', '  ', '>'),
        // Parse time grows with the square of the depth (a 1000-deep line takes ~0.5 s); 200 levels keep 10 000 cases affordable.
        fc.integer({ min: 1, max: 200 }),
        hostileString({ maxLength: 10 }),
      )
      .map(([mark, depth, text]) => `${mark.repeat(depth)}${text}`),
    weight: 1,
  },
  {
    arbitrary: fc
      // Nesting over many lines stays under 60 levels: micromark's time grows quadratically with it (see report).
      .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('- ', '> ', '1. '))
      .map(([depth, mark]) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}${mark}x`).join('\n')),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '```\nunclosed',
      '~~~~\n# not a heading',
      '```\n# in code\n```',
      'Setext\n===',
      '# \u0000\u0000',
    ),
    weight: 1,
  },
);
const markdown = fc.array(block, { maxLength: 12 }).map((blocks) => blocks.join('\n'));
const query = fc.oneof(
  hostileString({
    tokens: ['도커', '이미지', 'docker', 'image', '?', '란', ' ', 'ㄷㅋ', '레지스트리'],
    maxLength: 60,
    units: [hangul],
  }),
  hugeString(6000),
);

describe('fuzz: notes markdown', () => {
  it(
    'parseNotes never throws; sections sit on lines of the file, with unique ids and a consistent tree',
    () => {
      check(
        fc.property(markdown, (text) => {
          const sections = parseNotes('f.md', text, { dir: '/notes', fileExists: () => false });
          const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
          const ids = new Set(sections.map((s) => s.id));
          expect(ids.size).toBe(sections.length);
          for (const s of sections) {
            expect(s.line).toBeGreaterThanOrEqual(1);
            expect(s.line).toBeLessThanOrEqual(lines);
            expect(s.depth).toBeGreaterThanOrEqual(1);
            expect(s.depth).toBeLessThanOrEqual(6);
            if (s.parent !== null) expect(ids.has(s.parent)).toBe(true);
            for (const child of s.children) expect(ids.has(child)).toBe(true);
          }
        }),
        0.05,
      );
    },
    TIMEOUT,
  );

  it(
    'search and autocomplete over random notes never throw and respect their limits',
    () => {
      check(
        fc.property(markdown, query, fc.integer({ min: -5, max: 40 }), (text, q, limit) => {
          const index = buildIndex([{ file: 'f.md', text }]);
          checkSearch(index, q, limit);
        }),
        0.02,
      );
    },
    TIMEOUT,
  );

  it(
    'search and autocomplete over the group notes never throw and respect their limits',
    () => {
      check(
        fc.property(query, fc.integer({ min: -5, max: 40 }), (q, limit) => checkSearch(seedIndex, q, limit)),
        0.5,
      );
    },
    TIMEOUT,
  );
});

function checkSearch(index: ReturnType<typeof buildIndex>, q: string, limit: number): void {
  // A limit of 0 means the default (5 results, 25 choices); below that, 1.
  const cap = (fallback: number) => (limit === 0 ? fallback : Math.max(1, Math.min(25, limit)));
  const result = index.search(q, { limit });
  expect(result.results.length).toBeLessThanOrEqual(cap(5));
  if (result.found) expect(result.results.length).toBeGreaterThan(0);
  for (const hit of [...result.results.map((h) => h.section), ...result.suggestions]) expect(hit.kind).toBe('concept');
  for (const n of [undefined, limit]) {
    const hits = index.autocomplete(q, n);
    expect(hits.length).toBeLessThanOrEqual(LIMITS.choices);
    if (n !== undefined) expect(hits.length).toBeLessThanOrEqual(cap(25));
    for (const hit of hits) {
      expect(hit.label.length).toBeGreaterThan(0);
      expect(hit.label.length).toBeLessThanOrEqual(LIMITS.choiceName);
    }
  }
}
