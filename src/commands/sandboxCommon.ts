/**
 * What the sandbox's commands share (sandbox.ts, sandboxStorage.ts, registry.ts): the embed helpers that teach each
 * field, the notes links found through the knowledge base, and the per-member rate limit.
 */
import { UserError } from '../core/errors.js';
import type { Button, EmbedField } from '../core/reply.js';
import { imageRows } from '../sandbox/facts.js';
import { notesSection, type NotesTopic } from '../sandbox/notes.js';
import type { RateLimiter } from '../sandbox/rateLimit.js';
import type { ParsedReference } from '../sandbox/reference.js';
import type { Sandbox } from '../sandbox/service.js';
import { absoluteTime, relativeTime } from '../sandbox/units.js';
import { encodeCustomId } from './customId.js';
import { sectionKey } from './explain.js';
import type { MessageKey } from '../i18n/index.js';
import { describe, OptionType, type Choice, type InteractionContext } from './types.js';

export const COLOR = 0x2496ed; // Docker blue
export const COLOR_INVALID = 0xd9534f;
export const LIST_MAX = 8;

export function sandboxOf(ctx: InteractionContext): Sandbox {
  const sandbox = ctx.services.sandbox;
  if (!sandbox) throw new UserError('sandbox.off');
  return sandbox;
}

/** The per-member rate limit (rateLimit.ts), shared by every sandbox and registry command. */
export function takeInspect(ctx: InteractionContext, sandbox: { limiter: RateLimiter }): void {
  const verdict = sandbox.limiter.take(`${ctx.guildId}:${ctx.user.id}`);
  if (!verdict.ok) {
    throw new UserError('sandbox.error.rateLimited', {
      seconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
      limit: sandbox.limiter.limit,
    });
  }
}

/** Autocomplete for an image name (/inspect image, /layers): each tag, or the short id of an untagged image. */
export async function imageChoices(ctx: InteractionContext, typed: string): Promise<Choice[]> {
  const sandbox = ctx.services.sandbox;
  if (!sandbox) return [];
  const lower = typed.trim().toLowerCase();
  return imageRows(await sandbox.images())
    .flatMap((r) =>
      r.repoTags.length > 0
        ? r.repoTags.map((tag) => ({ name: tag, value: tag }))
        : [{ name: r.shortId, value: r.shortId }],
    )
    .filter((c) => c.value.toLowerCase().includes(lower))
    .slice(0, 25);
}

/** The required, autocompleted `name` option of /inspect, /volume and /network. */
export const nameOption = (key: MessageKey, maxLength: number) =>
  ({
    type: OptionType.String,
    name: 'name',
    ...describe(key),
    required: true,
    autocomplete: true,
    max_length: maxLength,
  }) as const;

/** Inline code that survives backticks in engine data. */
export const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;

export function bullets(ctx: InteractionContext, items: string[], max = LIST_MAX): string {
  if (items.length === 0) return ctx.t('sandbox.none');
  const shown = items.slice(0, max).map((i) => `• ${code(i)}`);
  if (items.length > max) shown.push(ctx.t('sandbox.more', { n: items.length - max }));
  return shown.join('\n');
}

export function teach(
  ctx: InteractionContext,
  name: string,
  value: string,
  explain: string,
  inline = false,
): EmbedField {
  return { name, value: `${value}\n*${explain}*`, inline };
}

export function when(ctx: InteractionContext, ms: number | null): string {
  if (ms === null) return ctx.t('sandbox.none');
  const { clock, config } = ctx.services;
  return `${relativeTime(ms, clock.now(), ctx.locale)} · ${absoluteTime(ms, config.STUDY_TIMEZONE)}`;
}

/** The notes' section on a topic, found through the knowledge base, as a field and an "open in notes" button. */
export function notesLink(ctx: InteractionContext, topic: NotesTopic): { fields: EmbedField[]; buttons: Button[][] } {
  return notesLinks(ctx, [topic]);
}

/** The engine's answer as the client gave it: already masked (src/sandbox/mask.ts, applied by createSandbox). */
export function jsonFile(name: string, value: unknown, description: string) {
  return { name, data: Buffer.from(`${JSON.stringify(value, null, 2)}\n`), description };
}

export function referenceFields(ctx: InteractionContext, r: ParsedReference): EmbedField[] {
  const t = ctx.t;
  const value = (v: string, defaulted: boolean) =>
    defaulted ? t('sandbox.ref.defaulted', { value: code(v) }) : code(v);
  return [
    { name: t('sandbox.ref.registry'), value: value(r.registry, r.defaulted.registry), inline: true },
    {
      name: t('sandbox.ref.project'),
      value: r.project === null ? t('sandbox.ref.noProject') : value(r.project, r.defaulted.project),
      inline: true,
    },
    { name: t('sandbox.ref.image'), value: code(r.image), inline: true },
    {
      name: t('sandbox.ref.tag'),
      value: r.tag === null ? t('sandbox.ref.digestOnly') : value(r.tag, r.defaulted.tag),
      inline: true,
    },
    { name: t('sandbox.ref.digest'), value: r.digest === null ? t('sandbox.none') : code(r.digest) },
  ];
}

/**
 * The notes' sections on several topics (a layer, copy-on-write, the build cache), each found through the knowledge
 * base; the same section found twice is linked once, and topics the notes lack are left out.
 */
export function notesLinks(
  ctx: InteractionContext,
  topics: NotesTopic[],
): { fields: EmbedField[]; buttons: Button[][] } {
  const seen = new Set<string>();
  const lines: string[] = [];
  const buttons: Button[] = [];
  for (const topic of topics) {
    const section = notesSection(ctx.services.notes.index, topic);
    if (!section || seen.has(section.id)) continue;
    seen.add(section.id);
    const heading = section.path.slice(1).join(' › ') || section.heading;
    lines.push(ctx.t('sandbox.notes.link', { heading, file: section.file, line: section.line }));
    buttons.push({
      customId: encodeCustomId('explain.open', sectionKey(section)),
      label: ctx.t('sandbox.notes.button', { heading: section.heading }),
      emoji: '📖',
    });
  }
  if (lines.length === 0) return { fields: [], buttons: [] };
  return {
    fields: [{ name: ctx.t('sandbox.notes.field'), value: lines.join('\n') }],
    buttons: [buttons.slice(0, 5)],
  };
}
