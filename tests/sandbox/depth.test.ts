/** The depth bound on the engine's raw JSON (src/sandbox/depth.ts): one pass, brackets in strings do not count. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../src/sandbox/depth.js';

const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** The real depth of a parsed value (the oracle for the property below). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('exceedsJsonDepth', () => {
  it('counts nested arrays and objects, up to the limit and one past it', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(exceedsJsonDepth(arrays(64))).toBe(false);
    expect(exceedsJsonDepth(arrays(65))).toBe(true);
    expect(exceedsJsonDepth(objects(64))).toBe(false);
    expect(exceedsJsonDepth(objects(65))).toBe(true);
    expect(exceedsJsonDepth('[{"a":[{}]}]', 4)).toBe(false);
    expect(exceedsJsonDepth('[{"a":[{"b":[]}]}]', 4)).toBe(true);
    // Siblings do not add up: depth, not count.
    expect(exceedsJsonDepth(`[${Array.from({ length: 1000 }, () => arrays(3)).join(',')}]`, 4)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes and backslashes included', () => {
    expect(exceedsJsonDepth(`["${'['.repeat(1000)}"]`, 1)).toBe(false);
    expect(exceedsJsonDepth(`{"${'{'.repeat(1000)}":"${'{['.repeat(1000)}"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(`["\\"${'['.repeat(100)}"]`, 1)).toBe(false); // \" does not end the string
    expect(exceedsJsonDepth(`["\\\\",[[]]]`, 2)).toBe(true); // \\ does: the brackets after it count
    expect(exceedsJsonDepth(`["\\\\",[[]]]`, 3)).toBe(false);
    expect(exceedsJsonDepth(`["]]]]",[[]]]`, 2)).toBe(true); // closing brackets in a string do not lower it
  });

  it('answers 200 000 levels at once, without recursion', () => {
    expect(exceedsJsonDepth(arrays(200_000))).toBe(true);
    expect(exceedsJsonDepth(objects(200_000))).toBe(true);
    expect(exceedsJsonDepth(`["${'['.repeat(200_000)}"]`)).toBe(false);
  });

  it('agrees with the parsed depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(exceedsJsonDepth(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 500 },
    );
  });
});
