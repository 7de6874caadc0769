/**
 * Heading autocomplete for the `/explain` option: exact, prefix, in-progress syllable, substring, choseong
 * (initial consonant) and finally same-terms (English or loanword spelling: docker → 도커) matches, in that order. Keys are precomputed per heading so a keystroke is one pass of
 * string comparisons over the headings.
 */
import { disassemble, getChoseong } from 'es-hangul';
import { analyze } from './analyze.js';
import { headingKey } from './parse.js';
import type { AutocompleteHit, Section } from './types.js';

const MAX_LABEL = 100;
const MAX_HITS = 25;
const SEPARATOR = ' › ';

interface Entry {
  section: Section;
  label: string;
  key: string;
  /** The key in jamo, so 임 (이미지 half-typed) is a prefix of it. */
  jamo: string;
  /** Each Hangul syllable replaced by its initial consonant, other characters kept. */
  choseong: string;
  /** Search terms of the heading, so `docker` or `lifecycle` finds 도커 … and … 라이프 사이클. */
  terms: Set<string>;
}

/** `이미지 레지스트리 › 이미지 이름 규칙`, dropping outer ancestors, then cutting, to fit Discord's 100 characters. */
export function fitLabel(path: string[]): string {
  for (let from = 0; from < path.length; from++) {
    const label = (from > 0 ? '…' + SEPARATOR : '') + path.slice(from).join(SEPARATOR);
    if (label.length <= MAX_LABEL) return label;
  }
  const last = path.at(-1) ?? '';
  return last.length <= MAX_LABEL ? last : `${last.slice(0, MAX_LABEL - 1)}…`;
}

function choseongOf(key: string): string {
  return [...key].map((char) => (/[\uAC00-\uD7A3]/.test(char) ? getChoseong(char) : char)).join('');
}

/** Concept ancestors' headings then the section's own: the label shown to the user. */
function conceptPath(section: Section, byId: Map<string, Section>): string[] {
  const path = [section.heading];
  for (let id = section.parent; id !== null;) {
    const ancestor = byId.get(id);
    if (!ancestor) break;
    if (ancestor.kind === 'concept') path.unshift(ancestor.heading);
    id = ancestor.parent;
  }
  return path;
}

export class Autocomplete {
  private readonly entries: Entry[];

  constructor(sections: readonly Section[]) {
    const byId = new Map(sections.map((s) => [s.id, s]));
    const entries = sections
      .filter((s) => s.kind === 'concept' && s.heading !== '')
      .map((section): Entry => {
        const key = headingKey(section.heading);
        return {
          section,
          label: fitLabel(conceptPath(section, byId)),
          key,
          jamo: disassemble(key),
          choseong: choseongOf(key),
          terms: new Set(analyze(section.heading).flatMap((w) => w.terms)),
        };
      });
    // The same heading in two files would give two identical choices; the file name tells them apart.
    const seen = new Map<string, number>();
    for (const entry of entries) seen.set(entry.label, (seen.get(entry.label) ?? 0) + 1);
    for (const entry of entries) {
      if ((seen.get(entry.label) ?? 0) > 1) entry.label = fitLabel([`${entry.label} (${entry.section.file})`]);
    }
    this.entries = entries;
  }

  complete(input: string, limit = MAX_HITS): AutocompleteHit[] {
    const max = Math.max(1, Math.min(MAX_HITS, Math.floor(limit) || MAX_HITS));
    const key = headingKey(String(input ?? '').slice(0, 200));
    if (key === '') return this.entries.slice(0, max).map(({ section, label }) => ({ section, label }));

    const jamo = disassemble(key);
    const onlyConsonants = /^[ㄱ-ㅎ]+$/.test(key);
    const terms = analyze(input.slice(0, 200), 8).flatMap((w) => w.terms);
    const ranked: { entry: Entry; tier: number; order: number }[] = [];
    this.entries.forEach((entry, order) => {
      const tier = matchTier(entry, { key, jamo, onlyConsonants, terms });
      if (tier !== null) ranked.push({ entry, tier, order });
    });
    ranked.sort((a, b) => a.tier - b.tier || a.entry.key.length - b.entry.key.length || a.order - b.order);
    return ranked.slice(0, max).map(({ entry }) => ({ section: entry.section, label: entry.label }));
  }
}

interface Input {
  key: string;
  jamo: string;
  onlyConsonants: boolean;
  terms: string[];
}

/** Lower is better; null when the heading does not match at all. */
function matchTier(entry: Entry, input: Input): number | null {
  const { key, jamo, onlyConsonants, terms } = input;
  if (entry.key === key) return 0;
  if (entry.key.startsWith(key)) return 1;
  if (entry.jamo.startsWith(jamo)) return 2;
  if (entry.key.includes(key)) return 3;
  if (onlyConsonants && entry.choseong.startsWith(key)) return 4;
  if (onlyConsonants && entry.choseong.includes(key)) return 5;
  if (terms.length > 0 && terms.every((term) => entry.terms.has(term))) return 6;
  return null;
}
