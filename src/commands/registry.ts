/**
 * /registry: the configured Docker/OCI registry, read-only. Without a reference it lists the repositories (paged,
 * with buttons) and their tags; with one it follows the notes' naming rule `${registry}/${project}/${image}:${tag}`
 * step by step: which part is which, the digest the tag points to, the platforms of a multi-platform image, the
 * layers with their sizes, and whether the sandbox engine's image of that name has the same digest.
 */
import { UserError } from '../core/errors.js';
import type { EmbedField, Reply } from '../core/reply.js';
import { isSandboxError } from '../sandbox/errors.js';
import { shortId } from '../sandbox/facts.js';
import { parseReference, type ParsedReference } from '../sandbox/reference.js';
import {
  compareLocal,
  locate,
  MEDIA_TYPES,
  platformName,
  resolve,
  resolutionJson,
  type LocalMatch,
  type RegistryService,
  type Resolution,
} from '../sandbox/registry.js';
import { humanSize } from '../sandbox/units.js';
import { withSandboxErrors } from '../sandbox/userError.js';
import { encodeCustomId } from './customId.js';
import { bullets, code, COLOR, jsonFile, notesLinks, referenceFields, takeInspect } from './sandboxCommon.js';
import { defineCommand, describe, OptionType, type ComponentHandler, type InteractionContext } from './types.js';

declare module './types.js' {
  interface Services {
    /** Null when SANDBOX_REGISTRY_URL is unset: /registry then says it is off. */
    registry?: RegistryService | null;
  }
}

export const REGISTRY_ROUTE = 'sandbox.registry';
/** Tags shown per repository in the list. */
const TAGS_SHOWN = 5;
/** Layers listed in the embed (all of them are in the JSON attachment). */
const LAYERS_SHOWN = 15;

function registryOf(ctx: InteractionContext): RegistryService {
  const registry = ctx.services.registry ?? null;
  if (!registry) throw new UserError('sandbox.registry.off');
  return registry;
}

const shortDigest = (d: string) => `${d.slice(0, d.indexOf(':') + 13)}…`;

async function catalogReply(ctx: InteractionContext, registry: RegistryService, page: number): Promise<Reply> {
  const t = ctx.t;
  const listed = await withSandboxErrors({ kind: 'registry', name: registry.host }, () => registry.catalogPage(page));
  const tags = await withSandboxErrors({ kind: 'registry', name: registry.host }, () =>
    Promise.all(
      listed.repositories.map((repo) =>
        registry.client.tags(repo).catch((err: unknown) => {
          if (isSandboxError(err) && err.code === 'notFound') return { tags: [], more: false };
          throw err;
        }),
      ),
    ),
  );
  const lines = listed.repositories.map((repo, i) => {
    const list = tags[i] ?? { tags: [], more: false };
    const shown = list.tags.slice(0, TAGS_SHOWN).map(code).join(', ') || t('sandbox.registry.noTags');
    const more = list.tags.length > TAGS_SHOWN || list.more ? ` ${t('sandbox.registry.moreTags')}` : '';
    return `• **${repo}** — ${shown}${more}`;
  });
  const example = listed.repositories[0];
  const exampleTag = tags[0]?.tags[0];
  const reply: Reply = {
    embeds: [
      {
        title: t('sandbox.registry.listTitle', { host: registry.host }),
        description:
          lines.length === 0
            ? t('sandbox.registry.listEmpty')
            : `${lines.join('\n')}\n\n*${t('sandbox.registry.listExplain')}*${
                example
                  ? `\n${t('sandbox.registry.listTry', { command: `/registry ${registry.host}/${example}${exampleTag ? `:${exampleTag}` : ''}` })}`
                  : ''
              }`,
        color: COLOR,
        footer: t('sandbox.registry.listFooter', { page: listed.page + 1 }),
      },
    ],
  };
  if (listed.page > 0 || listed.hasNext) {
    reply.buttons = [
      [
        {
          customId: encodeCustomId(REGISTRY_ROUTE, listed.page - 1),
          label: t('common.previous'),
          disabled: listed.page === 0,
        },
        {
          customId: encodeCustomId(REGISTRY_ROUTE, listed.page + 1),
          label: t('common.next'),
          disabled: !listed.hasNext,
        },
      ],
    ];
  }
  return reply;
}

/** The parsed reference as this registry reads it: its host for a reference without one, no `library/` off Hub. */
function asRead(r: ParsedReference, host: string, repository: string): ParsedReference {
  const parts = repository.split('/');
  const project = parts.length > 1 ? parts.slice(0, -1).join('/') : null;
  return {
    ...r,
    registry: host,
    project,
    defaulted: { ...r.defaulted, project: r.defaulted.project && project !== null },
  };
}

/** The name the engine would give the registry's image once pulled (a digest-only reference: `:latest`). */
const localName = (res: Resolution) => `${res.registry}/${res.repository}:${res.tag ?? 'latest'}`;

/** The engine's image of that name (or with the registry's config digest as its id), when a sandbox is set. */
async function localMatch(ctx: InteractionContext, res: Resolution): Promise<LocalMatch | 'noEngine' | 'engineError'> {
  const sandbox = ctx.services.sandbox;
  if (!sandbox) return 'noEngine';
  const name = localName(res);
  const find = async (ref: string) => {
    try {
      return await sandbox.client.inspectImage(ref);
    } catch (err) {
      if (isSandboxError(err) && (err.code === 'notFound' || err.code === 'badName')) return null;
      throw err;
    }
  };
  try {
    const byName = res.tag ? await find(name) : null;
    if (byName) return compareLocal(res, byName, name);
    const byId = res.config ? await find(res.config.digest) : null;
    if (byId) {
      const label = (byId.RepoTags ?? [])[0] ?? res.config?.digest ?? '';
      return compareLocal(res, byId, label);
    }
    return { state: 'absent' };
  } catch {
    return 'engineError';
  }
}

function localField(ctx: InteractionContext, res: Resolution, match: LocalMatch | 'noEngine' | 'engineError') {
  const t = ctx.t;
  const name = localName(res);
  let value: string;
  if (match === 'noEngine') value = t('sandbox.registry.local.noEngine');
  else if (match === 'engineError') value = t('sandbox.registry.local.engineError');
  else if (match.state === 'absent') value = t('sandbox.registry.local.absent', { name: code(name) });
  else if (match.state === 'same') value = t('sandbox.registry.local.same', { name: code(match.image) });
  else if (match.state === 'sameImage') value = t('sandbox.registry.local.sameImage', { name: code(match.image) });
  else
    value = t('sandbox.registry.local.different', {
      name: code(match.image),
      local: match.localDigests.map((d) => code(shortDigest(d))).join(', ') || t('sandbox.none'),
    });
  return { name: t('sandbox.registry.step.local'), value: `${value}\n*${t('sandbox.registry.explain.local')}*` };
}

const MEDIA_NAMES: Record<string, string> = {
  [MEDIA_TYPES.ociIndex]: 'OCI image index',
  [MEDIA_TYPES.ociManifest]: 'OCI image manifest',
  [MEDIA_TYPES.dockerList]: 'Docker manifest list',
  [MEDIA_TYPES.dockerManifest]: 'Docker image manifest v2',
};

function resolutionReply(
  ctx: InteractionContext,
  input: string,
  read: ParsedReference,
  res: Resolution,
  match: LocalMatch | 'noEngine' | 'engineError',
): Reply {
  const t = ctx.t;
  const size = (n: number) => humanSize(n, ctx.locale);
  const canonical = `${res.registry}/${res.repository}${res.tag ? `:${res.tag}` : ''}`;
  const multi = res.chosen !== null;
  const fields: EmbedField[] = [...referenceFields(ctx, read)];
  fields.push({
    name: t('sandbox.registry.step.digest'),
    value: `${code(res.tag ?? res.digest)} → ${code(res.digest)}\n${t('sandbox.registry.mediaType', {
      type: code(res.mediaType),
      name: MEDIA_NAMES[res.mediaType] ?? res.mediaType,
    })}\n*${t('sandbox.registry.explain.digest')}*`,
  });
  if (multi) {
    const rows = res.platforms.map((p) => {
      const mark = p.digest === res.chosen?.digest ? ` ${t('sandbox.registry.chosen')}` : '';
      return `${platformName(p)} → ${shortDigest(p.digest)}${mark}`;
    });
    fields.push({
      name: t('sandbox.registry.step.platforms', { count: res.platforms.length }),
      value: `${bullets(ctx, rows)}\n*${t('sandbox.registry.explain.platforms')}*`,
    });
  } else {
    const p = res.platforms[0];
    fields.push({
      name: t('sandbox.registry.step.platform'),
      value: `${p ? code(platformName(p)) : t('sandbox.none')}\n*${t('sandbox.registry.explain.platform')}*`,
    });
  }
  const total = res.layers.reduce((sum, l) => sum + l.size, 0);
  const layerLines = res.layers
    .slice(0, LAYERS_SHOWN)
    .map((l, i) => `${i + 1}. ${code(shortDigest(l.digest))} · ${size(l.size)}`);
  if (res.layers.length > LAYERS_SHOWN) layerLines.push(t('sandbox.more', { n: res.layers.length - LAYERS_SHOWN }));
  fields.push({
    name: t('sandbox.registry.step.layers', { count: res.layers.length, size: size(total) }),
    value: `${layerLines.join('\n') || t('sandbox.none')}\n*${t('sandbox.registry.explain.layers')}*`,
  });
  fields.push({
    name: t('sandbox.registry.step.config'),
    value: res.config
      ? `${t('sandbox.registry.configValue', { id: code(shortId(res.config.digest)) })}\n*${t('sandbox.registry.explain.config')}*`
      : t('sandbox.registry.configMissing', {
          reason: res.configError === 'redirect' ? t('sandbox.registry.configRedirect') : code(res.configError ?? '?'),
        }),
  });
  fields.push(localField(ctx, res, match));
  const notes = notesLinks(ctx, ['naming', 'registry']);
  fields.push(...notes.fields);
  return {
    embeds: [
      {
        title: t('sandbox.registry.title', { input }),
        description: `${t('sandbox.ref.rule')}\n\n**${t('sandbox.ref.canonical')}:** ${code(canonical)}\n${t('sandbox.registry.intro', { host: res.registry })}`,
        color: COLOR,
        fields,
      },
    ],
    buttons: notes.buttons,
    files: [jsonFile('registry.json', resolutionJson(res), t('sandbox.registry.jsonDescription'))],
  };
}

/** Parses, locates and resolves a reference in the configured registry (shared with the CLI). */
export async function resolveReference(
  registry: RegistryService,
  input: string,
  t: InteractionContext['t'],
): Promise<{ read: ParsedReference; res: Resolution }> {
  const parsed = parseReference(input);
  if (!parsed.valid) {
    throw new UserError('sandbox.registry.error.badReference', {
      input: input.slice(0, 100),
      reason: t(`sandbox.ref.error.${parsed.code}`, { part: parsed.part }),
    });
  }
  const target = locate(parsed, registry.host);
  if (!target) {
    throw new UserError('sandbox.registry.error.otherRegistry', { registry: parsed.registry, host: registry.host });
  }
  const res = await withSandboxErrors({ kind: 'registry', name: parsed.input.trim() }, () =>
    resolve(registry.client, target),
  );
  return { read: asRead(parsed, registry.host, target.repository), res };
}

/** For /imageref: where this reference can be looked up with /registry, when a registry is configured. */
export function registryHint(ctx: InteractionContext, parsed: ParsedReference): EmbedField[] {
  const registry = ctx.services.registry ?? null;
  if (!registry) return [];
  const target = locate(parsed, registry.host);
  const value = target
    ? ctx.t('sandbox.registry.hint', {
        command: `/registry ${registry.host}/${target.repository}${target.tag ? `:${target.tag}` : ''}${target.digest ? `@${target.digest}` : ''}`,
      })
    : ctx.t('sandbox.registry.hintOther', { host: registry.host });
  return [{ name: ctx.t('sandbox.registry.hintField'), value }];
}

export const registryCommand = defineCommand({
  data: {
    name: 'registry',
    ...describe('sandbox.cmd.registry'),
    options: [
      {
        type: OptionType.String,
        name: 'reference',
        ...describe('sandbox.opt.registryReference'),
        required: false,
        max_length: 600,
      },
    ],
  },
  async run(ctx, args) {
    const registry = registryOf(ctx);
    const input = args.reference?.trim();
    if (!input) {
      takeInspect(ctx, registry);
      return catalogReply(ctx, registry, 0);
    }
    // The reference is checked before the rate limit counts: a typo costs nothing.
    const parsed = parseReference(input);
    if (parsed.valid && !locate(parsed, registry.host)) {
      throw new UserError('sandbox.registry.error.otherRegistry', { registry: parsed.registry, host: registry.host });
    }
    if (parsed.valid) takeInspect(ctx, registry);
    const { read, res } = await resolveReference(registry, input, ctx.t);
    return resolutionReply(ctx, input, read, res, await localMatch(ctx, res));
  },
});

export const registryPager: ComponentHandler = {
  route: REGISTRY_ROUTE,
  async run(ctx, payload) {
    const page = Number(payload[0]);
    if (!Number.isInteger(page)) throw new UserError('error.unknownComponent');
    const registry = registryOf(ctx);
    takeInspect(ctx, registry);
    return { ...(await catalogReply(ctx, registry, page)), update: true };
  },
};

export const registryCommands = [registryCommand];
export const registryComponents: ComponentHandler[] = [registryPager];
