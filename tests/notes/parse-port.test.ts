/**
 * The markdown-it port of src/notes/parse.ts (it replaced micromark + mdast) pinned on tricky constructs. Every
 * expected value below is what the mdast parser gave for the same input, so these keep the two equivalent.
 */
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../../src/notes/parse.js';
import type { Section } from '../../src/notes/types.js';

/** The fields compared, with `parent` as the parent's line. */
function shape(sections: Section[]) {
  return sections.map((s) => {
    const o: Record<string, unknown> = { line: s.line, depth: s.depth, heading: s.heading };
    if (s.displayHeading !== s.heading) o.displayHeading = s.displayHeading;
    Object.assign(o, { path: s.path, text: s.text, body: s.body, kind: s.kind, empty: s.empty });
    if (s.images.length > 0) o.images = s.images.map(({ alt, src }) => ({ alt, src }));
    if (s.genericHeading) o.genericHeading = true;
    if (s.aliases.length > 0) o.aliases = s.aliases;
    if (s.tags.length > 0) o.tags = s.tags;
    if (s.author !== 'b') o.author = s.author;
    if (s.chapter !== null) o.chapter = s.chapter;
    o.parent = s.parent === null ? null : Number(s.parent.split('#')[1]);
    return o;
  });
}

const parse = (source: string) => shape(parseNotes('a/b/x.md', source, { dir: '/tmp/notes', fileExists: () => true }));

describe('parsing notes with markdown-it gives what mdast gave', () => {
  it('setext headings split sections and nest by depth', () => {
    expect(parse('# T\n\nintro\n\nSetext H1\n===\n\nbody\n\nSetext H2\n---\n\nmore')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'T',
        path: ['T'],
        text: 'intro',
        body: 'intro',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 5,
        depth: 1,
        heading: 'Setext H1',
        path: ['Setext H1'],
        text: 'body',
        body: 'body',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 10,
        depth: 2,
        heading: 'Setext H2',
        path: ['Setext H1', 'Setext H2'],
        text: 'more',
        body: 'more',
        kind: 'concept',
        empty: false,
        parent: 5,
      },
    ]);
  });

  it('a `---` under a paragraph of several lines stays a rule, not a heading', () => {
    expect(parse('# A\n\ntext\nmultiple\nlines\n---\n\nafter')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'A',
        path: ['A'],
        text: 'text\nmultiple\nlines\nafter',
        body: 'text\nmultiple\nlines\n---\n\nafter',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('headings inside fenced and indented code do not split', () => {
    expect(parse('# A\n\n```\n# not heading\n```\n\n~~~md\n## nope\n~~~\n\n    # indented code\n\n## B\nx')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'A',
        path: ['A'],
        text: '# not heading\n## nope\n# indented code',
        body: '```\n# not heading\n```\n\n~~~md\n## nope\n~~~\n\n    # indented code',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      { line: 13, depth: 2, heading: 'B', path: ['B'], text: 'x', body: 'x', kind: 'concept', empty: false, parent: 1 },
    ]);
  });

  it('headings inside list items and blockquotes do not split', () => {
    expect(parse('# A\n\n- item\n  # in list\n- > # quote\n\n> ## quoted\n> text\n\n## B\n')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'A',
        path: ['A'],
        text: 'item\nin list\nquote\nquoted\ntext',
        body: '- item\n  # in list\n- > # quote\n\n> ## quoted\n> text',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      { line: 10, depth: 2, heading: 'B', path: ['B'], text: '', body: '', kind: 'concept', empty: true, parent: 1 },
    ]);
  });

  it('indented ATX headings split up to three spaces; four is code', () => {
    expect(parse('# T\n\n  # indented heading\n\n   ## three\n\n    ### four')).toEqual([
      { line: 1, depth: 1, heading: 'T', path: ['T'], text: '', body: '', kind: 'concept', empty: true, parent: null },
      {
        line: 3,
        depth: 1,
        heading: 'indented heading',
        path: ['indented heading'],
        text: '',
        body: '',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 5,
        depth: 2,
        heading: 'three',
        path: ['indented heading', 'three'],
        text: '### four',
        body: '    ### four',
        kind: 'concept',
        empty: false,
        parent: 3,
      },
    ]);
  });

  it('an HTML <pre> block keeps its `#` lines as text', () => {
    expect(parse('# T\n\n<pre>\n# not heading\n\nmore\n</pre>\n\n## After')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'T',
        path: ['T'],
        text: '# not heading\nmore',
        body: '# not heading\nmore',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 9,
        depth: 2,
        heading: 'After',
        path: ['After'],
        text: '',
        body: '',
        kind: 'concept',
        empty: true,
        parent: 1,
      },
    ]);
  });

  it('HTML blocks, <details>/<summary>, comments and inline <br> read as text', () => {
    expect(
      parse(
        '# A\n\n<div>\n<b>bold</b> text\n</div>\n\n<details><summary>Sum</summary>\n\nInner **md**\n\n</details>\n\n<!-- comment -->\n\nafter<br>line<br/>x',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'A',
        path: ['A'],
        text: 'bold text\nSum\nInner md\n\n\nafter\nline\nx',
        body: 'bold text\n\n**Sum**\n\nInner **md**\n\nafter\nline\nx',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('tables read row by row, cells apart, short rows not padded', () => {
    expect(parse('# T\n\n| a | b |\n|---|:-:|\n| 1 | 2<br>3 |\n| **x** | `y` |\n| z |\n\ntext')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'T',
        path: ['T'],
        text: 'a | b\n1 | 2 3\nx | y\nz\ntext',
        body: '| a | b |\n|---|:-:|\n| 1 | 2 3 |\n| **x** | `y` |\n| z |\n\ntext',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('table rows keep the cells as written; a header with no delimiter row is no table', () => {
    expect(parse('# T\n\n| a |\n|---|\n\n|x|y|\n|-|-|\n|1|2|3|\n\n| not | table\n| --- x')).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'T',
        path: ['T'],
        text: 'a\nx | y\n1 | 2 | 3\n| not | table\n| --- x',
        body: '| a |\n|---|\n\n|x|y|\n|-|-|\n|1|2|3|\n\n| not | table\n| --- x',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('images, image references and <img> tags are collected with their alt text', () => {
    expect(
      parse(
        '# I\n\n![alt](img.png "t") and ![ref][r] and ![r] and ![coll][]\n\n[r]: ./pic.png\n[coll]: <a b.png>\n\n<img src="h.png" alt="hh">\n\ntext <img src="i.png" alt="ii"> inline\n\n![](http://x/y.png)',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'I',
        path: ['I'],
        text: 'alt and ref and r and coll\n\n\nhh\ntext  ii  inline\n',
        body: '![alt](img.png "t") and ![ref][r] and ![r] and ![coll][]\n\n[r]: ./pic.png\n[coll]: <a b.png>\n\ntext  inline\n\n![](http://x/y.png)',
        kind: 'concept',
        empty: false,
        images: [
          { alt: 'alt', src: 'img.png' },
          { alt: 'ref', src: './pic.png' },
          { alt: 'r', src: './pic.png' },
          { alt: 'coll', src: 'a b.png' },
          { alt: 'hh', src: 'h.png' },
          { alt: 'ii', src: 'i.png' },
          { alt: '', src: 'http://x/y.png' },
        ],
        parent: null,
      },
    ]);
  });

  it('links and images inside links read as their text', () => {
    expect(
      parse('# T\n\n[link *em*](u "title") [![img](a.png)](b) <a href="x">html link</a>\n\n![a *b* c](d.png)'),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'T',
        path: ['T'],
        text: 'link em img html link\na b c',
        body: '[link *em*](u "title") [![img](a.png)](b) html link\n\n![a *b* c](d.png)',
        kind: 'concept',
        empty: false,
        images: [
          { alt: 'img', src: 'a.png' },
          { alt: 'a b c', src: 'd.png' },
        ],
        parent: null,
      },
    ]);
  });

  it('autolinks and bare URLs read as written; definitions read as nothing', () => {
    expect(
      parse(
        '# L\n\n<https://a.b/c> and www.example.com and https://x.y and me@mail.com\n\n[text](http://u) [ref] [ref]\n\n[ref]: http://r',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'L',
        path: ['L'],
        text: 'https://a.b/c and www.example.com and https://x.y and me@mail.com\ntext ref ref\n',
        body: '<https://a.b/c> and www.example.com and https://x.y and me@mail.com\n\n[text](http://u) [ref] [ref]\n\n[ref]: http://r',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('emphasis-heavy text loses its markup the CommonMark way', () => {
    expect(
      parse(
        '# E\n\n*a* **b** ***c*** _d_ __e__ ~~f~~ *a **b** c* **a*b** a**b**c 한국어**강조**입니다 **"인용"**이다 *`code`*',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'E',
        path: ['E'],
        text: 'a b c d e f a b c a*b abc 한국어강조입니다 **"인용"**이다 code',
        body: '*a* **b** ***c*** _d_ __e__ ~~f~~ *a **b** c* **a*b** a**b**c 한국어**강조**입니다 **"인용"**이다 *`code`*',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('front matter names the file, gives aliases, tags, author and chapter, keeps line numbers', () => {
    expect(
      parse(
        '---\ntitle: Hello\naliases: [a, b]\ntags: x, y\nauthor: me\nchapter: 4\n---\n\nintro text\n\n## Sub\nbody',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: 'Hello',
        path: ['Hello'],
        text: 'intro text',
        body: 'intro text',
        kind: 'concept',
        empty: false,
        aliases: ['a', 'b'],
        tags: ['x', 'y'],
        author: 'me',
        chapter: '4',
        parent: null,
      },
      {
        line: 11,
        depth: 2,
        heading: 'Sub',
        path: ['Sub'],
        text: 'body',
        body: 'body',
        kind: 'concept',
        empty: false,
        tags: ['x', 'y'],
        author: 'me',
        chapter: '4',
        parent: 1,
      },
    ]);
  });

  it('bold-only lines become sub-headings; bold sentences and the lead stay body', () => {
    expect(
      parse('# H\n\n**컨테이너 런타임**\n\ntext1\n\n**도커 엔진**\n\ntext2\n\n**이건 문장이다.**\n\nx\n\n**a**:\n\ny'),
    ).toEqual([
      { line: 1, depth: 1, heading: 'H', path: ['H'], text: '', body: '', kind: 'concept', empty: false, parent: null },
      {
        line: 3,
        depth: 2,
        heading: '컨테이너 런타임',
        path: ['컨테이너 런타임'],
        text: 'text1',
        body: 'text1',
        kind: 'concept',
        empty: false,
        parent: 1,
      },
      {
        line: 7,
        depth: 2,
        heading: '도커 엔진',
        path: ['도커 엔진'],
        text: 'text2\n이건 문장이다.\nx\na:\ny',
        body: 'text2\n\n**이건 문장이다.**\n\nx\n\n**a**:\n\ny',
        kind: 'concept',
        empty: false,
        parent: 1,
      },
    ]);
  });

  it('an ATX heading broken over two lines is joined; a sentence is not', () => {
    expect(parse('## 도커 이미지와\n컨테이너\n\nbody\n\n## 다음,\n두 줄이다.\n\nz')).toEqual([
      {
        line: 1,
        depth: 2,
        heading: '도커 이미지와 컨테이너',
        path: ['도커 이미지와 컨테이너'],
        text: 'body',
        body: 'body',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 6,
        depth: 2,
        heading: '다음,',
        path: ['다음,'],
        text: '두 줄이다.\nz',
        body: '두 줄이다.\n\nz',
        kind: 'concept',
        empty: false,
        parent: null,
      },
    ]);
  });

  it('text before the first heading is not indexed; thematic breaks read as nothing', () => {
    expect(parse('text before\n\n# First\n\n---\n\n***\n\nx\n\n# Second\n\n# Third')).toEqual([
      {
        line: 3,
        depth: 1,
        heading: 'First',
        path: ['First'],
        text: '\n\nx',
        body: '---\n\n***\n\nx',
        kind: 'concept',
        empty: false,
        parent: null,
      },
      {
        line: 11,
        depth: 1,
        heading: 'Second',
        path: ['Second'],
        text: '',
        body: '',
        kind: 'concept',
        empty: true,
        parent: null,
      },
      {
        line: 13,
        depth: 1,
        heading: 'Third',
        path: ['Third'],
        text: '',
        body: '',
        kind: 'concept',
        empty: true,
        parent: null,
      },
    ]);
  });

  it('template record, question and concept kinds', () => {
    expect(
      parse(
        '# 스터디 템플릿\n\n## 📝 내용 정리\n\n### 이미지\nx\n\n## ❓ 특별히 궁금했던 부분\n\n### Q1\n- CNI와 어떻게 다른지 궁금하다.\n\n### Q2\nanswer\n\n## 💡 후기\n\ngood',
      ),
    ).toEqual([
      {
        line: 1,
        depth: 1,
        heading: '스터디 템플릿',
        path: ['스터디 템플릿'],
        text: '',
        body: '',
        kind: 'record',
        empty: false,
        genericHeading: true,
        parent: null,
      },
      {
        line: 3,
        depth: 2,
        heading: '내용 정리',
        displayHeading: '📝 내용 정리',
        path: ['내용 정리'],
        text: '',
        body: '',
        kind: 'record',
        empty: false,
        genericHeading: true,
        parent: 1,
      },
      {
        line: 5,
        depth: 3,
        heading: '이미지',
        path: ['내용 정리', '이미지'],
        text: 'x',
        body: 'x',
        kind: 'concept',
        empty: false,
        parent: 3,
      },
      {
        line: 8,
        depth: 2,
        heading: '특별히 궁금했던 부분',
        displayHeading: '❓ 특별히 궁금했던 부분',
        path: ['특별히 궁금했던 부분'],
        text: '',
        body: '',
        kind: 'record',
        empty: false,
        genericHeading: true,
        parent: 1,
      },
      {
        line: 10,
        depth: 3,
        heading: 'Q1',
        path: ['특별히 궁금했던 부분', 'Q1'],
        text: 'CNI와 어떻게 다른지 궁금하다.',
        body: '- CNI와 어떻게 다른지 궁금하다.',
        kind: 'record',
        empty: false,
        parent: 8,
      },
      {
        line: 13,
        depth: 3,
        heading: 'Q2',
        path: ['특별히 궁금했던 부분', 'Q2'],
        text: 'answer',
        body: 'answer',
        kind: 'question',
        empty: false,
        parent: 8,
      },
      {
        line: 16,
        depth: 2,
        heading: '후기',
        displayHeading: '💡 후기',
        path: ['후기'],
        text: 'good',
        body: 'good',
        kind: 'record',
        empty: false,
        parent: 1,
      },
    ]);
  });

  it('known difference: single-tilde strikethrough stays text (GFM in micromark read `~g~` as `g`)', () => {
    expect(parse('# E\n\n~~f~~ ~g~')[0]?.text).toBe('f ~g~');
  });

  it('ids are file#line and children list the sections under each', () => {
    const sections = parseNotes('a/b/x.md', '# T\n\n## A\nx\n\n### A1\ny\n\n## B\nz', { dir: '/tmp/notes' });
    expect(sections.map((s) => [s.id, s.children])).toEqual([
      ['a/b/x.md#1', ['a/b/x.md#3', 'a/b/x.md#9']],
      ['a/b/x.md#3', ['a/b/x.md#6']],
      ['a/b/x.md#6', []],
      ['a/b/x.md#9', []],
    ]);
  });
});
