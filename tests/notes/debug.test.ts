/**
 * `explain --debug`: for one question, what the search made of it (terms and weights, dropped chat and function
 * words, typo and keyboard readings), the coverage of the top candidates against the "not found" rule, and each
 * part of their scores, as plain data from the engine (`SearchEngine.explain`) and as the CLI prints it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/notes/build.js';
import { createNotesIndex } from '../../src/notes/notes-index.js';
import { SearchEngine } from '../../src/notes/search.js';
import { NOTES_TESTS } from './support/questions.js';
import { runCliCaptured } from '../support/cli.js';

const DIR = path.join(NOTES_TESTS, 'fixtures/query-kinds');
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(path.join(DIR, file), 'utf8') }));
const index = buildIndex(files, { dir: DIR });
const engine = new SearchEngine(index.sections);

const cli = (args: string[]) => runCliCaptured(args);

describe('the notes index explains with its own engine (no second engine for --debug)', () => {
  it('gives the outcome its own search gives, for an answer and for a "not found"', () => {
    const notes = createNotesIndex(DIR, index.sections, []);
    for (const query of ['쉘이 뭐임', '컨테이너 지우는 법', '카프카 파티션 리밸런싱']) {
      const result = notes.search(query);
      const explanation = notes.explain?.(query);
      expect(explanation?.outcome.found).toBe(result.found);
      if (result.found) expect(explanation?.outcome).toMatchObject({ top: result.results[0]?.section.heading });
    }
  });
});

describe('SearchEngine.explain', () => {
  it('shows the dropped chat words, the terms with their weights and the answer', () => {
    const explanation = engine.explain('쉘이 뭐임 알려줘');
    expect(explanation.dropped).toEqual([{ text: '알려줘', reason: 'chat' }]);
    // 뭐임 asks for a definition: an optional term that ranks `X란` first and never counts against coverage.
    expect(explanation.words).toEqual([
      { terms: ['shell'], weight: 1 },
      { terms: ['concept'], weight: 0.5, optional: true },
    ]);
    const shell = explanation.tokens.find((token) => token.text === '쉘이');
    // shell: the 쉘 section and `bash` in 컨테이너 내부 접속.
    expect(shell).toMatchObject({ stem: '쉘', words: [{ terms: [{ term: 'shell', df: 2 }], weight: 1 }] });
    expect(explanation.outcome).toMatchObject({ found: true, top: '쉘' });
    expect(explanation.candidates[0]).toMatchObject({ heading: '쉘', coverage: 1, wordCoverage: 1, answers: true });
  });

  it('gives every score part, and the parts add up to the score the search ranks by', () => {
    const query = '컨테이너 지우는 법';
    const explanation = engine.explain(query, { candidates: 10 });
    const ranked = new Map(engine.search(query, { limit: 25 }).results.map((hit) => [hit.section.id, hit.score]));
    expect(explanation.candidates.length).toBeGreaterThan(1);
    for (const candidate of explanation.candidates) {
      const bm25 = candidate.matched.reduce((sum, term) => sum + term.bm25, 0);
      expect(candidate.bm25).toBeCloseTo(bm25, 9);
      expect(candidate.score).toBeCloseTo((candidate.bm25 + candidate.headingBonus) * candidate.prior, 9);
      const score = ranked.get(candidate.id);
      if (score !== undefined) expect(candidate.score).toBeCloseTo(score, 9);
      expect(candidate.answers).toBe(ranked.has(candidate.id));
    }
    const best = explanation.candidates[0];
    expect(best?.heading).toBe('컨테이너 삭제');
    expect(best?.matched.find((term) => term.term === 'remove')).toMatchObject({ inHeading: true });
    expect(explanation.words.find((word) => word.terms.includes('how'))).toMatchObject({ optional: true });
  });

  it('names the typo and keyboard-layout readings it applied', () => {
    expect(engine.explain('컨테니어 삭제').corrections).toEqual([
      { text: '컨테니어', kind: 'analysis-typo', to: '컨테이너', distance: 2, form: '컨테이너' },
    ]);
    expect(engine.explain('dlalwl 레이어').corrections).toEqual([{ text: 'dlalwl', kind: 'keyboard', to: '이미지' }]);
    expect(engine.explain('kublet').corrections).toEqual([
      { text: 'kublet', kind: 'typo', to: 'kubelet', distance: 1 },
    ]);
  });

  it('explains a "not found": the candidates stay under the coverage threshold and the missing words are named', () => {
    const explanation = engine.explain('istio 서비스 메시 알려줘');
    expect(explanation.outcome.found).toBe(false);
    expect(explanation.outcome.suggestions).toContain('서비스');
    expect(explanation.dropped).toEqual([{ text: '알려줘', reason: 'chat' }]);
    expect(explanation.threshold).toBeCloseTo(explanation.totalWeight * explanation.minCoverage, 9);
    expect(explanation.candidates.length).toBeGreaterThan(0);
    for (const candidate of explanation.candidates) {
      expect(candidate.answers).toBe(false);
      expect(candidate.coverage).toBeLessThan(explanation.minCoverage);
      expect(candidate.missing).toContain('istio');
    }
  });

  it('reports a question of question words only as having no topic', () => {
    const explanation = engine.explain('왜 뭐야?');
    expect(explanation.words.every((word) => word.optional)).toBe(true);
    expect(explanation).toMatchObject({ totalWeight: 0, candidates: [], outcome: { found: false, top: null } });
  });
});

describe('cli explain --debug', () => {
  it('prints the analysis, the coverage rule, the outcome and the score parts', async () => {
    const { code, out } = await cli(['explain', '디태치드 모드가 뭐였지 ㅋㅋ 알려줘', '--debug', '--notes', DIR]);
    expect(code).toBe(0);
    expect(out).toContain('dropped: 알려줘 (chat word)');
    expect(out).toMatch(/뭐였지 +concept \(idf [\d.]+, df \d+\) ×0\.50 \(optional\)/);
    expect(out).toMatch(/coverage rule: a section answers with ≥ 50% of the IDF weight/);
    expect(out).toContain('concept rule: every concept the question names is in the notes');
    expect(out).toContain('outcome: found → 디태치드 모드');
    expect(out).toMatch(/1\. 컨테이너 › 디태치드 모드 {2}\(\[Chapter4\] 도커 기초\.md:\d+\)/);
    expect(out).toMatch(/score [\d.]+ = \(bm25 [\d.]+ \+ heading bonus [\d.]+\) × prior 1\.00/);
    expect(out).toMatch(/detach: bm25 [\d.]+ \(tf heading 1.*\) · in heading/);
  });

  it('prints the same data as JSON with --json, one object per question with --stdin', async () => {
    const { code, out } = await cli(['explain', '컨테니어 삭제', '--debug', '--json', '--notes', DIR]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ query: '컨테니어 삭제', outcome: { found: true, top: '컨테이너 삭제' } });
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['tokens', 'dropped', 'corrections', 'words', 'totalWeight', 'threshold', 'candidates']),
    );
  });
});
