/**
 * /inspect image|container, /images and /imageref: a read-only look at a real Docker engine beside the notes.
 * The core (src/sandbox) returns plain facts; this file turns them into teaching embeds.
 */
import { UserError } from '../core/errors.js';
import type { Embed, EmbedField, Reply } from '../core/reply.js';
import { containerFacts, containerNames, imageFacts, imageRows, STAGE_RESOURCES } from '../sandbox/facts.js';
import { isValidContainerName, isValidImageName } from '../sandbox/guard.js';
import { NOTES_QUERIES } from '../sandbox/notes.js';
import { parseReference } from '../sandbox/reference.js';
import type { Sandbox } from '../sandbox/service.js';
import { humanSize, relativeTime } from '../sandbox/units.js';
import { withSandboxErrors } from '../sandbox/userError.js';
import { encodeCustomId } from './customId.js';
import { registryCommands, registryComponents, registryHint } from './registry.js';
import {
  bullets,
  code,
  COLOR,
  COLOR_INVALID,
  imageChoices,
  jsonFile,
  nameOption,
  notesLink,
  referenceFields,
  sandboxOf,
  takeInspect,
  teach,
  when,
} from './sandboxCommon.js';
import { layersCommands } from './sandboxLayers.js';
import { storageCommands, storageComponents } from './sandboxStorage.js';
import {
  defineCommand,
  describe,
  OptionType,
  type Choice,
  type ComponentHandler,
  type InteractionContext,
} from './types.js';

export const IMAGES_PAGE_SIZE = 10;
export const IMAGES_ROUTE = 'sandbox.images';

declare module './types.js' {
  interface Services {
    /** Null when DOCKER_SANDBOX_HOST is unset: the sandbox commands then say the demo is off. */
    sandbox: Sandbox | null;
  }
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
        fields: [...referenceFields(ctx, result), ...registryHint(ctx, result), ...notes.fields],
      },
    ],
    buttons: notes.buttons,
  };
}

export const inspectCommand = defineCommand({
  data: {
    name: 'inspect',
    ...describe('sandbox.cmd.inspect'),
    options: [
      {
        type: OptionType.Subcommand,
        name: 'image',
        ...describe('sandbox.cmd.inspect.image'),
        options: [nameOption('sandbox.opt.imageName', 255)],
      },
      {
        type: OptionType.Subcommand,
        name: 'container',
        ...describe('sandbox.cmd.inspect.container'),
        options: [nameOption('sandbox.opt.containerName', 255)],
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
    if (args.subcommand !== 'container') return imageChoices(ctx, focused.value);
    const typed = focused.value.trim().toLowerCase();
    return containerNames(await sandbox.containers())
      .map((c) => ({ name: `${c.name} (${c.state})`, value: c.name }))
      .filter((c) => c.value.toLowerCase().includes(typed))
      .slice(0, 25);
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

export const sandboxCommands = [
  inspectCommand,
  imagesCommand,
  imagerefCommand,
  ...layersCommands,
  ...storageCommands,
  ...registryCommands,
];
export const sandboxComponents: ComponentHandler[] = [imagesPager, ...storageComponents, ...registryComponents];
export { NOTES_QUERIES };
