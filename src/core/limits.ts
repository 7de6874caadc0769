/**
 * The safety net every renderer applies: whatever a handler built, the result fits Discord's limits.
 * Handlers page long text themselves (see `paginate`); this only trims what would otherwise be rejected.
 */
import { translator, type Translator } from '../i18n/index.js';
import { LIMITS, type Button, type Embed, type Reply, type ReplyFile } from './reply.js';
import { truncate } from './text.js';

/** Discord's upload limit for one message when the interaction does not say (an unboosted guild): 10 MiB. */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface FitOptions {
  /** Total bytes the files of one message may take (the interaction's `attachment_size_limit`). */
  uploadLimit?: number | undefined;
  /** For the line naming files that did not fit; Korean by default. */
  t?: Translator | undefined;
}

/** A usable upload limit: a positive number, else the default. */
export function uploadLimitOf(limit: number | null | undefined): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_UPLOAD_LIMIT;
}

/**
 * The files that fit in `limit` bytes together, in order (a large file is skipped and later smaller ones may still
 * fit), and the names of the rest.
 */
export function fitFiles(files: readonly ReplyFile[], limit: number): { kept: ReplyFile[]; dropped: string[] } {
  const kept: ReplyFile[] = [];
  const dropped: string[] = [];
  let left = limit;
  for (const f of files) {
    if (f.data.length <= left) {
      kept.push(f);
      left -= f.data.length;
    } else dropped.push(f.name);
  }
  return { kept, dropped };
}

/** Appends `line` to `text` after a blank line, shortening `text` so the line always survives `max`. */
function appendLine(text: string | undefined, line: string, max: number): string {
  const shortLine = truncate(line, max);
  if (!text) return shortLine;
  const room = max - shortLine.length - 2;
  return room <= 0 ? shortLine : `${truncate(text, room)}\n\n${shortLine}`;
}

/** Drops the files that do not fit the upload limit and names them in the reply, never sending them. */
function fitReplyFiles(reply: Reply, options: FitOptions): Reply {
  if (!reply.files || reply.files.length === 0) return reply;
  const { kept, dropped } = fitFiles(reply.files, uploadLimitOf(options.uploadLimit));
  if (dropped.length === 0) return reply;
  const t = options.t ?? translator('ko');
  const line = t('reply.filesDropped', { files: dropped.join(', ') });
  const out: Reply = { ...reply, files: kept };
  if (kept.length === 0) delete out.files;
  const names = new Set(kept.map((f) => f.name));
  const [first, ...rest] = (reply.embeds ?? []).map((e) => {
    if (e.image === undefined || names.has(e.image)) return e;
    const copy = { ...e };
    delete copy.image;
    return copy;
  });
  if (first)
    out.embeds = [{ ...first, description: appendLine(first.description, line, LIMITS.embedDescription) }, ...rest];
  else out.content = appendLine(reply.content, line, LIMITS.content);
  return out;
}

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

/** Fits text, embeds, buttons and files (see `FitOptions`) into Discord's limits. */
export function fitReply(reply: Reply, options: FitOptions = {}): Reply {
  const out: Reply = fitReplyFiles({ ...reply }, options);
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
