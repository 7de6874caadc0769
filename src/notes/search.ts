/**
 * Ranking for `/explain`: BM25F over three fields of each concept section (its heading, its concept ancestors'
 * headings, its body text), on the terms of `analyze.ts`.
 *
 * Everything that does not depend on the query is computed at build time: each posting stores its finished
 * BM25F contribution, and each term's postings are also kept in impact order (heading and body occurrences apart,
 * best first). A query whose candidates all come from one term's lists (a one-term question, or a rare term next
 * to cheap ones like `docker` that cannot reach MIN_COVERAGE alone) runs Fagin's threshold algorithm: read the best
 * remaining posting, score each new section exactly (binary search in the doc-ordered postings of every term),
 * stop once no unread section can still beat the hits kept or reach the coverage. Its work follows how clearly
 * the best answers stand out, not how many sections share the term. Other queries, and small indexes, use the
 * exhaustive loop over their terms' postings, which measured as fast there (see MAX_PRUNED_LISTS).
 * No library offers top-k pruning over this BM25F + coverage rule (MiniSearch scores exhaustively), hence the
 * hand-written loop; the exhaustive scorer stays the reference (`{ exhaustive: true }`) tests pin it to.
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
  /** The heading occurrences and the others, each in impact order (filled once all heading weights are known). */
  heading: ImpactList;
  body: ImpactList;
}

/**
 * Posting indices best first, with what any posting from `at` on can still add: at most `share × maxValue[at]` of
 * BM25F plus `maxBonus[at]` of heading bonus. The bonus is HEADING_BONUS × (named / total) × min(1, namedHeading /
 * headingWeight) ≤ HEADING_BONUS × Σ idf / headingWeight over the query terms in the heading, a per-posting bound
 * known at build time (and exact for a one-term query).
 */
interface ImpactList {
  order: Uint32Array;
  maxValue: Float64Array;
  maxBonus: Float64Array;
}

/** One occurrence of a term in the query (a term in two query words counts twice, as the reference adds it twice). */
interface Slot {
  postings: Postings;
  share: number;
  /** The slot's coverage weight, idf × share. */
  coverage: number;
}

/** A read position in one impact-ordered list of one slot. */
interface Cursor {
  slot: number;
  list: ImpactList;
  at: number;
  inHeading: boolean;
}

/**
 * Most query terms whose lists the pruned search reads. Measured at 100× the generated corpus (bench/growth.ts):
 * with one list to read it scores a few docs and answers ~17× faster than the exhaustive loop; with two or more,
 * the bound over several lists stays loose on near-duplicate sections and it scores so many docs that the tight
 * exhaustive loop is as fast or faster, so those queries go to the exhaustive scorer (same answers either way).
 */
const MAX_PRUNED_LISTS = 1;
/** When the pruned search is used; tests set both to force it on every query. */
export interface PruningOptions {
  maxLists: number;
  minPostings: number;
}
/** Below this many postings for the whole query, the exhaustive loop is already a few microseconds and cheaper. */
const MIN_PRUNED_POSTINGS = 4096;
/** Slack on the bound tests: bounds and exact scores are the same sums, rounded differently. */
const BOUND_EPSILON = 1e-9;

/** A term's posting indices by value plus heading bonus bound, best first, with suffix maxima of both parts. */
function impactList(indices: number[], values: Float64Array, bonus: (i: number) => number): ImpactList {
  const impact = (i: number) => (values[i] as number) + bonus(i);
  const order = Uint32Array.from(indices.sort((a, b) => impact(b) - impact(a) || a - b));
  const maxValue = new Float64Array(order.length);
  const maxBonus = new Float64Array(order.length);
  for (let at = order.length - 1; at >= 0; at--) {
    const i = order[at] as number;
    maxValue[at] = Math.max(values[i] as number, maxValue[at + 1] ?? 0);
    maxBonus[at] = Math.max(bonus(i), maxBonus[at + 1] ?? 0);
  }
  return { order, maxValue, maxBonus };
}

const EMPTY_LIST: ImpactList = {
  order: new Uint32Array(0),
  maxValue: new Float64Array(0),
  maxBonus: new Float64Array(0),
};

/** Position of `doc` in the ascending `docs`, or -1. */
function find(docs: Uint32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = docs[mid] as number;
    if (at === doc) return mid;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Reference order of hits: score, then the order the exhaustive scorer first touched the doc (the first query slot
 * containing it, then doc order), so pruned and exhaustive searches agree on ties too.
 */
interface Ranked extends SearchHit {
  slot: number;
  doc: number;
}
const before = (a: Ranked, b: Ranked) =>
  a.score > b.score || (a.score === b.score && (a.slot < b.slot || (a.slot === b.slot && a.doc < b.doc)));

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
  /** Docs already scored by the current pruned query: `seen[doc] === epoch`, so no reset between queries. */
  private readonly seen: Uint32Array;
  private epoch = 0;
  private readonly pruning: PruningOptions;

  constructor(sections: readonly Section[], pruning: Partial<PruningOptions> = {}) {
    this.pruning = { maxLists: MAX_PRUNED_LISTS, minPostings: MIN_PRUNED_POSTINGS, ...pruning };
    const byId = new Map(sections.map((s) => [s.id, s]));
    this.docs = sections.filter((s) => s.kind === 'concept');
    const n = this.docs.length;
    this.scores = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.namedQuery = new Float64Array(n);
    this.namedHeading = new Float64Array(n);
    this.headingWeight = new Float64Array(n);
    this.seen = new Uint32Array(n);
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
      this.postings.set(term, { idf, docs, values, inHeading, heading: EMPTY_LIST, body: EMPTY_LIST });
    }
    for (const postings of this.postings.values()) {
      const { idf, docs, values, inHeading } = postings;
      const heading: number[] = [];
      const body: number[] = [];
      for (let i = 0; i < docs.length; i++) (inHeading[i] ? heading : body).push(i);
      postings.heading = impactList(
        heading,
        values,
        (i) => (HEADING_BONUS * idf) / (this.headingWeight[docs[i] as number] || 1),
      );
      postings.body = impactList(body, values, () => 0);
    }
  }

  /** `exhaustive` scores every posting of the query's terms: the reference the pruned search is tested against. */
  search(query: string, options: { limit?: number; exhaustive?: boolean } = {}): SearchResult {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5) || 5));
    const words = dedupe(analyze(String(query ?? '').slice(0, MAX_QUERY_CHARS), MAX_QUERY_WORDS));
    const none: SearchResult = { query, found: false, results: [], suggestions: [], emptyTopic: null };
    if (words.length === 0) return none;

    const total = this.totalWeight(words);
    // Pruned first; it declines (null) a query with more than `maxLists` terms to read, then scored exhaustively.
    let answering: SearchHit[] | null = null;
    let nearest: SearchHit[] | null = [];
    const slots = this.slots(words);
    if (
      !options.exhaustive &&
      slots.reduce((n, slot) => n + slot.postings.docs.length, 0) >= this.pruning.minPostings
    ) {
      answering = this.pruned(slots, limit + SUGGESTIONS + 1, limit, total, MIN_COVERAGE);
      if (answering && (answering[0] === undefined || answering[0].section.empty))
        nearest = this.pruned(slots, 2 * SUGGESTIONS + 1, SUGGESTIONS, total, 0);
    }
    if (!answering || !nearest) {
      const touchedCount = this.accumulate(words, total);
      answering = this.topK(touchedCount, limit + SUGGESTIONS + 1, total, MIN_COVERAGE);
      nearest = [];
      if (answering[0] === undefined || answering[0].section.empty)
        nearest = this.topK(touchedCount, 2 * SUGGESTIONS + 1, total, 0);
      this.reset(touchedCount);
    }

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

  /** The query's terms that some section has, in query order, each with its share of its word's weight. */
  private slots(words: Word[]): Slot[] {
    const slots: Slot[] = [];
    for (const word of words) {
      const share = word.weight / word.terms.length;
      for (const term of word.terms) {
        const postings = this.postings.get(term);
        if (postings) slots.push({ postings, share, coverage: postings.idf * share });
      }
    }
    return slots;
  }

  /**
   * The reference's best `k` docs covering at least `minCoverage` of the query, cut after the `wanted`-th non-empty
   * one (callers use only those), by the threshold algorithm: read postings in impact order, always from the list
   * whose next posting could add the most, score each new doc exactly, and stop once an unread doc could neither
   * beat the hits kept (`bound`) nor reach the coverage (`reach`).
   *
   * A doc must cover `need`, so it must contain some term outside the cheapest terms that cover less than `need`
   * together (`docker` next to a rarer word): only the other terms' lists are read to find candidates; the cheap
   * ones count at their best contribution in the bound and are looked up when a candidate is scored.
   */
  private pruned(slots: Slot[], k: number, wanted: number, total: number, minCoverage: number): SearchHit[] | null {
    const need = minCoverage * total - 1e-9;
    const byCoverage = slots.map((_, index) => index).sort((a, b) => slots[a]!.coverage - slots[b]!.coverage);
    let cheap = 0;
    let cheapCoverage = 0;
    for (const index of byCoverage) {
      const coverage = slots[index]!.coverage;
      if (cheapCoverage + coverage + BOUND_EPSILON >= need) break;
      cheapCoverage += coverage;
      cheap++;
    }
    // What an unread doc can still get from the cheap slots (never read): value, and both bounds of the bonus.
    const fixed = { value: 0, named: 0, heading: 0 };
    const cursors: Cursor[] = [];
    byCoverage.forEach((index, rank) => {
      const slot = slots[index] as Slot;
      const { heading, body } = slot.postings;
      if (rank < cheap) {
        fixed.value += slot.share * Math.max(heading.maxValue[0] ?? 0, body.maxValue[0] ?? 0);
        if (heading.order.length > 0) {
          fixed.named += slot.coverage / total;
          fixed.heading += heading.maxBonus[0] as number;
        }
        return;
      }
      if (heading.order.length > 0) cursors.push({ slot: index, list: heading, at: 0, inHeading: true });
      if (body.order.length > 0) cursors.push({ slot: index, list: body, at: 0, inHeading: false });
    });
    if (new Set(cursors.map((cursor) => cursor.slot)).size > this.pruning.maxLists) return null;
    const slotValue = new Float64Array(slots.length);
    const slotHeading = new Float64Array(slots.length);
    const best: Ranked[] = [];
    this.epoch = (this.epoch + 1) >>> 0 || 1;
    if (this.epoch === 1) this.seen.fill(0);

    for (;;) {
      // Per slot, the most an unread doc can still get: the best of its live lists (-1: none left).
      slotValue.fill(-1);
      slotHeading.fill(0);
      let next: Cursor | undefined;
      let nextBound = -1;
      for (const cursor of cursors) {
        const { list, at } = cursor;
        if (at >= list.order.length) continue;
        const slot = slots[cursor.slot] as Slot;
        const value = slot.share * (list.maxValue[at] as number);
        if (value > slotValue[cursor.slot]!) slotValue[cursor.slot] = value;
        if (cursor.inHeading) slotHeading[cursor.slot] = list.maxBonus[at] as number;
        const promise = value + (cursor.inHeading ? Math.min(list.maxBonus[at] as number, slot.coverage / total) : 0);
        if (promise > nextBound) [next, nextBound] = [cursor, promise];
      }
      if (!next) break;
      let value = fixed.value;
      let named = fixed.named;
      let heading = fixed.heading;
      let reach = cheapCoverage;
      for (let index = 0; index < slots.length; index++) {
        if (slotValue[index]! < 0) continue;
        value += slotValue[index]!;
        reach += slots[index]!.coverage;
        if (slotHeading[index]! > 0) {
          named += slots[index]!.coverage / total;
          heading += slotHeading[index]!;
        }
      }
      if (reach + BOUND_EPSILON < need) break;
      // The bonus is HEADING_BONUS × (named / total) × min(1, namedHeading / headingWeight): each factor bounds it.
      const bound = value + HEADING_BONUS * Math.min(1, named, heading);
      const last = lastNeeded(best, k, wanted);
      if (last && last.score > bound + BOUND_EPSILON) break;

      const slot = slots[next.slot] as Slot;
      const doc = slot.postings.docs[next.list.order[next.at++]!] as number;
      if (this.seen[doc] === this.epoch) continue;
      this.seen[doc] = this.epoch;
      const hit = this.scoreOf(doc, slots, total);
      if (hit.coverage < need || (best.length === k && !before(hit, best[k - 1] as Ranked))) continue;
      let at = best.length;
      while (at > 0 && before(hit, best[at - 1] as Ranked)) at--;
      best.splice(at, 0, hit);
      if (best.length > k) best.pop();
    }
    return best.map(({ section, score }) => ({ section, score }));
  }

  /** One doc's exact score and coverage, summed in the same order as `accumulate` so the floats are identical. */
  private scoreOf(doc: number, slots: Slot[], total: number): Ranked & { coverage: number } {
    let score = 0;
    let coverage = 0;
    let named = 0;
    let namedHeading = 0;
    let first = -1;
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index] as Slot;
      const { postings } = slot;
      const i = find(postings.docs, doc);
      if (i < 0) continue;
      if (first < 0) first = index;
      score += (postings.values[i] as number) * slot.share;
      coverage += slot.coverage;
      if (postings.inHeading[i]) {
        named += slot.coverage;
        namedHeading += postings.idf;
      }
    }
    if (named !== 0) {
      const headingSide = Math.min(1, namedHeading / (this.headingWeight[doc] || 1));
      score += HEADING_BONUS * (named / total) * headingSide;
    }
    return { section: this.docs[doc] as Section, score, coverage, slot: first, doc };
  }

  /** Exhaustive reference: adds each query term's postings into the accumulators; returns how many docs were touched. */
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

/** The last hit callers look at: the `wanted`-th non-empty one, or the k-th hit; none while both are missing. */
function lastNeeded(best: Ranked[], k: number, wanted: number): Ranked | undefined {
  let nonEmpty = 0;
  for (const hit of best) if (!hit.section.empty && ++nonEmpty === wanted) return hit;
  return best.length === k ? best[k - 1] : undefined;
}
