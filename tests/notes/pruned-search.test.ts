/**
 * The pruned `/explain` search (threshold algorithm over impact-ordered postings) and the prefix-indexed
 * autocomplete must give exactly the answers of the exhaustive scans they replace, so the optimisations cannot
 * silently change what the bot says. Both references stay in src: `search(q, { exhaustive: true })` and a plain
 * scan of every heading with the same tier rule, here.
 */
import { disassemble, getChoseong } from 'es-hangul';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/notes/analyze.js';
import { Autocomplete, matchTier } from '../../src/notes/autocomplete.js';
import { corpusQueries, generateCorpus } from '../../src/notes/corpus.js';
import { buildIndex } from '../../src/notes/build.js';
import { headingKey } from '../../src/notes/parse.js';
import { SearchEngine } from '../../src/notes/search.js';
import type { SearchResult, Section } from '../../src/notes/types.js';

const index = buildIndex(generateCorpus());
const engine = new SearchEngine(index.sections);
/** Prunes every query, whatever its size or number of terms, to pin the algorithm beyond the production policy. */
const alwaysPruned = new SearchEngine(index.sections, { maxLists: Number.POSITIVE_INFINITY, minPostings: 0 });

/** Generated questions of every kind, plus one-term questions (the ones the pruned path takes) and edge cases. */
const QUERIES = [
  ...corpusQueries(300),
  ...corpusQueries(60, 11),
  ...['도커', '도커란?', 'docker', '이미지', 'images', '볼륨이 뭐야?', '노드', 'healthcheck', '헬스체크란?', '빌드'],
  ...['로그', '캐시가 뭐야?', 'digest', 'cgroup', '격리', '호스트란?', 'Go 고루틴', '파이썬 GIL', '이미지 이미지들'],
  // Optional question words (why, when, how, kinds), verbs, compounds' joined forms, typos and keyboard slips.
  ...[
    '볼륨 종류 뭐뭐 있어',
    '쿠버네티스 왜 필요함',
    '파드 언제 씀',
    '이미지 지우는 법',
    'NoExecute',
    'kublet',
    'dlalwl',
  ],
  ...['컨테니어 로그 보는 법', '레플리카 차이', '왜?', 'ConfigMap 설정', 'docker-compose.yml 작성', '볼륨 남기려면'],
  // A word of several senses (배포: deploy or Deployment) read as the union of their postings.
  ...['배포', '배포 전략', '파드 배포하는 법', '디플로이먼트 배포'],
];

function shape(result: SearchResult) {
  return {
    found: result.found,
    results: result.results.map((hit) => hit.section.id),
    suggestions: result.suggestions.map((section) => section.id),
    emptyTopic: result.emptyTopic?.id ?? null,
  };
}

describe('pruned search', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['as used in production', engine],
    ['forced on every query', alwaysPruned],
  ])(
    'returns the exhaustive scorer’s answers (ids, order, scores within 1e-9) on the 1 MB corpus, %s',
    (_, pruning) => {
      expect(QUERIES.length).toBeGreaterThan(350);
      for (const query of QUERIES) {
        for (const limit of [1, 5, 25]) {
          const pruned = pruning.search(query, { limit });
          const reference = engine.search(query, { limit, exhaustive: true });
          expect(shape(pruned), `${query} (limit ${limit})`).toEqual(shape(reference));
          pruned.results.forEach((hit, i) => {
            expect(Math.abs(hit.score - (reference.results[i]?.score ?? Number.NaN))).toBeLessThanOrEqual(1e-9);
          });
        }
      }
    },
  );

  it('actually prunes: one-term questions are answered after scoring a few sections, not every posting', () => {
    const scoreOf = vi.spyOn(SearchEngine.prototype as unknown as { scoreOf: () => unknown }, 'scoreOf');
    const sections = index.sections.filter((s) => s.kind === 'concept').length;
    for (const query of ['도커란?', '볼륨이 뭐야?', 'healthcheck', '노드']) {
      scoreOf.mockClear();
      expect(alwaysPruned.search(query).found).toBe(true);
      expect(scoreOf.mock.calls.length, query).toBeGreaterThan(0);
      expect(scoreOf.mock.calls.length, query).toBeLessThan(sections / 20);
    }
  });
});

describe('prefix-indexed autocomplete', () => {
  const autocomplete = new Autocomplete(index.sections);
  const concepts = index.sections.filter((s) => s.kind === 'concept' && s.heading !== '');
  const keyed = concepts.map((section, order) => {
    const key = headingKey(section.heading);
    return {
      section,
      order,
      key,
      jamo: disassemble(key),
      choseong: [...key].map((c) => (/[\uAC00-\uD7A3]/.test(c) ? getChoseong(c) : c)).join(''),
      terms: new Set(analyze(section.heading).flatMap((w) => w.terms)),
    };
  });

  /** Every heading through the tier rule, sorted by tier, key length, then index order: the linear reference. */
  function scan(input: string, max: number): Section[] {
    const key = headingKey(input.slice(0, 200));
    const typed = {
      key,
      jamo: disassemble(key),
      onlyConsonants: /^[ㄱ-ㅎ]+$/.test(key),
      terms: analyze(input.slice(0, 200), 8).flatMap((w) => w.terms),
    };
    return keyed
      .map((entry) => ({ entry, tier: matchTier(entry, typed) }))
      .filter((m): m is { entry: (typeof keyed)[number]; tier: number } => m.tier !== null)
      .sort((a, b) => a.tier - b.tier || a.entry.key.length - b.entry.key.length || a.entry.order - b.entry.order)
      .slice(0, max)
      .map((m) => m.entry.section);
  }

  it('offers the same headings in the same order as scanning every heading', () => {
    const inputs = corpusQueries(200, 5).flatMap((q) => [q.slice(0, 1), q.slice(0, 2), q.slice(0, 3), q]);
    inputs.push('ㄷㅋ', 'ㅇㅁㅈ', 'ㄴ', '임', '도', 'docker', 'lifecycle', 'kube', '빌드', '(');
    for (const input of inputs) {
      if (headingKey(input) === '') continue;
      for (const max of [25, 3]) {
        const got = autocomplete.complete(input, max).map((hit) => hit.section.id);
        expect(got, `${input} (${max})`).toEqual(scan(input, max).map((s) => s.id));
      }
    }
  });
});
