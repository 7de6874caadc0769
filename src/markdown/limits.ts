/**
 * Cheap bounds checked before any markdown from outside the code (a template upload, a notes file) reaches the
 * parser. They reject the known ways to make micromark slow or hungry in a single linear scan, with a reason a
 * member can act on; the worker's timeout and memory limit (pool.ts) catch whatever these do not foresee.
 *
 * Template uploads are parsed with micromark (src/study/template.ts), notes files with markdown-it (src/notes/parse.ts),
 * which measured linear on every input below (`*a` ×130 000 in 180 ms, a 5 000-column table in 26 ms); the notes
 * bounds stay, cheap, as the first line for both. Measured on micromark 4 (this machine): `*a` repeated 130 000 times in one paragraph takes ~7 minutes (emphasis
 * matching is quadratic in the delimiters of one paragraph), `[a](` repeated 4 000 times 0.3 s and growing
 * quadratically, a 5 000-column table 11 s, 100 000 short lines exhausts a 128 MB heap; nested list markers are
 * quadratic too (complexity.ts). A filled study template is ~150 lines with lines under 300 characters.
 */
import { containerMarkers, MAX_MARKERS } from '../notes/complexity.js';

export interface MarkdownLimits {
  /** UTF-8 bytes. */
  bytes: number;
  lines: number;
  /** Characters in the longest line. */
  longestLine: number;
  /** Inline delimiter characters (`* _ ~ [ ] ( ) < > | ! \``) in one paragraph (a run of non-blank lines). */
  delimitersPerParagraph: number;
  /** Leading list and quote markers in the whole text. */
  containerMarkers: number;
}

export const TEMPLATE_LIMITS: MarkdownLimits = {
  bytes: 256 * 1024,
  lines: 4_000,
  longestLine: 4_000,
  delimitersPerParagraph: 2_000,
  containerMarkers: MAX_MARKERS.template,
};

export const NOTES_FILE_LIMITS: MarkdownLimits = {
  bytes: 2 * 1024 * 1024,
  lines: 50_000,
  longestLine: 100_000,
  delimitersPerParagraph: 4_000,
  containerMarkers: MAX_MARKERS.notesFile,
};

export type LimitName = keyof MarkdownLimits;

export interface LimitBreach {
  limit: LimitName;
  /** What was found (at least this much: the scan stops at the first breach). */
  found: number;
  max: number;
  /** 1-based line where the breach was seen (null for whole-text limits). */
  line: number | null;
}

const DELIMITERS = new Set([...'*_~[]()<>|!`']);

/** The first limit `text` breaks, or null. One pass over the text; stops early. */
export function checkMarkdown(text: string, limits: MarkdownLimits): LimitBreach | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.bytes) return { limit: 'bytes', found: bytes, max: limits.bytes, line: null };
  let line = 1;
  let lineLength = 0;
  let paragraphDelimiters = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      if (blank) paragraphDelimiters = 0;
      line++;
      if (line > limits.lines) return { limit: 'lines', found: line, max: limits.lines, line: null };
      lineLength = 0;
      blank = true;
      continue;
    }
    lineLength++;
    if (lineLength > limits.longestLine)
      return { limit: 'longestLine', found: lineLength, max: limits.longestLine, line };
    if (c !== 32 && c !== 9 && c !== 13) blank = false;
    if (DELIMITERS.has(text[i] as string)) {
      paragraphDelimiters++;
      if (paragraphDelimiters > limits.delimitersPerParagraph)
        return {
          limit: 'delimitersPerParagraph',
          found: paragraphDelimiters,
          max: limits.delimitersPerParagraph,
          line,
        };
    }
  }
  const markers = containerMarkers(text);
  if (markers > limits.containerMarkers)
    return { limit: 'containerMarkers', found: markers, max: limits.containerMarkers, line: null };
  return null;
}

/** A one-line English description for logs and notes warnings. */
export function describeBreach(breach: LimitBreach): string {
  const where = breach.line === null ? '' : ` (line ${breach.line})`;
  switch (breach.limit) {
    case 'bytes':
      return `${breach.found} bytes, at most ${breach.max}`;
    case 'lines':
      return `more than ${breach.max} lines`;
    case 'longestLine':
      return `a line longer than ${breach.max} characters${where}`;
    case 'delimitersPerParagraph':
      return `more than ${breach.max} markdown delimiters in one paragraph${where}`;
    case 'containerMarkers':
      return `${breach.found} nested list or quote markers (at most ${breach.max})`;
  }
}
