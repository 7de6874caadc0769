import { describe, expect, it } from 'vitest';
import { paginate, truncate } from '../../src/core/text.js';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('도커', 10)).toBe('도커');
  });

  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    const text = 'ab😀😀😀';
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      expect(/[\ud800-\udbff]…$/.test(cut)).toBe(false);
    }
  });
});

describe('paginate', () => {
  it('keeps every page within the limit and loses no words', () => {
    const text = Array.from({ length: 400 }, (_, i) => `문장 ${i} 컨테이너는 이미지의 실행 상태다.`).join('\n');
    const pages = paginate(text, 500);
    expect(pages.length).toBeGreaterThan(5);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(500);
    expect(pages.join('\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('closes a code block at a page break and reopens it with its language', () => {
    const code = Array.from({ length: 60 }, (_, i) => `docker image inspect image-${i}`).join('\n');
    const text = `앞 문단\n\n\`\`\`bash\n${code}\n\`\`\`\n\n뒷 문단`;
    const pages = paginate(text, 400);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      const fences = p.split('\n').filter((l) => l.trim().startsWith('```')).length;
      expect(fences % 2).toBe(0);
      expect(p.length).toBeLessThanOrEqual(400);
    }
    expect(pages[1]?.startsWith('```bash')).toBe(true);
  });

  it('returns one empty page for empty text', () => {
    expect(paginate('', 100)).toEqual(['']);
  });
});
