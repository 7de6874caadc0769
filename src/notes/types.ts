import type { SearchExplanation } from './search.js';

/** A heading and the markdown under it, up to the next heading of any depth. */
export interface Section {
  /** Stable id within one index: `${file}#${line}`. */
  id: string;
  /** Path of the file relative to the notes folder, with `/` separators. */
  file: string;
  /** 1-based line of the heading. */
  line: number;
  /** Heading depth, 1–6. */
  depth: number;
  /** The heading's own text with emoji and markdown stripped (what matching and JSON output use). */
  heading: string;
  /** The heading as written, emoji kept, markdown stripped (for display). */
  displayHeading: string;
  /** Plain headings from the outermost ancestor to this section. */
  path: string[];
  /** The section's own body as markdown (without the heading line and without sub-sections). */
  body: string;
  /** The body as plain text (markdown syntax removed, block breaks kept as newlines): what search indexes. */
  text: string;
  /**
   * concept: ordinary notes (the template's 📝 내용 정리 area included); question: a member's own research under the
   * template's ❓ 특별히 궁금했던 부분 (answerable, ranked below concepts, cited as that member's question; never a
   * quiz or review card); record: the template's reflection sections (후기, 독서 과정 기록, 이해도 점검, 목차를 읽기
   * 전에 든 생각 …) and everything under them, and template labels with nothing written under them; `/explain` and
   * quizzes never use record sections.
   */
  kind: 'concept' | 'record' | 'question';
  /**
   * Set when the heading names a place in the notes rather than a topic (`내용 정리`, `특별히 궁금했던 부분`,
   * `정리`, `개념`, `Chapter 4`): its text is notes, but the heading words should earn no heading bonus.
   */
  genericHeading?: true;
  /** True when neither the section nor any sub-section has body text (a topic named but not yet written). */
  empty: boolean;
  /** Images the body links to. */
  images: NoteImage[];
  /** Ids of the direct children, in order. */
  children: string[];
  /** Id of the parent section, if any. */
  parent: string | null;
  /**
   * Who wrote it: the front matter's `author`, else the member folder of `<book>/<member>/<file>`; null when unknown.
   */
  author: string | null;
  /**
   * The chapter it covers, as a label (`4`, `5-7`, `4, 5.7`, `10`): from the nearest `#### Chapter N:` / `N장`
   * heading above it, else the front matter's `chapter`, else the file or folder name (`[Chapter4] 도커 기초.md`,
   * `[10장][…].md`); null when unknown.
   */
  chapter: string | null;
  /** Other names it answers to (front matter `aliases`, Obsidian's convention): on the file's title or first section. */
  aliases: string[];
  /** The file's front matter `tags` (shared by its sections). */
  tags: string[];
}

export interface NoteImage {
  alt: string;
  /** As written in the markdown. */
  src: string;
  /** Absolute path on disk, or null for remote URLs and for links that leave the notes folder. */
  absPath: string | null;
  exists: boolean;
  /** Set when the link (after decoding) points outside the notes folder: never read, named as not attached. */
  outside?: true;
}

export interface SearchHit {
  section: Section;
  score: number;
}

/**
 * Outcome of `search`. Exactly one of three shapes:
 * - answered: `found: true`, `results` non-empty (best first), `emptyTopic: null`, `suggestions: []`;
 * - empty topic: the best match is a concept heading with nothing written under it (nor under its sub-sections):
 *   `found: false`, `results: []`, `emptyTopic` set, `suggestions` = other non-empty sections near the query;
 * - not covered: `found: false`, `results: []`, `emptyTopic: null`, `suggestions` = nearest headings (may be empty).
 * Record sections (후기, 독서 과정 기록 …) never appear in any of these fields.
 */
export interface SearchResult {
  query: string;
  /** True when a non-empty concept section answers the query well enough. */
  found: boolean;
  /** Best first, at most `limit` (default 5); empty when not found. */
  results: SearchHit[];
  /** Nearest headings when not found (for "혹시 이것을 찾으셨나요?"). */
  suggestions: Section[];
  /**
   * Set when the best match is a heading with no notes under it yet (the seed's `## 이미지 빌드`):
   * the answer is "the notes have this topic but nothing written yet", not another section.
   */
  emptyTopic: Section | null;
  /**
   * Words of the question read as others (`dlalwl` → 이미지 typed on the wrong layout, `kublet` → kubelet), so the
   * reply can say how the question was understood. Absent when every word was read as typed.
   */
  readAs?: { from: string; to: string }[];
}

export interface AutocompleteHit {
  section: Section;
  /** Display text, at most 100 characters. */
  label: string;
}

export interface NotesIndex {
  readonly dir: string;
  readonly sections: readonly Section[];
  /** Files skipped while loading (binary, unreadable, …), each naming the file and why. */
  readonly warnings: readonly string[];
  get(id: string): Section | undefined;
  search(query: string, options?: { limit?: number }): SearchResult;
  /**
   * How the same search read one question and scored its candidates (`explain --debug`). Optional so that test
   * doubles of the index need not build a search engine; the real index (notes-index.ts) always has it.
   */
  explain?(query: string): SearchExplanation;
  /** Headings by exact, prefix, substring and Hangul initial-consonant (choseong) match; exact first. */
  autocomplete(input: string, limit?: number): AutocompleteHit[];
  /** Up to `limit` concept sections near this one (siblings, parent, neighbours), for "related" buttons. */
  related(id: string, limit?: number): Section[];
}
