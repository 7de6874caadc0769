/** What the index reads of a section (src/notes/fields.ts): field counts, heading flags, the typo reading's words. */
import { describe, expect, it } from 'vitest';
import {
  FIELD_COUNT,
  GENERIC,
  NAMED,
  countsOf,
  fieldsOf,
  prepareSections,
  shareFields,
} from '../../src/notes/fields.js';
import { parseNotes } from '../../src/notes/parse.js';
import type { Section } from '../../src/notes/types.js';

const NOTE = [
  '## 볼륨',
  '볼륨은 컨테이너의 데이터를 보존한다. labels 로 구분한다. 라즈베리파이 에서는 raspberry 이미지로 돌린다.',
  '',
  '```yaml',
  'labels: app',
  '```',
  '',
  '### 종류',
  '- **바인드 마운트**: 호스트 경로를 연결한다.',
  '',
].join('\n');

function sections(): { all: Section[]; byId: Map<string, Section>; at: (heading: string) => Section } {
  const all = parseNotes('a.md', NOTE, { dir: '/notes' });
  const byId = new Map(all.map((s) => [s.id, s]));
  return { all, byId, at: (heading) => all.find((s) => s.heading === heading) as Section };
}

describe('section fields', () => {
  it('counts a word inside a fenced code block as 0.4 of a prose mention', () => {
    const { byId, at } = sections();
    const fields = fieldsOf(at('볼륨'), byId);
    // Once in prose, once in the YAML block: 1 + 0.4.
    expect(countsOf(fields, 'label')[2]).toBeCloseTo(1.4);
    expect(fields.counts.length).toBe(fields.terms.length * FIELD_COUNT);
  });

  it("gives a heading of generic words its parent's topic, flagged as the heading", () => {
    const { byId, at } = sections();
    const fields = fieldsOf(at('종류'), byId);
    const flag = (term: string) => fields.flags[fields.terms.indexOf(term)];
    expect(flag('volume')).toBe(NAMED);
    expect(countsOf(fields, 'volume')[0]).toBe(1);
    expect(fields.flags.some((f) => f === GENERIC)).toBe(true);
  });

  it('counts a definition lead in its own field', () => {
    const { byId, at } = sections();
    const fields = fieldsOf(at('종류'), byId);
    const lead = fields.terms.filter((term) => (countsOf(fields, term)[3] ?? 0) > 0);
    expect(lead.length).toBeGreaterThan(0);
    expect(fields.lengths[3]).toBe(lead.reduce((sum, term) => sum + (countsOf(fields, term)[3] ?? 0), 0));
  });

  it('reads a name alone before a colon as a lead (`- kubelet:`), and not a sentence that ends in one', () => {
    const all = parseNotes(
      'b.md',
      [
        '## Node Components',
        '- kubelet:',
        '  - 노드마다 도는 에이전트',
        '- 설치는 다음과 같다:',
        '  - apt install',
      ].join('\n'),
      { dir: '/notes' },
    );
    const fields = fieldsOf(all[0] as Section, new Map(all.map((s) => [s.id, s])));
    const lead = (term: string) => countsOf(fields, term)[3] ?? 0;
    expect(lead('kubelet')).toBe(1);
    expect(fields.terms.filter((term) => lead(term) > 0)).toEqual(['kubelet']);
  });

  it('analyses each section once, and a copy with another author shares its fields', () => {
    const { all, byId, at } = sections();
    prepareSections(all);
    const section = at('볼륨');
    const first = fieldsOf(section, byId);
    expect(fieldsOf(section, new Map())).toBe(first);
    const copy = { ...section, author: '김규민' };
    shareFields(section, copy);
    expect(fieldsOf(copy, new Map())).toBe(first);
  });

  it('learns the words of the notes that the typo reading corrects to', () => {
    const { byId, at } = sections();
    const fields = fieldsOf(at('볼륨'), byId);
    // Words the synonym table knows (컨테이너, labels) are corrected by the analysis itself, so only these are learnt.
    expect(fields.hangulWords).toEqual(['라즈베리파이']);
    expect(fields.latinWords).toEqual([{ text: 'raspberry', term: 'raspberry' }]);
  });

  it("gives the same fields when a file's sections share their ancestors' analyses as when each is analysed alone", () => {
    const nested = [
      '## 도커 네트워크',
      '### 브릿지 네트워크',
      '기본 드라이버.',
      '#### 종류',
      '- user-defined bridge',
      '#### 특징',
      '컨테이너끼리 이름으로 통신한다.',
      '### 호스트 네트워크',
      '호스트의 네트워크를 그대로 쓴다.',
      '## 도커 볼륨',
      '### 바인드 마운트',
      '호스트 경로를 연결한다.',
      '#### 주의',
      '경로가 없으면 만들어진다.',
      '',
    ].join('\n');
    const together = parseNotes('n.md', nested, { dir: '/notes' });
    prepareSections(together);
    const alone = parseNotes('n.md', nested, { dir: '/notes' });
    const byId = new Map(alone.map((s) => [s.id, s]));
    const byIdTogether = new Map(together.map((s) => [s.id, s]));
    expect(together.map((s) => fieldsOf(s, byIdTogether))).toEqual(alone.map((s) => fieldsOf(s, byId)));
    expect(together.length).toBeGreaterThan(4);
  });
});
