/**
 * Text → search terms, shared by indexing and querying so both sides always agree.
 *
 * A text becomes a list of informative words; each word carries one or more terms:
 * - a canonical term when the loanword table knows the word (이미지, images, Image → `image`), including a verb's
 *   conjugations (지워, 지웠는데, 지우는 → `remove`) and a table word written with a typo (컨테니어, 불륨),
 * - a lowercased, lightly stemmed Latin word otherwise,
 * - Hangul syllable bigrams of the particle-stripped stem otherwise (격리된 → 격리 → [격리];
 *   접속가능 → [접속, 속가]), which lets compounds and spacing variants still overlap.
 * Question words, chat endings and function words (뭐임, 뭐였지, 알려줘, 하는 법, 된거 아냐, what, is, how …) are
 * dropped on both sides: they weigh nothing, so they can never count against a match.
 *
 * `analyzeTokens` keeps, per written token, what became of it (dropped and why, its stem, a typo read as a table
 * word): the search's `explain` shows it.
 */
import { isBareSuffix, isVerbForm, looksLikePredicate, stripKorean, verbBases, type Stripped } from './korean.js';
import {
  MAX_FORM_WORDS,
  COMPOUND_TERMS,
  OPTIONAL_TERMS,
  TERM_WEIGHTS,
  VERB_STEMS,
  canonicalOf,
  formsOf,
  splitCompound,
  startsJoinedForm,
} from './synonyms.js';
import { romanize } from 'es-hangul';
import { FuzzyVocabulary, editDistance } from './typo.js';

export interface Word {
  /** Distinct terms of the word; a query word counts as matched in proportion to the terms a section has. */
  terms: string[];
  /**
   * How much the word says about the topic: 1 for nouns and Latin words, PREDICATE_WEIGHT for Korean predicates
   * (비슷하다, 접속해, 지어), less for framing words (차이, 역할) and typo readings. A question's topic sits in its
   * nouns; its verbs are the part most often paraphrased.
   */
  weight: number;
  /**
   * A native verb the table does not know (살려, 넣었는데): questions paraphrase verbs freely, so when the notes lack
   * it, it counts only ABSENT_VERB of its weight against coverage. Nouns, even unknown ones, count fully.
   */
  verb?: true;
  /**
   * What the question asks rather than what it is about (why, when, how, difference … OPTIONAL_TERMS), or the
   * joined form of a compound (NoExecute, volumes-from) beside its parts: it adds to the score of a section that has
   * it and never counts against coverage.
   */
  optional?: true;
  /**
   * A table word that stands for several terms (장단점: 장점 and 단점, COMPOUND_TERMS): a term of it that no section
   * has does not count against coverage while another of its terms is in the notes.
   */
  halves?: true;
}

export const PREDICATE_WEIGHT = 0.5;
/** Weight of an optional word (OPTIONAL_TERMS, a compound's joined form): a ranking hint, never a requirement. */
export const OPTIONAL_WEIGHT = 0.5;
/** A word read as a table word it is a typo of (컨테니어 → container) counts a little less than the word itself. */
export const TYPO_WEIGHT = 0.8;

/** Why a written word yields no term. */
export type DropReason = 'question' | 'chat' | 'function' | 'particle';

/** What analysis made of one written token (or of a table form spread over several). */
export interface TokenAnalysis {
  /** As written (lowercased); words joined into one table form are joined with spaces. */
  text: string;
  hangul: boolean;
  words: Word[];
  /** Set when the token yields no word. */
  dropped?: DropReason;
  /** The particle- and ending-stripped stem, when it differs from the text. */
  stem?: string;
  /** A typo read as a table word: the form it was read as and the edit distance. */
  typo?: { form: string; distance: number };
}

/** Korean question words and requests: a question's frame, never its topic. */
const QUESTION_WORDS =
  '뭐 뭔 뭘 뭐야 뭐지 뭐예요 뭐에요 뭔가 뭔가요 뭐라 뭐라고 무엇 무엇인 무슨 어떤 어떻게 어떡 어디 어디서 어디에 언제 왜 왜요 ' +
  '누구 누가 얼마 얼마나 몇 어케 어캐 ' +
  // 머 for 뭐, as chat spells it (머지 is git's merge, so it is not here).
  '머 머임 머야 머여 머에요 머예요 머냐 머냐고 머였지 머였더라 머함 머하는';
/** Begins every form of a question word (뭐임, 뭐였지, 뭐하는, 뭐뭐, 어떻게해, 몇개, 어디있어). */
const QUESTION_PREFIX = /^(뭐|뭔|뭘|무엇|무슨|어떻|어떤|어떡|어케|어캐|어딨|어디|언제|누구|얼마|몇)/;
/** A question word glued to the word before it (도커가뭐야, 쉘이뭐임): cut, the rest is analysed. */
const QUESTION_TAIL = /(뭐|뭔|뭘|무엇|어떻게|어케|어캐)[\uAC00-\uD7A3]*$/;

/** Chat: requests, confirmations and generic verbs of a question (알려줘, 된거 아냐, 필요한거야, 쓰는거야, 하는 일). */
const CHAT_WORDS =
  '불러 부르 부르나 부르는 부릅니까 부르지 불리 불리는 불러요 알려줘 알려 알려주세요 알려줄래 알고 알다 싶어 싶다 ' +
  '궁금 궁금해 궁금한 궁금함 설명 설명해줘 가르쳐 가르쳐줘 부탁 부탁해 아냐 아니야 아닌가 아님 아니 맞아 맞나 맞지 맞음 ' +
  '그거 이거 저거 그게 이게 저게 필요해 필요한가 일 애 얘 거임 거야 건가 ' +
  '어때 어때요 예요 인가 인가요 건가요 건지 는지 나요 대해 대해서 대한 관해 관한 관련 ' +
  '가능 가능해 가능한가 되는지 하는지 뭔지 알아 알아보 차근차근 간단히 자세히 쉽게 정확히 혹시 제발 ㅋㅋ ㅎㅎ ' +
  '대충 한줄 도대체 질문 질문이요 질문있어요';

/**
 * Words that set aside the word before them (`commit 말고 Dockerfile로`, `master 대신 워커에`, `A 아니고 B`):
 * function words themselves, and the search reads the word before them as an optional hint (search.ts).
 */
export const SETS_ASIDE: ReadonlySet<string> = new Set(['말고', '말구', '아니고', '대신']);

/** Function words: pronouns, conjunctions, adverbs and the verbs 있다/없다/하다/되다 in their forms. */
const FUNCTION_WORDS =
  `${[...SETS_ASIDE].join(' ')} ` +
  '이 그 저 것 거 게 수 등 때 및 또는 혹은 그리고 그러면 하지만 또 더 좀 잘 ' +
  '있 있다 있어 있나 있나요 있는 있음 있을 있고 있지 없 없다 없어 들어 들어있 들어있어 들어있나 들어가 들어가나 ' +
  '하 해 한 할 함 했 하는 하나 하나요 하다 합니다 해줘 줘 주세요 되 된 될 돼 되나 되나요 되는 같은 같이 다른 위해 통해 경우 때문 ' +
  '없고 없이 된다 한다 하지 했다 됐다 곳 중 데 쪽 ' +
  '가장 먼저 제일 주로 보통 항상 바로 다시 서로 함께 모두 많이 자주 그냥 정말 진짜 꼭 반드시 처음 ' +
  '요 다 개 번 가지 전부 다들 각각 여기 거기 저기 이런 그런 저런 이렇게 그렇게 저렇게 어느 아무 무조건 못 안 ' +
  '후 뒤 전 다음 이후 이전 위 아래 안에 밖 내 앞 나 너 저희 우리 내가 제가 중인 중이 중에 중일 중이야 중인데 도중 동안 둘 셋 넷 하나씩 ' +
  // Counts (세 가지, 다섯 가지: the notes write 3가지) and adverbs (너무 많이, 막 시작했어: 막는 is 막다, prevent;
  // 아직 써도 돼?, 이제 안 써?, 한번에 다 지우기) say nothing of the topic.
  '두 세 네 다섯 여섯 일곱 여덟 아홉 열 몇몇 너무 엄청 되게 매우 아주 굉장히 조금 살짝 막 잠깐 잠시 ' +
  '아직 여전히 이제 벌써 이미 지금 요즘 요새 한번 한번에 한꺼번에 ' +
  // 점 written apart is the bound noun of 좋은 점, 다른 점, 궁금한 점: the word before it says what.
  '점';

const STOP_REASON = new Map<string, DropReason>();
for (const [words, reason] of [
  [FUNCTION_WORDS, 'function'],
  [CHAT_WORDS, 'chat'],
  [QUESTION_WORDS, 'question'],
] as const) {
  for (const word of words.split(' ')) STOP_REASON.set(word, reason);
}
// A word the table knows is read as its term (왜 → why, 방법 → how, 필요 → need: optional terms), not dropped.
for (const word of STOP_REASON.keys()) if (canonicalOf(word) !== undefined) STOP_REASON.delete(word);

/**
 * Negation glued to 하다 / 되다, and the auxiliaries 않다 / 못하다 (안하는, 안돼, 안됐는데, 않는, 못해): grammar, like
 * 안 and 못 written apart. Read as words, they were unknown to the notes and counted against every answer.
 */
const NEGATION = /^(?:(?:안|못)(?:하|해|한|할|함|했|합|되|돼|된|될|됨|됐|됩)|않)/;

/**
 * A request in any of its forms (알려줄 수 있어, 알려줘요, 알려주실래요, 가르쳐줘요, 설명해주실 수 있나요): chat, like
 * the forms CHAT_WORDS lists. 알려진 (well known: 잘 알려진 포트) is not a request and keeps its meaning.
 */
const REQUEST = /^(?:알려(?:주|줘|줄|준|줍)|가르쳐|설명해|설명부탁)/;

/** Verbs whose meaning is only grammar in a question (넣어도 돼?, 쓰는 거야, 주는, 알아야): dropped like 하다. */
// 나오다 is not here: `왜 나왔어` asks why a thing appeared (synonyms.ts VERB_STEMS appear).
const FUNCTION_VERBS = ['주', '알', '모르', '하', '되', '가', '오', '시키', '있', '없', '맞', '거치'];

const ENGLISH_STOP = new Set(
  (
    'a an the is are was were be been being am do does did doing done how why what whats when where which who whom ' +
    'of in on at to and or for with about from by as into than then there it its this that these those ' +
    'can could should would will i me my you your we our they them he she please tell explain describe define ' +
    'definition meaning mean means between show give called call say work works ' +
    'thing things way ways use uses using used need needs needed happen happens happened know want wanna ' +
    'just also some any all each other more most much many very really must may might shall let lets ' +
    'if so not no yes get into onto up out over via per whether without ok okay hi hello hey thanks thank ' +
    'always never usually often sometimes already'
  ).split(' '),
);

/**
 * Drops a plural / possessive ending so images, image's and image meet; the table is checked first. A Porter2
 * stemmer (wink-porter2-stemmer) was tried for the words the table does not know: the same dev-set answers, and
 * ~50 ms more on a cold 1 MB index (its code runs un-optimised once per distinct word), so the table carries
 * English verb forms instead (stored, pulled).
 */
function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A Latin word's table term, trying its plural, -ing, -ed and -ly stems (mounted → mount, named → name). */
function englishCanonical(word: string): string | undefined {
  const direct = canonicalOf(word) ?? canonicalOf(stemEnglish(word));
  if (direct !== undefined) return direct;
  for (const suffix of ['ing', 'ed', 'ly', 'er']) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const base = word.slice(0, -suffix.length);
    for (const candidate of [base, `${base}e`, base.replace(/(.)\1$/, '$1')]) {
      const canonical = canonicalOf(candidate);
      if (canonical !== undefined) return canonical;
    }
  }
  return undefined;
}

function hangulTerms(stem: string): string[] {
  if (stem.length <= 1) return [stem];
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= stem.length; i++) grams.add(stem.slice(i, i + 2));
  return [...grams];
}

const isKnownKorean = (word: string) =>
  STOP_REASON.has(word) || canonicalOf(word) !== undefined || verbOf(word) !== undefined;

/** Every verb base with the canonical term it means ('' for a function verb), longest first. */
const VERB_BASES: { base: string; stem: string; canonical: string }[] = [
  ...Object.entries(VERB_STEMS).flatMap(([canonical, stems]) =>
    stems.flatMap((stem) => verbBases(stem).map((base) => ({ base, stem, canonical }))),
  ),
  ...FUNCTION_VERBS.flatMap((stem) => verbBases(stem).map((base) => ({ base, stem, canonical: '' }))),
].sort((a, b) => b.base.length - a.base.length);

/** The canonical term a conjugated verb means (지웠는데 → remove), '' for a function verb, undefined otherwise. */
function verbOf(word: string): string | undefined {
  for (const { base, stem, canonical } of VERB_BASES) {
    if (word.startsWith(base) && isVerbForm(word, [base], stem)) return canonical;
  }
  return undefined;
}

/**
 * Whether a two-syllable Hangul form transliterates its English term (볼륨 → volume, 포트 → port) rather than
 * translating it (특징, 보안, 삭제): a native or Sino-Korean word of two syllables sits one vowel away from other
 * real words (특정/특징, 인정/인증) too often to be corrected to.
 */
function transliterates(form: string, canonical: string): boolean {
  const roman = romanize(form).replace(/[^a-z]/g, '');
  return editDistance(roman, canonical, 40) / Math.max(roman.length, canonical.length) <= 0.7;
}

/**
 * Hangul table forms a typo (컨테니어, 불륨) is read as: forms of three syllables or more, and two-syllable
 * transliterations; never the terms of what a question asks (왜, 종류, 특징 …).
 */
let hangulForms: FuzzyVocabulary<string> | undefined;
function typoOf(stem: string): { canonical: string; form: string; distance: number } | null {
  if (stem.length < 2) return null;
  if (!hangulForms) {
    hangulForms = new FuzzyVocabulary<string>();
    for (const [form, canonical] of formsOf()) {
      if (!/^[\uAC00-\uD7A3]+$/.test(form) || OPTIONAL_TERMS.has(canonical)) continue;
      if (form.length >= 3 || transliterates(form, canonical)) hangulForms.add(form, canonical);
    }
  }
  const found = hangulForms.nearest(stem);
  return found ? { canonical: found.value, form: found.entry, distance: found.distance } : null;
}

interface Token {
  text: string;
  hangul: boolean;
  /**
   * On the last part of a Latin compound written as one (NoExecute, emptyDir, volumes-from, custom-columns): the
   * compound joined and lowercased, read as an optional word beside its parts.
   */
  compound?: string;
}

/**
 * Splits into Latin/digit runs and Hangul runs; everything else (punctuation, emoji, control characters) separates.
 * A Latin compound (camelCase, or joined by `-`, `_`, `.`) is split into its parts, the last of which remembers the
 * whole.
 */
function tokenize(text: string): Token[] {
  const normal = text.normalize('NFKC');
  const tokens: Token[] = [];
  // A short command-line flag (-v, -p, -it) keeps its dash: flags are what notes about commands are searched by,
  // and a bare `v` would be dropped as a one-letter word. Long flags (--help) read as their word.
  for (const match of normal.matchAll(
    /(?<=^|\s)-[a-zA-Z]{1,2}(?![a-zA-Z0-9-])|[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*|[\uAC00-\uD7A3]+/g,
  )) {
    const chunk = match[0];
    if (chunk.charCodeAt(0) >= 0xac00) {
      tokens.push({ text: chunk, hangul: true });
      continue;
    }
    if (chunk.startsWith('-')) {
      // Short flags written together are the flags (-it is -i -t), so notes that write either way meet.
      const flags = chunk.toLowerCase();
      for (const flag of flags.length === 3 ? [flags.slice(0, 2), `-${flags[2]}`] : [flags])
        tokens.push({ text: flag, hangul: false });
      continue;
    }
    if (!/[A-Z._-]/.test(chunk)) {
      tokens.push({ text: chunk, hangul: false });
      continue;
    }
    const parts = chunk
      .split(/[._-]+/)
      .flatMap((segment) => {
        const camel = segment.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
        // QoS, PaaS, iPhone: a one-letter piece is an acronym written in mixed case, not two words.
        return camel.some((piece) => piece.length === 1) ? [segment] : camel;
      })
      .map((part) => part.toLowerCase())
      .filter((part) => part !== '');
    for (const part of parts) tokens.push({ text: part, hangul: false });
    const whole = parts.join('');
    const last = tokens.at(-1);
    if (last && parts.length >= 2 && whole.length >= 4 && parts.every((part) => /[a-z]/.test(part))) {
      last.compound = whole;
    }
  }
  return tokens;
}

/**
 * Word analysis is pure and vocabulary repeats heavily, so its results are memoised by their text; the cap keeps a
 * long-running bot's memory bounded (a cache is simply dropped when full).
 */
const MEMO_LIMIT = 50_000;

/** `compute` memoised per key, at most MEMO_LIMIT keys kept (null is a result; undefined is not). */
function boundedMemo<V extends object | string | null>(compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}

// The per-token memo is boundedMemo written out, on the cold index's hottest call (every token of every file): through
// the helper, the 1 MB index build was slower in 3 of 3 alternated separate-process pairs and within noise in-process,
// so it stays as it was.
const memo = new Map<string, TokenAnalysis>();

function memoised(token: Token): TokenAnalysis {
  let analysis = memo.get(token.text);
  if (analysis === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    analysis = token.hangul ? hangulToken(token.text) : latinToken(token.text);
    memo.set(token.text, analysis);
  }
  return analysis;
}

const weightOf = (term: string, fallback: number) => Math.min(fallback, TERM_WEIGHTS.get(term) ?? fallback);

/** The word of a table term: optional for what a question asks (OPTIONAL_TERMS), weighted by TERM_WEIGHTS. */
function termWord(term: string, fallback: number, extra: Partial<Word> = {}): Word {
  if (OPTIONAL_TERMS.has(term)) return { terms: [term], weight: Math.min(fallback, OPTIONAL_WEIGHT), optional: true };
  const terms = COMPOUND_TERMS.get(term);
  if (terms)
    return { terms: [...terms], weight: Math.min(...terms.map((t) => weightOf(t, fallback))), halves: true, ...extra };
  return { terms: [term], weight: weightOf(term, fallback), ...extra };
}

function latinToken(text: string): TokenAnalysis {
  const base = { text, hangul: false };
  if (text.startsWith('-')) return { ...base, words: [{ terms: [text], weight: 1 }] };
  if (text.length < 2) return { ...base, words: [], dropped: 'function' };
  const canonical = englishCanonical(text);
  if (ENGLISH_STOP.has(text)) {
    if (canonical !== undefined && OPTIONAL_TERMS.has(canonical)) return { ...base, words: [termWord(canonical, 1)] };
    const question = /^(how|why|what|whats|when|where|which|who|whom)$/.test(text);
    return { ...base, words: [], dropped: question ? 'question' : 'function' };
  }
  return { ...base, words: [termWord(canonical ?? stemEnglish(text), 1)] };
}

function hangulToken(text: string): TokenAnalysis {
  const base = { text, hangul: true };
  const drop = (dropped: DropReason, stem?: string): TokenAnalysis => ({
    ...base,
    words: [],
    dropped,
    ...(stem !== undefined && stem !== text ? { stem } : {}),
  });
  // A table word first: 왜, 언제, 방법 and 법 are question words that name what is asked (optional terms).
  const whole = canonicalOf(text);
  if (whole !== undefined) return { ...base, words: [termWord(whole, 1)] };
  // A particle standing alone: split from its word by Latin (`Client를`) or by a stray space or symbol (이미지 란).
  if (isBareSuffix(text)) return drop('particle');
  const reason = STOP_REASON.get(text);
  if (reason) return drop(reason);
  if (QUESTION_PREFIX.test(text)) return drop('question');
  if (NEGATION.test(text)) return drop('function');
  if (REQUEST.test(text)) return drop('chat');
  let word = text;
  const glued = QUESTION_TAIL.exec(word);
  if (glued && glued.index >= 2) word = word.slice(0, glued.index);

  const direct = canonicalOf(word);
  if (direct !== undefined) return { ...base, words: [termWord(direct, 1)] };
  const verb = verbOf(word);
  if (verb !== undefined) {
    return verb === '' ? drop('function') : { ...base, words: [termWord(verb, PREDICATE_WEIGHT, { verb: true })] };
  }
  const stripped = stripKorean(word, isKnownKorean);
  const analysis = strippedToken(base, text, stripped);
  // 파드란? defines 파드: the optional `concept` beside it ranks definitions first for 파드가 뭐야.
  if (stripped.definition && analysis.words.length > 0) {
    return { ...analysis, words: [...analysis.words, termWord('concept', 1)] };
  }
  return analysis;
}

function strippedToken(
  base: { text: string; hangul: boolean },
  text: string,
  { stem, predicate, verbal }: Stripped,
): TokenAnalysis {
  const drop = (dropped: DropReason, at?: string): TokenAnalysis => ({
    ...base,
    words: [],
    dropped,
    ...(at !== undefined && at !== text ? { stem: at } : {}),
  });
  const stemmed = stem !== text ? { stem } : {};
  const stopped = STOP_REASON.get(stem);
  if (stopped) return drop(stopped, stem);
  if (QUESTION_PREFIX.test(stem)) return drop('question', stem);
  const known = canonicalOf(stem);
  const canonical = known ?? verbOf(stem);
  if (canonical === '') return drop('function', stem);
  const verbLike = verbal || (!predicate && looksLikePredicate(stem));
  const weight = predicate || (canonical === undefined && looksLikePredicate(stem)) ? PREDICATE_WEIGHT : 1;
  if (canonical !== undefined) {
    const extra: Partial<Word> = known === undefined || verbal ? { verb: true } : {};
    return { ...base, ...stemmed, words: [termWord(canonical, weight, extra)] };
  }
  // A typo of a table word is read before the compound split, which would cut 디플로이먼드 into 디플로이 + 먼드.
  const typo = typoOf(stem);
  const parts = typo ? null : splitCompound(stem);
  if (parts === null) {
    if (typo) {
      const read = termWord(typo.canonical, weight);
      return {
        ...base,
        ...stemmed,
        words: [{ ...read, weight: read.weight * TYPO_WEIGHT }],
        typo: { form: typo.form, distance: typo.distance },
      };
    }
    const word: Word = {
      terms: hangulTerms(stem),
      weight: weightOf(stem, weight),
      ...(verbLike ? { verb: true } : {}),
    };
    return { ...base, ...stemmed, words: [word] };
  }
  const words = parts.flatMap((part): Word[] => {
    if ('canonical' in part) return [termWord(part.canonical, weight)];
    if (STOP_REASON.has(part.rest)) return [];
    const typo = part.rest.length >= 3 ? typoOf(part.rest) : null;
    if (typo) return [{ ...termWord(typo.canonical, weight), weight: weightOf(typo.canonical, weight) * TYPO_WEIGHT }];
    return [{ terms: hangulTerms(part.rest), weight }];
  });
  return { ...base, ...stemmed, words };
}

/** Words written apart and joined, keyed `~…` when the run ends in Latin: their table term, or null. */
const joinedReading = boundedMemo((key): string | null => {
  if (key.startsWith('~')) {
    const joined = key.slice(1);
    return canonicalOf(joined) ?? englishCanonical(joined) ?? null;
  }
  return canonicalOf(stripKorean(key, (w) => canonicalOf(w) !== undefined).stem) ?? null;
});

/** The table term of words written apart (라이프 사이클에서 → lifecycle), memoised like single tokens. */
function joinedCanonical(joined: string, hangul: boolean): string | undefined {
  return joinedReading(hangul ? joined : `~${joined}`) ?? undefined;
}

/** A table form spread over several words (라이프 사이클에서, life cycle) starting at tokens[at]. */
function joinedForm(tokens: Token[], at: number): { analysis: TokenAnalysis; length: number } | null {
  const first = tokens[at];
  if (!first || !startsJoinedForm(first.text)) return null;
  for (let length = Math.min(MAX_FORM_WORDS, tokens.length - at); length >= 2; length--) {
    const last = tokens[at + length - 1] as Token;
    let joined = first.text;
    for (let k = 1; k < length; k++) joined += (tokens[at + k] as Token).text;
    // Scripts may mix (init 컨테이너, api 서버에서): particles are cut when the run ends in Hangul.
    const canonical = joinedCanonical(joined, last.hangul);
    if (canonical !== undefined) {
      let text = first.text;
      for (let k = 1; k < length; k++) text += ` ${(tokens[at + k] as Token).text}`;
      return { analysis: { text, hangul: last.hangul, words: [termWord(canonical, 1)] }, length };
    }
  }
  return null;
}

/**
 * A table form spread over several Hangul words with a typo in it (핼스 체크, 라이프 싸이클에서, 로드 밸런써): the
 * words joined, particles cut, and read as the form one edit away. Tried only where the exact join failed and one
 * of the words is a typo or a word neither the table nor the notes (`has`) know, so known words next to each other
 * never merge; and only for questions, since the notes' analysis runs per token over every file (this lookup would
 * cost the cold index).
 */
function typoJoinedForm(
  tokens: Token[],
  at: number,
  unknown: (index: number) => boolean,
): { analysis: TokenAnalysis; length: number } | null {
  if (!tokens[at]?.hangul) return null;
  for (let length = Math.min(MAX_FORM_WORDS, tokens.length - at); length >= 2; length--) {
    let words = true;
    let hasUnknown = false;
    for (let k = at; k < at + length && words; k++) {
      const token = tokens[k] as Token;
      words = token.hangul && memoised(token).words.length > 0;
      hasUnknown ||= words && unknown(k);
    }
    if (!words || !hasUnknown) continue;
    const texts = tokens.slice(at, at + length).map((token) => token.text);
    const joined = texts.join('');
    const typo = joinedTypo(joined);
    // One edit, and a form that reaches into the last word: 네트워크 추가할 is not 네트워크 with a typo.
    const before = joined.length - (texts.at(-1) ?? '').length;
    if (!typo || typo.distance !== 1 || typo.form.length <= before) continue;
    const read = termWord(typo.canonical, 1);
    return {
      analysis: {
        text: texts.join(' '),
        hangul: true,
        words: [{ ...read, weight: read.weight * TYPO_WEIGHT }],
        typo: { form: typo.form, distance: typo.distance },
      },
      length,
    };
  }
  return null;
}

/** typoOf of words written apart, particles cut; memoised like single tokens (a question repeats its words). */
const joinedTypo = boundedMemo((joined) => typoOf(stripKorean(joined, (w) => canonicalOf(w) !== undefined).stem));

/** Per token of one text: a typo, or a word neither the table nor the notes (`has`) know. Each is worked out once. */
function unknownWords(tokens: readonly Token[], has: (term: string) => boolean): (index: number) => boolean {
  const seen: (boolean | undefined)[] = [];
  return (index) => {
    let unknown = seen[index];
    if (unknown === undefined) {
      const token = tokens[index] as Token;
      const analysis = memoised(token);
      unknown =
        analysis.typo !== undefined ||
        (canonicalOf(analysis.stem ?? token.text) === undefined &&
          !analysis.words.some((word) => word.terms.some(has)));
      seen[index] = unknown;
    }
    return unknown;
  };
}

/**
 * Analyses text token by token. `maxWords` bounds the work for pathological queries (a 10 000-character paste is
 * cut to its first words rather than scanned whole): tokens stop once that many words are out. `typoJoins` (for a
 * question: which terms the notes have) reads a spaced form with a typo too (typoJoinedForm).
 */
export function analyzeTokens(
  text: string,
  maxWords = Number.POSITIVE_INFINITY,
  options: { typoJoins?: (term: string) => boolean } = {},
): TokenAnalysis[] {
  const tokens = tokenize(text);
  const unknown = options.typoJoins ? unknownWords(tokens, options.typoJoins) : null;
  const out: TokenAnalysis[] = [];
  let count = 0;
  for (let i = 0; i < tokens.length && count < maxWords;) {
    const joined = joinedForm(tokens, i) ?? (unknown ? typoJoinedForm(tokens, i, unknown) : null);
    const analysis = joined ? joined.analysis : memoised(tokens[i] as Token);
    out.push(analysis);
    count += analysis.words.length;
    const length = joined ? joined.length : 1;
    // A compound's joined form beside its parts, unless its parts already made one table word (ConfigMap).
    let compound: string | undefined;
    for (let k = i; k < i + length && compound === undefined; k++) compound = tokens[k]?.compound;
    if (compound !== undefined) {
      // Read like the same letters written as one word (latinToken): `CoreDNS` in the notes and `coredns` in a
      // question must give one term, and the plain word loses its plural -s (coredns → coredn).
      const term = englishCanonical(compound) ?? stemEnglish(compound);
      if (!analysis.words.some((word) => word.terms.includes(term))) {
        out.push({
          text: compound,
          hangul: false,
          words: [{ terms: [term], weight: OPTIONAL_WEIGHT, optional: true }],
        });
      }
    }
    i += length;
  }
  return out;
}

/** Analyses text into informative words (at most `maxWords`). */
export function analyze(text: string, maxWords = Number.POSITIVE_INFINITY): Word[] {
  return analyzeTokens(text, maxWords)
    .flatMap((token) => token.words)
    .slice(0, maxWords);
}

/** Every term of a text in order, with repeats (for term frequencies at index time). */
export function terms(text: string): string[] {
  return analyze(text).flatMap((w) => w.terms);
}

/** True for a Latin word the analysis keeps as itself: not a stop word, flag or table form (for typo lookups). */
export function isPlainLatin(word: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(word) && !ENGLISH_STOP.has(word) && englishCanonical(word) === undefined;
}

/** The analysis of a single written word, as `analyzeTokens` would give it (a corrected query word, say). */
export function analyzeWord(word: string): TokenAnalysis | undefined {
  return analyzeTokens(word)[0];
}
