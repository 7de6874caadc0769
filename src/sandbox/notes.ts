/**
 * What the sandbox asks the notes' knowledge base, to link the section that teaches what a reply shows.
 * These are search queries (matched against the group's Korean notes), not text shown to members; the section
 * found is whatever the current notes answer, so renamed headings keep working.
 */
import type { NotesIndex, Section } from '../notes/types.js';

export const NOTES_QUERIES = {
  imageMetadata: '이미지 메타데이터 docker image inspect',
  lifecycle: '컨테이너 라이프 사이클',
  naming: '이미지 이름 규칙',
} as const;

export function notesSection(index: NotesIndex, topic: keyof typeof NOTES_QUERIES): Section | null {
  const result = index.search(NOTES_QUERIES[topic], { limit: 1 });
  if (result.found) return result.results[0]?.section ?? null;
  return result.emptyTopic;
}
