/**
 * The group's study template (data/notes/docker-study.md's format): rendering a member's records into it and reading
 * a filled one back. Structure (sections, nested lists, task checkboxes) comes from the markdown parser; only the
 * text of a single list item (`Chapter 2: 1시간`) is matched with small patterns, and it is taken verbatim from the
 * source so inline markdown round-trips.
 *
 * The headings and labels are the template's own words, in Korean whatever the member's locale: they are the file
 * format, not interface text.
 */
import type { List, ListItem, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import type { MessageKey, MessageParams } from '../i18n/index.js';
import { parseDuration } from './duration.js';

export const TEMPLATE = {
  title: '# 📚 스터디 템플릿',
  before: '## 📖 목차를 읽기 전에 든 생각',
  notes: '## 📝 내용 정리',
  review: '## 💡 전부 읽고 난 후기',
  questions: '## ❓ 특별히 궁금했던 부분',
  record: '## ⏳ 독서 과정 기록',
  total: '**총 독서 시간**',
  perChapter: '**각 장별 소요 시간**',
  check: '## 🤔 이해도 점검 & 난이도 평가',
  hard: '**어려웠던 부분 & 이유**',
  why: '이유',
  stars: '**자신의 이해도를 점수로 표현하기 (5점 만점)**',
  insight: '**특별하게 깨달음을 얻은 부분**',
} as const;

/** The seed template's guidance bullets: instructions, not answers, so an import skips them. */
const PROMPTS = new Set(
  [
    '이해가 어려웠던 개념이나 문장이 있다면 적어보세요.',
    '왜 어려웠는지(배경지식 부족, 개념이 생소함 등) 생각해 봅니다.',
    '이해하기가 어려웠던 이유가 무엇 때문이었는지, 이 부분이 핵심이라고 생각되는 부분을 적어주세요.',
    '읽으면서 생겼던 의문이나 더 탐구하고 싶은 부분을 정리합니다.',
    '팀원들과 논의하고 싶은 내용을 포함해도 좋습니다.',
    '...',
    '…',
  ].map((p) => p.replace(/\s+/g, '')),
);

export interface TemplateRating {
  chapter: number;
  stars: number;
  hardPart: string | null;
  why: string | null;
  insight: string | null;
}

export interface TemplateQuestion {
  chapter: number | null;
  text: string;
  done: boolean;
}

export interface TemplateData {
  header: string;
  /** Minutes per chapter, chapters ascending. */
  times: { chapter: number; minutes: number }[];
  ratings: TemplateRating[];
  questions: TemplateQuestion[];
}

/** `3시간 20분`, `40분`, `1시간`: the template's own way of writing durations (parseDuration reads it back). */
export function formatKoreanMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}분`;
  return m === 0 ? `${h}시간` : `${h}시간 ${m}분`;
}

export function starBar(stars: number): string {
  return '⭐'.repeat(stars) + '☆'.repeat(5 - stars);
}

/** Free text on one line, as stored (the bot normalizes whitespace on input too). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const ch = (n: number) => `Chapter ${n}`;

export function renderTemplate(data: TemplateData): string {
  const total = data.times.reduce((a, t) => a + t.minutes, 0);
  const out: string[] = [TEMPLATE.title, '', `> ${oneLine(data.header)}`, ''];
  out.push(TEMPLATE.before, '', TEMPLATE.notes, '', TEMPLATE.review, '', TEMPLATE.questions);
  for (const q of data.questions) {
    out.push(`- [${q.done ? 'x' : ' '}] ${q.chapter === null ? '' : `${ch(q.chapter)}: `}${oneLine(q.text)}`);
  }
  out.push('', TEMPLATE.record, `- ${TEMPLATE.total}: ${formatKoreanMinutes(total)}`, `- ${TEMPLATE.perChapter}:`);
  for (const t of data.times) out.push(`  - ${ch(t.chapter)}: ${formatKoreanMinutes(t.minutes)}`);
  out.push('', TEMPLATE.check, `- ${TEMPLATE.hard}:`);
  for (const r of data.ratings) {
    if (r.hardPart === null && r.why === null) continue;
    out.push(`  - ${ch(r.chapter)}: ${oneLine(r.hardPart ?? '')}`.trimEnd());
    if (r.why !== null) out.push(`    - ${TEMPLATE.why}: ${oneLine(r.why)}`);
  }
  out.push('', `- ${TEMPLATE.stars}`);
  for (const r of data.ratings) out.push(`  - ${ch(r.chapter)}: ${starBar(r.stars)} (${r.stars}/5)`);
  out.push('', `- ${TEMPLATE.insight}`);
  for (const r of data.ratings) if (r.insight !== null) out.push(`  - ${ch(r.chapter)}: ${oneLine(r.insight)}`);
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a filled template

export interface ImportWarning {
  key: MessageKey;
  params: MessageParams;
}

export interface ParsedRating {
  stars: number | null;
  hardPart: string | null;
  why: string | null;
  insight: string | null;
}

export interface ParsedTemplate {
  /** Minutes per chapter (an item listed twice adds up). */
  minutes: Map<number, number>;
  /** The written total, if any (informational; the per-chapter times are what gets recorded). */
  totalMinutes: number | null;
  ratings: Map<number, ParsedRating>;
  questions: TemplateQuestion[];
  warnings: ImportWarning[];
}

/** A chapter's total in a template may exceed one entry's 24 h; 1000 h bounds a typo. */
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
