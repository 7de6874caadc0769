/**
 * Renders a Reply as framed text for the local console: embeds in a box, buttons as numbered choices, and the
 * markdown Discord would render (content, titles, descriptions, fields) drawn as a terminal shows it (markup.ts).
 * Footers and authors are plain text in Discord too, so they are shown as they are.
 */
import { fitReply } from '../core/limits.js';
import type { Button, Reply } from '../core/reply.js';
import type { Translator } from '../i18n/index.js';
import { renderMarkup, type MarkupOptions } from './markup.js';

export interface RenderOptions {
  /** How to draw Discord's markdown; absent: the text as it is. */
  markup?: MarkupOptions;
  /** The label of button n (1-based): `1`, or `2.1` for a button of an older message. */
  number?: (n: number) => string;
}

export interface RenderedReply {
  text: string;
  /** Buttons in the order of their numbers (1-based in the text). */
  buttons: Button[];
}

const bar = (text: string) =>
  text
    .split('\n')
    .map((l) => `│ ${l}`.trimEnd())
    .join('\n');

export function renderReply(
  input: Reply,
  t: Translator,
  savedFiles: ReadonlyMap<string, string> = new Map(),
  options: RenderOptions = {},
): RenderedReply {
  const reply = fitReply(input);
  const md = (text: string) => (options.markup ? renderMarkup(text, options.markup) : text);
  const label = options.number ?? String;
  const out: string[] = [];
  if (reply.ephemeral) out.push('🔒');
  if (reply.content) out.push(md(reply.content));
  for (const e of reply.embeds ?? []) {
    const box: string[] = [];
    box.push(`╭─ ${md(e.title ?? '')}`.trimEnd());
    if (e.author) box.push(bar(`${e.author} ›`));
    if (e.description) box.push(bar(''), bar(md(e.description)));
    for (const f of e.fields ?? []) box.push(bar(''), bar(`▸ ${md(f.name)}`), bar(md(f.value).replace(/^/gm, '  ')));
    if (e.image) box.push(bar(''), bar(`🖼️ ${savedFiles.get(e.image) ?? e.image}`));
    if (e.footer) box.push(bar(''), bar(e.footer));
    box.push('╰────');
    out.push(box.join('\n'));
  }
  for (const f of reply.files ?? []) {
    if (reply.embeds?.some((e) => e.image === f.name)) continue;
    out.push(`📎 ${f.name} (${f.data.length} B)${savedFiles.has(f.name) ? ` → ${savedFiles.get(f.name)}` : ''}`);
  }
  const buttons = (reply.buttons ?? []).flat();
  if (buttons.length > 0) {
    let n = 0;
    const rows = (reply.buttons ?? []).map((row) =>
      row
        .map((b) => {
          n += 1;
          const text = `${b.emoji ? `${b.emoji} ` : ''}${b.label}`;
          if (b.url) return `[${text}](${b.url})`;
          return b.disabled ? `(${label(n)}) ${text}` : `[${label(n)}] ${text}`;
        })
        .join('   '),
    );
    out.push(rows.map((r) => `  ${r}`).join('\n'));
  }
  void t;
  return { text: out.join('\n'), buttons };
}
