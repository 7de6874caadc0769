/** The quiz bank's YAML (data/quizzes/*.yaml), edited by group members: every mistake must come back as an issue. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../src/quiz/bank.js';
import { check, hostileString, TIMEOUT } from './runs.js';

const YAML_TOKENS = [
  '- ',
  'question: ',
  'choices: ',
  'answer: ',
  'explanation: ',
  'chapter: ',
  'tags: ',
  'id: ',
  '\n',
  '\n  ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '&a ',
  '*a',
  '!!int ',
  '|',
  '>',
  '#',
  '---\n',
  '0',
  '-1',
  '2',
  'null',
  '~',
];

/** Items with each field valid or broken, so both the schema and the accepted path are reached. */
const field = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    valid,
    hostileString({ maxLength: 12 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('', '[]', '{}', '~', '-1', '99', '*a'),
  );
const item = fc
  .record({
    id: fc.option(field(fc.constantFrom('q1', 'a.b-c', 'x'.repeat(41), 'Bad ID')), { nil: undefined }),
    question: field(fc.constantFrom('"도커란?"', 'What is a layer?')),
    choices: field(fc.constantFrom('[a, b]', '[a, b, c, d, e]', '[a, a]', '[a]', '[a, b, c, d, e, f]')),
    answer: field(fc.constantFrom('0', '1', '5', 'a', 'b', '"z"')),
    explanation: field(fc.constant('because')),
    chapter: field(fc.constantFrom('3', '이미지')),
    tags: fc.option(field(fc.constantFrom('[x, y]', '[]')), { nil: undefined }),
  })
  .map((r) =>
    Object.entries(r)
      .filter(([, v]) => v !== undefined)
      .map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${v}`)
      .join('\n'),
  );
const bankSource = fc.oneof(
  hostileString({ tokens: YAML_TOKENS, maxLength: 200 }),
  fc.array(item, { maxLength: 6 }).map((items) => items.join('\n')),
);

describe('fuzz: quiz bank YAML', () => {
  it(
    'never throws; every issue names a line of the file, and questions are well-formed',
    () => {
      check(
        fc.property(bankSource, (source) => {
          const lines = source.split(/\r\n|\r|\n/).length;
          const { questions, issues } = parseBank('q.yaml', source);
          for (const issue of issues) {
            expect(issue.file).toBe('q.yaml');
            expect(Number.isInteger(issue.line)).toBe(true);
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.line).toBeLessThanOrEqual(lines + 1);
            expect(issue.message.trim()).not.toBe('');
          }
          const ids = new Set<string>();
          for (const q of questions) {
            expect(q.choices.length).toBeGreaterThanOrEqual(2);
            expect(q.choices.length).toBeLessThanOrEqual(5);
            expect(q.choices[q.answer]).toBeDefined();
            expect(ids.has(q.id)).toBe(false);
            ids.add(q.id);
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'reports an alias without its anchor, or an alias bomb, as an issue on its line',
    () => {
      const unanchored = parseBank('q.yaml', '- question: *nope\n');
      expect(unanchored.issues).toEqual([{ file: 'q.yaml', line: 1, message: expect.stringMatching(/alias/i) }]);
      const bomb = ['- &a [1, 1, 1, 1, 1, 1, 1, 1, 1]'];
      for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef']) bomb.push(`- &${name} [${`*${prev}, `.repeat(9)}]`);
      const exhausted = parseBank('q.yaml', bomb.join('\n'));
      expect(exhausted.questions).toEqual([]);
      expect(exhausted.issues).toHaveLength(1);
    },
    TIMEOUT,
  );
});
