/**
 * Discord's markdown drawn for a terminal (src/cli/markup.ts): timestamps as "3분 후 (21:03)", bold and italics
 * without their marks (ANSI styles on a terminal), escapes without backslashes, code as written.
 */
import { describe, expect, it } from 'vitest';
import { relative, renderMarkup, type MarkupOptions } from '../../src/cli/markup.js';

/** 2026-12-01 21:00 in Seoul. */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const at = (ms: number) => Math.floor(ms / 1000);
const ko: MarkupOptions = { ansi: false, locale: 'ko', now: NOW, timeZone: 'Asia/Seoul' };
const en: MarkupOptions = { ...ko, locale: 'en' };

describe('Discord markup for a terminal', () => {
  it('draws <t:…:R> as how far away it is and the local time, in both languages', () => {
    const inThree = `<t:${at(NOW + 3 * 60_000)}:R>`;
    expect(renderMarkup(`시작: ${inThree}`, ko)).toBe('시작: 3분 후 (21:03)');
    expect(renderMarkup(`starts ${inThree}`, en)).toBe('starts in 3 minutes (21:03)');
    expect(renderMarkup(`<t:${at(NOW - 2 * 86_400_000)}:R>`, ko)).toBe('2일 전 (2026-11-29 21:00)');
    expect(renderMarkup(`<t:${at(NOW)}:t> <t:${at(NOW)}:d>`, ko)).toBe('21:00 2026-12-01');
    expect(relative(-90 * 60_000, 'en')).toBe('2 hours ago');
  });

  it('drops bold, italic, underline and strike marks and backslash escapes; leaves code and snake_case alone', () => {
    expect(renderMarkup('**굵게** *기울임* _기울임_ __밑줄__ ~~취소~~', ko)).toBe('굵게 기울임 기울임 밑줄 취소');
    expect(renderMarkup('\\(괄호\\) \\*별\\* a\\_b', ko)).toBe('(괄호) *별* a_b');
    expect(renderMarkup('hard_part and why_not', ko)).toBe('hard_part and why_not');
    expect(renderMarkup('`co**de**` and `\\(`', ko)).toBe('`co**de**` and `\\(`');
    expect(renderMarkup('[Docker docs](https://docs.docker.com)', ko)).toBe('Docker docs (https://docs.docker.com)');
    expect(renderMarkup('## 제목\n> 인용\n- 항목', ko)).toBe('제목\n▎ 인용\n• 항목');
    expect(renderMarkup('```sh\ndocker run -it **x**\n```', ko)).toBe('  docker run -it **x**');
  });

  it('uses ANSI bold and italic when the output is a terminal', () => {
    expect(renderMarkup('**굵게** _기울임_', { ...ko, ansi: true })).toBe(
      '\u001b[1m굵게\u001b[22m \u001b[3m기울임\u001b[23m',
    );
  });
});
