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
  attach: Attach;
  /** Syllables the stem must keep; verb endings need 2 so 권한 or 제한 are not cut to one syllable. */
  minStem: number;
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
  '으면',
  '다면',
];

/** 으면 and 다면 are conditional endings on bare verb stems (없으면, 있다면); the stem may be one syllable. */
const CONDITIONALS = new Set(['으면', '다면']);

/** After a consonant 는 is not the topic particle (that is 은) but a verb's present adnominal: 없는, 찾는. */
const ADNOMINAL: Suffix = { text: '는', attach: 'batchim', minStem: 1, predicate: true };

const SUFFIXES: Suffix[] = [
  ...PAIRED.flatMap(([afterBatchim, afterVowel]): Suffix[] => [
    { text: afterBatchim, attach: 'batchim', minStem: 1 },
    { text: afterVowel, attach: 'vowel', minStem: 1 },
  ]),
  ...['', '는', '서', '의'].flatMap((tail): Suffix[] => [
    { text: `으로${tail}`, attach: 'batchim', minStem: 1 },
    { text: `로${tail}`, attach: 'vowelOrRieul', minStem: 1 },
  ]),
  ADNOMINAL,
  ...PARTICLES.map((text): Suffix => ({ text, attach: 'any', minStem: 1 })),
  ...ENDINGS.map((text): Suffix => ({ text, attach: 'any', minStem: CONDITIONALS.has(text) ? 1 : 2, predicate: true })),
].sort((a, b) => b.text.length - a.text.length);

const SUFFIX_SET = new Set(SUFFIXES.map((s) => s.text));

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
function stripOnce(word: string): { stem: string; suffix: Suffix } | null {
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix.text)) continue;
    const stem = word.slice(0, word.length - suffix.text.length);
    if (stem.length >= suffix.minStem && attaches(stem, suffix.attach)) return { stem, suffix };
  }
  return null;
}

/**
 * Final syllables of conjugated verbs in questions (지어, 찾아, 봐, 할까, 되니, 쓰죠, 깔린, 만든). A short word
 * ending in one is most likely a predicate even when no ending could be cut off. Nouns ending so (미디어) only lose
 * weight, they still match.
 */
const VERBAL_FINALS = new Set([...'아어여야해봐줘까니냐죠래데게자린던든운른']);

export function looksLikePredicate(word: string): boolean {
  return word.length <= 3 && VERBAL_FINALS.has(word.at(-1) ?? '');
}

export interface Stripped {
  stem: string;
  /** True when a verb/adjective ending was removed: the word describes rather than names a topic. */
  predicate: boolean;
}

/**
 * Strips particles and endings until none applies or `keep` says the word is already a known word
 * (컨테이너가 → 컨테이너 stops at the loanword instead of going further). Three rounds cover 에서는 + 도 chains.
 */
export function stripKorean(word: string, keep: (w: string) => boolean = () => false): Stripped {
  let stem = word;
  let predicate = false;
  for (let round = 0; round < 3 && !keep(stem); round++) {
    const next = stripOnce(stem);
    if (next === null) break;
    stem = next.stem;
    predicate ||= next.suffix.predicate === true;
  }
  return { stem, predicate };
}
