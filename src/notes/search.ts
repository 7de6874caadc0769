/**
 * Ranking for `/explain`: BM25F over three fields of each concept section (its heading, its concept ancestors'
 * headings, its body text), on the terms of `analyze.ts`.
 *
 * Everything that does not depend on the query is computed at build time: each posting stores its finished
 * BM25F contribution, so a query is a handful of map look-ups plus additions over the postings of its own terms,
 * never a scan over all sections.
 *
 * "Not found" is decided by coverage, not by score: the share of the query's information (each term weighted by
 * its IDF, so `docker`, present nearly everywhere, weighs little and an unknown word weighs most) that a section
 * contains. A section must cover at least MIN_COVERAGE of it to answer. "쿠버네티스 파드 스케줄링" covers nothing;
 * "도커 네트워크 드라이버" covers only the cheap 도커 plus one body mention of 네트워크, under half.
 */
import { analyze, terms, type Word } from './analyze.js';
import type { SearchHit, SearchResult, Section } from './types.js';

/** Field weights: a heading names the topic, so a term there counts three times a body mention. */
const FIELDS = [
  { name: 'heading', weight: 3, b: 0.3 },
  { name: 'path', weight: 1, b: 0.3 },
  { name: 'body', weight: 1, b: 0.75 },
] as const;
const K1 = 1.2;
/**
 * Bonus for a question that names the section's heading: (share of the question's weight found in the heading) ×
 * (share of the heading's weight found in the question), Dice-like, so "이미지란?" picks the section headed 이미지
 * over 이미지의 메타데이터, while "docker image inspect" (where 이미지 is a small part) barely moves.
 */
const HEADING_BONUS = 1;
/** Share of the query's IDF-weighted terms a section must contain to answer it. */
export const MIN_COVERAGE = 0.5;
const MAX_LIMIT = 25;
const SUGGESTIONS = 3;
/** Long pastes are cut: the first words of a question carry its topic, and this bounds the work per query. */
const MAX_QUERY_CHARS = 500;
const MAX_QUERY_WORDS = 24;

interface Postings {
  idf: number;
  docs: Uint32Array;
  /** Finished BM25F contribution of the term to each doc, parallel to `docs`. */
  values: Float64Array;
  /** 1 where the term is in the doc's own heading, parallel to `docs`. */
  inHeading: Uint8Array;
}

function idfOf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

function fieldTexts(section: Section, byId: Map<string, Section>): [string, string, string] {
  const ancestors: string[] = [];
  for (let id = section.parent; id !== null;) {
    const ancestor = byId.get(id);
    if (!ancestor) break;
    // Template headings (스터디 템플릿, 내용 정리) are records: they would only add noise to every path.
    if (ancestor.kind === 'concept') ancestors.push(ancestor.heading);
    id = ancestor.parent;
  }
  return [section.heading, ancestors.join('\n'), section.text];
}

export class SearchEngine {
  private readonly docs: Section[];
  private readonly postings = new Map<string, Postings>();
  private readonly unknownIdf: number;
  // Per-query accumulators, allocated once: a query only touches the entries of the docs it reaches.
  private readonly scores: Float64Array;
  private readonly coverage: Float64Array;
  private readonly touched: Uint32Array;
  /** Query weight found in each doc's heading, and the same terms' weight on the heading's side. */
  private readonly namedQuery: Float64Array;
  private readonly namedHeading: Float64Array;
  /** Sum of the IDFs of each doc's distinct heading terms. */
  private readonly headingWeight: Float64Array;

  constructor(sections: readonly Section[]) {
    const byId = new Map(sections.map((s) => [s.id, s]));
    this.docs = sections.filter((s) => s.kind === 'concept');
    const n = this.docs.length;
    this.scores = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.namedQuery = new Float64Array(n);
    this.namedHeading = new Float64Array(n);
    this.headingWeight = new Float64Array(n);
    this.unknownIdf = idfOf(n, 0);

    const counts = new Map<string, Map<number, number[]>>();
    const lengths = this.docs.map((section, doc) =>
      fieldTexts(section, byId).map((text, field) => {
        const fieldTerms = terms(text);
        for (const term of fieldTerms) {
          let perDoc = counts.get(term);
          if (!perDoc) counts.set(term, (perDoc = new Map()));
          let tf = perDoc.get(doc);
          if (!tf) perDoc.set(doc, (tf = [0, 0, 0]));
          tf[field] = (tf[field] ?? 0) + 1;
        }
        return fieldTerms.length;
      }),
    );
    const average = FIELDS.map((_, f) => lengths.reduce((sum, l) => sum + (l[f] ?? 0), 0) / Math.max(1, n) || 1);

    for (const [term, perDoc] of counts) {
      const idf = idfOf(n, perDoc.size);
      const docs = new Uint32Array(perDoc.size);
      const values = new Float64Array(perDoc.size);
      const inHeading = new Uint8Array(perDoc.size);
      let i = 0;
      for (const [doc, tf] of perDoc) {
        let weighted = 0;
        FIELDS.forEach((field, f) => {
          const norm = 1 - field.b + (field.b * (lengths[doc]?.[f] ?? 0)) / (average[f] ?? 1);
          weighted += (field.weight * (tf[f] ?? 0)) / norm;
        });
        docs[i] = doc;
        values[i] = (idf * weighted) / (K1 + weighted);
        if (tf[0]) {
          inHeading[i] = 1;
          this.headingWeight[doc] = (this.headingWeight[doc] as number) + idf;
        }
        i++;
      }
      this.postings.set(term, { idf, docs, values, inHeading });
    }
  }

  search(query: string, options: { limit?: number } = {}): SearchResult {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5) || 5));
    const words = dedupe(analyze(String(query ?? '').slice(0, MAX_QUERY_CHARS), MAX_QUERY_WORDS));
    const none: SearchResult = { query, found: false, results: [], suggestions: [], emptyTopic: null };
    if (words.length === 0) return none;

    const total = this.totalWeight(words);
    const touchedCount = this.accumulate(words, total);
    const answering = this.topK(touchedCount, limit + SUGGESTIONS + 1, total, MIN_COVERAGE);
    const answered = answering[0] !== undefined && !answering[0].section.empty;
    const nearest = answered ? [] : this.topK(touchedCount, 2 * SUGGESTIONS + 1, total, 0);
    this.reset(touchedCount);

    const nonEmpty = (hits: SearchHit[]) => hits.filter((hit) => !hit.section.empty);
    const best = answering[0];
    if (!best)
      return {
        ...none,
        suggestions: nonEmpty(nearest)
          .slice(0, SUGGESTIONS)
          .map((h) => h.section),
      };
    if (best.section.empty) {
      const others = nonEmpty(nearest).filter((hit) => hit.section.id !== best.section.id);
      return { ...none, emptyTopic: best.section, suggestions: others.slice(0, SUGGESTIONS).map((h) => h.section) };
    }
    return { query, found: true, results: nonEmpty(answering).slice(0, limit), suggestions: [], emptyTopic: null };
  }

  /** Adds each query term's postings into the accumulators; returns how many docs were touched. */
  private accumulate(words: Word[], total: number): number {
    let touchedCount = 0;
    for (const word of words) {
      const share = word.weight / word.terms.length;
      for (const term of word.terms) {
        const postings = this.postings.get(term);
        if (!postings) continue;
        const coverage = postings.idf * share;
        for (let i = 0; i < postings.docs.length; i++) {
          const doc = postings.docs[i] as number;
          if (this.coverage[doc] === 0) this.touched[touchedCount++] = doc;
          this.scores[doc] = (this.scores[doc] as number) + (postings.values[i] as number) * share;
          this.coverage[doc] = (this.coverage[doc] as number) + coverage;
          if (postings.inHeading[i]) {
            this.namedQuery[doc] = (this.namedQuery[doc] as number) + coverage;
            this.namedHeading[doc] = (this.namedHeading[doc] as number) + postings.idf;
          }
        }
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i] as number;
      const named = this.namedQuery[doc] as number;
      if (named === 0) continue;
      const headingSide = Math.min(1, (this.namedHeading[doc] as number) / (this.headingWeight[doc] || 1));
      this.scores[doc] = (this.scores[doc] as number) + HEADING_BONUS * (named / total) * headingSide;
    }
    return touchedCount;
  }

  /** The query's full IDF weight; terms no section has count at the highest IDF, as the rarest possible term. */
  private totalWeight(words: Word[]): number {
    let total = 0;
    for (const word of words) {
      const share = word.weight / word.terms.length;
      for (const term of word.terms) total += (this.postings.get(term)?.idf ?? this.unknownIdf) * share;
    }
    return total;
  }

  /** Best `k` touched docs covering at least `minCoverage` of the query, by insertion into a short sorted list. */
  private topK(touchedCount: number, k: number, total: number, minCoverage: number): SearchHit[] {
    const best: SearchHit[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i] as number;
      const score = this.scores[doc] as number;
      // The epsilon keeps a full match from failing on floating-point rounding of the same sum.
      if ((this.coverage[doc] as number) < minCoverage * total - 1e-9) continue;
      if (best.length === k && score <= (best[k - 1]?.score ?? 0)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.score ?? 0) < score) at--;
      best.splice(at, 0, { section: this.docs[doc] as Section, score });
      if (best.length > k) best.pop();
    }
    return best;
  }

  private reset(touchedCount: number): void {
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i] as number;
      this.scores[doc] = 0;
      this.coverage[doc] = 0;
      this.namedQuery[doc] = 0;
      this.namedHeading[doc] = 0;
    }
  }
}

/** A word repeated in the query (Public Repository와 Private Repository) counts once. */
function dedupe(words: Word[]): Word[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.terms.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
