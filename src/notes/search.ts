/**
 * Ranking for `/explain`: BM25F over four fields of each concept section (its heading and aliases, its concept
 * ancestors' headings and tags, its body text, and the definition leads in its body: `**kubelet**: …`,
 * `ClusterIP: …`, `X란 …`), on the terms of `analyze.ts`.
 *
 * What a section is worth beyond its words:
 * - a term found only inside a fenced code block counts CODE_WEIGHT of a prose mention (a YAML example repeats
 *   `labels`, `selector`, `image` without explaining them);
 * - a generic heading word (종류, 개념, 정리, 특징, 예시, 명령어 …) is read as context, not as the heading: it earns
 *   no heading bonus and weighs like an ancestor's heading;
 * - a heading with nothing under it, a heading with no text of its own, and a member's question research (kind
 *   `question`, written under ❓ 특별히 궁금했던 부분) are scaled down (PRIORS), so a section that explains the topic
 *   wins over them at similar scores; the scaling never changes coverage, so it never turns "found" to "not found".
 *
 * Everything that does not depend on the query is computed at build time: each posting stores its finished
 * BM25F contribution, and each term's postings are also kept in impact order (heading and body occurrences apart,
 * best first). A query whose candidates all come from one term's lists (a one-term question, or a rare term next
 * to cheap ones like `docker` that cannot reach MIN_COVERAGE alone) runs Fagin's threshold algorithm: read the best
 * remaining posting, score each new section exactly (binary search in the doc-ordered postings of every term),
 * stop once no unread section can still beat the hits kept or reach the coverage. Its work follows how clearly
 * the best answers stand out, not how many sections share the term. Other queries, and small indexes, use the
 * exhaustive loop over their terms' postings, which measured as fast there (see MAX_PRUNED_LISTS). The priors are
 * factors ≤ 1 applied to a section's finished score, so the bounds stay upper bounds and the pruning stays exact.
 * No library offers top-k pruning over this BM25F + coverage rule (MiniSearch scores exhaustively), hence the
 * hand-written loop; the exhaustive scorer stays the reference (`{ exhaustive: true }`) tests pin it to.
 *
 * "Not found" is decided by coverage, not by score: the share of the query's information (each term weighted by
 * its IDF, so `docker`, present nearly everywhere, weighs little and an unknown content word weighs most) that a
 * section contains. A section must cover at least MIN_COVERAGE of it to answer. Question and chat words never
 * enter it (analyze.ts drops them), so `쉘이 뭐임` is the question `쉘`. "쿠버네티스 파드 스케줄링" covers nothing;
 * "도커 네트워크 드라이버" covers only the cheap 도커 plus one body mention of 네트워크, under half.
 *
 * Before scoring, a query word none of whose terms the notes have is given a second reading: a Latin word typed
 * on the wrong keyboard layout (`dlalwl` → 이미지, es-hangul's convertQwertyToHangul) when the Hangul it spells is
 * in the notes, else the nearest indexed word within the typo allowance of typo.ts (`kublet` → kubelet), at
 * TYPO_WEIGHT. `explain(query)` returns every step of this as plain data (`cli explain --debug`).
 */
import { convertQwertyToHangul } from 'es-hangul';
import {
  TYPO_WEIGHT,
  analyzeTokens,
  analyzeWord,
  type DropReason,
  type TokenAnalysis,
  type Word,
  OPTIONAL_WEIGHT,
  SETS_ASIDE,
} from './analyze.js';
import { QUERY_SENSES, formsOf } from './synonyms.js';
import { FuzzyVocabulary } from './typo.js';
import {
  FIELD_COUNT,
  GENERIC,
  NAMED,
  answerable,
  countsOf,
  fieldsOf,
  SharedAnalyses,
  type SectionFields,
} from './fields.js';
import type { SearchHit, SearchResult, Section } from './types.js';

/**
 * Field weights: a heading names the topic, so a term there counts three times a body mention; a definition lead
 * (`- **kubelet**: 각 노드의 에이전트`) names what its line explains, twice, and is not length-normalised, so a
 * definition in a long list is not drowned by the list's length.
 */
const FIELDS = [
  { name: 'heading', weight: 3, b: 0.3 },
  { name: 'path', weight: 1, b: 0.3 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'lead', weight: 2, b: 0 },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
/** Score factors (never coverage): see the file comment. */
const PRIORS = { empty: 0.5, noText: 0.8, question: 0.75 } as const;
const K1 = 1.2;
/**
 * Bonus for a question that names the section's heading: (share of the question's weight found in the heading) ×
 * (share of the heading's weight found in the question), Dice-like, so "이미지란?" picks the section headed 이미지
 * over 이미지의 메타데이터, while "docker image inspect" (where 이미지 is a small part) barely moves.
 */
const HEADING_BONUS = 1;
/**
 * An answer must score at least this share of the IDF weight of the question's words the notes have: a section that
 * has enough of the words (MIN_COVERAGE) but each once in a long text (ECS named in passing under 클라우드로
 * 이주하기) only mentions the topic, and is offered as a suggestion instead. On the real-notes dev set
 * (`npm run bench -- quality`) 0.2 and 0.25 reject one more negative and lose no answer; 0.3 loses answers that a
 * single table row holds (upperdir lowerdir merged).
 */
const SCORE_FLOOR = 0.2;
/**
 * More for a heading the question names whole (every heading term asked): "static pod가 뭐야" means the section
 * headed Static Pod, not its child Static Pod 생성하기 whose body says static pod more often.
 */
const EXACT_BONUS = 1;

/**
 * The heading bonus from the question's share found in the heading and the heading's share found in the question;
 * `exact` (EXACT_BONUS for a "what is" question, else 0) more for a heading the question names whole.
 */
function bonusOf(namedShare: number, headingSide: number, exact: number): number {
  return HEADING_BONUS * namedShare * headingSide + (headingSide >= 1 - 1e-9 ? exact * namedShare : 0);
}

/** A question that asks what something is (뭐야, 란, 개념, what is): its answer is the section named by it. */
const asksWhat = (words: Word[]) => words.some((word) => word.optional && word.terms.includes('concept'));
/** Share of the query's IDF-weighted terms a section must contain to answer it. */
export const MIN_COVERAGE = 0.5;
/**
 * Share of the question's words (by weight, not IDF) a section must contain too: one rare word in a passing mention
 * (`멀티 스테이지` in a section about something else) can hold most of a question's IDF, not most of its words.
 */
export const MIN_WORDS = 0.5;
/** A child within this share of its parent's score, and more specific, answers before it (specificFirst). */
const CHILD_MARGIN = 0.9;
/** An unknown native verb the notes lack (살려, 넣었는데) counts this share of its weight against coverage. */
const ABSENT_VERB = 0.5;
/** Every term of the synonym table: the concepts the search knows by all their names. */
const TABLE_TERMS: ReadonlySet<string> = new Set([...formsOf()].map(([, term]) => term));
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
  /**
   * NAMED where the term is a topical word of the doc's heading, GENERIC where it is a generic heading word (it
   * raises the heading's side of the bonus when the question has it, but never earns the bonus alone), else 0.
   */
  inHeading: Uint8Array;
  /**
   * The heading occurrences and the others, each in impact order: built the first time a pruned query reads the
   * term (`impactLists`), since most terms are never in one and sorting every list made up a fifth of a cold build.
   */
  lists: { heading: ImpactList; body: ImpactList } | null;
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
  term: string;
  postings: Postings;
  share: number;
  /** The slot's coverage weight, idf × share (0 for an optional word). */
  coverage: number;
  /** The slot's share of the question's words, share (0 for an optional word). */
  words: number;
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

/** How much a heading flag names the term: NAMED over GENERIC over none. */
const headingRank = (flag: number) => (flag === NAMED ? 2 : flag === GENERIC ? 1 : 0);
/**
 * A generic heading word the question also says (기본 네임스페이스 설정 for 기본 네임스페이스 바꾸기) earns this share of
 * a topical word's heading bonus: asked for, it is a match; alone it never names the topic.
 */
const GENERIC_CREDIT = 0.5;

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

function priorOf(section: Section): { value: number; reasons: string[] } {
  let value = 1;
  const reasons: string[] = [];
  if (section.empty) {
    value *= PRIORS.empty;
    reasons.push(`empty heading ×${PRIORS.empty}`);
  } else if (section.text.trim() === '') {
    value *= PRIORS.noText;
    reasons.push(`no text of its own ×${PRIORS.noText}`);
  }
  if ((section as { kind: string }).kind === 'question') {
    value *= PRIORS.question;
    reasons.push(`member question ×${PRIORS.question}`);
  }
  return { value, reasons };
}

/** A query token after the search's second reading (keyboard layout, typo against the notes' words). */
export interface QueryToken extends TokenAnalysis {
  correction?: { kind: 'keyboard' | 'typo'; to: string; distance?: number };
}

/** es-hangul's layout conversion, which throws on some key sequences (a vowel that cannot combine): null then. */
function qwertyToHangul(text: string): string | null {
  try {
    return convertQwertyToHangul(text);
  } catch {
    return null;
  }
}

/** The terms of the table's Latin forms (kublet → kubelet), shared by every index. */
let latinForms: FuzzyVocabulary<string> | undefined;
function latinFormVocabulary(): FuzzyVocabulary<string> {
  if (!latinForms) {
    latinForms = new FuzzyVocabulary<string>();
    for (const [form, canonical] of formsOf()) if (/^[a-z][a-z0-9]{3,}$/.test(form)) latinForms.add(form, canonical);
  }
  return latinForms;
}

/** What `explain` reports for one query token. */
export interface ExplainToken {
  text: string;
  dropped?: DropReason;
  stem?: string;
  /** A typo read as a table word by the analysis (both notes and questions are read so). */
  typo?: { form: string; distance: number };
  /** A second reading by the search: keyboard layout or nearest word of the notes. */
  correction?: { kind: 'keyboard' | 'typo'; to: string; distance?: number };
  words: { terms: { term: string; idf: number; df: number }[]; weight: number; optional?: true; verb?: true }[];
}

export interface ExplainTerm {
  term: string;
  /** The term's share of its word's weight. */
  share: number;
  /** BM25F contribution (value × share). */
  bm25: number;
  tf: Record<FieldName, number>;
  /** Earns the heading bonus (in the heading, not a generic heading word). */
  inHeading: boolean;
}

export interface ExplainCandidate {
  id: string;
  heading: string;
  path: string[];
  file: string;
  line: number;
  kind: string;
  empty: boolean;
  /** Final score: (bm25 + headingBonus) × prior. */
  score: number;
  /** Share of the query's IDF weight the section contains (0–1); it answers when ≥ minCoverage … */
  coverage: number;
  /** … and its share of the query's words ≥ minWords. */
  wordCoverage: number;
  answers: boolean;
  bm25: number;
  headingBonus: number;
  prior: number;
  priorReasons: string[];
  matched: ExplainTerm[];
  /** Query terms the section lacks. */
  missing: string[];
}

/** Everything one query went through, as plain data (`cli explain --debug`). */
export interface SearchExplanation {
  query: string;
  tokens: ExplainToken[];
  dropped: { text: string; reason: DropReason }[];
  corrections: { text: string; kind: 'analysis-typo' | 'keyboard' | 'typo'; to: string; distance?: number }[];
  /**
   * The query's words after dedupe with their weights. Optional words (why, how, a compound's joined form) add to
   * the score and never count in the total; an unknown verb the notes lack counts ABSENT_VERB of its weight.
   */
  words: { terms: string[]; weight: number; optional?: true; verb?: true }[];
  totalWeight: number;
  /** The question's word weight (optional words aside): a section must contain minWords of it too. */
  wordWeight: number;
  minCoverage: number;
  minWords: number;
  /** Weight a section must contain to answer: minCoverage × totalWeight. */
  threshold: number;
  /** The least score an answer needs (SCORE_FLOOR of the weight of the question's words the notes have). */
  scoreFloor: number;
  /**
   * A concept of the synonym table the question names and no section mentions (`compose` over notes without it):
   * the question is not covered, and the sections that would answer are suggestions. Null when there is none.
   */
  missingConcept: string | null;
  /** Best-scored sections containing any query term, best first, answering or not. */
  candidates: ExplainCandidate[];
  outcome: { found: boolean; top: string | null; emptyTopic: string | null; suggestions: string[] };
}

export class SearchEngine {
  private readonly docs: Section[];
  private readonly postings = new Map<string, Postings>();
  /** Postings of the query terms of several senses read so far (`lookup`). */
  private readonly senses = new Map<string, Postings | undefined>();
  private readonly unknownIdf: number;
  // Per-query accumulators, allocated once: a query only touches the entries of the docs it reaches.
  private readonly scores: Float64Array;
  private readonly coverage: Float64Array;
  /** Share of the question's words each touched doc contains (MIN_WORDS). */
  private readonly wordCover: Float64Array;
  private readonly touched: Uint32Array;
  /** Query weight found in each doc's heading, and the same terms' weight on the heading's side. */
  private readonly namedQuery: Float64Array;
  private readonly namedHeading: Float64Array;
  /** Sum of the IDFs of each doc's distinct heading terms (generic heading words included, though they earn no bonus). */
  private readonly headingWeight: Float64Array;
  /** Docs already scored by the current pruned query: `seen[doc] === epoch`, so no reset between queries. */
  private readonly seen: Uint32Array;
  /** Each doc's score factor (PRIORS). */
  private readonly prior: Float64Array;
  private epoch = 0;
  /** The current query's EXACT_BONUS (see asksWhat), set by `prepare`. */
  private exact = 0;
  private readonly pruning: PruningOptions;
  private readonly byId: Map<string, Section>;
  /** Each answerable section's doc number, by id. */
  private readonly docOf: Map<string, number>;
  /** The notes' own Hangul words (3+ syllables) and Latin words, for reading a query word with a typo. */
  private readonly hangulWords = new FuzzyVocabulary<string>();
  private readonly latinWords = new FuzzyVocabulary<string>();

  constructor(sections: readonly Section[], pruning: Partial<PruningOptions> = {}) {
    this.pruning = { maxLists: MAX_PRUNED_LISTS, minPostings: MIN_PRUNED_POSTINGS, ...pruning };
    const byId = new Map(sections.map((s) => [s.id, s]));
    this.byId = byId;
    this.docs = sections.filter(answerable);
    this.docOf = new Map(this.docs.map((section, doc) => [section.id, doc]));
    const n = this.docs.length;
    this.scores = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.wordCover = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.namedQuery = new Float64Array(n);
    this.namedHeading = new Float64Array(n);
    this.headingWeight = new Float64Array(n);
    this.seen = new Uint32Array(n);
    this.prior = new Float64Array(n);
    this.unknownIdf = idfOf(n, 0);

    // Per term, the docs that have it (in doc order) and where its counts are in each doc's fields (fields.ts): plain
    // arrays, not a Map per term, because the 1 MB cold build allocates one entry per (term, doc) pair.
    const counts = new Map<string, { docs: number[]; at: number[] }>();
    const fieldsByDoc: SectionFields[] = [];
    const shared = new SharedAnalyses();
    const lengths = this.docs.map((section, doc) => {
      // Sections the loader did not prepare (an in-process build) share their ancestors' analyses here too.
      const fields = fieldsOf(section, byId, shared);
      fieldsByDoc[doc] = fields;
      for (const word of fields.hangulWords) this.hangulWords.add(word, word);
      for (const { text, term } of fields.latinWords) this.latinWords.add(text, term);
      fields.terms.forEach((term, at) => {
        let perDoc = counts.get(term);
        if (!perDoc) counts.set(term, (perDoc = { docs: [], at: [] }));
        perDoc.docs.push(doc);
        perDoc.at.push(at);
      });
      this.prior[doc] = priorOf(section).value;
      return fields.lengths;
    });
    const average = FIELDS.map((_, f) => lengths.reduce((sum, l) => sum + (l[f] ?? 0), 0) / Math.max(1, n) || 1);

    for (const [term, perDoc] of counts) {
      const df = perDoc.docs.length;
      const idf = idfOf(n, df);
      const docs = Uint32Array.from(perDoc.docs);
      const values = new Float64Array(df);
      const inHeading = new Uint8Array(df);
      for (let i = 0; i < df; i++) {
        const doc = docs[i] as number;
        const fields = fieldsByDoc[doc] as SectionFields;
        const at = perDoc.at[i] as number;
        let weighted = 0;
        const docLengths = lengths[doc] as number[];
        for (let f = 0; f < FIELDS.length; f++) {
          const count = fields.counts[at * FIELD_COUNT + f] as number;
          if (count === 0) continue;
          const field = FIELDS[f] as (typeof FIELDS)[number];
          const norm = 1 - field.b + (field.b * (docLengths[f] as number)) / (average[f] as number);
          weighted += (field.weight * count) / norm;
        }
        values[i] = (idf * weighted) / (K1 + weighted);
        const flag = fields.flags[at] as number;
        if (flag !== 0) {
          inHeading[i] = flag;
          this.headingWeight[doc] = (this.headingWeight[doc] as number) + idf;
        }
      }
      this.postings.set(term, { idf, docs, values, inHeading, lists: null });
    }
  }

  /**
   * A query term's postings. A term of several senses (`deploy|deployment`, QUERY_SENSES) is read as one term whose
   * postings are the union of its senses', each doc keeping its best sense: a doc with any sense matches the word
   * once, so the coverage, pruning and explanation code need not know about senses. Built once per engine.
   */
  private lookup(term: string): Postings | undefined {
    if (!term.includes(SENSE_SEPARATOR)) return this.postings.get(term);
    if (this.senses.has(term)) return this.senses.get(term);
    const lists = term.split(SENSE_SEPARATOR).flatMap((sense) => {
      const postings = this.postings.get(sense);
      return postings ? [postings] : [];
    });
    const merged = lists.length <= 1 ? lists[0] : this.union(lists);
    this.senses.set(term, merged);
    return merged;
  }

  private union(lists: Postings[]): Postings {
    const best = new Map<number, { value: number; flag: number }>();
    for (const postings of lists) {
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i] as number;
        const value = postings.values[i] as number;
        const flag = postings.inHeading[i] as number;
        const seen = best.get(doc);
        // A topical heading word beats a generic one, which beats none; the value is the best sense's.
        if (!seen) best.set(doc, { value, flag });
        else
          best.set(doc, {
            value: Math.max(seen.value, value),
            flag: headingRank(flag) > headingRank(seen.flag) ? flag : seen.flag,
          });
      }
    }
    const docs = Uint32Array.from([...best.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(docs, (doc) => best.get(doc)!.value);
    const inHeading = Uint8Array.from(docs, (doc) => best.get(doc)!.flag);
    return { idf: idfOf(this.docs.length, docs.length), docs, values, inHeading, lists: null };
  }

  /** A term's impact-ordered lists, built on first use (every heading weight is known once the constructor ends). */
  private impactLists(postings: Postings): { heading: ImpactList; body: ImpactList } {
    if (postings.lists) return postings.lists;
    const { idf, docs, values, inHeading } = postings;
    const heading: number[] = [];
    const body: number[] = [];
    for (let i = 0; i < docs.length; i++) (inHeading[i] ? heading : body).push(i);
    postings.lists = {
      heading: impactList(heading, values, (i) => (HEADING_BONUS * idf) / (this.headingWeight[docs[i] as number] || 1)),
      body: impactList(body, values, () => 0),
    };
    return postings.lists;
  }

  /** `exhaustive` scores every posting of the query's terms: the reference the pruned search is tested against. */
  search(query: string, options: { limit?: number; exhaustive?: boolean } = {}): SearchResult {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5) || 5));
    const { tokens, words } = this.prepare(query);
    const readAs = readingsOf(tokens);
    const none: SearchResult = {
      query,
      found: false,
      results: [],
      suggestions: [],
      emptyTopic: null,
      ...(readAs.length > 0 ? { readAs } : {}),
    };
    // A question of question words only (왜? 어떻게?) names no topic.
    if (words.every((word) => word.optional)) return none;

    const { total, words: wordTotal } = this.totalWeight(words);
    const needWords = MIN_WORDS * wordTotal - 1e-9;
    // Pruned first; it declines (null) a query with more than `maxLists` terms to read, then scored exhaustively.
    let answering: SearchHit[] | null = null;
    let nearest: SearchHit[] | null = [];
    const slots = this.slots(words);
    if (
      !options.exhaustive &&
      slots.reduce((n, slot) => n + slot.postings.docs.length, 0) >= this.pruning.minPostings
    ) {
      answering = this.pruned(slots, limit + SUGGESTIONS + 1, limit, total, MIN_COVERAGE, needWords);
      if (answering && (answering[0] === undefined || answering[0].section.empty))
        nearest = this.pruned(slots, 2 * SUGGESTIONS + 1, SUGGESTIONS, total, 0, Number.NEGATIVE_INFINITY);
    }
    if (!answering || !nearest) {
      const touchedCount = this.accumulate(words, total);
      answering = this.topK(touchedCount, limit + SUGGESTIONS + 1, total, MIN_COVERAGE, needWords);
      nearest = [];
      if (answering[0] === undefined || answering[0].section.empty)
        nearest = this.topK(touchedCount, 2 * SUGGESTIONS + 1, total, 0, Number.NEGATIVE_INFINITY);
      this.reset(touchedCount);
    }

    const nonEmpty = (hits: SearchHit[]) => hits.filter((hit) => !hit.section.empty);
    // The question names a concept the notes never mention by any of its names: they do not cover it, whatever
    // they say about its other words (`도커 컴포즈로 여러 컨테이너 띄우기` over notes without compose), so the
    // sections that would answer are suggestions.
    if (this.missingConcept(tokens) !== null) {
      nearest = [...answering, ...(nearest ?? [])];
      answering = [];
    }
    // Answers only in passing (SCORE_FLOOR) give way: to a stronger answer, else to "not found" with them suggested.
    const known = slots.reduce((sum, slot) => sum + slot.coverage, 0);
    const weak = answering.filter((hit) => hit.score < SCORE_FLOOR * known);
    if (weak.length > 0) {
      answering = answering.filter((hit) => !weak.includes(hit));
      nearest = [...weak, ...(nearest ?? [])];
    }
    answering = this.specificFirst(answering, { slots, words, total, wordTotal });
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
    return { ...none, found: true, results: nonEmpty(answering).slice(0, limit) };
  }

  /**
   * The top answer's child that answers as fully, names more of the question in its heading and scores within
   * CHILD_MARGIN of it goes first: the more specific section (`도커 이미지 푸쉬(push)` under `5. 도커 허브 연동하기`
   * for `도커 허브에 이미지 올리기`, `볼륨 삭제` under `docker volume`). Not for a "what is" question, whose answer
   * is the section it names, parent or not.
   */
  private specificFirst(
    hits: SearchHit[],
    query: { slots: Slot[]; words: Word[]; total: number; wordTotal: number },
  ): SearchHit[] {
    const { slots, words, total, wordTotal } = query;
    const top = hits[0];
    if (!top || asksWhat(words)) return hits;
    const at = hits.findIndex(
      (hit, i) =>
        i > 0 && !hit.section.empty && hit.section.parent === top.section.id && hit.score >= CHILD_MARGIN * top.score,
    );
    if (at < 0) return hits;
    const read = (hit: SearchHit) => {
      const candidate = this.explainDoc(this.docOf.get(hit.section.id) as number, slots, words, total, wordTotal);
      const idf = (term: string) => this.lookup(term)?.idf ?? 0;
      const named = candidate.matched.reduce((sum, m) => sum + (m.inHeading ? m.share * idf(m.term) : 0), 0);
      return { coverage: candidate.coverage, named };
    };
    const parent = read(top);
    const child = read(hits[at] as SearchHit);
    if (child.coverage + 1e-9 < parent.coverage || child.named <= parent.named) return hits;
    return [hits[at] as SearchHit, ...hits.filter((_, i) => i !== at)];
  }

  /**
   * A concept of the synonym table the question asks about (a whole word of full weight, not a question word, verb
   * or typo reading) that no section mentions by any of its names, or null. The table's forms of it were all looked
   * for (compose, 컴포즈, docker-compose …), so its absence is the notes', not the reading's.
   */
  private missingConcept(tokens: readonly QueryToken[]): string | null {
    // `-v 옵션`, `-p 8080:80 옵션은 뭘 하는 거야?`: the flag is what is asked, 옵션 only says what it is.
    const flag = tokens.some((token) => token.words.some((word) => word.terms.some((term) => term.startsWith('-'))));
    for (const token of excludeNegated(tokens)) {
      // A word read whole: not a compound split into guesses (오픈소스 → open + 소스) nor a typo reading.
      if (token.words.length !== 1 || token.typo || token.correction) continue;
      const word = withSenses(token.words[0] as Word);
      if (word.optional || word.verb || word.weight < 1 || word.terms.length !== 1) continue;
      const term = word.terms[0] as string;
      if (flag && term === 'option') continue;
      if (this.lookup(term) === undefined && term.split(SENSE_SEPARATOR).every((t) => TABLE_TERMS.has(t))) return term;
    }
    return null;
  }

  /**
   * Every step of one query as plain data: the analysed tokens (dropped words and why, stems, typo readings), the
   * words and their weights, the coverage threshold, and for the best-scored candidates (answering or not) each
   * part of the score. Scores are those of the exhaustive reference, which the pruned search equals.
   */
  explain(query: string, options: { candidates?: number } = {}): SearchExplanation {
    const { tokens, words } = this.prepare(query);
    const result = this.search(query);
    const idf = (term: string) => this.lookup(term)?.idf ?? this.unknownIdf;
    const { total, words: wordTotal } = this.totalWeight(words);
    const explanation: SearchExplanation = {
      query,
      tokens: tokens.map((token) => ({
        text: token.text,
        ...(token.dropped ? { dropped: token.dropped } : {}),
        ...(token.stem ? { stem: token.stem } : {}),
        ...(token.typo ? { typo: token.typo } : {}),
        ...(token.correction ? { correction: token.correction } : {}),
        words: token.words.map((word) => ({
          weight: word.weight,
          ...(word.optional ? { optional: true as const } : {}),
          ...(word.verb ? { verb: true as const } : {}),
          terms: word.terms.map((term) => ({ term, idf: idf(term), df: this.lookup(term)?.docs.length ?? 0 })),
        })),
      })),
      dropped: tokens.flatMap((token) => (token.dropped ? [{ text: token.text, reason: token.dropped }] : [])),
      corrections: tokens.flatMap((token) => [
        ...(token.typo
          ? [{ text: token.text, kind: 'analysis-typo' as const, ...token.typo, to: token.typo.form }]
          : []),
        ...(token.correction ? [{ text: token.text, ...token.correction }] : []),
      ]),
      words: words.map((word) => ({
        terms: word.terms,
        weight: word.weight,
        ...(word.optional ? { optional: true as const } : {}),
        ...(word.verb ? { verb: true as const } : {}),
      })),
      totalWeight: total,
      wordWeight: wordTotal,
      minCoverage: MIN_COVERAGE,
      minWords: MIN_WORDS,
      threshold: MIN_COVERAGE * total,
      scoreFloor: SCORE_FLOOR * this.slots(words).reduce((sum, slot) => sum + slot.coverage, 0),
      missingConcept: words.every((word) => word.optional) ? null : this.missingConcept(tokens),
      candidates: [],
      outcome: {
        found: result.found,
        top: result.results[0]?.section.heading ?? null,
        emptyTopic: result.emptyTopic?.heading ?? null,
        suggestions: result.suggestions.map((section) => section.heading),
      },
    };
    if (words.every((word) => word.optional)) return explanation;
    const touchedCount = this.accumulate(words, total);
    const touched = Array.from(this.touched.subarray(0, touchedCount)).map((doc) => ({
      doc,
      score: this.scores[doc] as number,
    }));
    this.reset(touchedCount);
    touched.sort((a, b) => b.score - a.score || a.doc - b.doc);
    const slots = this.slots(words);
    explanation.candidates = touched
      .slice(0, Math.max(1, options.candidates ?? 5))
      .map(({ doc }) => this.explainDoc(doc, slots, words, total, wordTotal));
    return explanation;
  }

  private explainDoc(doc: number, slots: Slot[], words: Word[], total: number, wordTotal: number): ExplainCandidate {
    const section = this.docs[doc] as Section;
    const fields = fieldsOf(section, this.byId);
    const matched: ExplainTerm[] = [];
    let bm25 = 0;
    let coverage = 0;
    let wordCover = 0;
    let named = 0;
    let namedHeading = 0;
    for (const slot of slots) {
      const { postings } = slot;
      const i = find(postings.docs, doc);
      if (i < 0) continue;
      const { term } = slot;
      const value = (postings.values[i] as number) * slot.share;
      bm25 += value;
      coverage += slot.coverage;
      wordCover += slot.words;
      const flag = postings.inHeading[i];
      const inHeading = flag === NAMED;
      if (flag) {
        named += inHeading ? slot.coverage : GENERIC_CREDIT * slot.coverage;
        namedHeading += postings.idf;
      }
      // A term of several senses shows the counts of its senses, field by field at their most.
      const tf = term
        .split(SENSE_SEPARATOR)
        .map((sense) => countsOf(fields, sense))
        .reduce((most, counts) => most.map((count, f) => Math.max(count, counts[f] ?? 0)));
      matched.push({
        term,
        share: slot.share,
        bm25: value,
        tf: Object.fromEntries(FIELDS.map((field, f) => [field.name, tf[f] ?? 0])) as Record<FieldName, number>,
        inHeading,
      });
    }
    const headingBonus =
      named === 0 ? 0 : bonusOf(named / total, Math.min(1, namedHeading / (this.headingWeight[doc] || 1)), this.exact);
    const prior = priorOf(section);
    const has = new Set(matched.map((m) => m.term));
    return {
      id: section.id,
      heading: section.heading,
      path: section.path,
      file: section.file,
      line: section.line,
      kind: (section as { kind: string }).kind,
      empty: section.empty,
      score: (bm25 + headingBonus) * prior.value,
      coverage: total > 0 ? coverage / total : 0,
      wordCoverage: wordTotal > 0 ? wordCover / wordTotal : 0,
      answers: coverage > 0 && coverage >= MIN_COVERAGE * total - 1e-9 && wordCover >= MIN_WORDS * wordTotal - 1e-9,
      bm25,
      headingBonus,
      prior: prior.value,
      priorReasons: prior.reasons,
      matched,
      missing: [...new Set(words.flatMap((word) => word.terms))]
        .filter((term) => !has.has(term))
        .map((term) =>
          words.some((word) => word.optional && word.terms.includes(term)) ? `${term} (optional)` : term,
        ),
    };
  }

  /** Remembers a word of the notes that the analysis kept as itself, for reading a query's typo of it. */
  /** The query's words: its analysis, each word the notes lack read again (keyboard layout, typo), deduplicated. */
  private prepare(query: string): { tokens: QueryToken[]; words: Word[] } {
    const has = (term: string) => this.lookup(term) !== undefined;
    const tokens = analyzeTokens(String(query ?? '').slice(0, MAX_QUERY_CHARS), MAX_QUERY_WORDS, {
      typoJoins: has,
    }).map((token) => this.reread(token));
    const words = dedupe(
      excludeNegated(tokens)
        .flatMap((token) => token.words)
        .map(withSenses),
    ).slice(0, MAX_QUERY_WORDS);
    this.exact = asksWhat(words) ? EXACT_BONUS : 0;
    return { tokens, words };
  }

  private reread(token: TokenAnalysis): QueryToken {
    if (token.words.length === 0) return token;
    const has = (term: string) => this.lookup(term) !== undefined;
    const terms = token.words.flatMap((word) => word.terms);
    if (!token.hangul) {
      if (terms.some(has) || !/^[a-z]+$/.test(token.text)) return token;
      // A Latin word typed with the Korean layout off (dlalwl → 이미지): read the Hangul it spells, if the notes have it.
      const hangul = qwertyToHangul(token.text);
      if (hangul !== null && /^[\uAC00-\uD7A3]{2,}$/.test(hangul)) {
        const words = analyzeTokens(hangul).flatMap((t) => t.words);
        if (words.some((word) => word.terms.some(has)))
          return { ...token, words, correction: { kind: 'keyboard', to: hangul } };
      }
      const weight = (token.words[0]?.weight ?? 1) * TYPO_WEIGHT;
      for (const vocabulary of [this.latinWords, latinFormVocabulary()]) {
        const near = vocabulary.nearest(token.text);
        if (near && has(near.value)) {
          return {
            ...token,
            words: [{ terms: [near.value], weight }],
            correction: { kind: 'typo', to: near.entry, distance: near.distance },
          };
        }
      }
      return token;
    }
    // A Hangul word read as syllable bigrams, some of which no section has: the nearest word of the notes.
    const stem = token.stem ?? token.text;
    if (token.typo || stem.length < 3 || terms.every(has) || !/^[\uAC00-\uD7A3]/.test(terms[0] ?? '')) return token;
    const near = this.hangulWords.nearest(stem);
    const reading = near ? analyzeWord(near.value) : undefined;
    if (!near || !reading || reading.words.length === 0) return token;
    const weight = token.words[0]?.weight ?? 1;
    return {
      ...token,
      words: reading.words.map((word) => ({ terms: word.terms, weight: Math.min(weight, word.weight) * TYPO_WEIGHT })),
      correction: { kind: 'typo', to: near.entry, distance: near.distance },
    };
  }

  /** The query's terms that some section has, in query order, each with its share of its word's weight. */
  private slots(words: Word[]): Slot[] {
    const slots: Slot[] = [];
    for (const word of words) {
      const share = word.weight / word.terms.length;
      for (const term of word.terms) {
        const postings = this.lookup(term);
        if (postings) {
          const coverage = word.optional ? 0 : postings.idf * share;
          slots.push({ term, postings, share, coverage, words: word.optional ? 0 : share });
        }
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
  private pruned(
    slots: Slot[],
    k: number,
    wanted: number,
    total: number,
    minCoverage: number,
    needWords: number,
  ): SearchHit[] | null {
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
      const { heading, body } = this.impactLists(slot.postings);
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
      const bound = value + (HEADING_BONUS + EXACT_BONUS) * Math.min(1, named, heading);
      const last = lastNeeded(best, k, wanted);
      if (last && last.score > bound + BOUND_EPSILON) break;

      const slot = slots[next.slot] as Slot;
      const doc = slot.postings.docs[next.list.order[next.at++]!] as number;
      if (this.seen[doc] === this.epoch) continue;
      this.seen[doc] = this.epoch;
      const hit = this.scoreOf(doc, slots, total);
      if (hit.coverage <= 0 || hit.coverage < need || hit.words < needWords) continue;
      if (best.length === k && !before(hit, best[k - 1] as Ranked)) continue;
      let at = best.length;
      while (at > 0 && before(hit, best[at - 1] as Ranked)) at--;
      best.splice(at, 0, hit);
      if (best.length > k) best.pop();
    }
    return best.map(({ section, score }) => ({ section, score }));
  }

  /** One doc's exact score and coverage, summed in the same order as `accumulate` so the floats are identical. */
  private scoreOf(doc: number, slots: Slot[], total: number): Ranked & { coverage: number; words: number } {
    let score = 0;
    let coverage = 0;
    let words = 0;
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
      words += slot.words;
      const flag = postings.inHeading[i];
      if (flag) {
        named += flag === NAMED ? slot.coverage : GENERIC_CREDIT * slot.coverage;
        namedHeading += postings.idf;
      }
    }
    if (named !== 0) {
      score += bonusOf(named / total, Math.min(1, namedHeading / (this.headingWeight[doc] || 1)), this.exact);
    }
    score *= this.prior[doc] as number;
    return { section: this.docs[doc] as Section, score, coverage, words, slot: first, doc };
  }

  /** Exhaustive reference: adds each query term's postings into the accumulators; returns how many docs were touched. */
  private accumulate(words: Word[], total: number): number {
    let touchedCount = 0;
    for (const word of words) {
      const share = word.weight / word.terms.length;
      for (const term of word.terms) {
        const postings = this.lookup(term);
        if (!postings) continue;
        const coverage = word.optional ? 0 : postings.idf * share;
        for (let i = 0; i < postings.docs.length; i++) {
          const doc = postings.docs[i] as number;
          // Every posting adds a positive score, so a doc is new while both accumulators are still 0.
          if (this.scores[doc] === 0 && this.coverage[doc] === 0) this.touched[touchedCount++] = doc;
          this.scores[doc] = (this.scores[doc] as number) + (postings.values[i] as number) * share;
          this.coverage[doc] = (this.coverage[doc] as number) + coverage;
          this.wordCover[doc] = (this.wordCover[doc] as number) + (word.optional ? 0 : share);
          const flag = postings.inHeading[i];
          if (flag) {
            this.namedQuery[doc] =
              (this.namedQuery[doc] as number) + (flag === NAMED ? coverage : GENERIC_CREDIT * coverage);
            this.namedHeading[doc] = (this.namedHeading[doc] as number) + postings.idf;
          }
        }
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i] as number;
      const named = this.namedQuery[doc] as number;
      if (named !== 0) {
        const headingSide = Math.min(1, (this.namedHeading[doc] as number) / (this.headingWeight[doc] || 1));
        this.scores[doc] = (this.scores[doc] as number) + bonusOf(named / total, headingSide, this.exact);
      }
      this.scores[doc] = (this.scores[doc] as number) * (this.prior[doc] as number);
    }
    return touchedCount;
  }

  /**
   * The query's full IDF weight and word weight (optional words aside); terms no section has count at the highest
   * IDF, as the rarest possible term (an unknown native verb at ABSENT_VERB of that).
   */
  private totalWeight(words: Word[]): { total: number; words: number } {
    let total = 0;
    let wordTotal = 0;
    for (const word of words) {
      if (word.optional) continue;
      const share = word.weight / word.terms.length;
      const someKnown = word.halves === true && word.terms.some((term) => this.lookup(term) !== undefined);
      for (const term of word.terms) {
        const postings = this.lookup(term);
        if (!postings && someKnown) continue;
        const absent = word.verb ? ABSENT_VERB : 1;
        total += postings ? postings.idf * share : this.unknownIdf * share * absent;
        wordTotal += postings ? share : share * absent;
      }
    }
    return { total, words: wordTotal };
  }

  /** Best `k` touched docs covering at least `minCoverage` of the query, by insertion into a short sorted list. */
  private topK(touchedCount: number, k: number, total: number, minCoverage: number, needWords: number): SearchHit[] {
    const best: SearchHit[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i] as number;
      const score = this.scores[doc] as number;
      // The epsilon keeps a full match from failing on floating-point rounding of the same sum; a doc that only has
      // optional terms (why, how …) covers nothing of the question and is never an answer or a suggestion.
      const coverage = this.coverage[doc] as number;
      if (coverage <= 0 || coverage < minCoverage * total - 1e-9 || (this.wordCover[doc] as number) < needWords)
        continue;
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
      this.wordCover[doc] = 0;
    }
  }
}

/**
 * A word the question sets aside (the one before 말고) is not what it asks about: it stays as an optional hint
 * (the answer may well name it, as the thing compared), never a requirement.
 */
function excludeNegated(tokens: readonly QueryToken[]): QueryToken[] {
  return tokens.map((token, at) => {
    const next = tokens[at + 1];
    if (!next || !SETS_ASIDE.has(next.text) || token.words.length === 0) return token;
    return { ...token, words: token.words.map((word) => ({ ...word, weight: OPTIONAL_WEIGHT, optional: true })) };
  });
}

/** Joins the senses of one query term (`deploy|deployment`); no term of the notes has it. */
const SENSE_SEPARATOR = '|';

/** A query word with each term of several senses (QUERY_SENSES) read as all of them. */
function withSenses(word: Word): Word {
  if (!word.terms.some((term) => QUERY_SENSES.has(term))) return word;
  const terms = word.terms.map((term) => [term, ...(QUERY_SENSES.get(term) ?? [])].join(SENSE_SEPARATOR));
  return { ...word, terms };
}

/**
 * A word repeated in the query (Public Repository와 Private Repository) counts once, in its first place, as its
 * strongest reading: `rmi` after 삭제하려면 is the same term, named outright rather than by a verb's stem.
 */
function dedupe(words: Word[]): Word[] {
  const first = new Map<string, Word>();
  const out: Word[] = [];
  for (const word of words) {
    const key = word.terms.join(' ');
    const seen = first.get(key);
    if (!seen) {
      const copy = { ...word };
      first.set(key, copy);
      out.push(copy);
      continue;
    }
    if (word.weight > seen.weight) seen.weight = word.weight;
    if (!word.optional) delete seen.optional;
    if (!word.verb) delete seen.verb;
  }
  return out;
}

/** The last hit callers look at: the `wanted`-th non-empty one, or the k-th hit; none while both are missing. */
function lastNeeded(best: Ranked[], k: number, wanted: number): Ranked | undefined {
  let nonEmpty = 0;
  for (const hit of best) if (!hit.section.empty && ++nonEmpty === wanted) return hit;
  return best.length === k ? best[k - 1] : undefined;
}

/**
 * The words of a question the search read as another (a keyboard-layout slip, a typo, a spaced form with a typo),
 * each once, for the reply to show how the question was understood.
 */
function readingsOf(tokens: readonly QueryToken[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const token of tokens) {
    const to = token.correction?.to ?? token.typo?.form;
    if (to === undefined || to === token.text || out.some((r) => r.from === token.text)) continue;
    out.push({ from: token.text, to });
  }
  return out;
}
