/**
 * Korean particles that depend on the word before them (이/가, 을/를 …) for text interpolated at run time.
 * A message writes `{은/는}` right after a placeholder; `attachJosa` picks the form from the last spoken character
 * before it. es-hangul's `josa` decides for Hangul; digits are read as Sino-Korean numbers (1 일 → 은, 2 이 → 는);
 * for anything else (Latin words, symbols) the neutral written form "은(는)" is kept, as Korean UIs do.
 */
import { josa } from 'es-hangul';

const PAIRS = ['이/가', '을/를', '은/는', '와/과', '으로/로', '이에요/예요', '이나/나', '이란/란'] as const;
type Pair = (typeof PAIRS)[number];

const TOKEN = new RegExp(`\\{(${PAIRS.map((p) => p.replace('/', '\\/')).join('|')})\\}`, 'g');

/** Digits read as Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구 — true where the reading ends in a final consonant. */
const DIGIT_BATCHIM = [true, true, false, true, false, false, true, true, true, false];
/** …and where that final consonant is ㄹ (일 칠 팔), which takes 로 rather than 으로. */
const DIGIT_RIEUL = [false, true, false, false, false, false, false, true, true, false];

const CLOSERS = /[\s`'"”’)\]*_~>]+$/;

function particle(before: string, pair: Pair): string {
  const trimmed = before.replace(CLOSERS, '');
  const last = trimmed.at(-1) ?? '';
  const [withBatchim, without] = pair.split('/') as [string, string];
  if (/[가-힣]/.test(last)) return josa(last, pair).slice(last.length);
  if (/[0-9]/.test(last)) {
    const d = Number(last);
    if (pair === '으로/로' && DIGIT_RIEUL[d]) return without;
    return DIGIT_BATCHIM[d] ? withBatchim : without;
  }
  if (pair === '이에요/예요') return '이에요';
  if (pair === '으로/로') return '(으)로';
  return `${withBatchim}(${without})`;
}

export function attachJosa(text: string): string {
  return text.replace(TOKEN, (_token, pair: Pair, offset: number) => particle(text.slice(0, offset), pair));
}
