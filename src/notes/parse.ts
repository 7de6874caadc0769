/**
 * One markdown file → its sections, using markdown-it (CommonMark with GFM tables) rather than line regexes, so
 * headings inside code fences, setext headings and `#` in text are handled as a markdown reader would.
 *
 * Only top-level headings split sections (a `#` inside a list item or blockquote stays part of that body), and so
 * do bold-only lines used as headings (`**컨테이너 런타임**` alone in a paragraph, as Notion and GitBook exports
 * write them). Text before the first heading belongs to no section and is not indexed, unless the front matter names
 * the file (`title:`) and it has no `#` title: then that text is the title's section.
 *
 * Runs on the parser's thread (src/markdown/pool.ts): a pure function of (file, text, options) whose output is
 * plain data.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type MarkdownItModule from 'markdown-it';
import type { StateBlock, Token } from 'markdown-it';
import { decodePath, realPathInside, resolveInside } from '../core/paths.js';
import { authorOf, fileChapter } from './authors.js';
import { readFrontMatter } from './frontmatter.js';
import { CELL_SEPARATOR, renderHtml, type RenderedHtml } from './html.js';
import type { NoteImage, Section } from './types.js';
import {
  DEFAULT_RECORD_HEADINGS,
  TEMPLATE_PROMPTS,
  stripEmoji,
  collapse,
  headingKey,
  plainTopicKey,
  GENERIC_HEADINGS,
  headingRules,
  QUESTION_RULES,
  matchRule,
  LABEL,
  CHAPTER_WORD,
  chapterOf,
  normaliseSource,
} from './headings.js';

export {
  DEFAULT_RECORD_HEADINGS,
  QUESTION_HEADINGS,
  chapterOf,
  headingKey,
  normaliseSource,
  parseRecordHeadings,
  stripEmoji,
  topicKey,
} from './headings.js';

/**
 * markdown-it's CommonJS build, one bundled file: it loads in ~20 ms on the parser's thread, against ~55 ms for its
 * ES modules (70-odd files), and that thread's start-up is on the critical path of a cold notes load.
 */
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItModule;

export interface ParseOptions {
  /** The notes folder; images resolve against the file's folder inside it. */
  dir: string;
  recordHeadings?: readonly string[];
  /** Injected for tests; defaults to a real check on disk. */
  fileExists?: (absPath: string) => boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown → blocks
//
// markdown-it (CommonMark 0.31 with GFM tables and strikethrough) gives a flat token stream with line maps; it is
// folded here into a small block tree, each block knowing its lines, so sections can be cut by offset as before.
// It parses the 1 MB benchmark corpus over 10× faster than micromark + mdast (bench/search.ts). Where it differs from
// micromark's GFM, the difference is made up below (reference definitions, table rows, task markers, HTML offsets) or
// listed here.

// Known differences from the previous parser (micromark + GFM → mdast). Sections, ids, lines, headings, kinds, bodies
// and images came out identical on every fixture, the generated corpus (3 seeds) and the real notes in
// bench/quality/local; what differs below only changes whitespace or stray marks in `text`, never its words:
// - A raw `<br>` (or other inline-level tag) on an unindented line right after a list item's paragraph is a lazy
//   continuation of that paragraph here, as CommonMark says; micromark made it an HTML block after the list. The
//   item's text gains one blank line (`…있음\n\n` instead of `…있음\n`); the body is the same.
// - A code span running over a line break reads the break as one space, as CommonMark says (micromark kept the line
//   break and the next line's indent).
// - GFM footnotes (`[^1]` and `[^1]: …`) are not parsed: the reference reads as its text `[^1]` and the definition
//   as a paragraph `[^1]: …` (mdast dropped the reference and kept the definition's text). No notes use them.
// - Single-tilde strikethrough (`~a~`) stays text with its tildes (`~~a~~` is strikethrough in both).
// - Autolink literals (`www.x.com`, `https://…` without `<>`) are not made links; their text is the same either way,
//   and a line holding one still does not join a broken heading (AUTOLINK_LITERAL). Emphasis marks inside such a
//   URL (`https://x/*a*`) may be read as emphasis, dropping the `*`.
// - Inline HTML has no offsets in markdown-it: it is found in its block's source lines in order (inlineHtml), so a
//   tag split over lines inside a blockquote or list item is left as written in the displayed body.
// - Nesting deeper than MAX_NESTING containers is not parsed further (markdown-it's `maxNesting`, which also bounds
//   its recursion); the limits checked before parsing (src/markdown/limits.ts) keep notes far below it.

type RuleBlock = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** Containers (lists, quotes, emphasis) markdown-it nests before it gives up on the rest; bounds its recursion. */
const MAX_NESTING = 200;

type BlockType =
  | 'heading'
  | 'paragraph'
  | 'html'
  | 'code'
  | 'table'
  | 'tableRow'
  | 'list'
  | 'listItem'
  | 'blockquote'
  | 'thematicBreak'
  | 'definition'
  | 'other';

interface Block {
  type: BlockType;
  /** 0-based first line and the line after the last (markdown-it's `map`). */
  startLine: number;
  endLine: number;
  /** Headings: 1–6; setext is set for `===` / `---` underlined headings. */
  depth: number;
  setext: boolean;
  /** Paragraphs and headings: inline tokens; table rows: one inline token list per cell. */
  inline: Token[];
  cells: Token[][];
  /** Raw HTML and code: the block's content. */
  value: string;
  /** Raw HTML: the offset where it starts (-1 when unknown). */
  start: number;
  children: Block[];
}

function newBlock(type: BlockType, map: [number, number] | null): Block {
  return {
    type,
    startLine: map?.[0] ?? 0,
    endLine: map?.[1] ?? 0,
    depth: 0,
    setext: false,
    inline: [],
    cells: [],
    value: '',
    start: -1,
    children: [],
  };
}

const OPEN_TYPES: Record<string, BlockType> = {
  paragraph_open: 'paragraph',
  heading_open: 'heading',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  list_item_open: 'listItem',
  blockquote_open: 'blockquote',
  table_open: 'table',
};

/** Folds markdown-it's block tokens into a tree. */
function toBlocks(tokens: Token[]): Block[] {
  const root = newBlock('other', null);
  const stack: Block[] = [root];
  let row: Block | null = null;
  for (const token of tokens) {
    const top = stack[stack.length - 1] as Block;
    switch (token.type) {
      case 'inline':
        if (row) row.cells.push(token.children ?? []);
        else top.inline = token.children ?? [];
        continue;
      case 'tr_open':
        row = newBlock('tableRow', token.map);
        top.children.push(row);
        continue;
      case 'tr_close':
        row = null;
        continue;
      case 'html_block':
        top.children.push({
          ...newBlock('html', token.map),
          value: token.content,
          start: (token.meta as { start?: number } | null)?.start ?? -1,
        });
        continue;
      case 'fence':
      case 'code_block':
        top.children.push({ ...newBlock('code', token.map), value: token.content.replace(/\n$/, '') });
        continue;
      case 'hr':
        top.children.push(newBlock('thematicBreak', token.map));
        continue;
      case 'definition':
        top.children.push(newBlock('definition', token.map));
        continue;
      default:
        break;
    }
    const type = OPEN_TYPES[token.type];
    if (type !== undefined) {
      const block = newBlock(type, token.map);
      if (type === 'heading') {
        block.depth = Number(token.tag.slice(1));
        block.setext = !token.markup.startsWith('#');
      }
      top.children.push(block);
      stack.push(block);
    } else if (
      token.nesting === -1 &&
      !row &&
      /^(?:paragraph|heading|bullet_list|ordered_list|list_item|blockquote|table)_close$/.test(token.type)
    ) {
      stack.pop();
    }
  }
  return root.children;
}

/** GFM's task list marker (`- [ ] 할 일`), which is no text of the item. */
const TASK_MARKER = /^\[[ xX]\][ \t]+/;

function stripTaskMarkers(blocks: Block[]): void {
  for (const block of blocks) {
    if (block.type === 'listItem') {
      const first = block.children[0];
      const text = first?.inline[0];
      if (first?.type === 'paragraph' && first.startLine === block.startLine && text?.type === 'text') {
        const m = TASK_MARKER.exec(text.content);
        if (m && text.content.length > m[0].length) text.content = text.content.slice(m[0].length);
      }
    }
    if (block.children.length > 0) stripTaskMarkers(block.children);
  }
}

/** markdown-it's own cell split: unescaped `|`, an escaping backslash dropped. */
function splitCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let last = 0;
  let escaped = false;
  for (let pos = 0; pos < line.length; pos++) {
    const ch = line.charCodeAt(pos);
    if (ch === 0x7c /* | */) {
      if (!escaped) {
        cells.push(current + line.slice(last, pos));
        current = '';
        last = pos + 1;
      } else {
        current += line.slice(last, pos - 1);
        last = pos;
      }
    }
    escaped = ch === 0x5c; /* \ */
  }
  cells.push(current + line.slice(last));
  if (cells.length > 0 && cells[0] === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

function createMarkdown() {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  // Read by the parser at run time; @types/markdown-it does not list it among the options.
  Object.assign(md.options, { maxNesting: MAX_NESTING });
  // Destinations as written (mdast's `url`): no percent-encoding, no punycode, and no scheme refused; nothing here is
  // rendered as HTML, and images are checked when attached.
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  md.validateLink = () => true;
  const rules = (md.block.ruler as unknown as { __rules__: { name: string; fn: RuleBlock }[] }).__rules__;
  const ruleFn = (name: string): RuleBlock => {
    const rule = rules.find((r) => r.name === name);
    if (!rule) throw new Error(`markdown-it has no ${name} rule`);
    return rule.fn;
  };
  // A link reference definition leaves no token in markdown-it; mdast had a node for it (a block of no text).
  const reference = ruleFn('reference');
  md.block.ruler.at('reference', (state, startLine, endLine, silent) => {
    if (!reference(state, startLine, endLine, silent)) return false;
    if (!silent) state.push('definition', '', 0).map = [startLine, state.line];
    return true;
  });
  // Where an HTML block starts, as mdast's node did: after the container's own indent (the line's start at the top
  // level), any further indent included.
  const htmlBlock = ruleFn('html_block');
  md.block.ruler.at(
    'html_block',
    (state, startLine, endLine, silent) => {
      const from = state.tokens.length;
      if (!htmlBlock(state, startLine, endLine, silent)) return false;
      const token = state.tokens[from];
      if (!silent && token) {
        const indent = Math.min(state.tShift[startLine] ?? 0, Math.max(0, state.blkIndent));
        token.meta = { start: (state.bMarks[startLine] ?? 0) + indent };
      }
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );
  // GFM as micromark reads it keeps a row's cells as written; markdown-it pads short rows with empty cells and cuts
  // long ones to the header's width.
  const table = ruleFn('table');
  md.block.ruler.at(
    'table',
    (state, startLine, endLine, silent) => {
      const from = state.tokens.length;
      if (!table(state, startLine, endLine, silent)) return false;
      if (silent) return true;
      const tokens = state.tokens;
      let inBody = false;
      for (let i = from; i < tokens.length; i++) {
        const token = tokens[i] as Token;
        if (token.type === 'tbody_open') inBody = true;
        if (!inBody || token.type !== 'tr_open' || !token.map) continue;
        const line = token.map[0];
        const source = state.src.slice((state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0), state.eMarks[line]);
        const cells = splitCells(source.trim());
        let close = i + 1;
        while (tokens[close] && tokens[close]?.type !== 'tr_close') close++;
        const count = (close - i - 1) / 3;
        if (cells.length < count) {
          tokens.splice(i + 1 + cells.length * 3, (count - cells.length) * 3);
        } else if (cells.length > count) {
          const extra: Token[] = [];
          for (const cell of cells.slice(count)) {
            extra.push(new state.Token('td_open', 'td', 1));
            const inline = new state.Token('inline', '', 0);
            inline.content = cell.trim();
            inline.map = [line, line + 1];
            inline.children = [];
            extra.push(inline, new state.Token('td_close', 'td', -1));
          }
          tokens.splice(close, 0, ...extra);
        }
      }
      return true;
    },
    { alt: ['paragraph', 'reference'] },
  );
  return md;
}

// Built once: markdown-it keeps no state between documents.
const MARKDOWN = createMarkdown();

/** Offsets of each line's start, and the text's length past the last. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

class Lines {
  constructor(
    readonly text: string,
    private readonly starts: number[],
  ) {}

  /** Offset where 0-based `line` starts. */
  start(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset where 0-based `line` ends (before its line break). */
  end(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text

const BR = /^<br\s*\/?>$/i;

/** Renders each raw HTML token once per file (text, display and images all come from one read). */
type HtmlCache = Map<Token | Block, RenderedHtml>;

function htmlOf(node: Token | Block, value: string, cache: HtmlCache, inCell = false): RenderedHtml {
  let rendered = cache.get(node);
  if (!rendered) cache.set(node, (rendered = renderHtml(value, { inCell })));
  return rendered;
}

const spaced = (text: string) => (text === '' ? '' : ` ${text} `);

/** An image's alt text: its label as plain text, as mdast's `alt`. */
function altOf(image: Token): string {
  let out = '';
  for (const child of image.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'image') out += altOf(child);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out += '\n';
  }
  return out;
}

/**
 * Inline text, as mdast-util-to-string gives it, but with line breaks and inline HTML read (`a<br>b` and a hard
 * break are two words, not `ab`; `<img alt>` counts like a markdown image's alt text).
 */
function phrasing(tokens: readonly Token[], cache: HtmlCache, inCell: boolean): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        out += token.content;
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += inCell ? ' ' : '\n';
        break;
      case 'html_inline':
        if (BR.test(token.content.trim())) out += inCell ? ' ' : '\n';
        else out += spaced(htmlOf(token, token.content, cache, inCell).text);
        break;
      case 'image':
        out += altOf(token);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Plain text of a block. Block children are joined with newlines (`- OS\n- 프로그램` stays two words) and only
 * phrasing is concatenated. Tables read row by row, one line per row with cells separated; raw HTML reads as its text.
 */
function plainText(block: Block, cache: HtmlCache): string {
  switch (block.type) {
    case 'tableRow':
      return block.cells.map((cell) => collapse(phrasing(cell, cache, true))).join(CELL_SEPARATOR);
    case 'paragraph':
    case 'heading':
      return phrasing(block.inline, cache, false);
    case 'html':
      return htmlOf(block, block.value, cache).text;
    case 'code':
      return block.value;
    case 'definition':
    case 'thematicBreak':
      return '';
    default:
      return block.children.map((child) => plainText(child, cache)).join('\n');
  }
}

/** A line that asks rather than tells: `…나요?`, `…궁금하다.`, `…알고 싶다`. */
const OPEN_QUESTION = /(?:[?？]|궁금(?:하다|함|했다|합니다|해요|하네요?)|알고 싶다|알아보기)[.!]?\s*$/u;

/** Text made only of questions (research not written yet): at least one line, every line a question. */
function onlyOpenQuestions(text: string): boolean {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length > 0 && lines.every((line) => OPEN_QUESTION.test(line));
}

/** First and last character of each template prompt: a line with other ends is not one (checked before the replace). */
const PROMPT_ENDS = new Set([...TEMPLATE_PROMPTS].map((prompt) => `${prompt[0]}${prompt.at(-1)}`));

/** Text without the template's guidance lines (what a member writes, not what the template asks). */
function withoutPrompts(text: string): string {
  if (!text.includes('.')) return text;
  const isPrompt = (line: string) => {
    const trimmed = line.trim();
    return PROMPT_ENDS.has(`${trimmed[0]}${trimmed.at(-1)}`) && TEMPLATE_PROMPTS.has(trimmed.replace(/\s+/g, ''));
  };
  return text
    .split('\n')
    .filter((line) => !isPrompt(line))
    .join('\n');
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * Where each inline HTML tag of one block sits in the source, looked for in order within the block's lines (code
 * spans are stepped over, so `` `<br>` `` is not taken for a tag). A tag not found as written is left alone.
 */
function inlineHtml(
  tokens: readonly Token[],
  from: number,
  to: number,
  lines: Lines,
  inCell: boolean,
  cache: HtmlCache,
  out: Replacement[],
): void {
  let at = from;
  for (const token of tokens) {
    if (token.type === 'code_inline') {
      const found = lines.text.indexOf(token.content, at);
      if (found !== -1 && found < to) at = found + token.content.length;
      continue;
    }
    if (token.type !== 'html_inline') continue;
    let found = lines.text.indexOf(token.content, at);
    while (found !== -1 && found < to && lines.text[found - 1] === '\\')
      found = lines.text.indexOf(token.content, found + 1);
    if (found === -1 || found + token.content.length > to) continue;
    const value = token.content.trim();
    const text = BR.test(value) ? (inCell ? ' ' : '\n') : htmlOf(token, token.content, cache, inCell).display;
    out.push({ start: found, end: found + token.content.length, text });
    at = found + token.content.length;
  }
}

/** Raw HTML inside `blocks` with what replaces it in a displayed body, in document order. */
function htmlReplacements(blocks: readonly Block[], lines: Lines, cache: HtmlCache): Replacement[] {
  const out: Replacement[] = [];
  const walk = (block: Block) => {
    const from = lines.start(block.startLine);
    const to = lines.end(block.endLine - 1);
    switch (block.type) {
      case 'html': {
        const start = block.start >= 0 ? block.start : lines.text.indexOf('<', from);
        if (start !== -1 && start <= to) out.push({ start, end: to, text: htmlOf(block, block.value, cache).display });
        return;
      }
      case 'paragraph':
      case 'heading':
        inlineHtml(block.inline, from, to, lines, false, cache, out);
        return;
      case 'tableRow':
        inlineHtml(block.cells.flat(), from, to, lines, true, cache, out);
        return;
      default:
        for (const child of block.children) walk(child);
    }
  };
  for (const block of blocks) walk(block);
  return out;
}

/** `text[start, end)` with raw HTML replaced by its readable text (Discord shows markdown, not HTML). */
function bodyOf(start: number, end: number, blocks: readonly Block[], lines: Lines, cache: HtmlCache): string {
  const text = lines.text;
  // Most bodies hold no HTML at all: skip the walk unless a tag could be there.
  const replacements = text.slice(start, end).includes('<') ? htmlReplacements(blocks, lines, cache) : [];
  let out = '';
  let at = start;
  for (const r of replacements) {
    if (r.start < at || r.end > end) continue;
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  out += text.slice(at, end);
  // HTML that reads as nothing (a comment, `</details>`, an attached `<img>`) leaves its blank lines behind.
  if (replacements.length > 0) out = out.replace(/\n{3,}/g, '\n\n');
  return out.replace(/^\s*\n/, '').trimEnd();
}

// ---------------------------------------------------------------------------------------------------------------
// Images

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
 * authoritative check (symlinks, file type, image bytes) is made when the image is attached. Markdown and HTML
 * images (`<img src>`) go through here alike.
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

function collectImages(blocks: readonly Block[], cache: HtmlCache, push: (alt: string, src: string) => void): void {
  const inline = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'image') push(altOf(token), String(token.attrGet('src') ?? ''));
      else if (token.type === 'html_inline')
        for (const img of htmlOf(token, token.content, cache).images) push(img.alt, img.src);
    }
  };
  for (const block of blocks) {
    if (block.type === 'html') {
      for (const img of htmlOf(block, block.value, cache).images) push(img.alt, img.src);
    } else if (block.type === 'paragraph' || block.type === 'heading') inline(block.inline);
    else if (block.type === 'tableRow') for (const cell of block.cells) inline(cell);
    else collectImages(block.children, cache, push);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Where sections start

/** Where one section starts: a heading, a bold-only line, or the front matter's title. */
interface Mark {
  /** Index in the top-level blocks of the one that starts it (-1 for the front matter's title). */
  at: number;
  /** Index of its first body node. */
  bodyAt: number;
  /** Offset where its body starts. */
  bodyStart: number;
  depth: number;
  line: number;
  /** As written, markdown stripped, emoji kept. */
  display: string;
  /** A real `#` heading (not a bold line or the front matter's title). */
  real: boolean;
}

/** Ends like a sentence: punctuation, or a spaced clause ending in a predicate (`레이어는 읽기 전용이다`). */
function isSentence(text: string): boolean {
  return (
    /[.!?。…]$/u.test(text) || (/\s/.test(text) && /(?:이다|한다|된다|있다|없다|니다|세요|어요|아요|해요)$/u.test(text))
  );
}
/**
 * An ATX heading whose text ends like this is unfinished and continues on the next line: a joining mark or word
 * (`,`, `&`, `/`, ` -`, `및`, `또는`, `and`) or the particle 와 (`도커 이미지와`). Particles that also end common
 * nouns (과 in 결과, 의 in 정의) are left out.
 */
const CONTINUES = /(?:[,&/+·]|\s[-–]|\s(?:and|or|vs\.?|및|또는|그리고)|[가-힣]와)$/iu;
const MAX_HEADING_CHARS = 80;
/** Bold lines longer than this are statements in bold, not headings. */
const MAX_BOLD_HEADING_CHARS = 40;

/**
 * `**컨테이너 런타임**` alone in a paragraph: the whole paragraph is one bold run on one line, short, not a sentence.
 * Also alone in a quote (`> **도커 기본 명령어**` with the notes below it, outside the quote), as some members mark
 * their sub-topics; a quote with more in it (`> **주의**` and its text) is a callout, not a heading.
 */
function boldHeading(block: Block, cache: HtmlCache): string | null {
  if (block.type === 'blockquote' && block.children.length === 1) return boldHeading(block.children[0] as Block, cache);
  if (block.type !== 'paragraph' || block.endLine - block.startLine !== 1) return null;
  const parts = block.inline.filter((t) => !(t.type === 'text' && t.content.trim() === ''));
  if (parts[0]?.type !== 'strong_open') return null;
  // The strong run must close on the last token: `**a** **b**` and `**a** b` are not one bold run.
  let depth = 0;
  for (let i = 0; i < parts.length; i++) {
    depth += (parts[i] as Token).nesting;
    if (depth === 0 && i !== parts.length - 1) return null;
  }
  const text = collapse(phrasing(parts.slice(1, -1), cache, false)).replace(/[:：]$/, '');
  if (text === '' || text.length > MAX_BOLD_HEADING_CHARS || isSentence(text)) return null;
  return text;
}

/**
 * `---` under a paragraph makes a setext heading in CommonMark, but notes use it as a rule: a "heading" of several
 * lines, a long one ending like a sentence, or a `---` one that is a spaced statement closed by a period (`정상적으로
 * 실행되는 것을 확인할 수 있다.` above a rule) is the paragraph it was meant to be. Statement headings written with
 * `#` (`모든 컨테이너는 독립된 파일 시스템을 갖는다.`) are headings.
 */
function isRuleUnderParagraph(block: Block, display: string): boolean {
  if (!block.setext) return false;
  const lines = block.endLine - 1 - block.startLine;
  return (
    lines > 2 ||
    (display.length > MAX_HEADING_CHARS / 2 && isSentence(display)) ||
    (block.depth === 2 && /\s/.test(display) && STATEMENT_END.test(display))
  );
}

/** A Korean declarative or polite predicate closed by a period: 있다. 합니다. 했어요. 가능함. */
const STATEMENT_END = /(?:다|요|음|함)\.$/u;

/** A GFM autolink literal (`www.…`, `https://…`, `me@host.io`): a link in mdast, so no plain continuation line. */
const AUTOLINK_LITERAL = /(?:^|[\s*_~(])(?:www\.|https?:\/\/)[^\s<]|[\w.+-]+@[\w-]+\.[\w-]*[a-z\d]/iu;

function findMarks(nodes: readonly Block[], lines: Lines, cache: HtmlCache): Mark[] {
  const marks: Mark[] = [];
  // Bold lines with something under them (not another bold line, a heading or the end): sub-heading candidates.
  const bold = new Map<number, string>();
  nodes.forEach((node, i) => {
    const text = boldHeading(node, cache);
    const next = nodes[i + 1];
    if (text !== null && next && next.type !== 'heading' && !boldHeading(next, cache)) bold.set(i, text);
  });
  /** Whether another candidate follows `i` before the next heading. */
  const seriesAfter = (i: number) => {
    for (let j = i + 1; j < nodes.length && nodes[j]?.type !== 'heading'; j++) if (bold.has(j)) return true;
    return false;
  };
  let realDepth = 0;
  let sectionStart = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Block;
    if (node.type === 'heading') {
      const at = i;
      let display = collapse(phrasing(node.inline, cache, false));
      if (isRuleUnderParagraph(node, display)) continue;
      let bodyAt = i + 1;
      let bodyStart = lines.end(node.endLine - 1);
      // `## 도커 이미지와` + `컨테이너` on the next line: one heading broken in two (an ATX heading cannot span lines).
      const next = nodes[i + 1];
      if (
        !node.setext &&
        CONTINUES.test(display) &&
        next?.type === 'paragraph' &&
        next.startLine === node.endLine &&
        next.endLine - next.startLine === 1 &&
        next.inline.every((t) => t.type === 'text') &&
        !AUTOLINK_LITERAL.test(lines.text.slice(lines.start(next.startLine), lines.end(next.startLine)))
      ) {
        const rest = collapse(phrasing(next.inline, cache, false));
        if (rest !== '' && rest.length <= MAX_HEADING_CHARS && !isSentence(rest)) {
          display = `${display} ${rest}`;
          bodyAt = i + 2;
          bodyStart = lines.end(next.startLine);
          i++;
        }
      }
      const line = node.startLine + 1;
      marks.push({ at, bodyAt, bodyStart, depth: node.depth, line, display, real: true });
      realDepth = node.depth;
      sectionStart = bodyAt;
      continue;
    }
    const text = bold.get(i);
    // A bold line right under a heading is usually its lead (`# Docker ?` + `**컨테이너 기반의 … 플랫폼**`), unless
    // more bold lines follow it as siblings (`**도커 엔진**` … `**도커 데스크톱**`).
    if (text === undefined || (i === sectionStart && !seriesAfter(i))) continue;
    marks.push({
      at: i,
      bodyAt: i + 1,
      bodyStart: lines.end(node.endLine - 1),
      depth: Math.min(6, Math.max(1, realDepth) + 1),
      line: node.startLine + 1,
      display: text,
      real: false,
    });
  }
  return marks;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Parses one file. `file` is the path relative to the notes folder with `/` separators; ids are `${file}#${line}`.
 * Sections come out in document order, each parent before its children.
 */
export function parseNotes(file: string, source: string, options: ParseOptions): Section[] {
  let text = normaliseSource(source);
  const front = readFrontMatter(text);
  // The front matter's lines become blank lines: not markdown, and every line number stays what the editor shows.
  if (front) text = '\n'.repeat(front.lines - (text[front.length - 1] === '\n' ? 0 : 1)) + text.slice(front.length);
  const meta = front?.meta ?? null;
  const root = toBlocks(MARKDOWN.parse(text, {}));
  stripTaskMarkers(root);
  const lines = new Lines(text, lineStarts(text));
  const cache: HtmlCache = new Map();
  const recordRules = recordRulesOf(options.recordHeadings ?? DEFAULT_RECORD_HEADINGS);
  const exists = options.fileExists ?? fileInside(options.dir);
  const author = authorOf(file, meta);
  const defaultChapter = fileChapter(file, meta);
  const tags = meta?.tags ?? [];
  const noAliases: string[] = [];

  const marks = findMarks(root, lines, cache);
  const hasH1 = marks.some((m) => m.real && m.depth === 1);
  if (meta?.title && !hasH1) {
    marks.unshift({ at: -1, bodyAt: 0, bodyStart: 0, depth: 1, line: 1, display: meta.title, real: false });
  }
  // A file's only H1, standing first, is the document's title ("📚 스터디 템플릿"): it names the file, not a
  // concept, so it stays out of its sections' heading paths (the breadcrumb reads 이미지 레지스트리 › 이미지 이름 규칙).
  // The front matter's title, when the file has no H1, is the same.
  const topLevel = marks.filter((m) => m.depth === 1);
  const title = topLevel.length === 1 && topLevel[0] === marks[0] ? marks[0] : undefined;
  // Aliases are other names of the file: they go to its title, else its first section.
  const aliasesAt = title ?? marks[0];
  let titleId: string | null = null;
  const sections: Section[] = [];
  const ownContent = new Map<string, boolean>();
  /** Sections whose record or question status passes to their descendants. */
  const recordScopes = new Set<string>();
  const questionScopes = new Set<string>();
  const open: Section[] = [];
  /** Chapter headings with no text of their own: markers, unless sections sit under them. */
  const chapterMarkers = new Set<string>();
  let chapter = defaultChapter;

  marks.forEach((mark, n) => {
    const next = marks[n + 1];
    const nextAt = next ? next.at : root.length;
    const bodyNodes = root.slice(mark.bodyAt, nextAt);
    const nextNode = next ? root[next.at] : undefined;
    const end = nextNode ? lines.start(nextNode.startLine) : text.length;
    const line = mark.line;

    while ((open.at(-1)?.depth ?? 0) >= mark.depth) open.pop();
    const parent = open.at(-1) ?? null;

    const displayHeading = mark.display;
    const plainHeading = stripEmoji(displayHeading);
    const key = plainTopicKey(plainHeading);
    const id = `${file}#${line}`;
    if (mark === title) titleId = id;
    const headingChapter = chapterOf(plainHeading);
    chapter = headingChapter ?? chapter;

    const images: NoteImage[] = [];
    collectImages(bodyNodes, cache, (alt, src) => images.push(resolveImage(alt, src, file, options, exists)));
    const sectionText = withoutPrompts(bodyNodes.map((node) => plainText(node, cache)).join('\n'));
    const hasOwn = images.length > 0 || sectionText.trim() !== '';

    const inRecord = parent !== null && recordScopes.has(parent.id);
    const inQuestion = parent !== null && questionScopes.has(parent.id);
    const record = inRecord ? undefined : matchRule(key, recordRules);
    const question = inRecord || record ? undefined : matchRule(key, QUESTION_RULES);
    let kind: Section['kind'] = 'concept';
    const chapterHeading = headingChapter !== null;
    let generic = GENERIC_HEADINGS.has(key) || (chapterHeading && isOnlyChapter(plainHeading));
    if (inRecord || (record && !record.selfOnly)) {
      kind = 'record';
      recordScopes.add(id);
    } else if (record) {
      // A template label (스터디 템플릿, 내용 정리): notes when something is written directly under it.
      kind = hasOwn ? 'concept' : 'record';
      generic = true;
    } else if (question) {
      questionScopes.add(id);
      kind = hasOwn && !onlyOpenQuestions(sectionText) ? 'question' : 'record';
      generic = true;
    } else if (inQuestion) {
      questionScopes.add(id);
      // A question still open (`- CNI와 어떻게 다른지 궁금하다.`) is for the next meeting, not an answer.
      kind = hasOwn && onlyOpenQuestions(sectionText) ? 'record' : 'question';
    } else if (chapterHeading && !hasOwn) {
      chapterMarkers.add(id);
    } else if (hasOwn && onlyOpenQuestions(sectionText)) {
      // Only questions still open (a "논의해 볼만한 질문" list for the meeting): nothing here answers them yet.
      kind = 'record';
    }

    const section: Section = {
      id,
      file,
      line,
      depth: mark.depth,
      heading: plainHeading,
      displayHeading,
      path: [...(parent && parent.id !== titleId ? parent.path : []), plainHeading],
      body: bodyOf(mark.bodyStart, end, bodyNodes, lines, cache),
      text: sectionText,
      kind,
      empty: false,
      images,
      children: [],
      parent: parent?.id ?? null,
      author,
      chapter,
      aliases: mark === aliasesAt && meta ? meta.aliases : noAliases,
      tags,
    };
    if (generic) section.genericHeading = true;
    parent?.children.push(id);
    ownContent.set(id, hasOwn);
    sections.push(section);
    open.push(section);
  });

  // Children follow their parent, so walking backwards settles every child before its parent.
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i] as Section;
    section.empty = !ownContent.get(section.id) && section.children.every((child) => byId.get(child)?.empty);
    // `#### Chapter 6: 도커 볼륨` standing over notes written as its siblings marks where a chapter starts; it is
    // no topic of its own (`# 2장 도커의 기본적인 사용법` over its sections stays their title).
    if (chapterMarkers.has(section.id) && section.children.length === 0) section.kind = 'record';
  }
  return sections;
}

const CHAPTER_PREFIX = new RegExp(String.raw`^\[?\s*${CHAPTER_WORD}\s*[-_.]?\s*${LABEL}\]?`, 'iu');
const JANG_PREFIX = new RegExp(String.raw`^\[?\s*제?\s*${LABEL}\s*장\]?`, 'u');

/** `Chapter 4`, `Chapter 4:`, `4장`, `[Chapter5-7]`: a heading that names a chapter and nothing else. */
function isOnlyChapter(heading: string): boolean {
  return headingKey(heading.replace(CHAPTER_PREFIX, '').replace(JANG_PREFIX, '')) === '';
}

/** The record-heading rules of one NOTES_RECORD_HEADINGS list, made once per list rather than once per file. */
const recordRulesMade = new Map<string, ReturnType<typeof headingRules>>();
function recordRulesOf(entries: readonly string[]): ReturnType<typeof headingRules> {
  const key = entries.join('\u0000');
  let rules = recordRulesMade.get(key);
  if (!rules) {
    if (recordRulesMade.size >= 16) recordRulesMade.clear();
    recordRulesMade.set(key, (rules = headingRules(entries)));
  }
  return rules;
}
