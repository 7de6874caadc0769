/**
 * What the sandbox asks the notes' knowledge base, to link the section that teaches what a reply shows.
 * These are search queries (matched against the group's Korean notes), not text shown to members; the section
 * found is whatever the current notes answer, so renamed headings keep working, and a topic the notes do not cover
 * yet links nothing.
 */
import type { NotesIndex, Section } from '../notes/types.js';

export const NOTES_QUERIES = {
  imageMetadata: '이미지 메타데이터 docker image inspect',
  lifecycle: '컨테이너 라이프 사이클',
  naming: '이미지 이름 규칙',
  layer: '이미지 레이어 layer',
  copyOnWrite: '레이어 copy-on-write 쓰기 시 복사',
  buildCache: '이미지 빌드 캐시 build cache',
  volume: '도커 볼륨 volume 영속성 저장소',
  network: '도커 네트워크 드라이버 브리지 bridge',
  registry: '도커 레지스트리 registry',
} as const;

export type NotesTopic = keyof typeof NOTES_QUERIES;

export function notesSection(index: NotesIndex, topic: NotesTopic): Section | null {
  const result = index.search(NOTES_QUERIES[topic], { limit: 1 });
  if (result.found) return result.results[0]?.section ?? null;
  return result.emptyTopic;
}
