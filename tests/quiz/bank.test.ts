import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadBank, parseBank } from '../../src/quiz/bank.js';

const item = (extra = '') => `- question: 도커 허브는 무엇의 한 종류인가요?
  choices: [도커 레지스트리, 도커 호스트, 컨테이너]
  answer: 0
  explanation: 레지스트리의 한 종류예요.
  chapter: 도커의 구조
${extra}`;

describe('quiz bank', () => {
  it('loads the bundled bank without problems', () => {
    const { questions, issues } = loadBank(path.resolve(import.meta.dirname, '../../data/quizzes'));
    expect(issues).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(8);
    for (const q of questions) expect(q.choices[q.answer]).toBeDefined();
  });

  it('accepts the answer as the choice text', () => {
    const { questions } = parseBank('a.yaml', item().replace('answer: 0', 'answer: 도커 호스트'));
    expect(questions[0]?.answer).toBe(1);
  });

  it('reports an answer past the last choice with its file and line', () => {
    const { questions, issues } = parseBank('a.yaml', item() + item().replace('answer: 0', 'answer: 3'));
    expect(questions).toHaveLength(1);
    expect(issues.map(formatIssue)).toEqual(['a.yaml:8: [1].answer: index 3 is past the last choice']);
  });

  it('reports a missing field and a duplicate choice at their lines', () => {
    const dup = parseBank('b.yaml', item() + item().replace('컨테이너]', '도커 호스트]')).issues.map(formatIssue);
    expect(dup).toEqual(['b.yaml:7: [1].choices[2]: duplicate choice "도커 호스트"']);
    const missing = parseBank('b.yaml', item().replace('  explanation: 레지스트리의 한 종류예요.\n', '')).issues.map(
      formatIssue,
    );
    expect(missing).toEqual(['b.yaml:1: [0].explanation: Required']);
  });

  it('reports a YAML syntax error with its line', () => {
    const { issues } = parseBank('c.yaml', `${item()}- question: [unclosed\n  answer: 1\n`);
    expect(issues[0]?.file).toBe('c.yaml');
    expect(issues[0]?.line).toBeGreaterThanOrEqual(7);
  });

  it('rejects unknown fields', () => {
    const { issues } = parseBank('d.yaml', item('  colour: red\n'));
    expect(issues.map(formatIssue)[0]).toMatch(/^d\.yaml:1: \[0\]: Unrecognized key/);
  });
});
