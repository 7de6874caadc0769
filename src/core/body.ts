/**
 * Reading a body from outside the code (a Discord attachment, a registry's answer) with a byte bound: the bytes that
 * arrive are what count, whatever size was declared for them.
 */

/**
 * The whole body, or null once it passes `max` bytes: reading stops there and the rest is never downloaded (the
 * stream is cancelled). Errors of the stream itself (a reset, an abort) are thrown to the caller.
 */
export async function readBounded(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}
