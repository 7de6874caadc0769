/**
 * HTML written inside markdown notes (`<table>` of definitions, `<details>/<summary>`, `<aside>`, `<figure><img>`,
 * `<br>`) as text a member can search and read, and its `<img>` tags as images. Markdown hands each piece of raw HTML
 * over as one node (a block up to a blank line, or a single inline tag); each is read here with htmlparser2's
 * tokenizer, so unclosed or stray tags (`<details>` in one node, `</details>` in a later one) are harmless.
 *
 * Tables come out row by row, one line per row, cells separated by ` | `. Block elements start new lines; comments,
 * `<script>`, `<style>` and `<template>` give nothing.
 */
import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';

/**
 * htmlparser2 is loaded on the first HTML in the notes, not with the parser thread (~20 ms of its start-up before
 * the first file; see frontmatter.ts for yaml). Synchronous like the parse, hence its CommonJS build.
 */
let htmlparser2: typeof Htmlparser2 | undefined;
const loadHtmlparser2 = (): typeof Htmlparser2 =>
  (htmlparser2 ??= createRequire(import.meta.url)('htmlparser2') as typeof Htmlparser2);

/** Characters of one HTML node that are read; the rest is dropped (notes files are bounded before parsing). */
export const HTML_MAX_CHARS = 64 * 1024;

export const CELL_SEPARATOR = ' | ';

export interface HtmlImage {
  alt: string;
  src: string;
}

export interface RenderedHtml {
  /** Plain text, lines separated by `\n`, for search (image alt text included). */
  text: string;
  /** The same for display in a markdown body: `<summary>` in bold, image alt text left out (the image is attached). */
  display: string;
  images: HtmlImage[];
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'noscript']);
const CELLS = new Set(['td', 'th']);

/** Lines built for one of the two outputs. */
class Lines {
  readonly lines: string[] = [];
  private line = '';

  add(text: string): void {
    this.line += text;
  }

  /** Ends the current line (a block boundary). */
  break(): void {
    const line = this.line.replace(/[ \t]+/g, ' ').trim();
    if (line !== '') this.lines.push(line);
    this.line = '';
  }

  done(): string {
    this.break();
    return this.lines.join('\n');
  }
}

/**
 * One piece of raw HTML (an unclosed tag is closed at its end). `inCell` is set for a tag inside a markdown table
 * cell, where a `<br>` is a space rather than a line (a line would split the row).
 */
export function renderHtml(html: string, options: { inCell?: boolean } = {}): RenderedHtml {
  const text = new Lines();
  const display = new Lines();
  const both = (f: (l: Lines) => void) => {
    f(text);
    f(display);
  };
  const images: HtmlImage[] = [];
  let skip = 0;
  let cellDepth = options.inCell ? 1 : 0;
  let cellsInRow = 0;
  let pre = 0;
  /** Text of an open `<summary>`, shown in bold once it closes. */
  let summary: string | null = null;

  const parser = new (loadHtmlparser2().Parser)(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) skip++;
        if (skip > 0) return;
        if (name === 'img') {
          const src = (attribs.src ?? '').trim();
          const alt = (attribs.alt ?? attribs.title ?? '').replace(/\s+/g, ' ').trim();
          if (src !== '') images.push({ alt, src });
          if (alt !== '') text.add(` ${alt} `);
          return;
        }
        if (name === 'br') {
          if (cellDepth > 0) both((l) => l.add(' '));
          else both((l) => l.break());
          return;
        }
        if (name === 'tr') {
          both((l) => l.break());
          cellsInRow = 0;
          return;
        }
        if (CELLS.has(name)) {
          if (cellsInRow > 0) both((l) => l.add(CELL_SEPARATOR));
          cellsInRow++;
          cellDepth++;
          return;
        }
        if (name === 'pre') pre++;
        if (BLOCK.has(name)) both((l) => l.break());
        if (name === 'summary') summary = '';
      },
      ontext(data) {
        if (skip > 0) return;
        const chunk = pre > 0 ? data : data.replace(/\s+/g, ' ');
        if (summary !== null) {
          summary += chunk;
          text.add(chunk);
          return;
        }
        if (pre > 0 && chunk.includes('\n')) {
          const [first = '', ...rest] = chunk.split('\n');
          both((l) => l.add(first));
          for (const line of rest)
            both((l) => {
              l.break();
              l.add(line);
            });
          return;
        }
        both((l) => l.add(chunk));
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip > 0) return;
        if (CELLS.has(name)) {
          cellDepth = Math.max(options.inCell ? 1 : 0, cellDepth - 1);
          return;
        }
        if (name === 'tr') {
          both((l) => l.break());
          cellsInRow = 0;
          return;
        }
        if (name === 'summary' && summary !== null) {
          const label = summary.trim();
          if (label !== '') display.add(`**${label}**`);
          summary = null;
        }
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (BLOCK.has(name)) both((l) => l.break());
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.length > HTML_MAX_CHARS ? html.slice(0, HTML_MAX_CHARS) : html);
  parser.end();
  return { text: text.done(), display: display.done(), images };
}
