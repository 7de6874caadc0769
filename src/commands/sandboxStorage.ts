/**
 * /volumes, /volume <name>, /networks, /network <name>: the sandbox engine's persistent storage and networks,
 * read-only, each field explained and linked to the notes through the knowledge base. Mountpoints and host-path
 * labels arrive masked (src/sandbox/mask.ts), as in /inspect.
 */
import { UserError } from '../core/errors.js';
import type { EmbedField, Reply } from '../core/reply.js';
import { isValidNetworkName, isValidVolumeName } from '../sandbox/guard.js';
import { networkFacts, volumeFacts, type NetworkFacts, type VolumeFacts } from '../sandbox/storage.js';
import { withSandboxErrors } from '../sandbox/userError.js';
import {
  bullets,
  code,
  COLOR,
  jsonFile,
  nameOption,
  notesLink,
  sandboxOf,
  takeInspect,
  teach,
} from './sandboxCommon.js';
import { defineCommand, describe, type Choice, type ComponentHandler, type InteractionContext } from './types.js';

/** Rows of a list shown (the engine's lists are small on a sandbox; the rest are counted). */
const LIST_ROWS = 20;

const labelLines = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`);

/** /volumes and /networks: the first LIST_ROWS rows (the rest counted), what the list teaches, the notes' link. */
function listReply<F>(ctx: InteractionContext, kind: 'volume' | 'network', facts: F[], row: (f: F) => string): Reply {
  const t = ctx.t;
  const lines = facts.slice(0, LIST_ROWS).map(row);
  if (facts.length > LIST_ROWS) lines.push(t('sandbox.more', { n: facts.length - LIST_ROWS }));
  const notes = notesLink(ctx, kind);
  return {
    embeds: [
      {
        title: t(`sandbox.${kind}s.title`, { count: facts.length }),
        description: `${facts.length === 0 ? t(`sandbox.${kind}s.empty`) : lines.join('\n')}\n\n*${t(`sandbox.${kind}s.explain`)}*`,
        color: COLOR,
        fields: notes.fields,
        footer: t(`sandbox.${kind}s.footer`),
      },
    ],
    buttons: notes.buttons,
  };
}

function volumeFields(ctx: InteractionContext, f: VolumeFacts): EmbedField[] {
  const t = ctx.t;
  return [
    teach(ctx, t('sandbox.volume.field.driver'), code(f.driver || '?'), t('sandbox.volume.explain.driver'), true),
    teach(ctx, t('sandbox.volume.field.scope'), code(f.scope || '?'), t('sandbox.volume.explain.scope'), true),
    teach(
      ctx,
      t('sandbox.volume.field.mountpoint'),
      f.mountpoint ? code(f.mountpoint) : t('sandbox.none'),
      t('sandbox.volume.explain.mountpoint'),
    ),
    teach(ctx, t('sandbox.field.labels'), bullets(ctx, labelLines(f.labels)), t('sandbox.volume.explain.labels')),
    teach(ctx, t('sandbox.volume.field.usedBy'), bullets(ctx, f.usedBy), t('sandbox.volume.explain.usedBy')),
  ];
}

async function volumeReply(ctx: InteractionContext, name: string): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  if (!isValidVolumeName(name)) throw new UserError('sandbox.error.badResourceName', { name: name.slice(0, 100) });
  takeInspect(ctx, sandbox);
  const { info, containers } = await withSandboxErrors({ kind: 'volume', name }, async () => ({
    info: await sandbox.client.inspectVolume(name),
    containers: await sandbox.containers(),
  }));
  const f = volumeFacts(info, containers);
  const notes = notesLink(ctx, 'volume');
  return {
    embeds: [
      {
        title: ctx.t('sandbox.volume.title', { name: f.name }),
        description: ctx.t('sandbox.volume.intro', { name: f.name }),
        color: COLOR,
        fields: [...volumeFields(ctx, f), ...notes.fields],
      },
    ],
    buttons: notes.buttons,
    files: [jsonFile(`volume-${f.name}.json`, info, ctx.t('sandbox.json.description'))],
  };
}

async function volumesReply(ctx: InteractionContext): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  takeInspect(ctx, sandbox);
  const { volumes, containers } = await withSandboxErrors({ kind: 'list' }, async () => ({
    volumes: await sandbox.volumes(),
    containers: await sandbox.containers(),
  }));
  const t = ctx.t;
  const facts = volumes.map((v) => volumeFacts(v, containers)).sort((a, b) => a.name.localeCompare(b.name));
  return listReply(ctx, 'volume', facts, (f) =>
    t('sandbox.volumes.row', {
      name: code(f.name),
      driver: f.driver || '?',
      used: f.usedBy.length > 0 ? f.usedBy.join(', ') : t('sandbox.volumes.unused'),
    }),
  );
}

function subnetLines(f: NetworkFacts, t: InteractionContext['t']): string[] {
  return f.subnets.map((s) =>
    s.gateway ? t('sandbox.network.subnet', { subnet: s.subnet, gateway: s.gateway }) : s.subnet,
  );
}

async function networkReply(ctx: InteractionContext, name: string): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  if (!isValidNetworkName(name)) throw new UserError('sandbox.error.badResourceName', { name: name.slice(0, 100) });
  takeInspect(ctx, sandbox);
  const { info, containers } = await withSandboxErrors({ kind: 'network', name }, async () => ({
    info: await sandbox.client.inspectNetwork(name),
    containers: await sandbox.containers(),
  }));
  const f = networkFacts(info, containers);
  const t = ctx.t;
  const driverExplain = (['bridge', 'host', 'none', 'overlay', 'macvlan'] as const).find((d) => d === f.driver);
  const fields: EmbedField[] = [
    teach(ctx, t('sandbox.network.field.id'), code(f.shortId), t('sandbox.network.explain.id'), true),
    teach(
      ctx,
      t('sandbox.network.field.driver'),
      code(f.driver || '?'),
      driverExplain ? t(`sandbox.network.driver.${driverExplain}`) : t('sandbox.network.driver.other'),
      true,
    ),
    teach(ctx, t('sandbox.volume.field.scope'), code(f.scope || '?'), t('sandbox.network.explain.scope'), true),
    teach(
      ctx,
      t('sandbox.network.field.subnets'),
      bullets(ctx, subnetLines(f, t)),
      t('sandbox.network.explain.subnets'),
    ),
    teach(
      ctx,
      t('sandbox.network.field.internal'),
      f.internal ? t('sandbox.network.internalYes') : t('sandbox.network.internalNo'),
      t('sandbox.network.explain.internal'),
      true,
    ),
    teach(ctx, t('sandbox.field.labels'), bullets(ctx, labelLines(f.labels)), t('sandbox.network.explain.labels')),
    teach(
      ctx,
      t('sandbox.network.field.containers'),
      bullets(ctx, f.containers),
      t('sandbox.network.explain.containers'),
    ),
  ];
  const notes = notesLink(ctx, 'network');
  fields.push(...notes.fields);
  return {
    embeds: [
      {
        title: t('sandbox.network.title', { name: f.name }),
        description: t('sandbox.network.intro', { name: f.name }),
        color: COLOR,
        fields,
      },
    ],
    buttons: notes.buttons,
    files: [jsonFile(`network-${f.name}.json`, info, t('sandbox.json.description'))],
  };
}

async function networksReply(ctx: InteractionContext): Promise<Reply> {
  const sandbox = sandboxOf(ctx);
  takeInspect(ctx, sandbox);
  const { networks, containers } = await withSandboxErrors({ kind: 'list' }, async () => ({
    networks: await sandbox.networks(),
    containers: await sandbox.containers(),
  }));
  const t = ctx.t;
  const facts = networks.map((n) => networkFacts(n, containers)).sort((a, b) => a.name.localeCompare(b.name));
  return listReply(ctx, 'network', facts, (f) =>
    t('sandbox.networks.row', {
      name: code(f.name),
      driver: f.driver || '?',
      subnets: f.subnets.map((s) => s.subnet).join(', ') || '-',
      count: f.containers.length,
    }),
  );
}

async function choices(ctx: InteractionContext, kind: 'volume' | 'network', typed: string): Promise<Choice[]> {
  const sandbox = ctx.services.sandbox;
  if (!sandbox) return [];
  const names =
    kind === 'volume' ? (await sandbox.volumes()).map((v) => v.Name) : (await sandbox.networks()).map((n) => n.Name);
  const lower = typed.trim().toLowerCase();
  return names
    .filter((n) => n.toLowerCase().includes(lower))
    .sort()
    .slice(0, 25)
    .map((n) => ({ name: n, value: n }));
}

export const volumesCommand = defineCommand({
  data: { name: 'volumes', ...describe('sandbox.cmd.volumes') },
  run: (ctx) => volumesReply(ctx),
});

export const volumeCommand = defineCommand({
  data: { name: 'volume', ...describe('sandbox.cmd.volume'), options: [nameOption('sandbox.opt.volumeName', 128)] },
  run: (ctx, args) => volumeReply(ctx, args.name.trim()),
  autocomplete: (ctx, focused) => choices(ctx, 'volume', focused.value),
});

export const networksCommand = defineCommand({
  data: { name: 'networks', ...describe('sandbox.cmd.networks') },
  run: (ctx) => networksReply(ctx),
});

export const networkCommand = defineCommand({
  data: { name: 'network', ...describe('sandbox.cmd.network'), options: [nameOption('sandbox.opt.networkName', 128)] },
  run: (ctx, args) => networkReply(ctx, args.name.trim()),
  autocomplete: (ctx, focused) => choices(ctx, 'network', focused.value),
});

export const storageCommands = [volumesCommand, volumeCommand, networksCommand, networkCommand];
export const storageComponents: ComponentHandler[] = [];
