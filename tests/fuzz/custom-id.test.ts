/** Component custom ids: what comes back from Discord on every button click (a client can send any string). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/commands/customId.js';
import { LIMITS } from '../../src/core/reply.js';
import { check, hostileString, TIMEOUT } from './runs.js';

const route = fc
  .tuple(fc.constantFrom(...'abcxyz'), fc.string({ unit: fc.constantFrom(...'abz09.-'), maxLength: 20 }))
  .map(([a, b]) => a + b);
const arg = fc.oneof(
  hostileString({ tokens: [':', '%', '%3A', '%25', '%3a', 'v1', '::'], maxLength: 30 }),
  fc.integer(),
  fc.double(),
);
/** The length encode must produce: each `%` and `:` becomes three characters. */
const escapedLength = (r: string, args: (string | number)[]) =>
  ['v1', r, ...args.map((a) => String(a).replace(/[%:]/g, '%xx'))].join(':').length;

describe('fuzz: custom ids', () => {
  it(
    'decode(encode(route, args)) gives the args back whenever they fit in 100 characters; encode throws otherwise',
    () => {
      check(
        fc.property(route, fc.array(arg, { maxLength: 8 }), (r, args) => {
          const fits = escapedLength(r, args) <= LIMITS.customId;
          if (!fits) {
            expect(() => encodeCustomId(r, ...args)).toThrow();
            return;
          }
          const id = encodeCustomId(r, ...args);
          expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
          expect(decodeCustomId(id)).toEqual({ route: r, args: args.map(String) });
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'decode never throws on any string and rejects what is not a v1 id within the limit',
    () => {
      check(
        fc.property(
          fc.oneof(
            hostileString({ tokens: ['v1:', ':', '%3A', '%25', 'quiz.ans', 'v2:'], maxLength: 120 }),
            fc.string({ maxLength: 300 }),
          ),
          (id) => {
            const decoded = decodeCustomId(id);
            if (decoded === null) return;
            expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
            expect(id.startsWith(`v1:${decoded.route}`)).toBe(true);
            // What decodes re-encodes (when it still fits) to an id that decodes the same.
            if (escapedLength(decoded.route, decoded.args) > LIMITS.customId) return;
            expect(decodeCustomId(encodeCustomId(decoded.route, ...decoded.args))).toEqual(decoded);
          },
        ),
      );
    },
    TIMEOUT,
  );
});
