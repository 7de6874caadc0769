/**
 * Questions made from any NotesIndex's concept sections (never record sections, empty headings or sections too
 * thin to ask about), mixed with curated bank questions. Deterministic for a seed: every random draw comes from
 * a PRNG forked per item, so the same notes and seed give the same questions.
 *
 * A quiz asks about each section and each fact once: a section's question claims that section (a bank question claims
 * the notes section its chapter and tags name) and its facts (the sentence it was made from, or the bank question, and
 * the correct answer, normalised), and a question whose claims are taken is left out. So the bank's "도커 허브는 무엇의
 * 한 종류인가요?" and the generated one never meet, and the quiz may be shorter than `count` for thin notes.
 *
 * Distractors are plausible and never also correct: the same kind of term (concept names for concept names,
 * Latin-letter terms for Latin ones, code for code), taken from the nearest sections first, distinct from each other
 * and from the answer, neither part nor extension of the answer, and never written anywhere in the question's
 * own section or sentence (so swapping one in cannot produce a statement the notes also make).
 */
import type { Translator } from '../i18n/index.js';
import type { NotesIndex, Section } from '../notes/types.js';
import { bankCardKey, noteCardKey, shortHash } from './keys.js';
import { createRng, type Rng } from './prng.js';
import {
  BLANK,
  codeTerms,
  containsTerm,
  latinTerms,
  norm,
  overlaps,
  plainLength,
  plainLines,
  replaceTerm,
  sentences,
  swapTerm,
  TermFinder,
  termsIn,
  type Term,
  type TermKind,
} from './text.js';
import type { BankQuestion, Question, QuestionKind } from './types.js';

/** A concept section with less plain text than this is "too thin to ask about". */
export const MIN_BODY_CHARS = 20;
const MAX_HEADING_CHARS = 40;
const DISTRACTORS = 3;
/** How many nearest sections are looked at for distractors. */
const NEAR_WINDOW = 40;
/** Distractors are drawn from this many nearest valid candidates, so seeds vary them. */
const DISTRACTOR_POOL = 5;

export const NOTE_KINDS = ['definition', 'cloze', 'truefalse', 'fact'] as const satisfies readonly QuestionKind[];

export interface GenerateOptions {
  count: number;
  seed: string | number;
  t: Translator;
  bank?: readonly BankQuestion[];
  /** Only sections whose heading path (or bank questions whose chapter/tags) contain this, case-insensitive. */
  topic?: string;
}

/** Concept sections with enough text to ask about. */
export function quizzableSections(index: NotesIndex, topic?: string): Section[] {
  const want = topic ? norm(topic) : null;
  return index.sections.filter(
    (s) =>
      s.kind === 'concept' &&
      !s.empty &&
      s.heading.trim().length > 0 &&
      s.heading.length <= MAX_HEADING_CHARS &&
      plainLength(s.body) >= MIN_BODY_CHARS &&
      (!want || s.path.some((p) => norm(p).includes(want))),
  );
}

export function bankMatchesTopic(q: BankQuestion, topic?: string): boolean {
  if (!topic) return true;
  const want = norm(topic);
  return [q.chapter, ...q.tags].some((x) => norm(x).includes(want));
}

type Item = { section: Section } | { bank: BankQuestion };

/**
 * What a question tests: its sections (a generated question's one section, keyed by file and heading path; the
 * sections a bank question names, one per notes file that has them, or its chapter when the notes lack it) and facts.
 */
interface Claims {
  sections: string[];
  facts: string[];
}

/** How facts and answers are compared: lowercased, without spaces, punctuation or symbols. */
export const factKey = (text: string) => norm(text).replace(/[^\p{L}\p{N}]/gu, '');

const sectionClaim = (s: Pick<Section, 'file' | 'path'>) => `s:${s.file}\u0000${s.path.join('\u0000')}`;

/** The sections and facts a quiz has asked about so far. */
class Asked {
  private readonly sections = new Set<string>();
  private readonly facts = new Set<string>();
  hasSection(section: string): boolean {
    return this.sections.has(section);
  }
  free(c: Claims): boolean {
    return c.sections.every((s) => !this.sections.has(s)) && c.facts.every((f) => f === '' || !this.facts.has(f));
  }
  take(c: Claims): void {
    for (const s of c.sections) this.sections.add(s);
    for (const f of c.facts) if (f !== '') this.facts.add(f);
  }
}

/** A heading as compared with a bank chapter or tag: `factKey` without a leading "3." or "2.1". */
const headingKey = (heading: string) => factKey(heading.replace(/^\s*\d{1,3}(?:\.\d{1,3})*[.):]?\s+/, ''));

/**
 * The notes sections a bank question is about, in every notes file that has them: the sections named by one of its
 * tags inside a section named by its chapter, else the chapter's sections, else the tags' sections (headings compared
 * as `headingKey`). A chapter the notes do not have is a section of its own, keyed by chapter and first tag.
 */
export function bankSectionFinder(sections: readonly Section[]): (b: BankQuestion) => string[] {
  const byHeading = new Map<string, Section[]>();
  for (const s of sections) {
    const key = headingKey(s.heading);
    if (key === '') continue;
    byHeading.set(key, [...(byHeading.get(key) ?? []), s]);
  }
  return (b) => {
    const chapter = byHeading.get(headingKey(b.chapter)) ?? [];
    const tagged = b.tags.flatMap((t) => byHeading.get(headingKey(t)) ?? []);
    const inside = tagged.filter((s) => chapter.some((c) => c === s || isAncestor(c, s)));
    const found = inside.length > 0 ? inside : chapter.length > 0 ? chapter : tagged;
    if (found.length === 0) return [`c:${factKey(b.chapter)}\u0000${factKey(b.tags[0] ?? '')}`];
    return [...new Set(found.map(sectionClaim))];
  };
}

export function generateQuestions(index: NotesIndex, options: GenerateOptions): Question[] {
  const sections = quizzableSections(index, options.topic);
  const bank = (options.bank ?? []).filter((q) => bankMatchesTopic(q, options.topic));
  const gen = new QuestionBuilder(sections, options.t);
  const rng = createRng(options.seed);
  const items: Item[] = rng.shuffle<Item>([
    ...sections.map((section) => ({ section })),
    ...bank.map((b) => ({ bank: b })),
  ]);
  const bankSection = bankSectionFinder(index.sections);
  const out: Question[] = [];
  const asked = new Asked();
  const kindOffset = rng.int(NOTE_KINDS.length);
  for (let i = 0; i < items.length && out.length < options.count; i++) {
    const item = items[i] as Item;
    const itemRng = rng.fork(`0:${'bank' in item ? item.bank.id : item.section.id}`);
    if ('bank' in item) {
      const b = item.bank;
      const claims = {
        sections: bankSection(b),
        facts: [factKey(b.question), factKey(b.choices[b.answer] ?? '')],
      };
      if (!asked.free(claims)) continue;
      asked.take(claims);
      out.push(bankQuestion(b, itemRng));
      continue;
    }
    const section = sectionClaim(item.section);
    if (asked.hasSection(section)) continue;
    // The first kind that can be asked about this section without repeating a fact already asked.
    for (let k = 0; k < NOTE_KINDS.length; k++) {
      const kind = NOTE_KINDS[(kindOffset + i + k) % NOTE_KINDS.length] as (typeof NOTE_KINDS)[number];
      const built = gen.build(kind, item.section, itemRng);
      if (!built) continue;
      const claims = { sections: [section], facts: built.facts.map(factKey) };
      if (!asked.free(claims)) continue;
      asked.take(claims);
      out.push(built.question);
      break;
    }
  }
  return out;
}

export function bankQuestion(b: BankQuestion, rng: Rng): Question {
  const order = rng.shuffle(b.choices.map((_, i) => i));
  return {
    id: `bank:${b.id}`,
    kind: 'bank',
    prompt: b.question,
    choices: order.map((i) => b.choices[i] as string),
    answer: order.indexOf(b.answer),
    explanation: b.explanation,
    source: { file: b.file, heading: b.chapter, path: [b.chapter] },
    cardKey: bankCardKey(b.id),
  };
}

interface Built {
  question: Question;
  /** What it tests, as written: the sentence it was made from and the answer. */
  facts: string[];
}

class QuestionBuilder {
  private readonly position = new Map<string, number>();
  private readonly finder: TermFinder;
  private readonly termCache = new Map<string, Term[]>();

  constructor(
    private readonly sections: readonly Section[],
    private readonly t: Translator,
  ) {
    sections.forEach((s, i) => this.position.set(s.id, i));
    this.finder = new TermFinder(sections.map((s) => s.heading));
  }

  build(kind: (typeof NOTE_KINDS)[number], section: Section, rng: Rng): Built | null {
    switch (kind) {
      case 'definition':
        return this.definition(section, rng);
      case 'cloze':
        return this.cloze(section, rng);
      case 'truefalse':
        return this.trueFalse(section, rng);
      case 'fact':
        return this.fact(section, rng);
    }
  }

  /** Sections nearest to this one in notes order (same file first, since files are contiguous). */
  private *near(section: Section): Generator<Section> {
    const at = this.position.get(section.id) ?? 0;
    for (let d = 1; d <= NEAR_WINDOW; d++) {
      for (const j of [at - d, at + d]) {
        const s = this.sections[j];
        if (s) yield s;
      }
    }
  }

  private termsOf(section: Section): Term[] {
    let terms = this.termCache.get(section.id);
    if (!terms) {
      const text = plainLines(section.body).join(' ');
      terms = [
        { text: section.heading, kind: 'concept' },
        ...latinTerms(text).map((t) => ({ text: t, kind: 'latin' as const })),
        ...codeTerms(text).map((t) => ({ text: t, kind: 'code' as const })),
      ];
      this.termCache.set(section.id, terms);
    }
    return terms;
  }

  /**
   * Up to DISTRACTORS terms of `kind` from nearby sections that are never also correct for this question.
   * `exclude` is text the distractor must not appear in (the section body and the prompt).
   */
  private distractors(section: Section, answer: string, kind: TermKind, exclude: string[], rng: Rng): string[] | null {
    const pool: string[] = [];
    const isRelative = (s: Section) => isAncestor(s, section) || isAncestor(section, s);
    for (const other of this.near(section)) {
      if (kind === 'concept' && isRelative(other)) continue;
      const candidates =
        kind === 'concept'
          ? [other.heading]
          : this.termsOf(other)
              .filter((t) => t.kind === kind)
              .map((t) => t.text);
      for (const c of candidates) {
        if (overlaps(c, answer) || pool.some((p) => overlaps(p, c))) continue;
        if (exclude.some((text) => containsTerm(text, c))) continue;
        pool.push(c);
        if (pool.length >= DISTRACTOR_POOL) break;
      }
      if (pool.length >= DISTRACTOR_POOL) break;
    }
    if (pool.length < DISTRACTORS) return null;
    return rng.shuffle(pool).slice(0, DISTRACTORS);
  }

  /** A question and its facts: the sentence it was made from and, unless it is true/false, its answer. */
  private question(
    kind: QuestionKind,
    section: Section,
    prompt: string,
    answer: string,
    wrong: string[],
    explanation: string,
    rng: Rng,
    sentence: string,
  ): Built {
    const choices = rng.shuffle([answer, ...wrong]);
    const question: Question = {
      id: `${kind}:${shortHash(`${section.file}\u0000${section.path.join('\u0000')}\u0000${prompt}\u0000${answer}`)}`,
      kind,
      prompt,
      choices,
      answer: choices.indexOf(answer),
      explanation,
      source: { file: section.file, heading: section.heading, path: [...section.path] },
      cardKey: noteCardKey(section),
    };
    return { question, facts: kind === 'truefalse' ? [sentence] : [sentence, answer] };
  }

  /** "Which concept is this?" with the defining sentence, the heading masked out, and 4 headings as choices. */
  private definition(section: Section, rng: Rng): Built | null {
    const all = sentences(section.body);
    const heading = section.heading;
    const scored = all.map((s, i) => ({ s, i, score: definitionScore(s, heading, i === 0) }));
    const best = scored.sort((a, b) => b.score - a.score || a.i - b.i)[0];
    if (!best || best.score <= 0 || (best.score === 1 && best.i !== 0)) return null;
    const text = tidyDefinition(replaceTerm(best.s, heading, BLANK));
    if (text.replace(BLANK, '').trim().length < MIN_BODY_CHARS / 2) return null;
    const wrong = this.distractors(section, heading, 'concept', [text], rng);
    if (!wrong) return null;
    const prompt = this.t('quiz.q.definition', { text });
    const explanation = this.t('quiz.explain.definition', { heading, sentence: best.s });
    return this.question('definition', section, prompt, heading, wrong, explanation, rng, best.s);
  }

  /** A sentence and one of its terms that has enough same-kind distractors. */
  private termSentence(section: Section, rng: Rng) {
    for (const sentence of rng.shuffle(sentences(section.body))) {
      for (const term of rng.shuffle(termsIn(sentence, this.finder))) {
        const blanked = replaceTerm(sentence, term.text, BLANK);
        if (blanked.replace(new RegExp(BLANK, 'g'), '').trim().length < MIN_BODY_CHARS / 2) continue;
        const wrong = this.distractors(section, term.text, term.kind, [section.body, sentence], rng);
        if (wrong) return { sentence, term, blanked, wrong };
      }
    }
    return null;
  }

  private cloze(section: Section, rng: Rng): Built | null {
    const found = this.termSentence(section, rng);
    if (!found) return null;
    const prompt = this.t('quiz.q.cloze', { text: found.blanked });
    const explanation = this.t('quiz.explain.cloze', { sentence: found.sentence });
    return this.question('cloze', section, prompt, found.term.text, found.wrong, explanation, rng, found.sentence);
  }

  /**
   * A statement from the notes, or the same with one term swapped for a distractor. A statement that does not name its
   * section's topic ("Harbor or docker에 올려서 사용 할 수 있다.") is prefixed with it: "[프라이빗 레지스트리] …".
   */
  private trueFalse(section: Section, rng: Rng): Built | null {
    const found = this.termSentence(section, rng);
    if (!found) return null;
    const isTrue = rng.int(2) === 0;
    const swapped = found.wrong[0] as string;
    const said = isTrue ? found.sentence : swapTerm(found.sentence, found.term.text, swapped);
    const statement = containsTerm(said, section.heading) ? said : `[${section.heading}] ${said}`;
    const choices = [this.t('quiz.choice.true'), this.t('quiz.choice.false')];
    const explanation = isTrue
      ? this.t('quiz.explain.true', { sentence: found.sentence })
      : this.t('quiz.explain.false', { sentence: found.sentence, term: found.term.text, swapped });
    const prompt = this.t('quiz.q.truefalse', { text: statement });
    const answer = choices[isTrue ? 0 : 1] as string;
    const built = this.question('truefalse', section, prompt, answer, [], explanation, rng, found.sentence);
    return { ...built, question: { ...built.question, choices, answer: isTrue ? 0 : 1 } };
  }

  /** "도커 허브는 무엇의 한 종류인가?" where a sentence states a kind-of or similar-to relation plainly. */
  private fact(section: Section, rng: Rng): Built | null {
    for (const sentence of rng.shuffle(sentences(section.body))) {
      const rel = relationIn(sentence, section.heading);
      if (!rel) continue;
      const wrong = this.distractors(section, rel.object, 'concept', [section.body, sentence, rel.subject], rng);
      if (!wrong) continue;
      const key = rel.relation === 'kindOf' ? 'quiz.q.fact.kindOf' : 'quiz.q.fact.similar';
      const prompt = this.t(key, { subject: rel.subject });
      const explanation = this.t('quiz.explain.fact', { sentence });
      return this.question('fact', section, prompt, rel.object, wrong, explanation, rng, sentence);
    }
    return null;
  }
}

function isAncestor(maybeAncestor: Section, of: Section): boolean {
  if (maybeAncestor.file !== of.file || maybeAncestor.path.length >= of.path.length) return false;
  return maybeAncestor.path.every((p, i) => of.path[i] === p);
}

/**
 * How much a sentence reads like a definition of `heading`: "X는 …" first, then "…을 의미한다 / …이다";
 * a sentence that names the heading other than as its subject is about something else (-1);
 * 0 or less, or a non-first sentence scoring 1, is not a definition.
 */
function definitionScore(sentence: string, heading: string, first: boolean): number {
  const h = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`^${h}(은|는|이란|란|이라 함은)\\s`, 'i').test(sentence)) return 4;
  const mentions = containsTerm(sentence, heading);
  if (/의미|말한다|(이다|입니다)\.?$/.test(sentence)) return mentions ? 1 : 2;
  if (!first || mentions) return 0;
  // A first sentence that ends in a noun ("도커를 설치한 서버 혹은 가상머신.") defines; one ending in a verb does not.
  return /(한다|된다|있다|없다|않다|하다)\.?$/.test(sentence) ? 0 : 1;
}

/** "＿＿＿는 특정 시점의 … 압축 파일이다." → "특정 시점의 … 압축 파일". */
function tidyDefinition(text: string): string {
  return text
    .replace(new RegExp(`^${BLANK}(은|는|이란|란|이라 함은)\\s+`), '')
    .replace(/(이다|입니다)\.?$/, '')
    .replace(/\.$/, '')
    .trim();
}

type Relation = { subject: string; object: string; relation: 'kindOf' | 'similar' };

const WORDS = '([^\\s,.()]+(?:\\s[^\\s,.()]+)?)';
const KIND_OF = new RegExp(`${WORDS}(?:은|는)\\s+${WORDS}의\\s*(?:한\\s*종류|일종|하나)(?:이다|입니다|다)`);
const SIMILAR = new RegExp(`(?:${WORDS}(?:은|는)\\s+)?${WORDS}(?:와|과)\\s+(?:유사|비슷|동일)(?:하다|합니다)`);

/** A plainly stated relation; a sentence without a subject ("(스냅샷과 유사하다.)") is about its section. */
export function relationIn(sentence: string, heading: string): Relation | null {
  const k = KIND_OF.exec(sentence);
  if (k?.[1] && k[2]) return { subject: k[1], object: k[2], relation: 'kindOf' };
  const s = SIMILAR.exec(sentence);
  if (s?.[2]) return { subject: s[1] ?? heading, object: s[2], relation: 'similar' };
  return null;
}
