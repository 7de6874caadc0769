import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNotes } from '../../src/notes/load.js';
import { DEFAULT_RECORD_HEADINGS, parseNotes, parseRecordHeadings } from '../../src/notes/parse.js';
import type { Section } from '../../src/notes/types.js';
import { BUNDLED_NOTES, CHAPTER2, indexOf } from './support/questions.js';

const byHeading = (sections: readonly Section[], heading: string) => {
  const section = sections.find((s) => s.heading === heading);
  if (!section) throw new Error(`no section ${heading}`);
  return section;
};

describe('parsing the bundled notes', () => {
  const { sections } = indexOf(BUNDLED_NOTES);

  it('gives each heading its 1-based line, depth, id and path from the outermost ancestor', () => {
    const client = byHeading(sections, '도커 클라이언트');
    expect(client).toMatchObject({ line: 12, depth: 3, file: 'docker-study.md', id: 'docker-study.md#12' });
    expect(client.path).toEqual(['도커의 구조', '도커 클라이언트']);
    expect(client.parent).toBe(byHeading(sections, '도커의 구조').id);
    expect(byHeading(sections, '도커의 구조').children).toHaveLength(3);
  });

  it('leaves a file’s single leading H1 (its title) out of the heading paths, but not one of several H1s', () => {
    expect(byHeading(sections, '이미지 이름 규칙').path).toEqual(['이미지 레지스트리', '이미지 이름 규칙']);
    expect(byHeading(sections, '스터디 템플릿').path).toEqual(['스터디 템플릿']);
    const two = parseNotes('t.md', '# 도커\n## 이미지\n본문\n# 쿠버네티스\n## 파드\n본문', { dir: '/tmp' });
    expect(two.find((s) => s.heading === '이미지')?.path).toEqual(['도커', '이미지']);
    const late = parseNotes('t.md', '## 서문\n본문\n# 제목\n## 이미지\n본문', { dir: '/tmp' });
    expect(late.find((s) => s.heading === '이미지')?.path).toEqual(['제목', '이미지']);
  });

  it('keeps only the section’s own body, up to the next heading of any depth', () => {
    const client = byHeading(sections, '도커 클라이언트');
    expect(client.body).toBe(
      '- 도커에 명령을 내릴 수 있는 CLI 도구를 의미한다. 도커 Client를 사용하여, 컨테이너, 이미지, 볼륨 등을 관리 할 수 있다.',
    );
    expect(byHeading(sections, '도커의 구조').body).toBe('');
    expect(byHeading(sections, '이미지의 메타데이터').text).toContain('docker image inspect {imageName}');
  });

  it('strips emoji and markdown from `heading` but keeps them in `displayHeading`, and keeps ${…} text', () => {
    const reflections = byHeading(sections, '전부 읽고 난 후기');
    expect(reflections.displayHeading).toBe('💡 전부 읽고 난 후기');
    expect(byHeading(sections, '이해도 점검 & 난이도 평가').displayHeading).toBe('🤔 이해도 점검 & 난이도 평가');
    const [section] = parseNotes('x.md', '## **굵은** `code` ${레지스트리주소} ✅\n본문', { dir: '/tmp' });
    expect(section?.heading).toBe('굵은 code ${레지스트리주소}');
  });

  it('marks the template reflections and everything under them as records, not the notes under the title', () => {
    const kinds = Object.fromEntries(sections.map((s) => [s.heading, s.kind]));
    for (const record of [
      '스터디 템플릿',
      '목차를 읽기 전에 든 생각',
      '전부 읽고 난 후기',
      '특별히 궁금했던 부분',
      '독서 과정 기록',
    ]) {
      expect(kinds[record]).toBe('record');
    }
    for (const concept of ['도커의 구조', '도커 클라이언트', '이미지', '컨테이너의 라이프 사이클', '이미지 빌드']) {
      expect(kinds[concept]).toBe('concept');
    }
    const nested = parseNotes('n.md', '## ⏳ 독서 과정 기록\n### 1장\n- 40분\n## 도커\n본문', { dir: '/tmp' });
    expect(nested.map((s) => s.kind)).toEqual(['record', 'record', 'concept']);
  });

  it('marks a heading empty only when neither it nor any sub-section has text', () => {
    expect(byHeading(sections, '이미지 빌드').empty).toBe(true);
    expect(byHeading(sections, '도커의 구조').empty).toBe(false);
    expect(byHeading(sections, '이미지').empty).toBe(false);
  });

  it('resolves local images against the file’s folder and checks them on disk; remote ones get no path', () => {
    const lifecycle = byHeading(sections, '컨테이너의 라이프 사이클');
    expect(lifecycle.images).toEqual([
      {
        alt: '컨테이너의 라이프 사이클',
        src: './images/container_lifecycle.png',
        absPath: path.join(path.dirname(BUNDLED_NOTES), 'images/container_lifecycle.png'),
        exists: true, // drawn by `npm run draw:lifecycle` and shipped with the notes
      },
    ]);
    const [remote] = parseNotes('a/b.md', '# t\n![x](https://example.com/x.png)', { dir: '/notes' });
    expect(remote?.images[0]).toMatchObject({ absPath: null, exists: false });
  });
});

describe('parsing other markdown', () => {
  it('finds existing and missing images in the chapter-2 fixture folder', async () => {
    const index = await loadNotes(path.dirname(CHAPTER2));
    expect(byHeading(index.sections, '도커 볼륨').images[0]).toMatchObject({ exists: true });
    expect(byHeading(index.sections, '브리지 네트워크').images[0]).toMatchObject({ exists: false });
  });

  it('does not treat # lines inside code fences as headings, and reads setext headings', () => {
    const sections = parseNotes('c.md', '# 제목\n```bash\n# 주석\n```\n설명\n===\n본문', { dir: '/tmp' });
    expect(sections.map((s) => s.heading)).toEqual(['제목', '설명']);
    expect(sections[0]?.body).toContain('# 주석');
  });

  it('accepts a configured record list, blank meaning the default', () => {
    expect(parseRecordHeadings(undefined)).toEqual([...DEFAULT_RECORD_HEADINGS]);
    expect(parseRecordHeadings(' , ')).toEqual([...DEFAULT_RECORD_HEADINGS]);
    const headings = parseRecordHeadings('회고, 메모');
    const sections = parseNotes('r.md', '## 🙂 주간 회고\n글\n## 후기\n글', { dir: '/tmp', recordHeadings: headings });
    expect(sections.map((s) => s.kind)).toEqual(['record', 'concept']);
  });
});
