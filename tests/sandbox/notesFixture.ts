/**
 * A small NotesIndex (the contract in src/notes/types.ts) with the seed's headings on image metadata, naming and
 * the container lifecycle. `search` matches by shared words and records every query, so tests can show the
 * sandbox finds its links through the knowledge base rather than by a fixed heading.
 */
import type { NotesIndex, Section } from '../../src/notes/types.js';

function section(line: number, heading: string, parentPath: string[], body: string): Section {
  return {
    id: `docker-study.md#${line}`,
    file: 'docker-study.md',
    line,
    depth: parentPath.length + 1,
    heading,
    displayHeading: heading,
    path: [...parentPath, heading],
    body,
    text: body,
    kind: 'concept',
    empty: false,
    images: [],
    children: [],
    parent: null,
    author: null,
    chapter: null,
    aliases: [],
    tags: [],
  };
}

export function notesFixture(
  headings: { metadata?: string; lifecycle?: string; naming?: string } = {},
  /** Also the sections /layers, /volume(s) and /network(s) link: layer, copy-on-write, build cache, volume, network. */
  studyTopics = false,
) {
  const root = ['스터디 템플릿'];
  const sections = [
    section(
      28,
      headings.metadata ?? '이미지의 메타데이터',
      root,
      '`docker image inspect {imageName}` 이미지 메타데이터',
    ),
    section(
      42,
      headings.naming ?? '이미지 이름 규칙',
      [...root, '이미지 레지스트리'],
      '${레지스트리주소}/${프로젝트명}/${이미지명}:${이미지태그}',
    ),
    section(52, headings.lifecycle ?? '컨테이너의 라이프 사이클', root, 'Running 상태에서는 CPU와 Memory'),
    ...(studyTopics
      ? [
          section(60, '레이어', root, 'layer 하나는 Dockerfile 한 단계의 변경분'),
          section(66, 'Copy-on-Write', root, 'copy-on-write: 쓰기 시 복사'),
          section(72, '빌드 캐시', root, 'build cache: 바뀌지 않은 단계는 다시 쓴다'),
          section(78, '도커 볼륨', root, 'volume 영속성 저장소'),
          section(84, '도커 네트워크', root, 'network 드라이버 bridge'),
        ]
      : []),
  ];
  const queries: string[] = [];
  const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);
  const index: NotesIndex = {
    dir: 'fixture',
    sections,
    warnings: [],
    get: (id) => sections.find((s) => s.id === id),
    search(query) {
      queries.push(query);
      const q = words(query);
      const scored = sections
        .map((s) => ({ section: s, score: q.filter((w) => `${s.heading} ${s.body}`.toLowerCase().includes(w)).length }))
        .filter((h) => h.score >= 2)
        .sort((a, b) => b.score - a.score);
      return { query, found: scored.length > 0, results: scored.slice(0, 1), suggestions: [], emptyTopic: null };
    },
    autocomplete: () => [],
    related: () => [],
  };
  return { index, queries };
}
