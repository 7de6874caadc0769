/**
 * Heading autocomplete for the `/explain` option: exact, prefix, in-progress syllable, substring, choseong
 * (initial consonant) and finally same-terms (English or loanword spelling: docker → 도커) matches, in that order.
 *
 * Keys are precomputed per heading, and headings sharing all keys (the same topic in many files) form one group.
 * The first three tiers are all prefixes of the typed text in jamo (a key starting with the input also starts with
 * it in jamo), so one binary search over the groups sorted by jamo finds them; only when they give fewer than the
 * requested choices does a keystroke scan the groups for the substring, choseong and same-terms tiers.
 */
import { disassemble, getChoseong } from 'es-hangul';
import { analyze } from './analyze.js';
import { headingKey } from './headings.js';
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

/** Headings with the same keys and terms, so the same tier; entries in index order. */
interface Group {
  key: string;
  jamo: string;
  choseong: string;
  terms: Set<string>;
  entries: { entry: Entry; order: number }[];
}

export class Autocomplete {
  private readonly entries: Entry[];
  private readonly groups: Group[];
  /** `groups` sorted by jamo key, for the prefix tiers. */
  private readonly byJamo: Group[];

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
    const groups = new Map<string, Group>();
    entries.forEach((entry, order) => {
      const id = [entry.key, ...[...entry.terms].sort()].join('\u0000');
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { ...entry, entries: [] }));
      group.entries.push({ entry, order });
    });
    this.groups = [...groups.values()];
    this.byJamo = [...this.groups].sort((a, b) => (a.jamo < b.jamo ? -1 : a.jamo > b.jamo ? 1 : 0));
  }

  complete(input: string, limit = MAX_HITS): AutocompleteHit[] {
    const max = Math.max(1, Math.min(MAX_HITS, Math.floor(limit) || MAX_HITS));
    const key = headingKey(String(input ?? '').slice(0, 200));
    if (key === '') return this.entries.slice(0, max).map(({ section, label }) => ({ section, label }));

    const jamo = disassemble(key);
    const onlyConsonants = /^[ㄱ-ㅎ]+$/.test(key);
    const terms = analyze(input.slice(0, 200), 8).flatMap((w) => w.terms);
    const typed: Input = { key, jamo, onlyConsonants, terms };
    let matched = this.tiered(this.jamoPrefixed(jamo), typed);
    if (matched.reduce((n, m) => n + m.group.entries.length, 0) < max) matched = this.tiered(this.groups, typed);
    return top(matched, max).map((entry) => ({ section: entry.section, label: entry.label }));
  }

  /** The groups whose jamo key starts with `jamo`: a contiguous run of `byJamo`. */
  private jamoPrefixed(jamo: string): Group[] {
    let lo = 0;
    let hi = this.byJamo.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.byJamo[mid] as Group).jamo < jamo) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.byJamo.length && (this.byJamo[end] as Group).jamo.startsWith(jamo)) end++;
    return this.byJamo.slice(lo, end);
  }

  private tiered(groups: Group[], input: Input): { group: Group; tier: number }[] {
    const matched: { group: Group; tier: number }[] = [];
    for (const group of groups) {
      const tier = matchTier(group, input);
      if (tier !== null) matched.push({ group, tier });
    }
    return matched;
  }
}

/**
 * The first `max` entries by tier, key length, then index order, without sorting every entry of a popular group:
 * groups of equal tier and length are merged, taking from each at most what is still missing.
 */
function top(matched: { group: Group; tier: number }[], max: number): Entry[] {
  matched.sort((a, b) => a.tier - b.tier || a.group.key.length - b.group.key.length);
  const picked: Entry[] = [];
  for (let from = 0; from < matched.length && picked.length < max;) {
    const { tier, group } = matched[from] as { group: Group; tier: number };
    let to = from;
    const bucket: { entry: Entry; order: number }[] = [];
    for (; to < matched.length; to++) {
      const next = matched[to] as { group: Group; tier: number };
      if (next.tier !== tier || next.group.key.length !== group.key.length) break;
      bucket.push(...next.group.entries.slice(0, max - picked.length));
    }
    bucket.sort((a, b) => a.order - b.order);
    for (const { entry } of bucket.slice(0, max - picked.length)) picked.push(entry);
    from = to;
  }
  return picked;
}

export interface Input {
  key: string;
  jamo: string;
  onlyConsonants: boolean;
  terms: string[];
}

/** Lower is better; null when the heading does not match at all. */
export function matchTier(entry: Pick<Entry, 'key' | 'jamo' | 'choseong' | 'terms'>, input: Input): number | null {
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
