/**
 * One quiz never asks the same thing twice: not two questions about one notes section (a bank question counts for the
 * section its chapter and tags name), not the same fact or answer twice. True/false statements name their topic.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { loadBank } from '../../src/quiz/bank.js';
import { bankSectionFinder, factKey, generateQuestions } from '../../src/quiz/generate.js';
import type { BankQuestion, Question } from '../../src/quiz/types.js';
import { indexFrom, k8sIndex, seedIndex } from './support.js';

const t = translator('ko');
const bank = loadBank(path.resolve(import.meta.dirname, '../../data/quizzes')).questions;
const index = seedIndex();
const bankById = new Map(bank.map((b) => [`bank:${b.id}`, b]));
const sectionOf = bankSectionFinder(index.sections);

/** The sections a question is about, as the generator keys them. */
function sectionKeysOf(q: Question): string[] {
  const b = bankById.get(q.id);
  if (b) return sectionOf(b);
  return [`s:${q.source.file}\u0000${q.source.path.join('\u0000')}`];
}

const answerOf = (q: Question) => factKey(q.choices[q.answer] ?? '');
const quiz = (seed: string | number, count = 10) => generateQuestions(index, { count, seed, t, bank });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('a quiz without repeats', () => {
  it('does not ask the bank question and the generated one about 도커 허브, nor 프라이빗 레지스트리 twice (seed 7)', () => {
    const qs = quiz(7);
    expect(qs.filter((q) => q.prompt.includes('도커 허브는 무엇의 한 종류'))).toHaveLength(1);
    const privateRegistry = qs.filter(
      (q) => q.source.path.includes('프라이빗 레지스트리') || q.choices[q.answer] === '프라이빗 레지스트리',
    );
    expect(privateRegistry.length).toBeLessThanOrEqual(1);
  });

  it('asks about each section at most once, for every seed', () => {
    for (const seed of SEEDS) {
      const keys = quiz(seed, 20).flatMap(sectionKeysOf);
      expect(new Set(keys).size, `seed ${seed}: ${keys.join(', ')}`).toBe(keys.length);
    }
  });

  it('never repeats an answer (true/false aside) or a bank question', () => {
    for (const seed of SEEDS) {
      const qs = quiz(seed, 20);
      const answers = qs.filter((q) => q.kind !== 'truefalse').map(answerOf);
      expect(new Set(answers).size, `seed ${seed}: ${answers.join(', ')}`).toBe(answers.length);
      const prompts = qs.map((q) => factKey(q.prompt));
      expect(new Set(prompts).size).toBe(prompts.length);
    }
  });

  it('keys a bank question by the notes section its chapter and tags name', () => {
    const byId = (id: string) => bank.find((b) => b.id === id) as BankQuestion;
    const sectionKey = (...p: string[]) => `s:docker-study.md\u0000${p.join('\u0000')}`;
    // A tag inside the chapter's section wins over the chapter …
    expect(sectionOf(byId('docker-hub-kind'))).toEqual([sectionKey('도커의 구조', '도커 레지스트리')]);
    expect(sectionOf(byId('image-search-order'))).toEqual([sectionKey('이미지 레지스트리', '로컬 스토리지')]);
    // … and the chapter over a tag elsewhere (paused-resources is tagged 컨테이너, but is about the lifecycle).
    expect(sectionOf(byId('paused-resources'))).toEqual([sectionKey('컨테이너의 라이프 사이클')]);
    const unknown = { ...byId('docker-client'), chapter: '없는 장', tags: ['없는 태그'] };
    expect(sectionOf(unknown)).toEqual([`c:${factKey('없는 장')}\u0000${factKey('없는 태그')}`]);
  });

  it('keys a bank question by its section in every member’s notes file, numbered headings too', () => {
    const two = indexFrom([
      {
        file: 'a.md',
        text: '## 도커의 구조\n### 도커 레지스트리\n도커 허브는 도커 레지스트리의 한 종류이다. 이미지를 배포한다.\n',
      },
      { file: 'b.md', text: '## 2. 도커의 구조\n### 2.3 도커 레지스트리\n이미지를 저장하고 배포하는 시스템이다.\n' },
    ]);
    const hub = bank.find((b) => b.id === 'docker-hub-kind') as BankQuestion;
    expect(bankSectionFinder(two.sections)(hub)).toEqual([
      `s:a.md\u0000도커의 구조\u0000도커 레지스트리`,
      `s:b.md\u00002. 도커의 구조\u00002.3 도커 레지스트리`,
    ]);
  });

  it('still fills a quiz from notes with enough sections, one question each', () => {
    const qs = generateQuestions(k8sIndex(), { count: 20, seed: 7, t });
    expect(qs).toHaveLength(8); // the fixture's 8 concept sections
    expect(new Set(qs.map((q) => q.source.heading)).size).toBe(8);
  });
});

describe('true/false statements', () => {
  const tf = SEEDS.flatMap((seed) => quiz(seed, 20)).filter((q) => q.kind === 'truefalse');
  const statement = (q: Question) => q.prompt.split('\n> ')[1] as string;

  it('name their topic when the sentence does not', () => {
    expect(tf.length).toBeGreaterThan(10);
    for (const q of tf) {
      const s = statement(q);
      const named = s.includes(q.source.heading);
      expect(named, s).toBe(true);
      if (s.startsWith('[')) expect(s.startsWith(`[${q.source.heading}] `)).toBe(true);
    }
  });

  it('asks "[프라이빗 레지스트리] Harbor or docker에 올려서 사용 할 수 있다." with its topic', () => {
    const harbor = tf.filter((q) => q.source.heading === '프라이빗 레지스트리' && statement(q).includes('Harbor'));
    expect(harbor.length).toBeGreaterThan(0);
    for (const q of harbor) expect(statement(q)).toMatch(/^\[프라이빗 레지스트리\] Harbor or \S+에 올려서/);
    expect(harbor.map(statement)).toContain('[프라이빗 레지스트리] Harbor or docker에 올려서 사용 할 수 있다.');
  });
});
