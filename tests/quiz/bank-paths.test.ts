/** The quiz bank reads only the YAML files that really live in its folder: a listed symlink may point anywhere. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, loadBank } from '../../src/quiz/bank.js';

const question = (text: string) => `- question: ${text}
  choices: [도커 레지스트리, 도커 호스트]
  answer: 0
  explanation: 레지스트리의 한 종류예요.
  chapter: 도커의 구조
`;

let base: string;
let bank: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'bank-paths-'));
  bank = path.join(base, 'quizzes');
  mkdirSync(bank);
  writeFileSync(path.join(base, 'secret.yaml'), question('SECRET 밖의 문제'));
  writeFileSync(path.join(bank, 'a.yaml'), question('도커 허브는 무엇인가요?'));
  symlinkSync(path.join(bank, 'a.yaml'), path.join(bank, 'b-inside.yaml'));
  symlinkSync(path.join(base, 'secret.yaml'), path.join(bank, 'c-outside.yaml'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('quiz bank files', () => {
  it('skips a symlink that leaves the bank folder, naming it, and keeps one that stays inside', () => {
    const { questions, issues } = loadBank(bank);
    expect(questions.map((q) => q.question)).not.toContain('SECRET 밖의 문제');
    expect(questions.map((q) => q.file)).toContain('a.yaml');
    expect(issues.map(formatIssue)).toContain(
      'c-outside.yaml:1: not read: it links outside the quiz folder or to nothing',
    );
  });
});
