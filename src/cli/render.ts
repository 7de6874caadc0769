/**
 * Renders a Reply as framed text for the local console: embeds in a box, buttons as numbered choices.
 */
import { fitReply } from '../core/limits.js';
import type { Button, Reply } from '../core/reply.js';
import type { Translator } from '../i18n/index.js';

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
): RenderedReply {
  const reply = fitReply(input);
  const out: string[] = [];
  if (reply.ephemeral) out.push('🔒');
  if (reply.content) out.push(reply.content);
  for (const e of reply.embeds ?? []) {
    const box: string[] = [];
    box.push(`╭─ ${e.title ?? ''}`.trimEnd());
    if (e.author) box.push(bar(`${e.author} ›`));
    if (e.description) box.push(bar(''), bar(e.description));
    for (const f of e.fields ?? []) box.push(bar(''), bar(`▸ ${f.name}`), bar(f.value.replace(/^/gm, '  ')));
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
          const label = `${b.emoji ? `${b.emoji} ` : ''}${b.label}`;
          if (b.url) return `[${label}](${b.url})`;
          return b.disabled ? `(${n}) ${label}` : `[${n}] ${label}`;
        })
        .join('   '),
    );
    out.push(rows.map((r) => `  ${r}`).join('\n'));
  }
  void t;
  return { text: out.join('\n'), buttons };
}
