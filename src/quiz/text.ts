/**
 * Turning a section's markdown body into plain sentences and finding the key terms in them.
 * Regex-based on purpose: quiz sentences need only list markers, images, links and emphasis removed,
 * and the notes are already parsed into sections by src/notes.
 */
import { josa } from 'es-hangul';

export const BLANK = '＿＿＿';

export type TermKind = 'concept' | 'latin' | 'code';

export interface Term {
  text: string;
  kind: TermKind;
}

const MIN_SENTENCE = 12;
const MAX_SENTENCE = 220;

/** Lowercased, whitespace-collapsed: how terms are compared. */
export const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The body as plain lines: no code blocks, tables, images, list markers, link targets or emphasis. */
export function plainLines(body: string): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const raw of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*\|/.test(raw) || /^\s*>/.test(raw)) continue;
    const line = raw
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
      .replace(/\*\*|__/g, '')
      .replace(/(^|\s)\*(\S[^*]*\S)\*(?=\s|$)/g, '$1$2')
      .trim();
    if (line) out.push(line);
  }
  return out;
}

/** Length of the body's plain text: what decides whether a section is too thin to ask about. */
export const plainLength = (body: string) => plainLines(body).join(' ').length;

/** Sentences worth quizzing on: split at sentence ends, without very short or very long ones. */
export function sentences(body: string): string[] {
  const out: string[] = [];
  for (const line of plainLines(body)) {
    for (const s of line.split(/(?<=[.!?])\s+/)) {
      const text = s.trim();
      if (text.length >= MIN_SENTENCE && text.length <= MAX_SENTENCE && !text.endsWith(':')) out.push(text);
    }
  }
  return out;
}

const LATIN_STOP = new Set(
  'the and for with from that this are was not you can use etc via per into out all any our its his her one two e.g i.e'.split(
    ' ',
  ),
);

/** English words, acronyms and names written in Latin letters (CPU, Harbor, docker.io), 3+ letters or all caps. */
export function latinTerms(text: string): string[] {
  const found = text.replace(/`[^`]*`/g, ' ').match(/[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*/g) ?? [];
  return found.filter((w) => (w.length >= 3 || /^[A-Z]{2,}$/.test(w)) && !LATIN_STOP.has(w.toLowerCase()));
}

/** Inline code spans, backticks kept. */
export function codeTerms(text: string): string[] {
  return text.match(/`[^`\n]{2,60}`/g) ?? [];
}

/** Replaces every occurrence of `term` (case-insensitive) with `by`. */
export function replaceTerm(text: string, term: string, by: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), () => by);
}

const PARTICLES: [RegExp, Parameters<typeof josa>[1]][] = [
  [/^(은|는)/, '은/는'],
  [/^(이|가)(?![가-힣])/, '이/가'],
  [/^(을|를)/, '을/를'],
  [/^(와|과)/, '와/과'],
  [/^(으로|로)/, '으로/로'],
];

/** Replaces `term` with `by`, fixing the particle after it (컨피그맵는 → 컨피그맵은) with es-hangul's josa. */
export function swapTerm(text: string, term: string, by: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(
    new RegExp(`${escaped}((?:으로|로|은|는|이|가|을|를|와|과)?)`, 'gi'),
    (_whole, particle: string) => {
      const rule = particle ? PARTICLES.find(([re]) => re.test(particle)) : undefined;
      return rule ? josa(by, rule[1]) : `${by}${particle}`;
    },
  );
}

export const containsTerm = (text: string, term: string) => norm(text).includes(norm(term));

/** Neither contains the other (so a distractor is not a part or extension of the answer). */
export const overlaps = (a: string, b: string) => containsTerm(a, b) || containsTerm(b, a);

/**
 * Finds known concept names in a sentence. Names are bucketed by their first two characters so a large corpus
 * (thousands of headings) is scanned once per sentence position instead of once per name.
 */
export class TermFinder {
  private readonly buckets = new Map<string, string[]>();
  constructor(names: Iterable<string>) {
    for (const name of names) {
      const key = norm(name).slice(0, 2);
      if (key.length < 2) continue;
      const list = this.buckets.get(key) ?? [];
      if (!list.includes(name)) list.push(name);
      this.buckets.set(key, list);
    }
  }
  find(text: string): string[] {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (let i = 0; i < lower.length - 1; i++) {
      for (const name of this.buckets.get(lower.slice(i, i + 2)) ?? []) {
        if (lower.startsWith(norm(name), i)) found.add(name);
      }
    }
    // Longest first, dropping names that are only part of a longer name found here ("이미지" inside "이미지 레지스트리").
    const sorted = [...found].sort((a, b) => b.length - a.length);
    return sorted.filter(
      (n, i) =>
        !sorted.slice(0, i).some((longer) => containsTerm(longer, n) && !containsTerm(stripAll(text, longer), n)),
    );
  }
}

function stripAll(text: string, term: string): string {
  return replaceTerm(text, term, ' ');
}

/** A sentence's terms of every kind, concept names first. */
export function termsIn(sentence: string, finder: TermFinder): Term[] {
  const terms: Term[] = finder.find(sentence).map((text) => ({ text, kind: 'concept' as const }));
  const seen = new Set(terms.map((t) => norm(t.text)));
  for (const text of latinTerms(sentence)) {
    if (!seen.has(norm(text)) && !terms.some((t) => containsTerm(t.text, text))) {
      seen.add(norm(text));
      terms.push({ text, kind: 'latin' });
    }
  }
  for (const text of codeTerms(sentence)) {
    if (!seen.has(norm(text))) {
      seen.add(norm(text));
      terms.push({ text, kind: 'code' });
    }
  }
  return terms;
}
