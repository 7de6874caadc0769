/**
 * Discord's message markdown drawn for a terminal, so the console shows what a member would see: `**bold**`,
 * `*italic*`/`_italic_`, `__underline__`, `~~strike~~`, `||spoiler||`, headings, quotes and lists lose their marks
 * (ANSI styles instead when the output is a terminal), `\(` escapes lose the backslash, masked links show their
 * address, and `<t:1796110288:R>` becomes "3분 후 (21:03)" / "in 3 minutes (21:03)" in local time. Inline code keeps its
 * backticks (the one mark plain text needs) and, like code blocks, is shown exactly as written.
 */
import type { Locale } from '../i18n/index.js';
import { zonedParts } from '../core/zone.js';

export interface MarkupOptions {
  /** ANSI bold/italic/underline instead of dropping the marks (a TTY). */
  ansi: boolean;
  locale: Locale;
  /** "Now" for relative timestamps. */
  now: number;
  /** The zone timestamps are shown in; absent: the machine's own (as Discord shows the viewer's). */
  timeZone?: string | undefined;
}

const STYLE = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  spoiler: ['\u001b[7m', '\u001b[27m'],
  code: ['\u001b[36m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
} as const;

type Style = keyof typeof STYLE;

function styled(o: MarkupOptions, style: Style, text: string): string {
  return o.ansi ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text;
}

/** Renders a message's or an embed's markdown text. */
export function renderMarkup(text: string, o: MarkupOptions): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^\s*```(\S*)\s*$/.exec(line);
    const close = fence ? lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l)) : -1;
    if (fence && close > i) {
      for (const code of lines.slice(i + 1, close)) out.push(styled(o, 'code', `  ${code}`));
      i = close;
      continue;
    }
    const oneLine = /^\s*```(.*?)```\s*$/.exec(line);
    if (oneLine) {
      out.push(styled(o, 'code', `  ${oneLine[1] ?? ''}`));
      continue;
    }
    out.push(block(line, o));
  }
  return out.join('\n');
}

function block(line: string, o: MarkupOptions): string {
  const heading = /^(#{1,3}) (.+)$/.exec(line);
  if (heading) return styled(o, 'bold', inline(heading[2] ?? '', o));
  const subtext = /^-# (.+)$/.exec(line);
  if (subtext) return styled(o, 'dim', inline(subtext[1] ?? '', o));
  const quote = /^>{1,3} ?(.*)$/.exec(line);
  if (quote) return `▎ ${inline(quote[1] ?? '', o)}`;
  const item = /^(\s*)[-*] (.+)$/.exec(line);
  if (item) return `${item[1] ?? ''}• ${inline(item[2] ?? '', o)}`;
  return inline(line, o);
}

/** Placeholders for escaped characters, so they never pair up as marks. */
const ESCAPE_BASE = 0xf0000;

/** Inline marks of one line. Code spans are left as written. */
export function inline(line: string, o: MarkupOptions): string {
  const parts = line.split(/(`+)([\s\S]*?[^`])\1(?!`)/);
  // split with two groups: [text, ticks, code, text, ticks, code, …]
  let out = '';
  for (let i = 0; i < parts.length; i += 3) {
    out += spans(parts[i] ?? '', o);
    if (i + 2 < parts.length) {
      const ticks = parts[i + 1] ?? '`';
      out += styled(o, 'code', `${ticks}${parts[i + 2] ?? ''}${ticks}`);
    }
  }
  return out;
}

function spans(text: string, o: MarkupOptions): string {
  const escaped: string[] = [];
  let s = text.replace(/\\([^\p{L}\p{N}\s])/gu, (_all, ch: string) => {
    escaped.push(ch);
    return String.fromCodePoint(ESCAPE_BASE + escaped.length - 1);
  });
  s = s.replace(/<t:(-?\d{1,13})(?::([tTdDfFR]))?>/g, (_all, secs: string, style?: string) =>
    timestamp(Number(secs) * 1000, style ?? 'f', o),
  );
  s = s.replace(/<@[!&]?(\d+)>/g, '@$1').replace(/<#(\d+)>/g, '#$1');
  s = s.replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_all, label: string, url: string) =>
    label === url ? url : `${label} (${url})`,
  );
  s = s.replace(/<(https?:\/\/[^\s>]+)>/g, '$1');
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, (_a, t: string) => styled(o, 'bold', t));
  s = s.replace(/__(?=\S)([\s\S]*?\S)__/g, (_a, t: string) => styled(o, 'underline', t));
  s = s.replace(/(?<!\*)\*(?=[^\s*])([^*\n]*?[^\s*])\*(?!\*)/g, (_a, t: string) => styled(o, 'italic', t));
  s = s.replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, (_a, t: string) =>
    styled(o, 'italic', t),
  );
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, (_a, t: string) => styled(o, 'strike', t));
  s = s.replace(/\|\|([\s\S]+?)\|\|/g, (_a, t: string) => styled(o, 'spoiler', t));
  return s.replace(/[\u{f0000}-\u{ffffd}]/gu, (ch) => escaped[(ch.codePointAt(0) ?? 0) - ESCAPE_BASE] ?? ch);
}

const tag = (locale: Locale) => (locale === 'ko' ? 'ko-KR' : 'en-US');

/** `<t:…:style>` as Discord shows it, in the given zone; `R` is how far it is from now and the time: `3분 후 (21:03)`. */
export function timestamp(ms: number, style: string, o: MarkupOptions): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  const p = zonedParts(ms, o.timeZone);
  const hm = `${p.hour}:${p.minute}`;
  const day = `${p.year}-${p.month}-${p.day}`;
  const long = (opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag(o.locale), { timeZone: o.timeZone, ...opts }).format(new Date(ms));
  switch (style) {
    case 't':
      return hm;
    case 'T':
      return `${hm}:${p.second}`;
    case 'd':
      return day;
    case 'D':
      return long({ dateStyle: 'long' });
    case 'F':
      return `${long({ dateStyle: 'full' })} ${hm}`;
    case 'R': {
      const today = zonedParts(o.now, o.timeZone);
      const sameDay = today.year === p.year && today.month === p.month && today.day === p.day;
      return `${relative(ms - o.now, o.locale)} (${sameDay ? hm : `${day} ${hm}`})`;
    }
    default:
      return `${long({ dateStyle: 'long' })} ${hm}`;
  }
}

/** "3분 후" / "in 3 minutes", "2시간 전" / "2 hours ago", with the rounding Discord uses. */
export function relative(deltaMs: number, locale: Locale): string {
  const rtf = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'always' });
  const s = Math.round(deltaMs / 1000);
  const abs = Math.abs(s);
  const sign = s < 0 ? -1 : 1;
  if (abs < 45) return rtf.format(s, 'second');
  if (abs < 45 * 60) return rtf.format(sign * Math.max(1, Math.round(abs / 60)), 'minute');
  if (abs < 22 * 3600) return rtf.format(sign * Math.max(1, Math.round(abs / 3600)), 'hour');
  if (abs < 26 * 86400) return rtf.format(sign * Math.max(1, Math.round(abs / 86400)), 'day');
  if (abs < 320 * 86400) return rtf.format(sign * Math.max(1, Math.round(abs / (30 * 86400))), 'month');
  return rtf.format(sign * Math.max(1, Math.round(abs / (365 * 86400))), 'year');
}
