import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/notes/build.js';
import { BUNDLED_NOTES, CHAPTER2, indexOf } from './support/questions.js';

describe('autocomplete', () => {
  const index = indexOf(BUNDLED_NOTES, CHAPTER2);
  const headings = (input: string, limit?: number) =>
    index.autocomplete(input, limit).map((hit) => hit.section.heading);

  it('matches Hangul initial consonants', () => {
    expect(headings('ㅇㅁㅈ')[0]).toBe('이미지');
    expect(headings('ㄹㅇㅍ')).toContain('컨테이너의 라이프 사이클');
    expect(headings('ㄷㅋㅋㄹㅇㅇㅌ')).toEqual(['도커 클라이언트']);
  });

  it('puts the exact heading first, then prefixes, then substrings', () => {
    expect(headings('이미지').slice(0, 2)).toEqual(['이미지', '이미지 빌드']);
    expect(headings('레지스트리')).toEqual(['도커 레지스트리', '이미지 레지스트리', '프라이빗 레지스트리']);
    expect(headings('네트워크')[0]).toBe('네트워크 보안');
  });

  it('finds Korean headings from English or loanword spellings', () => {
    expect(headings('lifecycle')).toEqual(['컨테이너의 라이프 사이클']);
    expect(headings('docker')).toContain('도커 컴포즈');
  });

  it('completes a half-typed syllable (임 → 이미지)', () => {
    expect(headings('임')[0]).toBe('이미지');
  });

  it('offers concept headings only, at most 25, labels at most 100 characters with the path', () => {
    const all = index.autocomplete('');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(all.every((hit) => hit.section.kind === 'concept')).toBe(true);
    expect(headings('후기')).toEqual([]);
    const rule = index.autocomplete('이미지 이름 규칙')[0];
    expect(rule?.label).toBe('이미지 레지스트리 › 이미지 이름 규칙');

    const long = '가'.repeat(300);
    const many = Array.from({ length: 40 }, (_, i) => `## 주제 ${i}\n본문\n### ${long}${i}\n본문`).join('\n');
    const big = buildIndex([{ file: 'big.md', text: many }]);
    expect(big.autocomplete('주제')).toHaveLength(25);
    expect(big.autocomplete('주제', 100)).toHaveLength(25);
    for (const hit of big.autocomplete('가가가')) expect(hit.label.length).toBeLessThanOrEqual(100);
  });
});

describe('related', () => {
  const index = indexOf(BUNDLED_NOTES);
  const id = (heading: string) => index.sections.find((s) => s.heading === heading)?.id ?? '';

  it('offers non-empty concept siblings first, then the parent and neighbours', () => {
    const related = index.related(id('도커 호스트')).map((s) => s.heading);
    expect(related).toHaveLength(3);
    expect(related.slice(0, 2).sort()).toEqual(['도커 레지스트리', '도커 클라이언트']);
    for (const section of index.related(id('컨테이너의 라이프 사이클'), 10)) {
      expect(section.kind).toBe('concept');
      expect(section.empty).toBe(false);
    }
    expect(index.related('nope')).toEqual([]);
  });
});
