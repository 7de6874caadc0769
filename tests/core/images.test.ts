import { describe, expect, it } from 'vitest';
import { imageKind, withImageExtension } from '../../src/core/images.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('imageKind', () => {
  it('knows PNG, JPEG, GIF and WebP by their magic numbers', () => {
    expect(imageKind(bytes([0x89], 'PNG\r\n\x1a\n', 'rest'))).toBe('png');
    expect(imageKind(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('jpeg');
    expect(imageKind(bytes('GIF89a', [1, 0, 1, 0]))).toBe('gif');
    expect(imageKind(bytes('GIF87a'))).toBe('gif');
    expect(imageKind(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
  });

  it('refuses everything else, whatever the file is called', () => {
    expect(imageKind(Buffer.from('TOP-SECRET text pretending to be a png'))).toBeNull();
    expect(imageKind(Buffer.from('DISCORD_TOKEN=abc'))).toBeNull();
    expect(imageKind(Buffer.alloc(0))).toBeNull();
    expect(imageKind(bytes([0x89], 'PNG'))).toBeNull(); // truncated signature
    expect(imageKind(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
    expect(imageKind(bytes('GIF88a'))).toBeNull();
    expect(imageKind(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });
});

describe('withImageExtension', () => {
  it('keeps a matching extension and fixes a wrong or missing one', () => {
    expect(withImageExtension('a.png', 'png')).toBe('a.png');
    expect(withImageExtension('a.JPEG', 'jpeg')).toBe('a.JPEG');
    expect(withImageExtension('a.png', 'jpeg')).toBe('a.jpg');
    expect(withImageExtension('diagram', 'webp')).toBe('diagram.webp');
  });
});
