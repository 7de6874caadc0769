import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/commands/customId.js';

describe('custom ids', () => {
  it('round-trips arguments containing the separator and percent signs', () => {
    const id = encodeCustomId('explain.page', 'a:b%c', 3);
    expect(decodeCustomId(id)).toEqual({ route: 'explain.page', args: ['a:b%c', '3'] });
  });

  it('refuses to build an id longer than Discord allows', () => {
    expect(() => encodeCustomId('x', 'y'.repeat(100))).toThrow();
  });

  it.each(['', 'v2:explain.page:1', 'explain.page', 'v1:', 'v1:UPPER:x', 'v1:../x', 'x'.repeat(101)])(
    'parses malformed id %j as null',
    (id) => {
      expect(decodeCustomId(id)).toBeNull();
    },
  );
});
