/**
 * The group's study template (data/notes/docker-study.md's format): rendering a member's records into it and reading
 * a filled one back (template-parse.ts, which runs on the parser's thread). Structure (sections, nested lists, task
 * checkboxes) comes from the markdown parser; only the text of a single list item (`Chapter 2: 1시간`) is matched
 * with small patterns, and it is taken verbatim from the source so inline markdown round-trips.
 *
 * The headings and labels are the template's own words, in Korean whatever the member's locale: they are the file
 * format, not interface text.
 */
import type { MessageKey, MessageParams } from '../i18n/index.js';

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
export const PROMPTS = new Set(
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
