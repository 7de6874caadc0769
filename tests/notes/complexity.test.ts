import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerMarkers, MAX_MARKERS } from '../../src/notes/complexity.js';
import { loadNotes } from '../../src/notes/load.js';
import { decodeTemplate } from '../../src/study/importer.js';
import { UserError } from '../../src/core/errors.js';
import { PROJECT_ROOT } from '../../src/config.js';

describe('markdown complexity guard', () => {
  it('counts every list and quote marker at the start of each line, nested ones included', () => {
    expect(containerMarkers('- a\n  - b\n> - c\n1. d\n2) e\ntext - not a marker\n-not a marker')).toBe(6);
    expect(containerMarkers('- - - x')).toBe(3);
  });

  it('lets the group template through with room to spare', () => {
    const seed = readFileSync(path.join(PROJECT_ROOT, 'data/notes/docker-study.md'), 'utf8');
    expect(containerMarkers(seed) * 10).toBeLessThan(MAX_MARKERS.template);
    expect(decodeTemplate(Buffer.from(seed))).toContain('스터디 템플릿');
  });

  it('refuses a template upload built to stall the markdown parser, before parsing it', () => {
    const crafted = Buffer.from('- - - x\n'.repeat(300));
    expect(() => decodeTemplate(crafted)).toThrow(UserError);
    try {
      decodeTemplate(crafted);
    } catch (err) {
      expect((err as UserError).key).toBe('study.error.import.tooComplex');
    }
  });

  it('skips such a notes file with a warning and keeps the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studybot-complex-'));
    try {
      mkdirSync(path.join(dir, 'sub'));
      writeFileSync(path.join(dir, 'ok.md'), '## 볼륨\n볼륨은 컨테이너의 데이터를 영속적으로 저장한다.\n');
      writeFileSync(path.join(dir, 'sub', 'bomb.md'), '- - x\n'.repeat(MAX_MARKERS.notesFile));
      const index = await loadNotes(dir);
      expect(index.sections.map((s) => s.heading)).toEqual(['볼륨']);
      expect(index.warnings.join('\n')).toContain('sub/bomb.md');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
