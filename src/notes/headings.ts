/**
 * Heading rules shared by the parser (on its worker thread) and the bot's own thread: record and question headings,
 * generic headings, emoji and numbering, chapters in file names. Kept apart from parse.ts so the bot's thread never
 * loads the markdown parser (markdown-it, htmlparser2 and yaml cost ~18 MB and ~130 ms at start).
 */
/**
 * Headings of the study template that hold reflections, not notes. Matching ignores emoji, numbering (`📖 1.`),
 * spaces and punctuation and accepts a heading that *contains* the entry (💡 전부 읽고 난 후기 matches 후기). Such a
 * section and everything under it is a record.
 *
 * An entry starting with `=` matches the whole heading exactly and is a label, not a scope: the template's title
 * (스터디 템플릿) and its 내용 정리 divider are records while nothing is written directly under them; text written
 * there is notes (a concept section marked `genericHeading`), and so are the sections under them.
 */
export const DEFAULT_RECORD_HEADINGS: readonly string[] = [
  '=스터디 템플릿',
  '=내용 정리',
  '후기',
  '전부 읽고 난 후기',
  '독서 과정 기록',
  '이해도 점검 & 난이도 평가',
  '목차를 읽기 전에 든 생각',
];

/**
 * Headings under which members write their own research (the template's ❓ 특별히 궁금했던 부분): the sections
 * under them are `question` sections, answerable but ranked below concepts. The heading itself is a label (a record)
 * while nothing but the template's prompts is written directly under it. A record entry that matches wins.
 */
export const QUESTION_HEADINGS: readonly string[] = ['특별히 궁금했던 부분', '궁금했던 부분', '궁금한 점'];

/** The seed template's guidance lines: instructions to the member, never notes. */
export const TEMPLATE_PROMPTS = new Set(
  [
    '읽으면서 생겼던 의문이나 더 탐구하고 싶은 부분을 정리합니다.',
    '팀원들과 논의하고 싶은 내용을 포함해도 좋습니다.',
    '책을 다 읽고 난 후 느낀 점, 배우게 된 점, 아쉬운 점을 자유롭게 적어주세요.',
    '전체적인 평가나 적용하고 싶은 점도 포함될 수 있습니다.',
  ].map((p) => p.replace(/\s+/g, '')),
);

/** Reads the comma-separated NOTES_RECORD_HEADINGS setting; blank means the default list. */
export function parseRecordHeadings(setting: string | undefined): string[] {
  const entries = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.replace(/^=/, '') !== '');
  return entries.length > 0 ? entries : [...DEFAULT_RECORD_HEADINGS];
}

// Extended_Pictographic covers the emoji themselves; the rest are the joiners, variation selectors, keycaps,
// skin tones and flag letters that otherwise survive as invisible characters.
export const EMOJI =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;

export function stripEmoji(text: string): string {
  return collapse(text.replace(EMOJI, ' '));
}

export function collapse(text: string): string {
  // Most text has single plain spaces only, which the replace would leave as they are.
  return (/[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

/** Heading text for comparisons: no emoji, spaces or punctuation, lowercased. */
export function headingKey(text: string): string {
  return keyOf(stripEmoji(text));
}

/** The key of text stripEmoji already gave. */
const keyOf = (plain: string) => plain.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** `2. 내용 정리`, `1) 후기`, `Ⅲ. 정리`, `③ 후기` → the heading without its list numbering. */
export function stripNumbering(text: string): string {
  return text.replace(/^\s*(?:\d{1,3}(?:\.\d{1,3})*[.):]?|[ⅰ-ⅿⅠ-Ⅿ]+[.)]?|[IVX]{1,5}[.)]|[①-⑳])\s+/u, '');
}

/**
 * The heading as a topic, for comparing the same topic across files (`## 3. 이미지` and `## 🐳 이미지` are one
 * topic): emoji, numbering, spaces and punctuation ignored.
 */
export function topicKey(heading: string): string {
  return plainTopicKey(stripEmoji(heading));
}

/** topicKey of a heading stripEmoji already gave (the parser has both): numbering taken off emoji-free text leaves it so. */
export function plainTopicKey(plain: string): string {
  return keyOf(stripNumbering(plain));
}

/**
 * Headings that name a place in the notes, not a topic (`내용 정리`, `정리`, `개념` …): a section under one is still
 * notes, but its heading says nothing about what it explains (`genericHeading`).
 */
export const GENERIC_HEADINGS = new Set(
  [
    '내용 정리',
    '내용',
    '정리',
    '정리 내용',
    '핵심 정리',
    '개념 정리',
    '개념',
    '개요',
    '요약',
    '본문',
    '메모',
    '노트',
    '학습 내용',
    '공부한 내용',
    'summary',
    'overview',
    'notes',
    'note',
    'contents',
    'til',
  ].map((h) => headingKey(h)),
);

export interface HeadingRule {
  key: string;
  selfOnly: boolean;
}

export function headingRules(entries: readonly string[]): HeadingRule[] {
  return entries
    .map((entry) => ({ key: headingKey(entry.replace(/^=/, '')), selfOnly: entry.startsWith('=') }))
    .filter((rule) => rule.key !== '');
}

export const QUESTION_RULES = headingRules(QUESTION_HEADINGS);

export function matchRule(key: string, rules: HeadingRule[]): HeadingRule | undefined {
  return rules.find((rule) => (rule.selfOnly ? key === rule.key : key.includes(rule.key)));
}

// ---------------------------------------------------------------------------------------------------------------
// Chapters and authors

export const NUMBER = String.raw`\d{1,3}(?:\.\d{1,3})?`;
export const RANGE = String.raw`${NUMBER}(?:\s*[-~–]\s*${NUMBER})?`;
export const LABEL = String.raw`${RANGE}(?:\s*,\s*${RANGE})*`;
/** `Chapter`, its common typos (`Chatper`), `Chap.`, `Ch.`, `챕터`. */
export const CHAPTER_WORD = String.raw`(?:cha?pt?e?r|chatper|chpater|chap\.?|ch\.?|챕터)`;
export const CHAPTER_PATTERNS = [
  // [Chapter4] …, [Chapter 9] …, [Chatper4] …, [Chapter5-7] …, [Chapter4, 5.7] …, Chapter 4: …, ch4-…
  new RegExp(String.raw`^\[?\s*${CHAPTER_WORD}\s*[-_.]?\s*(${LABEL})(?![\d.])`, 'iu'),
  // [10장][…], 10장 …, 제10장 …
  new RegExp(String.raw`^\[?\s*제?\s*(${LABEL})\s*장(?![가-힣])`, 'u'),
];

/** `04` → `4`, `5 - 7` → `5-7`, `4,5.7` → `4, 5.7`. */
export function normaliseChapter(label: string): string {
  return label
    .split(',')
    .map((part) =>
      part
        .replace(/\s+/g, '')
        .replace(/[~–]/g, '-')
        .replace(/\d+/g, (n) => String(Number(n))),
    )
    .join(', ');
}

/** The chapter a file name, folder name or heading starts with (`[Chapter4] 도커 기초` → `4`), or null. */
export function chapterOf(text: string): string | null {
  const plain = stripEmoji(text);
  for (const pattern of CHAPTER_PATTERNS) {
    const m = pattern.exec(plain);
    if (m?.[1]) return normaliseChapter(m[1]);
  }
  return null;
}

/** Normalises line endings and drops a byte-order mark; line numbers are unchanged. */
export function normaliseSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
