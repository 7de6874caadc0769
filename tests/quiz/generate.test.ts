import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { generateQuestions, quizzableSections } from '../../src/quiz/generate.js';
import { BLANK, containsTerm, norm } from '../../src/quiz/text.js';
import { k8sIndex, seedIndex } from './support.js';

const t = translator('ko');
const gen = (seed: string | number, count = 30, index = seedIndex()) => generateQuestions(index, { count, seed, t });

describe('question generation', () => {
  it('gives the same questions for the same seed', () => {
    expect(gen('abc')).toEqual(gen('abc'));
  });

  it('varies the questions across seeds', () => {
    const firsts = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(gen(s, 5).map((q) => [q.id, q.choices]))));
    expect(firsts.size).toBeGreaterThanOrEqual(5);
  });

  it('asks all four kinds about the seed notes', () => {
    const kinds = new Set([1, 2, 3].flatMap((s) => gen(s, 40).map((q) => q.kind)));
    expect([...kinds].sort()).toEqual(['cloze', 'definition', 'fact', 'truefalse']);
  });

  it('asks "Which concept is this?" with the image definition and 4 headings', () => {
    const q = [1, 2, 3, 4, 5]
      .flatMap((s) => gen(s, 40))
      .find((x) => x.kind === 'definition' && x.source.heading === '이미지');
    expect(q?.prompt).toContain('특정 시점의 파일 시스템을 저장한 압축 파일');
    expect(q?.choices).toHaveLength(4);
    expect(q?.choices[q.answer]).toBe('이미지');
  });

  it('asks the kind-of relation the notes state plainly', () => {
    // One question per section: the seeds that ask 도커 레지스트리 by its kind-of fact are a share of all seeds.
    let q: ReturnType<typeof gen>[number] | undefined;
    for (let seed = 1; seed <= 60 && !q; seed++) {
      q = gen(seed, 40).find((x) => x.kind === 'fact' && x.prompt.includes('도커 허브'));
    }
    expect(q?.choices[q.answer]).toBe('도커 레지스트리');
  });

  it('never uses record sections, empty headings or thin sections', () => {
    const index = seedIndex();
    const allowed = new Set(quizzableSections(index).map((s) => s.heading));
    const used = new Set([1, 2, 3, 4].flatMap((s) => gen(s, 60, index)).map((q) => q.source.heading));
    for (const h of used) expect(allowed.has(h)).toBe(true);
    for (const h of [
      '이미지 빌드',
      '전부 읽고 난 후기',
      '독서 과정 기록',
      '이해도 점검 & 난이도 평가',
      '도커의 구조',
      '내용 정리',
    ]) {
      expect(used.has(h)).toBe(false);
    }
  });

  it('makes distinct distractors that are never the answer nor written in the question or its section', () => {
    const index = seedIndex();
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const q of gen(seed, 60, index)) {
        expect(q.answer).toBeGreaterThanOrEqual(0);
        expect(q.answer).toBeLessThan(q.choices.length);
        expect(new Set(q.choices.map(norm)).size).toBe(q.choices.length);
        if (q.kind === 'truefalse') continue;
        const answer = q.choices[q.answer] as string;
        const section = index.sections.find((s) => s.heading === q.source.heading && s.file === q.source.file);
        for (const [i, c] of q.choices.entries()) {
          if (i === q.answer) continue;
          expect(containsTerm(c, answer) || containsTerm(answer, c)).toBe(false);
          expect(containsTerm(q.prompt, c)).toBe(false);
          if (q.kind !== 'definition') expect(containsTerm(section?.body ?? '', c)).toBe(false);
        }
        if (q.kind === 'definition') expect(q.prompt).not.toContain(answer);
        if (q.kind === 'cloze') expect(q.prompt).toContain(BLANK);
      }
    }
  });

  it('makes false statements that the notes do not contain and true ones that they do', () => {
    const index = seedIndex();
    const body = index.sections.map((s) => s.body).join('\n');
    const tf = [1, 2, 3, 4, 5].flatMap((s) => gen(s, 60, index)).filter((q) => q.kind === 'truefalse');
    expect(tf.some((q) => q.answer === 0) && tf.some((q) => q.answer === 1)).toBe(true);
    for (const q of tf) {
      // Without the "[topic] " a statement that does not name its section starts with.
      const statement = (q.prompt.split('\n> ')[1] as string).replace(`[${q.source.heading}] `, '');
      expect(body.includes(statement)).toBe(q.answer === 0);
    }
  });

  it('works on another notes folder and cites its sections', () => {
    const index = k8sIndex();
    const qs = gen(7, 20, index);
    expect(qs.length).toBe(8); // one question per concept section
    for (const q of qs) expect(q.source.file).toBe('k8s-study.md');
    expect(qs.map((q) => q.source.heading)).not.toContain('스테이트풀셋');
    expect(qs.map((q) => q.source.heading)).not.toContain('전부 읽고 난 후기');
  });

  it('filters by topic', () => {
    const qs = generateQuestions(seedIndex(), { count: 10, seed: 1, t, topic: '레지스트리' });
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(q.source.path.some((p) => p.includes('레지스트리'))).toBe(true);
  });
});
