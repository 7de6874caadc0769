/**
 * Reading a filled study template back (the format is template.ts's). Runs on the parser's thread for uploads
 * (src/markdown/worker.ts), so the bot's own thread never loads the markdown parser.
 */
import type { List, ListItem, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import type { MessageKey } from '../i18n/index.js';
import { parseDuration } from './duration.js';
import { PROMPTS, oneLine, type ParsedTemplate } from './template.js';

const TEMPLATE_MAX_MINUTES = 1000 * 60;

type Section = 'questions' | 'record' | 'check' | null;

function sectionOf(heading: string): Section {
  if (heading.includes('궁금했던')) return 'questions';
  if (heading.includes('독서 과정')) return 'record';
  if (heading.includes('이해도 점검') || heading.includes('난이도')) return 'check';
  return null;
}

const CHAPTER_ITEM = /^(?:(?:chapter|ch\.?|챕터)\s*(\d{1,3})|(\d{1,3})\s*장)\s*[:：]\s*(.*)$/is;

function chapterItem(text: string): { chapter: number; rest: string } | null {
  const m = CHAPTER_ITEM.exec(text);
  if (!m) return null;
  return { chapter: Number(m[1] ?? m[2]), rest: (m[3] ?? '').trim() };
}

const isPlaceholder = (text: string) => /^\(?\s*예\s*[:：)]/.test(text) || PROMPTS.has(text.replace(/\s+/g, ''));

export function parseTemplate(markdown: string): ParsedTemplate {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const result: ParsedTemplate = {
    minutes: new Map(),
    totalMinutes: null,
    ratings: new Map(),
    questions: [],
    warnings: [],
  };
  const source = (node: Nodes | undefined) =>
    node?.position?.start.offset !== undefined && node.position.end.offset !== undefined
      ? oneLine(markdown.slice(node.position.start.offset, node.position.end.offset))
      : '';
  const lineOf = (node: Nodes) => node.position?.start.line ?? 0;
  const warn = (key: MessageKey, node: Nodes, text: string) =>
    result.warnings.push({ key, params: { line: lineOf(node), text: text.slice(0, 80) } });
  const rating = (chapter: number) => {
    let r = result.ratings.get(chapter);
    if (!r) {
      r = { stars: null, hardPart: null, why: null, insight: null };
      result.ratings.set(chapter, r);
    }
    return r;
  };
  const nested = (item: ListItem): ListItem[] =>
    item.children.filter((c): c is List => c.type === 'list').flatMap((l) => l.children);

  const chapterTime = (item: ListItem) => {
    const text = source(item.children[0]);
    const parsed = chapterItem(text);
    if (!parsed) return void (text && !isPlaceholder(text) && warn('study.import.warn.line', item, text));
    if (parsed.rest === '' || isPlaceholder(parsed.rest)) return;
    const d = parseDuration(parsed.rest, TEMPLATE_MAX_MINUTES);
    if (!d.ok) return warn('study.import.warn.duration', item, text);
    result.minutes.set(parsed.chapter, (result.minutes.get(parsed.chapter) ?? 0) + d.minutes);
  };

  const record = (item: ListItem) => {
    const label = toString(item.children[0]);
    if (label.includes('총 독서 시간')) {
      const value = label.split(/[:：]/).slice(1).join(':').trim();
      const d = value && !isPlaceholder(value) ? parseDuration(value, TEMPLATE_MAX_MINUTES) : null;
      if (d?.ok) result.totalMinutes = d.minutes;
      return;
    }
    if (label.includes('장별')) return nested(item).forEach(chapterTime);
    chapterTime(item);
  };

  const check = (item: ListItem) => {
    const label = toString(item.children[0]);
    const kind = label.includes('어려웠던') ? 'hard' : label.includes('깨달음') ? 'insight' : 'stars';
    if (
      !label.includes('어려웠던') &&
      !label.includes('깨달음') &&
      !label.includes('이해도') &&
      !label.includes('점수')
    ) {
      return;
    }
    for (const sub of nested(item)) {
      const text = source(sub.children[0]);
      if (!text || isPlaceholder(text)) continue;
      const parsed = chapterItem(text);
      if (!parsed) {
        warn('study.import.warn.noChapter', sub, text);
        continue;
      }
      const r = rating(parsed.chapter);
      if (kind === 'stars') {
        const stars = parseStars(parsed.rest);
        if (stars === null) warn('study.import.warn.stars', sub, text);
        else r.stars = stars;
      } else if (kind === 'insight') {
        if (parsed.rest) r.insight = parsed.rest;
      } else {
        if (parsed.rest) r.hardPart = parsed.rest;
        for (const reason of nested(sub)) {
          const why = source(reason.children[0]).replace(/^이유\s*[:：]\s*/, '');
          if (why && !isPlaceholder(why)) r.why = r.why ? `${r.why} ${why}` : why;
        }
      }
    }
  };

  const question = (item: ListItem) => {
    // The parser moves a paragraph's start past the checkbox only when the text begins with plain text.
    const raw = source(item.children[0]);
    const text = typeof item.checked === 'boolean' ? raw.replace(/^\[[ xX]\]\s+/, '') : raw;
    if (!text || isPlaceholder(text)) return;
    const parsed = chapterItem(text);
    result.questions.push({
      chapter: parsed ? parsed.chapter : null,
      text: parsed ? parsed.rest : text,
      done: item.checked === true,
    });
  };

  let section: Section = null;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (node.depth <= 2) section = sectionOf(toString(node));
      continue;
    }
    if (node.type !== 'list' || section === null) continue;
    const handle = section === 'record' ? record : section === 'check' ? check : question;
    node.children.forEach(handle);
  }
  for (const [chapter, r] of result.ratings) {
    if (!r.hardPart && !r.why && !r.insight && r.stars === null) result.ratings.delete(chapter);
  }
  result.questions = result.questions.filter((q) => q.text !== '');
  return result;
}

/** `⭐⭐⭐☆☆ (3/5)`, `(3/5)`, `3/5`, `3점`, `3`, `★★★`: 1–5 stars, or null. */
export function parseStars(text: string): number | null {
  const ratio = /\(?\s*([0-5])\s*\/\s*5\s*\)?/.exec(text);
  const plain = /^([0-5])\s*점?$/.exec(text.trim());
  const drawn = [...text].filter((c) => c === '⭐' || c === '★').length;
  const n = ratio ? Number(ratio[1]) : plain ? Number(plain[1]) : drawn;
  return n >= 1 && n <= 5 ? n : null;
}
