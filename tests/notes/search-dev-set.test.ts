import { describe, expect, it } from 'vitest';
import { BUNDLED_NOTES, NOTES_TESTS, indexOf, judge, readQuestions, report } from './support/questions.js';
import path from 'node:path';

describe('/explain on the dev set (tests/notes/explain-dev.jsonl)', () => {
  it('ranks the expected section first (or finds nothing) for every question', () => {
    const questions = readQuestions(path.join(NOTES_TESTS, 'explain-dev.jsonl'));
    expect(questions.length).toBeGreaterThan(0);
    const accuracy = report('dev set', judge(indexOf(BUNDLED_NOTES), questions));
    expect(accuracy).toBe(1);
  });
});
