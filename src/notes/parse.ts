/**
 * One markdown file → its sections, using mdast (CommonMark + GFM) rather than line regexes, so headings inside
 * code fences, setext headings and `#` in text are handled as a markdown reader would.
 *
 * Only top-level headings split sections (a `#` inside a list item or blockquote stays part of that body).
 * Text before the first heading belongs to no section and is not indexed.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { decodePath, realPathInside, resolveInside } from '../core/paths.js';
import type { NoteImage, Section } from './types.js';

/**
 * Headings of the study template that hold reflections, not notes. Matching ignores emoji, spaces and punctuation
 * and accepts a heading that *contains* the entry (💡 전부 읽고 난 후기 matches 후기). Such a section and everything
 * under it is a record.
 *
 * An entry starting with `=` matches the whole heading exactly and marks only that heading: the template's title
 * (스터디 템플릿) and its empty 내용 정리 divider are not concepts, but the notes written under them are.
 */
export const DEFAULT_RECORD_HEADINGS: readonly string[] = [
  '=스터디 템플릿',
  '=내용 정리',
  '후기',
  '전부 읽고 난 후기',
  '특별히 궁금했던 부분',
  '독서 과정 기록',
  '이해도 점검 & 난이도 평가',
  '목차를 읽기 전에 든 생각',
];

/** Reads the comma-separated NOTES_RECORD_HEADINGS setting; blank means the default list. */
export function parseRecordHeadings(setting: string | undefined): string[] {
  const entries = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.replace(/^=/, '') !== '');
  return entries.length > 0 ? entries : [...DEFAULT_RECORD_HEADINGS];
}

// Built once: the extension objects are stateless and reusable across files.
const MARKDOWN_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

export interface ParseOptions {
  /** The notes folder; images resolve against the file's folder inside it. */
  dir: string;
  recordHeadings?: readonly string[];
  /** Injected for tests; defaults to a real check on disk. */
  fileExists?: (absPath: string) => boolean;
}

// Extended_Pictographic covers the emoji themselves; the rest are the joiners, variation selectors, keycaps,
// skin tones and flag letters that otherwise survive as invisible characters.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;

export function stripEmoji(text: string): string {
  return collapse(text.replace(EMOJI, ' '));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Heading text for comparisons: no emoji, spaces or punctuation, lowercased. */
export function headingKey(text: string): string {
  return stripEmoji(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

interface RecordRule {
  key: string;
  selfOnly: boolean;
}

function recordRules(entries: readonly string[]): RecordRule[] {
  return entries
    .map((entry) => ({ key: headingKey(entry.replace(/^=/, '')), selfOnly: entry.startsWith('=') }))
    .filter((rule) => rule.key !== '');
}

function matchRecord(heading: string, rules: RecordRule[]): RecordRule | undefined {
  const key = headingKey(heading);
  return rules.find((rule) => (rule.selfOnly ? key === rule.key : key.includes(rule.key)));
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Plain text of a node. mdast-util-to-string glues blocks together (`- OS\n- 프로그램` → `OS프로그램`), which would
 * merge words for search, so block children are joined with newlines here and only phrasing goes through it.
 */
function plainText(node: Nodes): string {
  if (PHRASING_PARENTS.has(node.type)) return toString(node, { includeHtml: false });
  if (node.type === 'html' || node.type === 'definition' || node.type === 'thematicBreak') return '';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child)).join('\n');
  return '';
}

function isRemote(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//');
}

/** Whether a local image is there to attach: a regular file whose real path lies inside the notes folder. */
function fileInside(dir: string): (absPath: string) => boolean {
  return (absPath) => {
    const real = realPathInside(dir, absPath);
    try {
      return real !== null && statSync(real).isFile();
    } catch {
      return false;
    }
  };
}

/**
 * A link's path inside the notes folder: relative to the file's folder, or to the folder's root when it starts with
 * `/` (never the machine's root). A link that decodes to a path leaving the folder gets no path and `outside`; the
 * authoritative check (symlinks, file type, image bytes) is made when the image is attached.
 */
function resolveImage(
  alt: string,
  src: string,
  file: string,
  options: ParseOptions,
  exists: (p: string) => boolean,
): NoteImage {
  if (isRemote(src)) return { alt, src, absPath: null, exists: false };
  const local = decodePath(src.replace(/[?#].*$/, ''));
  const relative = local.startsWith('/') ? local.replace(/^\/+/, '') : path.posix.join(path.posix.dirname(file), local);
  const absPath = resolveInside(options.dir, relative);
  if (absPath === null) return { alt, src, absPath: null, exists: false, outside: true };
  return { alt, src, absPath, exists: exists(absPath) };
}

function collectImages(
  nodes: RootContent[],
  definitions: Map<string, string>,
  push: (alt: string, src: string) => void,
): void {
  for (const node of nodes) {
    if (node.type === 'image') push(node.alt ?? '', node.url);
    else if (node.type === 'imageReference') {
      const url = definitions.get(node.identifier);
      if (url !== undefined) push(node.alt ?? '', url);
    } else if ('children' in node) collectImages(node.children as RootContent[], definitions, push);
  }
}

function collectDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'definition') definitions.set(node.identifier, node.url);
      else if ('children' in node) walk(node.children as RootContent[]);
    }
  };
  walk(root.children);
  return definitions;
}

/** Normalises line endings and drops a byte-order mark; line numbers are unchanged. */
export function normaliseSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Parses one file. `file` is the path relative to the notes folder with `/` separators; ids are `${file}#${line}`.
 * Sections come out in document order, each parent before its children.
 */
export function parseNotes(file: string, source: string, options: ParseOptions): Section[] {
  const text = normaliseSource(source);
  const root = fromMarkdown(text, MARKDOWN_OPTIONS);
  const definitions = collectDefinitions(root);
  const rules = recordRules(options.recordHeadings ?? DEFAULT_RECORD_HEADINGS);
  const exists = options.fileExists ?? fileInside(options.dir);

  const headingIndexes = root.children.flatMap((node, i) => (node.type === 'heading' ? [i] : []));
  // A file's only H1, standing first, is the document's title ("📚 스터디 템플릿"): it names the file, not a
  // concept, so it stays out of its sections' heading paths (the breadcrumb reads 이미지 레지스트리 › 이미지 이름 규칙).
  const topLevel = headingIndexes.filter((i) => (root.children[i] as Heading).depth === 1);
  const titleAt = topLevel.length === 1 && topLevel[0] === headingIndexes[0] ? topLevel[0] : undefined;
  let titleId: string | null = null;
  const sections: Section[] = [];
  const ownContent = new Map<string, boolean>();
  /** Sections whose record status passes to their descendants. */
  const recordScopes = new Set<string>();
  const open: Section[] = [];

  headingIndexes.forEach((at, n) => {
    const heading = root.children[at] as Heading;
    const nextAt = headingIndexes[n + 1] ?? root.children.length;
    const bodyNodes = root.children.slice(at + 1, nextAt);
    const start = heading.position?.end.offset ?? 0;
    const end = root.children[nextAt]?.position?.start.offset ?? text.length;
    const line = heading.position?.start.line ?? 1;

    while ((open.at(-1)?.depth ?? 0) >= heading.depth) open.pop();
    const parent = open.at(-1) ?? null;

    const displayHeading = collapse(toString(heading, { includeHtml: false }));
    const plainHeading = stripEmoji(displayHeading);
    const id = `${file}#${line}`;
    if (at === titleAt) titleId = id;
    const rule = matchRecord(plainHeading, rules);
    const inherited = parent !== null && recordScopes.has(parent.id);
    if (inherited || (rule && !rule.selfOnly)) recordScopes.add(id);

    const images: NoteImage[] = [];
    collectImages(bodyNodes, definitions, (alt, src) => images.push(resolveImage(alt, src, file, options, exists)));

    const section: Section = {
      id,
      file,
      line,
      depth: heading.depth,
      heading: plainHeading,
      displayHeading,
      path: [...(parent && parent.id !== titleId ? parent.path : []), plainHeading],
      body: text
        .slice(start, end)
        .replace(/^\s*\n/, '')
        .trimEnd(),
      text: bodyNodes.map((node) => plainText(node)).join('\n'),
      kind: inherited || rule ? 'record' : 'concept',
      empty: false,
      images,
      children: [],
      parent: parent?.id ?? null,
    };
    parent?.children.push(id);
    ownContent.set(id, images.length > 0 || section.text.trim() !== '');
    sections.push(section);
    open.push(section);
  });

  // Children follow their parent, so walking backwards settles every child before its parent.
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i] as Section;
    section.empty = !ownContent.get(section.id) && section.children.every((child) => byId.get(child)?.empty);
  }
  return sections;
}
