/**
 * The container lifecycle figure the bundled notes link is shipped, is a real PNG, and is what
 * scripts/draw-lifecycle.ts (`npm run draw:lifecycle`) draws, so it can be redrawn.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawLifecycle, LIFECYCLE_PNG, LIFECYCLE_SIZE } from '../../scripts/draw-lifecycle.js';
import { PROJECT_ROOT } from '../../src/config.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const size = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const NOTES = path.join(PROJECT_ROOT, 'data', 'notes');

describe('the container lifecycle figure', () => {
  it('ships every image the bundled notes link, as a PNG', () => {
    const links = [...readFileSync(path.join(NOTES, 'docker-study.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)];
    expect(links.map((m) => m[1])).toContain('./images/container_lifecycle.png');
    for (const [, link] of links) {
      const file = path.join(NOTES, link as string);
      expect(existsSync(file), link).toBe(true);
      expect(readFileSync(file).subarray(0, 8)).toEqual(PNG_MAGIC);
    }
  });

  it('is the file the script draws, at the same size', () => {
    expect(LIFECYCLE_PNG).toBe(path.join(NOTES, 'images', 'container_lifecycle.png'));
    const shipped = readFileSync(LIFECYCLE_PNG);
    const drawn = drawLifecycle();
    expect(drawn.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(size(shipped)).toEqual(size(drawn));
    expect(size(drawn)).toEqual(LIFECYCLE_SIZE);
  });

  it('is redrawn by `npm run draw:lifecycle`', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['draw:lifecycle']).toBe('tsx scripts/draw-lifecycle.ts');
  });
});
