/**
 * What the index reads of each section, analysed (analyze.ts): the term counts of its four fields, its field lengths,
 * which terms name its heading, and the words the typo reading learns from it, as flat arrays. A function of the
 * section and its file's other sections (its ancestors): the loader computes it per file while the parser's thread
 * works on the next one (prepareSections), so the index build (search.ts) only turns counts into postings. Kept per
 * section object as long as the section, so a reload reuses the unchanged files' fields.
 *
 * Measured, and left on this thread: computing the fields on the parser's thread (sent back by structured clone)
 * made a cold 1 MB load ~45 % slower in the bench and ~7 % slower in a fresh process. The parser's thread is new for
 * each load (it stops when idle), so the analysis there always runs un-optimised code, and on 2 cores the load is
 * CPU-bound: a second parser thread was slower still. The parser's thread is the critical path as it is.
 */
import { analyzeTokens, isPlainLatin, type TokenAnalysis } from './analyze.js';
import { GENERIC_HEADING_TERMS, OPTIONAL_TERMS } from './synonyms.js';
import type { Section } from './types.js';

/** The fields, in the order of `SectionFields.counts`: heading (and aliases), path (ancestors, tags), body, lead. */
export const FIELD_COUNT = 4;
const [HEADING, PATH, BODY, LEAD] = [0, 1, 2, 3] as const;
/** A term inside a fenced code block counts this much of a prose mention. */
const CODE_WEIGHT = 0.4;
/** A term's heading flag: a topical word of the heading (NAMED), a generic heading word (GENERIC), or 0. */
export const NAMED = 1;
export const GENERIC = 2;

/** One section's fields, as flat arrays: one entry per distinct term, not a Map of arrays per section. */
export interface SectionFields {
  /** Its distinct terms, in the order first seen. */
  terms: string[];
  /** FIELD_COUNT counts per term, term by term (a code occurrence counts CODE_WEIGHT in the body). */
  counts: Float64Array;
  /**
   * Per term: NAMED, a topical heading word, which earns the heading bonus; GENERIC, a generic heading word, which
   * earns none but still dilutes it (볼륨 명령어 names 볼륨 less than 볼륨이란 does); or 0.
   */
  flags: Uint8Array;
  /** Terms per field (the body's is its full token count, code included). */
  lengths: number[];
  /** Words the typo reading learns (search.ts), heading first: Hangul stems, and Latin words with their term. */
  hangulWords: string[];
  latinWords: { text: string; term: string }[];
}

/**
 * A markdown body's fenced code (the lines inside ``` or ~~~ blocks) and its definition leads outside code, in one
 * pass over its lines.
 */
function codeAndLeads(body: string): { code: string; leads: string } {
  const code: string[] = [];
  const leads: string[] = [];
  let fence: string | null = null;
  for (const line of body.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      else code.push(line);
    } else if (marker !== undefined) {
      fence = marker;
    } else {
      const lead = definitionLead(line);
      if (lead !== undefined) leads.push(lead);
    }
  }
  return { code: code.join('\n'), leads: leads.join('\n') };
}

/**
 * What a line outside code defines (`- **kubelet**: …`, `ClusterIP: …`, `| ClusterIP | … |`, `- 파드란 …`,
 * `PV - …`). At most a few words, so a sentence with a colon is not taken, and never inline code (a command is what
 * the line explains, not a concept it names).
 */
function definitionLead(raw: string): string | undefined {
  const line = raw
    .trim()
    .replace(/^(?:>\s*)+/, '')
    .replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
  // Each pattern below needs one of these characters: most lines have none, and one test is cheaper than five.
  if (!/[*_|:：\-–—란]/.test(line)) return undefined;
  const lead =
    /^(?:\*\*|__)([^*_]{1,60}?)(?:\*\*|__)/.exec(line)?.[1] ??
    /^\|\s*([^|]{1,40}?)\s*\|/.exec(line)?.[1] ??
    /^([^:：|]{1,40}?)\s*[:：]\s*\S/.exec(line)?.[1] ??
    /^(.{1,40}?)\s+[-–—]\s+\S/.exec(line)?.[1] ??
    /^([^\s].{0,30}?)(?:이란|란)\s/.exec(line)?.[1] ??
    bareLead(line);
  // A lead in inline code (`docker volume ls` : 목록) is command syntax the line explains, not a concept's name.
  if (lead === undefined || /^[-:| ]*$/.test(lead) || lead.trimStart().startsWith('`')) return undefined;
  return lead.split(/\s+/).length <= 5 ? lead : undefined;
}

/**
 * A name and a colon alone on its line (`- kubelet:`, `container runtime:`), its definition in the nested lines
 * below: a lead of at most three words that is not a sentence (`다음과 같다:`, `확인해요:` end in 다 / 요).
 */
function bareLead(line: string): string | undefined {
  const lead = /^([^:：|]{1,40}?)\s*[:：]\s*$/.exec(line)?.[1];
  return lead !== undefined && lead.split(/\s+/).length <= 3 && !/[다요]$/.test(lead) ? lead : undefined;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** What the index reads of one section's own text, analysed: its heading and aliases, body, fenced code, leads. */
interface SectionText {
  heading: TokenAnalysis[];
  body: TokenAnalysis[];
  code: TokenAnalysis[];
  leads: TokenAnalysis[];
}

const headingTokens = (section: Section): TokenAnalysis[] =>
  analyzeTokens([section.heading, ...stringList((section as { aliases?: unknown }).aliases)].join('\n'));

function analyseText(section: Section): SectionText {
  const { code, leads } = codeAndLeads(section.body);
  return {
    heading: headingTokens(section),
    body: analyzeTokens(section.text),
    code: code === '' ? [] : analyzeTokens(code),
    leads: leads === '' ? [] : analyzeTokens(leads),
  };
}

/** A word that names no topic of its own: a generic heading word (종류, 정리, 장점) or what a question asks (언제, 왜). */
const isGenericTerm = (term: string) => GENERIC_HEADING_TERMS.has(term) || OPTIONAL_TERMS.has(term);

/**
 * A section's heading terms (heading and aliases), with repeats: topical ones, and generic heading words
 * (GENERIC_HEADING_TERMS, or all of them when the parser marks the heading generic).
 */
function headingOf(section: Section, tokens = headingTokens(section)): { topical: string[]; generic: string[] } {
  const generic = (section as { genericHeading?: unknown }).genericHeading === true;
  const topical: string[] = [];
  const genericTerms: string[] = [];
  for (const token of tokens) {
    for (const word of token.words) {
      for (const term of word.terms) {
        // What a heading asks (언제 사용하나?, 왜 필요한가) is as generic as 종류 or 정리: its topic is its parent's.
        (generic || isGenericTerm(term) ? genericTerms : topical).push(term);
      }
    }
  }
  return { topical, generic: genericTerms };
}

/** Counts per term in first-seen order, then flattened into SectionFields. */
class FieldCounts {
  private readonly at = new Map<string, number>();
  readonly terms: string[] = [];
  private readonly counts: number[] = [];
  readonly lengths = [0, 0, 0, 0];

  add(term: string, field: number): void {
    let i = this.at.get(term);
    if (i === undefined) {
      this.at.set(term, (i = this.terms.length));
      this.terms.push(term);
      this.counts.push(0, 0, 0, 0);
    }
    const at = i * FIELD_COUNT + field;
    this.counts[at] = (this.counts[at] as number) + 1;
    this.lengths[field] = (this.lengths[field] as number) + 1;
  }

  /** Each code occurrence of a term found in the body counts CODE_WEIGHT instead of 1. */
  discountCode(term: string): void {
    const i = this.at.get(term);
    if (i === undefined) return;
    const at = i * FIELD_COUNT + BODY;
    if ((this.counts[at] as number) > 0) this.counts[at] = Math.max(0, (this.counts[at] as number) - (1 - CODE_WEIGHT));
  }

  finish(named: Set<string>, generic: Set<string>, learnt: Learnt): SectionFields {
    const flags = new Uint8Array(this.terms.length);
    this.terms.forEach((term, i) => {
      flags[i] = named.has(term) ? NAMED : generic.has(term) ? GENERIC : 0;
    });
    return {
      terms: this.terms,
      counts: Float64Array.from(this.counts),
      flags,
      lengths: this.lengths,
      hangulWords: [...learnt.hangul],
      latinWords: [...learnt.latin].map(([text, term]) => ({ text, term })),
    };
  }
}

/** The typo reading's words of one section (search.ts FuzzyVocabulary keeps the first of each). */
interface Learnt {
  hangul: Set<string>;
  latin: Map<string, string>;
}

/**
 * A word the typo reading learns: a Hangul stem of 3+ syllables read as bigrams (a word the table knows has its
 * canonical term, which the analysis already corrects), or a plain Latin word of 4+ letters with its term.
 */
function learn(token: TokenAnalysis, learnt: Learnt): void {
  if (token.dropped !== undefined || token.typo !== undefined || token.words.length !== 1) return;
  if (token.hangul) {
    const stem = token.stem ?? token.text;
    const terms = token.words[0]?.terms ?? [];
    if (stem.length >= 3 && /^[\uAC00-\uD7A3]/.test(terms[0] ?? '')) learnt.hangul.add(stem);
  } else if (token.text.length >= 4 && isPlainLatin(token.text) && !learnt.latin.has(token.text)) {
    learnt.latin.set(token.text, token.words[0]?.terms[0] ?? token.text);
  }
}

/**
 * The fields of one section. Heading: its heading and aliases (other names it answers to), minus generic heading
 * words, which go to the path (as the whole heading does when the parser marks it generic). Path: its concept
 * ancestors' headings and its file's tags. Body: its text, a term in fenced code counting CODE_WEIGHT. Lead: its
 * definition leads. The typo reading learns the words of its heading and body.
 */
function computeFields(section: Section, byId: ReadonlyMap<string, Section>, shared: SharedAnalyses): SectionFields {
  const extra = section as { tags?: unknown };
  const fields = new FieldCounts();
  const learnt: Learnt = { hangul: new Set(), latin: new Map() };
  const text = analyseText(section);
  for (const token of text.heading) learn(token, learnt);
  const own = headingOf(section, text.heading);
  const headingTerms = new Set(own.topical);
  const genericTerms = new Set(own.generic.filter((term) => !headingTerms.has(term)));
  for (const term of own.topical) fields.add(term, HEADING);
  for (const term of own.generic) fields.add(term, PATH);
  // A heading of generic words only (### 종류, ### 특징, ## 정리) is about its parent's topic: the nearest ancestor
  // that names one lends its heading terms (볼륨 종류 finds 도커 볼륨 › 종류; 파드 특징 does not find 컨테이너 › 특징).
  if (headingTerms.size === 0) {
    for (let id = section.parent; id !== null;) {
      const ancestor = byId.get(id);
      if (!ancestor) break;
      const lent = ancestor.kind === 'record' ? [] : shared.topical(ancestor);
      if (lent.length > 0) {
        for (const term of lent) {
          fields.add(term, HEADING);
          headingTerms.add(term);
          genericTerms.delete(term);
        }
        break;
      }
      id = ancestor.parent;
    }
  }
  const ancestors: string[] = [];
  for (let id = section.parent; id !== null;) {
    const ancestor = byId.get(id);
    if (!ancestor) break;
    // Template headings (스터디 템플릿, 내용 정리) are records: they would only add noise to every path.
    if (ancestor.kind !== 'record') ancestors.push(ancestor.heading);
    id = ancestor.parent;
  }
  const path = [...ancestors, ...stringList(extra.tags)];
  if (path.length > 0) {
    forTerms(shared.path(path.join('\n')), (term) => {
      // A term the section's own heading names is not counted again from its parent's: `Static Pod › Static Pod
      // 생성하기` must not outscore `Static Pod` itself on "static pod가 뭐야" for repeating its parent.
      if (!headingTerms.has(term)) fields.add(term, PATH);
    });
  }
  // The body's length stays the full token count: a section that is mostly code is long, whatever its terms weigh.
  for (const token of text.body) {
    learn(token, learnt);
    for (const word of token.words) for (const term of word.terms) fields.add(term, BODY);
  }
  forTerms(text.code, (term) => fields.discountCode(term));
  // A lead that is a generic word (`장점 - …`, `예시: …`, `참고:`) labels a property of the section's topic rather
  // than naming a concept the line defines, so it counts as the body it already is.
  forTerms(text.leads, (term) => {
    if (!isGenericTerm(term)) fields.add(term, LEAD);
  });
  return fields.finish(headingTerms, genericTerms, learnt);
}

/**
 * Analyses sections share (one file's, or one index build's): siblings have the same path (ancestors' headings and
 * the file's tags) and the same ancestor to lend its heading, so each is analysed once instead of once per section.
 */
export class SharedAnalyses {
  private readonly paths = new Map<string, TokenAnalysis[]>();
  private readonly headings = new Map<Section, string[]>();

  path(text: string): TokenAnalysis[] {
    let tokens = this.paths.get(text);
    if (!tokens) this.paths.set(text, (tokens = analyzeTokens(text)));
    return tokens;
  }

  topical(section: Section): string[] {
    let terms = this.headings.get(section);
    if (!terms) this.headings.set(section, (terms = headingOf(section).topical));
    return terms;
  }
}

/** Calls `each` for every term of the tokens, in order, with repeats. */
function forTerms(tokens: TokenAnalysis[], each: (term: string) => void): void {
  for (const token of tokens) for (const word of token.words) for (const term of word.terms) each(term);
}

/** A line that only asks (… 궁금하다, … 다른지?, 알아보자): a member's open question, not research that answers it. */
const ASKING = /(\?|궁금(하다|합니다|함|해요|했다|하네|한데)?|알아보자|찾아보자|알아봐야겠다|찾아봐야겠다)[.!…~\s]*$/;

const isOpenQuestion = (section: Section) => {
  const lines = section.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length > 0 && lines.every((line) => ASKING.test(line));
};

/**
 * Concept sections, and members' question research (kind `question`) unless it only asks: a question written
 * under ❓ 특별히 궁금했던 부분 with nothing found yet (`CNI와 어떻게 다른지 궁금하다.`) answers nothing.
 */
export const answerable = (section: Section): boolean => {
  const kind = (section as { kind: string }).kind;
  return kind === 'concept' || (kind === 'question' && !isOpenQuestion(section));
};

const known = new WeakMap<Section, SectionFields>();

/** A section's fields, computed on first use (its ancestors looked up in `byId`). */
export function fieldsOf(
  section: Section,
  byId: ReadonlyMap<string, Section>,
  shared = new SharedAnalyses(),
): SectionFields {
  let fields = known.get(section);
  if (!fields) known.set(section, (fields = computeFields(section, byId, shared)));
  return fields;
}

/** Computes the fields of one file's sections ahead of the index build (none for those that answer nothing). */
export function prepareSections(sections: readonly Section[]): void {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const shared = new SharedAnalyses();
  for (const section of sections) if (answerable(section)) fieldsOf(section, byId, shared);
}

/** `copy` (the section with another author) has the fields of `section`, which do not depend on the author. */
export function shareFields(section: Section, copy: Section): void {
  const fields = known.get(section);
  if (fields) known.set(copy, fields);
}

/** A term's counts per field in a section's fields (zeros when it lacks the term): for `explain`. */
export function countsOf(fields: SectionFields, term: string): number[] {
  const i = fields.terms.indexOf(term);
  return i < 0 ? [0, 0, 0, 0] : Array.from(fields.counts.subarray(i * FIELD_COUNT, (i + 1) * FIELD_COUNT));
}
