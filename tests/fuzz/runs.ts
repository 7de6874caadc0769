/**
 * Shared pieces of the fuzz suite: how many cases each property runs, hostile input generators, and the
 * "only a translated UserError may escape" check.
 *
 * `npm test` runs every property with a small count (default 200) so the whole suite stays fast;
 * `npm run test:fuzz` sets FUZZ_RUNS=10000.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { translate, type Locale } from '../../src/i18n/index.js';

const DEFAULT_RUNS = 200;

function runsFrom(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_RUNS;
}

/** Cases per property (FUZZ_RUNS, default 200). */
export const RUNS = runsFrom(process.env.FUZZ_RUNS);

/** True under `npm run test:fuzz` (FUZZ_RUNS set): then every property runs the full count. */
const FULL = process.env.FUZZ_RUNS !== undefined;

/**
 * Cases for one property. Under `npm test` the slow families (huge inputs, whole documents, whole handlers) run a
 * share of RUNS, never under 20; under `npm run test:fuzz` every property runs all of RUNS (≥ 10 000).
 */
export const runs = (share = 1): number => (FULL ? RUNS : Math.max(20, Math.round(RUNS * share)));

/** Test timeout for the properties: vitest's 20 s is too short for 10 000 cases of the slower families. */
export const TIMEOUT = Math.max(20_000, RUNS * 60);

/** fc.assert with the suite's run count; a failure reports the shrunk counterexample and the seed. */
export function check(property: fc.IRawProperty<unknown[]>, share = 1): void {
  fc.assert(property, { numRuns: runs(share) });
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile characters

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

/** C0/C1 controls, NUL, DEL, line and paragraph separators, BOM, zero-width and bidi controls. */
export const controlChar = fc.oneof(
  codePoint(0, 0x1f),
  codePoint(0x7f, 0x9f),
  fc.constantFrom('\u0000', '\u2028', '\u2029', '\uFEFF', '\u200B', '\u200D', '\u202E', '\u2066', '\r', '\r\n'),
);

/** A UTF-16 surrogate half on its own (what a broken client or a cut string can send). */
export const loneSurrogate = codePoint(0xd800, 0xdfff).map((c) => c);

/** Hangul syllables, compatibility jamo (ㄷㅋ) and conjoining jamo. */
export const hangul = fc.oneof(codePoint(0xac00, 0xd7a3), codePoint(0x3131, 0x318e), codePoint(0x1100, 0x11ff));

/** Full-width forms and other characters NFKC rewrites (１, ｈ, ：, ㎖). */
export const compatibility = fc.oneof(codePoint(0xff01, 0xff5e), codePoint(0x3380, 0x33ff), codePoint(0x2460, 0x24ff));

/** Any single unit: mostly ordinary, often hostile. */
export function hostileUnit(...domain: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
    { arbitrary: controlChar, weight: 1 },
    { arbitrary: loneSurrogate, weight: 1 },
    { arbitrary: hangul, weight: 2 },
    { arbitrary: compatibility, weight: 1 },
    { arbitrary: fc.constantFrom(' ', '\t', '\n', ':', '/', '-', '.', '%', '"', '\\', '`', '#', '*'), weight: 2 },
    ...domain.map((arbitrary) => ({ arbitrary, weight: 4 })),
  );
}

/** A string of hostile units (and of the family's own tokens, so the parser's grammar is actually reached). */
export function hostileString(
  options: { maxLength?: number; tokens?: readonly string[]; units?: fc.Arbitrary<string>[] } = {},
): fc.Arbitrary<string> {
  const domain = [...(options.units ?? [])];
  if (options.tokens && options.tokens.length > 0) domain.push(fc.constantFrom(...options.tokens));
  return fc.string({ unit: hostileUnit(...domain), maxLength: options.maxLength ?? 40 });
}

/** Very long inputs: one unit repeated, or a random string repeated, up to `max` UTF-16 units. */
export function hugeString(max = 100_000, tokens: readonly string[] = []): fc.Arbitrary<string> {
  return fc
    .tuple(hostileString({ maxLength: 8, tokens }), fc.integer({ min: 1, max }))
    .map(([piece, n]) => (piece === '' ? 'a' : piece).repeat(Math.ceil(n / Math.max(1, piece.length))).slice(0, n));
}

// ---------------------------------------------------------------------------------------------------------------
// The one exception allowed to escape

const PLACEHOLDER = /\{\w+\}/;

/** Fails unless `err` is a UserError whose key translates to a non-empty message, placeholders filled, in both locales. */
export function expectTranslatedUserError(err: unknown): void {
  if (!isUserError(err)) throw err;
  for (const locale of ['ko', 'en'] as Locale[]) {
    const text = translate(locale, err.key, err.params);
    expect(text.trim(), `${locale} ${err.key}`).not.toBe('');
    expect(text, `${locale} ${err.key} has an unfilled placeholder`).not.toMatch(PLACEHOLDER);
  }
}

/** Runs `fn`; returns its value, or undefined when it threw an acceptable UserError (anything else fails). */
export function userErrorOr<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    expectTranslatedUserError(err);
    return undefined;
  }
}

export async function userErrorOrAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    expectTranslatedUserError(err);
    return undefined;
  }
}
