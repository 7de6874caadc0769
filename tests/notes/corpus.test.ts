import { describe, expect, it } from 'vitest';
import { corpusQueries, generateCorpus } from '../../src/notes/corpus.js';
import { buildIndex } from '../../src/notes/build.js';

describe('generated corpus', () => {
  const corpus = generateCorpus();

  it('is deterministic and about 1 MB over many files', () => {
    const bytes = corpus.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
    expect(bytes).toBeGreaterThan(950_000);
    expect(bytes).toBeLessThan(1_100_000);
    expect(corpus.length).toBeGreaterThan(50);
    expect(generateCorpus()).toEqual(corpus);
    expect(generateCorpus({ seed: 2 })).not.toEqual(corpus);
  });

  it('answers and refuses on the ~1 MB corpus as on small notes (speed: `npm run bench -- search`)', () => {
    const index = buildIndex(corpus);
    for (const q of corpusQueries(200)) expect(index.search(q).results.length).toBeLessThanOrEqual(5);
    expect(index.search('파이썬 GIL').found).toBe(false);
    expect(index.search('볼륨 드라이버').found).toBe(true);
  });
});
