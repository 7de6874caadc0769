/**
 * Typo tolerance: edit distance on Hangul by jamo (es-hangul's `disassemble`, so one wrong vowel in 볼륨/불륨 is one
 * edit, not a whole different syllable) and on Latin by letter, with adjacent transpositions counted as one edit
 * (optimal string alignment), and a small vocabulary that finds its nearest entry.
 *
 * How far a word may be from its correction is deliberately strict, because a "correction" of a real word is a
 * wrong answer: the first letter (jamo) must agree, up to aspiration or tension (검포즈 → 컴포즈); Hangul words of three syllables or more allow one edit from 5
 * jamo and two from 8 (컨테니어 → 컨테이너); two-syllable words only one changed vowel from 6 jamo (불륨 → 볼륨, while
 * 상대/상태, 보완/보안 or 서브/서버 stay apart); Latin words one edit from 5 letters and two from 9 (kublet → kubelet).
 */
import { disassemble } from 'es-hangul';

const HANGUL_SYLLABLE = /^[\uAC00-\uD7A3]+$/;
const VOWEL_JAMO = /[\u314F-\u3163]/;

/**
 * Initial consonants that differ only by aspiration or tension (ㄱ/ㅋ/ㄲ, ㄷ/ㅌ/ㄸ, ㅂ/ㅍ/ㅃ, ㅈ/ㅊ/ㅉ, ㅅ/ㅆ): a
 * loanword spelled by ear (검포즈, 쿠버네디스) or typed with the neighbouring key may start with the other one, so a
 * word's first jamo may be any of its family.
 */
const FAMILIES = ['ㄱㅋㄲ', 'ㄷㅌㄸ', 'ㅂㅍㅃ', 'ㅈㅊㅉ', 'ㅅㅆ'];
const FAMILY = new Map<string, string>();
for (const family of FAMILIES) for (const letter of family) FAMILY.set(letter, family);
const familyOf = (letter: string) => FAMILY.get(letter) ?? letter;

export function jamo(word: string): string {
  return HANGUL_SYLLABLE.test(word) ? disassemble(word) : word;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must exceed `max` (the band
 * keeps it O(length × max)).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(max + 1);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(max + 1);
  for (let i = 1; i <= a.length; i++) {
    current.fill(max + 1);
    current[0] = i;
    let rowMin = current[0];
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] as number, max + 1);
}

/** The most edits allowed between `word` and a vocabulary entry `entry` (both as written, with their jamo). */
function allowance(word: string, wordJamo: string, entry: string, entryJamo: string): number {
  const hangul = HANGUL_SYLLABLE.test(word);
  if (hangul !== HANGUL_SYLLABLE.test(entry)) return -1;
  if (wordJamo[0] !== entryJamo[0] && !(hangul && familyOf(wordJamo[0] ?? '') === familyOf(entryJamo[0] ?? '')))
    return -1;
  const shortest = Math.min(wordJamo.length, entryJamo.length);
  if (!hangul) return shortest >= 9 ? 2 : shortest >= 5 ? 1 : 0;
  const syllables = Math.min(word.length, entry.length);
  if (Math.abs(word.length - entry.length) > 1) return -1;
  if (syllables >= 3) return shortest >= 8 ? 2 : shortest >= 5 ? 1 : 0;
  if (syllables !== 2) return 0;
  const vowels = oneVowelApart(wordJamo, entryJamo);
  // ㅐ and ㅔ (ㅒ/ㅖ, ㅙ/ㅞ/ㅚ) sound the same and are confused in typing: 핼스 for 헬스, even in a short word.
  return vowels !== null && (shortest >= 6 || SOUND_ALIKE.has(vowels)) ? 1 : 0;
}

const SOUND_ALIKE = new Set(['ㅐㅔ', 'ㅔㅐ', 'ㅒㅖ', 'ㅖㅒ', 'ㅙㅞ', 'ㅞㅙ', 'ㅚㅙ', 'ㅙㅚ', 'ㅚㅞ', 'ㅞㅚ']);

/** The two vowels, when `a` and `b` differ in one vowel jamo only; else null. */
function oneVowelApart(a: string, b: string): string | null {
  if (a.length !== b.length) return null;
  let differ = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (differ >= 0) return null;
    differ = i;
  }
  const x = a[differ] ?? '';
  const y = b[differ] ?? '';
  return differ >= 0 && VOWEL_JAMO.test(x) && VOWEL_JAMO.test(y) ? x + y : null;
}

export interface Correction<T> {
  /** The vocabulary entry the word was read as. */
  entry: string;
  value: T;
  distance: number;
}

interface Entry<T> {
  text: string;
  jamo: string;
  value: T;
}

/**
 * Entries bucketed by first jamo (or letter), so a lookup compares a word with the entries that could be within
 * reach only. `nearest` returns the closest entry within the allowance, or null when there is none or when two
 * entries with different values are equally close (an ambiguous typo is left alone).
 */
export class FuzzyVocabulary<T> {
  private readonly buckets = new Map<string, Entry<T>[]>();
  private readonly known = new Set<string>();

  add(text: string, value: T): void {
    if (this.known.has(text) || text.length < 2) return;
    this.known.add(text);
    const entryJamo = jamo(text);
    const key = entryJamo[0] ?? '';
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = []));
    bucket.push({ text, jamo: entryJamo, value });
  }

  has(text: string): boolean {
    return this.known.has(text);
  }

  get size(): number {
    return this.known.size;
  }

  nearest(word: string, same: (a: T, b: T) => boolean = Object.is): Correction<T> | null {
    const wordJamo = jamo(word);
    if (this.known.has(word)) return null;
    const first = wordJamo[0] ?? '';
    const bucket = HANGUL_SYLLABLE.test(word)
      ? [...familyOf(first)].flatMap((letter) => this.buckets.get(letter) ?? [])
      : (this.buckets.get(first) ?? []);
    let best: Correction<T> | null = null;
    let ambiguous = false;
    for (const entry of bucket) {
      const max = allowance(word, wordJamo, entry.text, entry.jamo);
      if (max <= 0 || Math.abs(entry.jamo.length - wordJamo.length) > max) continue;
      const distance = editDistance(wordJamo, entry.jamo, Math.min(max, best?.distance ?? max));
      if (distance > max) continue;
      if (best === null || distance < best.distance) {
        best = { entry: entry.text, value: entry.value, distance };
        ambiguous = false;
      } else if (distance === best.distance && !same(entry.value, best.value)) {
        ambiguous = true;
      }
    }
    return best && !ambiguous ? best : null;
  }
}
