import { createHash } from 'node:crypto';
import type { Section } from '../notes/types.js';

/**
 * A section's key that survives a notes reload while its file and heading path stay: the same formula as
 * `/explain`'s `sectionKey`, so a quiz reveal can open `/explain` for it with `explain.open:<key>`.
 */
export function sectionKey(section: Pick<Section, 'file' | 'path'>): string {
  return createHash('sha256')
    .update(`${section.file}\u0000${section.path.join('\u0000')}`)
    .digest('base64url')
    .slice(0, 12);
}

/** Review card keys: `n:<sectionKey>` for a concept section, `b:<bank id>` for a bank question. */
export const noteCardKey = (section: Pick<Section, 'file' | 'path'>) => `n:${sectionKey(section)}`;
export const bankCardKey = (id: string) => `b:${id}`;

export function shortHash(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}
