/**
 * Korean particle (josa) and ending stripping for search.
 *
 * es-hangul can *attach* a particle to a word (josa, josaPicker) but has no stemmer, and no morphological analyser
 * runs in plain Node without a dictionary, so the stripping below is hand-written. It only has to be consistent:
 * documents and queries go through the same function, so an over-stripped word (정의 → 정) still matches itself.
 * es-hangul's batchim test keeps the paired particles honest (가 only after a vowel, so 평가 keeps its 가).
 */
import { disassembleCompleteCharacter, hasBatchim } from 'es-hangul';

/** What the syllable before the suffix must look like for the suffix to be a particle there. */
type Attach = 'any' | 'batchim' | 'vowel' | 'vowelOrRieul';

interface Suffix {
  text: string;
  /** A verb or adjective ending: the stem before it is a predicate (비슷하다, 접속해), not a noun. */
  predicate?: boolean;
  /** An ending only a verb stem takes (살리려면, 넣었는데): the stem is a native verb, not a noun + 하다. */
  verbal?: boolean;
  /** 이란/란 (파드란?): the word is being defined. */
  definition?: boolean;
  attach: Attach;
  /** Syllables the stem must keep; verb endings need 2 so 권한 or 제한 are not cut to one syllable. */
  minStem: number;
  /** A further condition on the stem (the counter 개 only after a number word: 여러개, 몇개, not 소개). */
  when?: (stem: string, known: (w: string) => boolean) => boolean;
}

/** Particles that pair by batchim: [after batchim, after vowel]. */
const PAIRED: [string, string][] = [
  ['이', '가'],
  ['은', '는'],
  ['을', '를'],
  ['과', '와'],
  ['이란', '란'],
  ['이라는', '라는'],
  ['이라고', '라고'],
  ['이라면', '라면'],
  ['이나', '나'],
  ['이랑', '랑'],
  ['이며', '며'],
  ['이야', '야'],
  ['이에요', '예요'],
  ['이죠', '죠'],
  ['과의', '와의'],
  ['이나요', '나요'],
];

/** Particles whose form does not depend on the stem. */
const PARTICLES = [
  '의',
  '에',
  '에서',
  '에게',
  '에는',
  '에도',
  '에서는',
  '에서도',
  '에서의',
  '에게는',
  '께서',
  '까지',
  '부터',
  '보다',
  '처럼',
  '마다',
  '끼리',
  '만',
  '도',
  '들',
  '들이',
  '들은',
  '들을',
  '들의',
  '들도',
  '이다',
  '입니다',
  '인가',
  '인가요',
  '인지',
];

/** Verb and adjective endings after a noun stem (설치한, 격리된, 실행시킬, 접속해). */
const ENDINGS = [
  '하다',
  '한다',
  '하는',
  '하고',
  '하며',
  '하면',
  '하여',
  '해서',
  '해야',
  '하게',
  '하지',
  '한',
  '할',
  '해',
  '했다',
  '했을',
  '했던',
  '했고',
  '합니다',
  '해요',
  '하기',
  '하세요',
  '해줘',
  '해주세요',
  '되다',
  '된다',
  '되는',
  '되고',
  '되며',
  '되면',
  '되어',
  '돼',
  '된',
  '될',
  '됩니다',
  '되지',
  '됐다',
  '시키다',
  '시킬',
  '시키는',
  '시켜',
  '시킨',
  '가능한',
  '가능',
  '하려면',
  '하려고',
  '되려면',
  // The honorific 시 after a noun (삭제하실 때, 설치하시면, 사용하셨는데).
  '하시',
  '하시면',
  '하시는',
  '하시고',
  '하시나요',
  '하실',
  '하신',
  '하셔서',
  '하셔야',
  '하셨',
  '하셨는데',
  '하십니까',
  '되시',
  '되시면',
  '되실',
  '되신',
  '되셨',
  '으면',
  '다면',
];

/** 으면 and 다면 are conditional endings on bare verb stems (없으면, 있다면); the stem may be one syllable. */
const CONDITIONALS = new Set(['으면', '다면']);

/**
 * Chat endings members put on a word: 필요한거야, 쓰는거야, 된거 아냐, 설치함, 쉘임, 되나, 할까, 삭제하는법. They carry
 * no topic, so they are cut like any predicate ending (the stem may be one syllable: 쓰는거야 → 쓰).
 */
const CHAT_ENDINGS = [
  ...['는', '한', '된', '인', '할', '될', '일', '던', '은', '운', '른', '진'].flatMap((adnominal) =>
    [
      '거야',
      '거',
      '건',
      '건가',
      '건가요',
      '거지',
      '거죠',
      '거임',
      '거예요',
      '거에요',
      '건데',
      '건지',
      '걸까',
      '게',
      '걸',
    ].map((tail) => adnominal + tail),
  ),
  ...['는법', '하는법', '하는방법', '는방법', '하는거', '되는거'],
  ...['할까', '될까', '일까', '한가', '하나요', '되나', '되나요', '하냐', '되냐', '이냐', '하니', '되니', '인듯'],
  ...['했더니', '하더니', '됐더니', '되더니', '했는데', '됐는데'],
  ...['해도', '돼도', '되도', '해봐', '해보', '해야해', '해야돼', '하면돼', '하면되', '되야', '돼야'],
];

/** Endings of native verbs (살리려면, 넣었는데, 바꿔서, 쓰면서): the stem before them is a verb. */
const VERB_ENDINGS = [
  '던데',
  '더니',
  '었더니',
  '았더니',
  '였더니',
  '다던데',
  '다던',
  '다는데',
  '더라',
  '던가',
  '져',
  '져서',
  '져도',
  '졌',
  '졌어',
  '졌다',
  '진다',
  '지면',
  '져요',
  '려면',
  '려고',
  '으려면',
  '으려고',
  '는데',
  '었는데',
  '았는데',
  '였는데',
  '어서',
  '아서',
  '면서',
  '으면서',
  '니까',
  '으니까',
  '었어',
  '았어',
  '였어',
  '었다',
  '았다',
  '었고',
  '았고',
  '어도',
  '아도',
  '어야',
  '아야',
  '었을',
  '았을',
  '었던',
  '았던',
];

/** Nominal endings of chat (설치함, 삭제됨, 쉘임, 사용법): only after a known word or a stem of two syllables or more. */
const NOMINAL_CHAT = ['함', '됨', '임', '법'];
const knownOrLong = (stem: string, known: (w: string) => boolean) => stem.length >= 2 || known(stem);

/** Number words a counter follows: 여러개, 몇개, 두개 → 여러, 몇, 두 (written spaced, 개 is a dropped word). */
const NUMBER_WORDS = new Set('여러 몇 한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 수십 수백 몇십 하나 둘 셋 넷'.split(' '));

/** Vowels a one-syllable verb stem ends in once it has absorbed 아/어 (빼 + 어서 → 빼서, 쓰 + 어서 → 써서, 보 → 봐서). */
const CONTRACTED_VOWELS = new Set(['ㅏ', 'ㅐ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅘ', 'ㅙ', 'ㅝ']);
const contractedVerbStem = (stem: string) =>
  stem.length === 1 && CONTRACTED_VOWELS.has(disassembleCompleteCharacter(stem)?.jungseong ?? '');
/** A one- or two-syllable stem ending in a ㄹ-final syllable (둘, 갈, 만들): the ㄹ adnominal of a verb before 지. */
const rieulAdnominal = (stem: string) =>
  stem.length <= 2 && disassembleCompleteCharacter(stem.at(-1) ?? '')?.jongseong === 'ㄹ';

/** After a consonant 는 is not the topic particle (that is 은) but a verb's present adnominal: 없는, 찾는. */
const ADNOMINAL: Suffix = { text: '는', attach: 'batchim', minStem: 1, predicate: true };

const DEFINITIONS = new Set(['이란', '란']);

const SUFFIXES: Suffix[] = [
  ...PAIRED.flatMap(([afterBatchim, afterVowel]): Suffix[] => [
    { text: afterBatchim, attach: 'batchim', minStem: 1, definition: DEFINITIONS.has(afterBatchim) },
    { text: afterVowel, attach: 'vowel', minStem: 1, definition: DEFINITIONS.has(afterVowel) },
  ]),
  ...['', '는', '서', '의'].flatMap((tail): Suffix[] => [
    { text: `으로${tail}`, attach: 'batchim', minStem: 1 },
    { text: `로${tail}`, attach: 'vowelOrRieul', minStem: 1 },
  ]),
  ADNOMINAL,
  ...PARTICLES.map((text): Suffix => ({ text, attach: 'any', minStem: 1 })),
  ...ENDINGS.map((text): Suffix => ({ text, attach: 'any', minStem: CONDITIONALS.has(text) ? 1 : 2, predicate: true })),
  ...CHAT_ENDINGS.map((text): Suffix => ({ text, attach: 'any', minStem: 1, predicate: true })),
  ...VERB_ENDINGS.map((text): Suffix => ({ text, attach: 'any', minStem: 1, predicate: true, verbal: true })),
  // A bare 하/되 left by an ending cut before it (사용하나 → 사용하 → 사용), after two syllables (이하, 지하 stay).
  ...['하', '되', '하나', '하냐', '하니', '하지', '하게'].map(
    (text) => ({ text, attach: 'any', minStem: 2, predicate: true }) as Suffix,
  ),
  // 서 after a one-syllable verb stem that swallowed its 아/어 (빼서, 꺼서, 써서, 봐서): a verb, not 순서 or 문서.
  { text: '서', attach: 'vowel', minStem: 1, predicate: true, verbal: true, when: contractedVerbStem } as Suffix,
  // 지 after a verb's ㄹ adnominal (둘지, 갈지, 쓸지: "whether to …"), on a short word so 일지-like nouns are rare.
  { text: '지', attach: 'any', minStem: 1, predicate: true, verbal: true, when: rieulAdnominal } as Suffix,
  // A conditional on a vowel-final verb stem (바꾸면, 붙이면); two syllables at least, so 화면 or 측면 stay nouns.
  { text: '면', attach: 'vowel', minStem: 2, predicate: true, verbal: true } as Suffix,
  // 좀 glued to the word it softens (설명좀, 예시좀, 정리좀): a filler, after two syllables so no word loses it.
  { text: '좀', attach: 'any', minStem: 2 } as Suffix,
  // 보안상, 구조상 (in terms of), 경로별, 노드별 (per): only after two syllables, so 가상, 현상 or 차별 stay whole.
  { text: '상', attach: 'any', minStem: 2 } as Suffix,
  { text: '별', attach: 'any', minStem: 2 } as Suffix,
  { text: '별로', attach: 'any', minStem: 2 } as Suffix,
  ...NOMINAL_CHAT.map((text): Suffix => ({ text, attach: 'any', minStem: 1, predicate: true, when: knownOrLong })),
  ...['개', '가지'].map((text): Suffix => ({
    text,
    attach: 'any',
    minStem: 1,
    when: (stem) => NUMBER_WORDS.has(stem),
  })),
].sort((a, b) => b.text.length - a.text.length);

const SUFFIX_SET = new Set(SUFFIXES.map((s) => s.text));

/** The suffixes by their last syllable, longest first: a strip only tries the ones that can match. */
const SUFFIXES_BY_LAST = new Map<string, Suffix[]>();
for (const suffix of SUFFIXES) {
  const last = suffix.text.at(-1) ?? '';
  let list = SUFFIXES_BY_LAST.get(last);
  if (!list) SUFFIXES_BY_LAST.set(last, (list = []));
  list.push(suffix);
}

/** True for a word that is only a particle or ending, e.g. the `를` of `Client를`. */
export function isBareSuffix(word: string): boolean {
  return SUFFIX_SET.has(word);
}

function attaches(stem: string, attach: Attach): boolean {
  if (attach === 'any') return true;
  const last = stem.at(-1) ?? '';
  const batchim = hasBatchim(last);
  if (attach === 'batchim') return batchim;
  if (attach === 'vowel') return !batchim;
  return !batchim || disassembleCompleteCharacter(last)?.jongseong === 'ㄹ';
}

/** Removes one particle or ending from the end of a Hangul word, or returns null when none applies. */
function stripOnce(word: string, known: (w: string) => boolean): { stem: string; suffix: Suffix } | null {
  for (const suffix of SUFFIXES_BY_LAST.get(word.at(-1) ?? '') ?? []) {
    if (!word.endsWith(suffix.text)) continue;
    const stem = word.slice(0, word.length - suffix.text.length);
    if (stem.length >= suffix.minStem && attaches(stem, suffix.attach) && (suffix.when?.(stem, known) ?? true))
      return { stem, suffix };
  }
  return null;
}

/**
 * Final syllables of conjugated verbs in questions (지어, 찾아, 봐, 할까, 되니, 쓰죠, 깔린, 만든, and the contracted
 * 우 + 어 of 나눠, 맞춰, 바꿔, 이뤄). A short word ending in one is most likely a predicate even when no ending could be
 * cut off. Nouns ending so (미디어) only lose weight, they still match.
 */
const VERBAL_FINALS = new Set([...'아어여야해봐줘까니냐죠래데게자린던든운른려워겨눠춰둬꿔뤄숴']);

export function looksLikePredicate(word: string): boolean {
  return word.length <= 3 && VERBAL_FINALS.has(word.at(-1) ?? '');
}

export interface Stripped {
  stem: string;
  /** True when a verb/adjective ending was removed: the word describes rather than names a topic. */
  predicate: boolean;
  /** True when the last ending removed is one only verbs take: the stem is a native verb (살리려면 → 살리). */
  verbal: boolean;
  /** True when 이란/란 was removed: the word is being defined (파드란?). */
  definition: boolean;
}

/**
 * Strips particles and endings until none applies or `keep` says the word is already a known word
 * (컨테이너가 → 컨테이너 stops at the loanword instead of going further). Three rounds cover 에서는 + 도 chains.
 */
export function stripKorean(word: string, keep: (w: string) => boolean = () => false): Stripped {
  let stem = word;
  let predicate = false;
  let verbal = false;
  let definition = false;
  for (let round = 0; round < 3 && !keep(stem); round++) {
    const next = stripOnce(stem, keep);
    if (next === null) break;
    stem = next.stem;
    predicate ||= next.suffix.predicate === true;
    verbal ||= next.suffix.verbal === true;
    definition ||= next.suffix.definition === true;
  }
  return { stem, predicate, verbal, definition };
}

/* Verb conjugation: the few spellings a verb stem takes before its endings (지우 → 지워, 지웠, 지운, 지울). */

const SYLLABLE_BASE = 0xac00;
const JUNGSEONG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG_N = 4;
const JONG_L = 8;
const JONG_SS = 20;
const JONG_M = 16;

function syllableParts(ch: string): { cho: number; jung: number; jong: number } | null {
  const code = ch.charCodeAt(0) - SYLLABLE_BASE;
  if (ch.length !== 1 || code < 0 || code > 11171) return null;
  return { cho: Math.floor(code / 588), jung: Math.floor((code % 588) / 28), jong: code % 28 };
}

function syllable(cho: number, jung: number, jong: number): string {
  return String.fromCharCode(SYLLABLE_BASE + cho * 588 + jung * 28 + jong);
}

function withJong(ch: string, jong: number): string {
  const parts = syllableParts(ch);
  return parts && parts.jong === 0 ? syllable(parts.cho, parts.jung, jong) : ch;
}

/** The infinitive (-아/어) stem of a vowel-final verb stem: 지우 → 지워, 올리 → 올려, 보 → 봐, 정하 → 정해, 다르 → 달라. */
function infinitive(stem: string): string | null {
  const head = stem.slice(0, -1);
  const last = stem.at(-1) ?? '';
  const parts = syllableParts(last);
  if (!parts || parts.jong !== 0) return null;
  const vowel = JUNGSEONG[parts.jung];
  if (last === '하') return `${head}해`;
  if (last === '르' && head !== '') {
    // 르 irregular: 다르 → 달라, 고르 → 골라, 부르 → 불러 (the vowel before decides 라 or 러).
    const before = syllableParts(head.at(-1) ?? '');
    const bright = before !== null && 'ㅏㅗ'.includes(JUNGSEONG[before.jung] ?? '');
    return `${head.slice(0, -1)}${withJong(head.at(-1) ?? '', JONG_L)}${bright ? '라' : '러'}`;
  }
  // ㅚ + 어 → ㅙ: 되 → 돼 (돼요, 됐어), 바뀌 stays as written (ㅟ has no contraction).
  const to: Record<string, string> = {
    ㅣ: 'ㅕ',
    ㅜ: 'ㅝ',
    ㅗ: 'ㅘ',
    ㅡ: 'ㅓ',
    ㅐ: 'ㅐ',
    ㅔ: 'ㅔ',
    ㅏ: 'ㅏ',
    ㅓ: 'ㅓ',
    ㅚ: 'ㅙ',
  };
  const next = to[vowel ?? ''];
  if (next === undefined) return null;
  const jung = JUNGSEONG.indexOf(next);
  // 이 after a consonant-final syllable stays a syllable of its own: 보이 → 보여 (ㅇ + ㅕ).
  return `${head}${syllable(parts.cho, jung, 0)}`;
}

/**
 * The spellings a verb stem takes before its endings: the stem, its infinitive, the past (infinitive + ㅆ), the
 * present adnominal (+ ㄴ) and the future adnominal (+ ㄹ). 지우 → 지우 지워 지웠 지운 지울; 보 → 보 봐 봤 본 볼.
 * A stem ending in ㄹ drops it before ㄴ (만들 → 만든); a consonant-final stem takes 아/어 and 은/을 (받 → 받아 받은).
 */
export function verbBases(stem: string): string[] {
  const last = stem.at(-1) ?? '';
  const head = stem.slice(0, -1);
  const parts = syllableParts(last);
  if (!parts) return [stem];
  if (parts.jong !== 0) {
    const bright = 'ㅏㅗ'.includes(JUNGSEONG[parts.jung] ?? '');
    const inf = `${stem}${bright ? '아' : '어'}`;
    const past = `${stem}${bright ? '았' : '었'}`;
    if (parts.jong === JONG_L) {
      // ㄹ drops before ㄴ, ㅂ, ㅅ: 만들 → 만든, 만드는, 만드세요. A one-syllable stem's bare form (까, 도) is a word of
      // its own, so it is taken only with 는 (까는, 도는).
      const bare = syllable(parts.cho, parts.jung, 0);
      return [stem, inf, past, `${head}${withJong(bare, JONG_N)}`, head !== '' ? `${head}${bare}` : `${bare}는`];
    }
    return [stem, inf, past, `${stem}은`, `${stem}을`, `${stem}음`];
  }
  const inf = infinitive(stem);
  const forms = [
    stem,
    `${head}${withJong(last, JONG_N)}`,
    `${head}${withJong(last, JONG_L)}`,
    // The nominal form of chat: 씀, 지움, 올림.
    `${head}${withJong(last, JONG_M)}`,
  ];
  if (inf !== null) forms.push(inf, `${inf.slice(0, -1)}${withJong(inf.at(-1) ?? '', JONG_SS)}`);
  return [...new Set(forms)];
}

/** Endings a one-syllable verb base may take (보는, 봐요, 봤어, 볼때): one-syllable bases are matched only with these. */
const SHORT_VERB_TAILS = new Set(
  (
    '다 는 고 면 기 려면 려고 려 자 지 죠 게 네 니 나 냐 세요 요 서 야 도 줘 줘요 주세요 는데 는지 는법 는거 ' +
    '는거야 는건 는게 어 어요 어서 던 때 수 까 래 거 건 적 음 라 면서 게요 는방법 려면요 았 았어 았다 었 었어 ' +
    // Polite and questioning endings (있습니까, 없나요, 맞죠, 될까요).
    '습니다 습니까 나요 을까 을까요 까요 지요 네요 냐고'
  ).split(' '),
);

/**
 * The honorific 시 (보시면, 주실, 주셔서): how a polite question says the same verb. It follows the stem itself only,
 * never another base (해 + 시 is 해시, a hash; 감 + 시 is 감시, monitoring).
 */
const HONORIFIC_TAILS = new Set(
  '시면 시는 시고 시나요 시죠 시니 실 셔 셔서 셔도 셔야 셨 셨어 셨다 셨는데 셨어요 셨나요 십니다 세요'.split(' '),
);

/**
 * Whether `word` is one of the verb's conjugated forms: a base followed by an ending. A base of two syllables or
 * more may take any short ending (지우는, 지웠는데, 올려야); a one-syllable base (보, 봐, 본) only the common endings,
 * so 보안 or 보존 are never read as 보다.
 */
export function isVerbForm(word: string, bases: readonly string[], stem?: string): boolean {
  for (const base of bases) {
    if (!word.startsWith(base)) continue;
    const tail = word.slice(base.length);
    if (tail === '') return true;
    if (base.length >= 2 ? tail.length <= 4 : SHORT_VERB_TAILS.has(tail)) return true;
    if (base === stem && HONORIFIC_TAILS.has(tail)) return true;
  }
  return false;
}
