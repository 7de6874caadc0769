/**
 * /inspect image|container, /images and /imageref: a read-only look at a real Docker engine beside the notes.
 * The core (src/sandbox) returns plain facts; this file turns them into teaching embeds.
 */
import { UserError } from '../core/errors.js';
import type { Button, Embed, EmbedField, Reply } from '../core/reply.js';
import { containerFacts, containerNames, imageFacts, imageRows, STAGE_RESOURCES } from '../sandbox/facts.js';
import { isValidContainerName, isValidImageName } from '../sandbox/guard.js';
import { notesSection, NOTES_QUERIES } from '../sandbox/notes.js';
import { parseReference, type ParsedReference } from '../sandbox/reference.js';
import type { Sandbox } from '../sandbox/service.js';
import { absoluteTime, humanSize, relativeTime } from '../sandbox/units.js';
import { withSandboxErrors } from '../sandbox/userError.js';
import { encodeCustomId } from './customId.js';
import { sectionKey } from './explain.js';
import {
  defineCommand,
  describe,
  OptionType,
  type Choice,
  type ComponentHandler,
  type InteractionContext,
} from './types.js';

declare module './types.js' {
  interface Services {
    /** Null when DOCKER_SANDBOX_HOST is unset: the sandbox commands then say the demo is off. */
    sandbox: Sandbox | null;
  }
}

const COLOR = 0x2496ed; // Docker blue
const COLOR_INVALID = 0xd9534f;
export const IMAGES_PAGE_SIZE = 10;
export const IMAGES_ROUTE = 'sandbox.images';
const LIST_MAX = 8;

function sandboxOf(ctx: InteractionContext): Sandbox {
  const sandbox = ctx.services.sandbox;
  if (!sandbox) throw new UserError('sandbox.off');
  return sandbox;
}

function takeInspect(ctx: InteractionContext, sandbox: Sandbox): void {
  const verdict = sandbox.limiter.take(`${ctx.guildId}:${ctx.user.id}`);
  if (!verdict.ok) {
    throw new UserError('sandbox.error.rateLimited', {
      seconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
      limit: sandbox.limiter.limit,
    });
  }
}

/** Inline code that survives backticks in engine data. */
const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;

function bullets(ctx: InteractionContext, items: string[], max = LIST_MAX): string {
  if (items.length === 0) return ctx.t('sandbox.none');
  const shown = items.slice(0, max).map((i) => `• ${code(i)}`);
  if (items.length > max) shown.push(ctx.t('sandbox.more', { n: items.length - max }));
  return shown.join('\n');
}

function teach(ctx: InteractionContext, name: string, value: string, explain: string, inline = false): EmbedField {
  return { name, value: `${value}\n*${explain}*`, inline };
}

function when(ctx: InteractionContext, ms: number | null): string {
  if (ms === null) return ctx.t('sandbox.none');
  const { clock, config } = ctx.services;
  return `${relativeTime(ms, clock.now(), ctx.locale)} · ${absoluteTime(ms, config.STUDY_TIMEZONE)}`;
}

/** The notes' section on a topic, found through the knowledge base, as a field and an "open in notes" button. */
function notesLink(
  ctx: InteractionContext,
  topic: keyof typeof NOTES_QUERIES,
): { fields: EmbedField[]; buttons: Button[][] } {
  const section = notesSection(ctx.services.notes.index, topic);
  if (!section) return { fields: [], buttons: [] };
  const heading = section.path.slice(1).join(' › ') || section.heading;
  return {
    fields: [
      {
        name: ctx.t('sandbox.notes.field'),
        value: ctx.t('sandbox.notes.link', { heading, file: section.file, line: section.line }),
      },
    ],
    // explain.open shows the section from /explain (src/commands/explain.ts), ephemeral to whoever clicks.
    buttons: [
      [
        {
          customId: encodeCustomId('explain.open', sectionKey(section)),
          label: ctx.t('sandbox.notes.button', { heading: section.heading }),
          emoji: '📖',
        },
      ],
    ],
  };
}

/** The engine's answer as the client gave it: already masked (src/sandbox/mask.ts, applied by createSandbox). */
function jsonFile(name: string, value: unknown, description: string) {
  return { name, data: Buffer.from(`${JSON.stringify(value, null, 2)}\n`), description };
}

async function inspectImage(ctx: InteractionContext, name: string): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  if (!isValidImageName(name)) throw new UserError('sandbox.error.badImageName', { name: name.slice(0, 100) });
  takeInspect(ctx, sandbox);
  const info = await withSandboxErrors({ kind: 'image', name }, () => sandbox.client.inspectImage(name));
  const f = imageFacts(info);
  const t = ctx.t;
  const cmdLine = (parts: string[] | null) => (parts ? code(JSON.stringify(parts)) : t('sandbox.none'));
  const labels = Object.entries(f.labels).map(([k, v]) => `${k}=${v}`);
  const layers = f.layers.map((l) => l.replace(/^sha256:/, '').slice(0, 12));
  const fields: EmbedField[] = [
    teach(ctx, t('sandbox.field.id'), code(f.shortId), t('sandbox.explain.id'), true),
    teach(ctx, t('sandbox.field.size'), humanSize(f.size, ctx.locale), t('sandbox.explain.size'), true),
    teach(ctx, t('sandbox.field.platform'), code(`${f.architecture}/${f.os}`), t('sandbox.explain.platform'), true),
    teach(ctx, t('sandbox.field.repoTags'), bullets(ctx, f.repoTags), t('sandbox.explain.repoTags')),
    teach(ctx, t('sandbox.field.repoDigests'), bullets(ctx, f.repoDigests, 3), t('sandbox.explain.repoDigests')),
    teach(ctx, t('sandbox.field.created'), when(ctx, f.created), t('sandbox.explain.created')),
    teach(
      ctx,
      t('sandbox.field.env'),
      bullets(ctx, f.env),
      sandbox.showEnv || f.env.length === 0 ? t('sandbox.explain.env') : t('sandbox.explain.envMasked'),
    ),
    teach(ctx, t('sandbox.field.cmd'), cmdLine(f.cmd), t('sandbox.explain.cmd'), true),
    teach(ctx, t('sandbox.field.entrypoint'), cmdLine(f.entrypoint), t('sandbox.explain.entrypoint'), true),
    teach(
      ctx,
      t('sandbox.field.workingDir'),
      f.workingDir ? code(f.workingDir) : t('sandbox.none'),
      t('sandbox.explain.workingDir'),
      true,
    ),
    teach(ctx, t('sandbox.field.exposedPorts'), bullets(ctx, f.exposedPorts), t('sandbox.explain.exposedPorts')),
    teach(ctx, t('sandbox.field.labels'), bullets(ctx, labels), t('sandbox.explain.labels')),
    teach(
      ctx,
      t('sandbox.field.layers', { count: f.layers.length }),
      bullets(ctx, layers),
      t('sandbox.explain.layers'),
    ),
  ];
  const notes = notesLink(ctx, 'imageMetadata');
  fields.push(...notes.fields);
  const embed: Embed = {
    title: t('sandbox.image.title', { name }),
    description: t('sandbox.image.intro', { name }),
    color: COLOR,
    fields,
  };
  return {
    embeds: [embed],
    buttons: notes.buttons,
    files: [jsonFile(`image-${f.shortId}.json`, info, t('sandbox.json.description'))],
  };
}

async function inspectContainer(ctx: InteractionContext, name: string): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  if (!isValidContainerName(name)) throw new UserError('sandbox.error.badContainerName', { name: name.slice(0, 100) });
  takeInspect(ctx, sandbox);
  const info = await withSandboxErrors({ kind: 'container', name }, () => sandbox.client.inspectContainer(name));
  const f = containerFacts(info);
  const t = ctx.t;
  const status = f.stage
    ? `${t('sandbox.status.value', { status: f.status, stage: f.stage })}\n${t(`sandbox.lifecycle.${f.stage}`)}`
    : t('sandbox.status.unknown', { status: f.status });
  const fields: EmbedField[] = [{ name: t('sandbox.field.status'), value: status }];
  if (f.stage) {
    const r = STAGE_RESOURCES[f.stage];
    const mark = (on: boolean) => (on ? '✅' : '—');
    fields.push({
      name: t('sandbox.field.resources'),
      value: t('sandbox.resources', { cpu: mark(r.cpu), memory: mark(r.memory), storage: mark(r.storage) }),
    });
  }
  const mounts = f.mounts.map(
    (m) => `${m.type} ${m.source ? `${m.source} → ` : ''}${m.destination}${m.readOnly ? ' (ro)' : ''}`,
  );
  fields.push(
    teach(ctx, t('sandbox.field.image'), code(f.image || f.imageId), t('sandbox.explain.image')),
    teach(ctx, t('sandbox.field.created'), when(ctx, f.created), t('sandbox.explain.created')),
    teach(ctx, t('sandbox.field.mounts'), bullets(ctx, mounts), t('sandbox.explain.mounts')),
    teach(ctx, t('sandbox.field.ports'), bullets(ctx, f.ports), t('sandbox.explain.ports')),
  );
  const notes = notesLink(ctx, 'lifecycle');
  fields.push(...notes.fields);
  return {
    buttons: notes.buttons,
    embeds: [
      {
        title: t('sandbox.container.title', { name: f.name || name }),
        description: t('sandbox.container.intro', { name }),
        color: COLOR,
        fields,
      },
    ],
    files: [jsonFile(`container-${f.shortId}.json`, info, t('sandbox.json.description'))],
  };
}

/** One page of `/images`; pages are 0-based in custom ids, clamped to what exists now. */
async function imagesPage(ctx: InteractionContext, sandbox: Sandbox, page: number): Promise<Reply> {
  const rows = imageRows(await withSandboxErrors({ kind: 'list' }, () => sandbox.images()));
  const t = ctx.t;
  if (rows.length === 0)
    return {
      embeds: [
        { title: t('sandbox.images.title', { count: 0 }), description: t('sandbox.images.empty'), color: COLOR },
      ],
    };
  const pages = Math.ceil(rows.length / IMAGES_PAGE_SIZE);
  const p = Math.min(Math.max(0, page), pages - 1);
  const lines = rows.slice(p * IMAGES_PAGE_SIZE, (p + 1) * IMAGES_PAGE_SIZE).map((r) =>
    t('sandbox.images.row', {
      id: r.shortId,
      tags: r.repoTags.length > 0 ? r.repoTags.join(', ') : t('sandbox.images.untagged'),
      size: humanSize(r.size, ctx.locale),
      created: r.created === null ? '' : relativeTime(r.created, ctx.services.clock.now(), ctx.locale),
    }),
  );
  const reply: Reply = {
    embeds: [
      {
        title: t('sandbox.images.title', { count: rows.length }),
        description: lines.join('\n'),
        color: COLOR,
        footer: t('sandbox.images.footer', { page: t('common.page', { page: p + 1, pages }) }),
      },
    ],
  };
  if (pages > 1) {
    reply.buttons = [
      [
        { customId: encodeCustomId(IMAGES_ROUTE, p - 1), label: t('common.previous'), disabled: p === 0 },
        { customId: encodeCustomId(IMAGES_ROUTE, p + 1), label: t('common.next'), disabled: p === pages - 1 },
      ],
    ];
  }
  return reply;
}

function referenceReply(ctx: InteractionContext, input: string): Reply {
  const t = ctx.t;
  const result = parseReference(input);
  const notes = notesLink(ctx, 'naming');
  if (!result.valid) {
    const reason = t(`sandbox.ref.error.${result.code}`, { part: result.part });
    return {
      embeds: [
        {
          title: t('sandbox.ref.title', { input }),
          description: `${t('sandbox.ref.invalid', { input, reason })}\n\n${t('sandbox.ref.rule')}`,
          color: COLOR_INVALID,
          fields: notes.fields,
        },
      ],
      buttons: notes.buttons,
    };
  }
  return {
    embeds: [
      {
        title: t('sandbox.ref.title', { input }),
        description: `${t('sandbox.ref.rule')}\n\n**${t('sandbox.ref.canonical')}:** ${code(result.canonical)}`,
        color: COLOR,
        fields: [...referenceFields(ctx, result), ...notes.fields],
      },
    ],
    buttons: notes.buttons,
  };
}

function referenceFields(ctx: InteractionContext, r: ParsedReference): EmbedField[] {
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

const nameOption = (key: 'sandbox.opt.imageName' | 'sandbox.opt.containerName') =>
  ({
    type: OptionType.String,
    name: 'name',
    ...describe(key),
    required: true,
    autocomplete: true,
    max_length: 255,
  }) as const;

export const inspectCommand = defineCommand({
  data: {
    name: 'inspect',
    ...describe('sandbox.cmd.inspect'),
    options: [
      {
        type: OptionType.Subcommand,
        name: 'image',
        ...describe('sandbox.cmd.inspect.image'),
        options: [nameOption('sandbox.opt.imageName')],
      },
      {
        type: OptionType.Subcommand,
        name: 'container',
        ...describe('sandbox.cmd.inspect.container'),
        options: [nameOption('sandbox.opt.containerName')],
      },
    ],
  },
  // No up-front defer: "sandbox off" and the rate limit answer at once (ephemerally, with no public "thinking…"
  // placeholder), and a slow engine is deferred by the adapter's timer before Discord's 3 s deadline.
  run(ctx, args) {
    const name = args.name.trim();
    return args.subcommand === 'image' ? inspectImage(ctx, name) : inspectContainer(ctx, name);
  },
  async autocomplete(ctx, focused, args): Promise<Choice[]> {
    const sandbox = ctx.services.sandbox;
    if (!sandbox || focused.name !== 'name') return [];
    const typed = focused.value.trim().toLowerCase();
    let names: Choice[];
    if (args.subcommand === 'container') {
      names = containerNames(await sandbox.containers()).map((c) => ({
        name: `${c.name} (${c.state})`,
        value: c.name,
      }));
    } else {
      names = imageRows(await sandbox.images()).flatMap((r) =>
        r.repoTags.length > 0
          ? r.repoTags.map((tag) => ({ name: tag, value: tag }))
          : [{ name: r.shortId, value: r.shortId }],
      );
    }
    return names.filter((c) => c.value.toLowerCase().includes(typed)).slice(0, 25);
  },
});

export const imagesCommand = defineCommand({
  data: { name: 'images', ...describe('sandbox.cmd.images') },
  run(ctx) {
    const sandbox = sandboxOf(ctx);
    takeInspect(ctx, sandbox);
    return imagesPage(ctx, sandbox, 0);
  },
});

export const imagesPager: ComponentHandler = {
  route: IMAGES_ROUTE,
  async run(ctx, payload) {
    const page = Number(payload[0]);
    if (!Number.isInteger(page)) throw new UserError('error.unknownComponent');
    return { ...(await imagesPage(ctx, sandboxOf(ctx), page)), update: true };
  },
};

export const imagerefCommand = defineCommand({
  data: {
    name: 'imageref',
    ...describe('sandbox.cmd.imageref'),
    options: [
      {
        type: OptionType.String,
        name: 'reference',
        ...describe('sandbox.opt.reference'),
        required: true,
        max_length: 600,
      },
    ],
  },
  run(ctx, args) {
    return referenceReply(ctx, args.reference);
  },
});

export const sandboxCommands = [inspectCommand, imagesCommand, imagerefCommand];
export const sandboxComponents: ComponentHandler[] = [imagesPager];
export { NOTES_QUERIES };
