import { describe, expect, it } from 'vitest';
import { K8S_NOTES } from './support.js';
import path from 'node:path';
import { runCliCaptured } from '../support/cli.js';

const cli = (args: string[]) => runCliCaptured(args);

describe('cli quiz generate', () => {
  it('prints exactly the issue JSON shape, deterministic for a seed, from another notes folder', async () => {
    const args = ['quiz', 'generate', '--notes', path.dirname(K8S_NOTES), '--count', '5', '--seed', 'x', '--json'];
    const a = await cli(args);
    expect(a.code).toBe(0);
    const json = JSON.parse(a.out) as { questions: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['questions']);
    expect(json.questions).toHaveLength(5);
    for (const q of json.questions) {
      expect(Object.keys(q)).toEqual(['id', 'kind', 'prompt', 'choices', 'answer', 'explanation', 'source']);
      expect(Object.keys(q.source as object)).toEqual(['file', 'heading', 'path']);
      expect(q.kind).not.toBe('bank');
    }
    expect((await cli(args)).out).toBe(a.out);
  });

  it('rejects a bad --count with exit 2 and one line on stderr, writing nothing', async () => {
    const r = await cli(['quiz', 'generate', '--count', '0', '--json']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
