/**
 * Text → search terms, shared by indexing and querying so both sides always agree.
 *
 * A text becomes a list of informative words; each word carries one or more terms:
 * - a canonical term when the loanword table knows the word (이미지, images, Image → `image`),
 * - a lowercased, lightly stemmed Latin word otherwise,
 * - Hangul syllable bigrams of the particle-stripped stem otherwise (격리된 → 격리 → [격리];
 *   접속가능 → [접속, 속가]), which lets compounds and spacing variants still overlap.
 * Question words and fillers (뭐, 무엇, 불러, 알려줘, what, is, how …) are dropped on both sides.
 */
import { isBareSuffix, looksLikePredicate, stripKorean } from './korean.js';
import { MAX_FORM_WORDS, canonicalOf, splitCompound, startsJoinedForm } from './synonyms.js';

export interface Word {
  /** Distinct terms of the word; a query word counts as matched in proportion to the terms a section has. */
  terms: string[];
  /**
   * How much the word says about the topic: 1 for nouns and Latin words, PREDICATE_WEIGHT for Korean predicates
   * (비슷하다, 접속해, 지어). A question's topic sits in its nouns; its verbs are the part most often paraphrased.
   */
  weight: number;
}

export const PREDICATE_WEIGHT = 0.5;

/** Korean question words, fillers and generic verbs, compared after particle stripping. */
const KOREAN_STOP = new Set(
  (
    '뭐 뭔 뭘 뭐야 뭐지 뭐예요 뭔가 뭔가요 뭐라 뭐라고 무엇 무엇인 무슨 어떤 어떻게 어떡 어디 어디서 어디에 언제 왜 누구 누가 얼마 얼마나 몇 ' +
    '불러 부르 부르나 부르는 부릅니까 부르지 불리 불리는 불러요 알려줘 알려 알려주세요 알고 알다 싶어 싶다 궁금 궁금해 설명 설명해줘 가르쳐 가르쳐줘 ' +
    '의미 뜻 개념 정의 대해 대해서 대한 관해 관한 관련 이 그 저 것 거 게 수 등 때 및 또는 혹은 그리고 그러면 하지만 또 더 좀 잘 ' +
    '있 있다 있어 있나 있나요 있는 있음 있을 있고 있지 없 없다 없어 들어 들어있 들어있어 들어있나 들어가 들어가나 ' +
    '하 해 한 할 함 했 하는 하나 하나요 하다 합니다 해줘 줘 주세요 되 된 될 돼 되나 되나요 되는 같은 같이 다른 위해 통해 경우 때문 ' +
    '없고 있고 없이 된다 한다 하지 했다 됐다 곳 중 데 쪽 ' +
    '가장 먼저 제일 주로 보통 항상 바로 다시 서로 함께 모두 많이 자주 그냥 정말 진짜 꼭 반드시 처음 ' +
    '차이 차이점 방법 어때 어때요 예요 인가 인가요 건가 건가요 건지 는지 나요 요 다'
  ).split(' '),
);

const ENGLISH_STOP = new Set(
  (
    'a an the is are was were be been being am do does did doing how why what whats when where which who whom ' +
    'of in on at to and or for with about from by as into than then there it its this that these those ' +
    'can could should would will i me my you your we our they them he she please tell explain describe define ' +
    'definition meaning mean means difference between vs versus show give called call say work works'
  ).split(' '),
);

/** Drops a plural / possessive ending so images, image's and image meet; the table is checked first. */
function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function hangulTerms(stem: string): string[] {
  if (stem.length <= 1) return [stem];
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= stem.length; i++) grams.add(stem.slice(i, i + 2));
  return [...grams];
}

const isKnownKorean = (word: string) => KOREAN_STOP.has(word) || canonicalOf(word) !== undefined;

interface Token {
  text: string;
  hangul: boolean;
}

/** Splits into Latin/digit runs and Hangul runs; everything else (punctuation, emoji, control characters) separates. */
function tokenize(text: string): Token[] {
  const spaced = text
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const tokens: Token[] = [];
  // A short command-line flag (-v, -p, -it) keeps its dash: flags are what notes about commands are searched by,
  // and a bare `v` would be dropped as a one-letter word. Long flags (--help) read as their word.
  for (const match of spaced.matchAll(/(?<=^|\s)-[a-z]{1,2}(?![a-z0-9-])|[a-z0-9]+|[\uAC00-\uD7A3]+/g)) {
    tokens.push({ text: match[0], hangul: match[0].charCodeAt(0) >= 0xac00 });
  }
  return tokens;
}

/**
 * Word analysis is pure and vocabulary repeats heavily, so results are memoised per token; the cap keeps a
 * long-running bot's memory bounded (the cache is simply dropped when full).
 */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, Word[]>();

function memoised(key: string, analyse: () => Word[]): Word[] {
  let words = memo.get(key);
  if (words === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    words = analyse();
    memo.set(key, words);
  }
  return words;
}

function latinWord(text: string): Word | null {
  if (text.startsWith('-')) return { terms: [text], weight: 1 };
  if (text.length < 2 || ENGLISH_STOP.has(text)) return null;
  const term = canonicalOf(text) ?? canonicalOf(stemEnglish(text)) ?? stemEnglish(text);
  return { terms: [term], weight: 1 };
}

function hangulWords(text: string): Word[] {
  // A particle standing alone: split from its word by Latin (`Client를`) or by a stray space or symbol (이미지 란).
  if (isBareSuffix(text)) return [];
  const { stem, predicate } = stripKorean(text, isKnownKorean);
  if (KOREAN_STOP.has(stem)) return [];
  const canonical = canonicalOf(stem);
  const weight = predicate || (canonical === undefined && looksLikePredicate(stem)) ? PREDICATE_WEIGHT : 1;
  if (canonical !== undefined) return [{ terms: [canonical], weight }];
  const parts = splitCompound(stem);
  if (parts === null) return [{ terms: hangulTerms(stem), weight }];
  return parts.flatMap((part) => {
    if ('canonical' in part) return [{ terms: [part.canonical], weight }];
    return KOREAN_STOP.has(part.rest) ? [] : [{ terms: hangulTerms(part.rest), weight }];
  });
}

/** A table form spread over several words (라이프 사이클에서, life cycle) starting at tokens[at]. */
function joinedForm(tokens: Token[], at: number): { word: Word; length: number } | null {
  if (!startsJoinedForm(tokens[at]?.text ?? '')) return null;
  for (let length = Math.min(MAX_FORM_WORDS, tokens.length - at); length >= 2; length--) {
    const run = tokens.slice(at, at + length);
    const first = run[0];
    if (!first || run.some((t) => t.hangul !== first.hangul)) continue;
    const joined = run.map((t) => t.text).join('');
    const form = first.hangul ? stripKorean(joined, (w) => canonicalOf(w) !== undefined).stem : joined;
    const canonical = canonicalOf(form) ?? (first.hangul ? undefined : canonicalOf(stemEnglish(form)));
    if (canonical !== undefined) return { word: { terms: [canonical], weight: 1 }, length };
  }
  return null;
}

/**
 * Analyses text into informative words. `maxWords` bounds the work for pathological queries
 * (a 10 000-character paste is cut to its first words rather than scanned whole).
 */
export function analyze(text: string, maxWords = Number.POSITIVE_INFINITY): Word[] {
  const tokens = tokenize(text);
  const words: Word[] = [];
  for (let i = 0; i < tokens.length && words.length < maxWords;) {
    const joined = joinedForm(tokens, i);
    if (joined) {
      words.push(joined.word);
      i += joined.length;
      continue;
    }
    const { text: tokenText, hangul } = tokens[i] as Token;
    words.push(
      ...memoised(tokenText, () => {
        if (hangul) return hangulWords(tokenText);
        const word = latinWord(tokenText);
        return word ? [word] : [];
      }),
    );
    i++;
  }
  return words.slice(0, maxWords);
}

/** Every term of a text in order, with repeats (for term frequencies at index time). */
export function terms(text: string): string[] {
  return analyze(text).flatMap((w) => w.terms);
}
