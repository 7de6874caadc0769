/**
 * Bodies from outside the code are read up to a byte bound: what arrives counts, not what was declared, and a body
 * past the bound is not downloaded further.
 */
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src/core/body.js';

/** A body of `chunks` chunks of `size` bytes, counting the chunks it was asked for. */
function body(chunks: number, size: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

describe('reading a body with a byte bound', () => {
  it('returns the whole body when it fits, exactly at the bound too', async () => {
    expect((await readBounded(body(4, 10).stream, 40))?.toString()).toBe('a'.repeat(40));
    expect(await readBounded(null, 10)).toEqual(Buffer.alloc(0));
  });

  it('stops at the first chunk past the bound and reads no further', async () => {
    const big = body(1000, 1024);
    expect(await readBounded(big.stream, 4096)).toBeNull();
    expect(big.pulled()).toBe(5);
  });

  it('throws what the stream throws (a reset), so the caller can name it', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('ECONNRESET');
      },
    });
    await expect(readBounded(broken, 10)).rejects.toThrow('ECONNRESET');
  });
});
