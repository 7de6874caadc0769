/**
 * The safety net every renderer applies: whatever a handler built, the result fits Discord's limits.
 * Handlers page long text themselves (see `paginate`); this only trims what would otherwise be rejected.
 */
import { LIMITS, type Button, type Embed, type Reply } from './reply.js';
import { truncate } from './text.js';

function embedLength(e: Embed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.length ?? 0) +
    (e.author?.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fitEmbed(e: Embed, budget: number): Embed {
  const out: Embed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.author !== undefined) out.author = truncate(out.author, LIMITS.author);
  if (out.footer !== undefined) out.footer = truncate(out.footer, LIMITS.footer);
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name || '\u200b', LIMITS.fieldName),
      value: truncate(f.value || '\u200b', LIMITS.fieldValue),
    }));
  }
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  // Over the shared budget: shorten the description first, then drop trailing fields.
  let over = embedLength(out) - budget;
  if (over > 0 && out.description) {
    out.description = truncate(out.description, Math.max(0, out.description.length - over));
    over = embedLength(out) - budget;
  }
  while (over > 0 && out.fields && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    over = embedLength(out) - budget;
  }
  for (const key of ['footer', 'author', 'title'] as const) {
    const value = out[key];
    if (over <= 0 || value === undefined) continue;
    const keep = Math.max(0, value.length - over);
    if (keep === 0) delete out[key];
    else out[key] = truncate(value, keep);
    over = embedLength(out) - budget;
  }
  return out;
}

function fitButton(b: Button): Button {
  return { ...b, label: truncate(b.label, LIMITS.buttonLabel) };
}

export function fitReply(reply: Reply): Reply {
  const out: Reply = { ...reply };
  if (out.content !== undefined) out.content = truncate(out.content, LIMITS.content);
  if (out.embeds) {
    let budget: number = LIMITS.embedTotal;
    const fitted: Embed[] = [];
    for (const e of out.embeds.slice(0, LIMITS.embedsPerMessage)) {
      if (budget <= 0) break;
      const f = fitEmbed(e, budget);
      budget -= embedLength(f);
      fitted.push(f);
    }
    out.embeds = fitted;
  }
  if (out.buttons) {
    out.buttons = out.buttons
      .filter((row) => row.length > 0)
      .slice(0, LIMITS.rows)
      .map((row) => row.slice(0, LIMITS.buttonsPerRow).map(fitButton));
  }
  return out;
}

export { embedLength };
