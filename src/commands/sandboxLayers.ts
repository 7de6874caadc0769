/**
 * /layers <image>: what `docker history` and `dive` show, read-only — one row per build step with its instruction,
 * size, whether it is empty and its diff id, the total, a bar chart of the sizes (largest marked), and the layers
 * other local images share; explained from the notes (layer, copy-on-write, build cache) through the knowledge base.
 */
import { UserError } from '../core/errors.js';
import type { EmbedField, Reply } from '../core/reply.js';
import type { ImageInspect } from '../sandbox/client.js';
import { imageRows, shortId } from '../sandbox/facts.js';
import { isValidImageName } from '../sandbox/guard.js';
import { layerFacts, layersJson, type LayerFacts } from '../sandbox/layers.js';
import type { Sandbox } from '../sandbox/service.js';
import { humanSize } from '../sandbox/units.js';
import { isSandboxError } from '../sandbox/errors.js';
import { withSandboxErrors } from '../sandbox/userError.js';
import { BAR_LIST_MAX_ROWS, renderBarList } from '../study/charts.js';
import { code, COLOR, imageChoices, jsonFile, notesLinks, sandboxOf, takeInspect } from './sandboxCommon.js';
import { defineCommand, describe, OptionType, type InteractionContext } from './types.js';

/** Other local images inspected for shared layers (one GET each); beyond this the reply says how many were left. */
export const MAX_COMPARED_IMAGES = 30;
/** Rows listed in the embed (the chart and the JSON attachment have up to BAR_LIST_MAX_ROWS / all). */
const MAX_ROWS = 25;

/** The other images' inspects, newest first, skipping any that vanished between the list and the inspect. */
async function otherImages(sandbox: Sandbox, selfId: string): Promise<{ inspected: ImageInspect[]; total: number }> {
  const rows = imageRows(await sandbox.images()).filter((r) => r.id !== selfId);
  const inspected: ImageInspect[] = [];
  for (const r of rows.slice(0, MAX_COMPARED_IMAGES)) {
    try {
      inspected.push(await sandbox.client.inspectImage(r.id));
    } catch (err) {
      if (!isSandboxError(err) || err.code !== 'notFound') throw err;
    }
  }
  return { inspected, total: rows.length };
}

export async function loadLayers(sandbox: Sandbox, name: string): Promise<LayerFacts> {
  return withSandboxErrors({ kind: 'image', name }, async () => {
    const info = await sandbox.client.inspectImage(name);
    const history = await sandbox.client.imageHistory(name);
    return layerFacts(name, info, history, await otherImages(sandbox, info.Id));
  });
}

function layersReply(ctx: InteractionContext, f: LayerFacts): Reply {
  const t = ctx.t;
  const size = (n: number) => humanSize(n, ctx.locale);
  const lines = f.rows.slice(0, MAX_ROWS).map((r, i) => {
    const what = r.empty
      ? t('sandbox.layers.emptyRow')
      : `${code(shortId(r.diffId ?? ''))}${i === f.largest ? ` ${t('sandbox.layers.largest')}` : ''}`;
    const row = t('sandbox.layers.row', { n: i + 1, instruction: code(r.createdBy || '?'), size: size(r.size), what });
    return r.sharedWith.length > 0
      ? `${row}\n\u3000↳ ${t('sandbox.layers.sharedRow', { images: r.sharedWith.slice(0, 3).join(', ') })}`
      : row;
  });
  if (f.rows.length > MAX_ROWS) lines.push(t('sandbox.more', { n: f.rows.length - MAX_ROWS }));
  const filled = f.rows.filter((r) => !r.empty).length;
  const sharedLayers = f.rows.filter((r) => r.sharedWith.length > 0);
  const sharedImages = new Set(sharedLayers.flatMap((r) => r.sharedWith));
  const sharedBytes = sharedLayers.reduce((sum, r) => sum + r.size, 0);
  const fields: EmbedField[] = [
    {
      name: t('sandbox.layers.total'),
      value: `${t('sandbox.layers.totalValue', { size: size(f.totalSize), layers: filled, steps: f.rows.length })}\n*${t('sandbox.layers.explain.empty')}*`,
    },
    {
      name: t('sandbox.layers.shared'),
      value: `${
        sharedLayers.length > 0
          ? t('sandbox.layers.sharedValue', {
              layers: sharedLayers.length,
              images: sharedImages.size,
              size: size(sharedBytes),
            })
          : t('sandbox.layers.sharedNone', { images: f.compared })
      }${f.others > f.compared ? `\n${t('sandbox.layers.comparedSome', { compared: f.compared, total: f.others })}` : ''}\n*${t('sandbox.layers.explain.shared')}*`,
    },
    { name: t('sandbox.layers.field.layer'), value: t('sandbox.layers.explain.layer') },
    { name: t('sandbox.layers.field.copyOnWrite'), value: t('sandbox.layers.explain.copyOnWrite') },
    { name: t('sandbox.layers.field.buildCache'), value: t('sandbox.layers.explain.buildCache') },
  ];
  const notes = notesLinks(ctx, ['layer', 'copyOnWrite', 'buildCache']);
  fields.push(...notes.fields);
  const chartName = `layers-${f.shortId}.png`;
  const chart = renderBarList(
    f.rows.map((r, i) => ({
      label: `${i + 1}. ${r.createdBy}`,
      value: r.size,
      valueLabel: r.empty ? `${size(0)} · ${t('sandbox.layers.chartEmpty')}` : size(r.size),
      highlight: i === f.largest,
    })),
    { title: t('sandbox.layers.chartTitle', { name: f.image }), highlight: t('sandbox.layers.chartLargest') },
  );
  return {
    embeds: [
      {
        title: t('sandbox.layers.title', { name: f.image }),
        description: `${t('sandbox.layers.intro', { name: f.image })}\n\n${lines.join('\n')}`,
        color: COLOR,
        fields,
        image: chartName,
        footer: f.rows.length > BAR_LIST_MAX_ROWS ? t('sandbox.layers.chartCut', { n: BAR_LIST_MAX_ROWS }) : undefined,
      },
    ],
    buttons: notes.buttons,
    files: [
      { name: chartName, data: chart, description: t('sandbox.layers.chartDescription') },
      jsonFile(`layers-${f.shortId}.json`, layersJson(f), t('sandbox.layers.jsonDescription')),
    ],
  };
}

export const layersCommand = defineCommand({
  data: {
    name: 'layers',
    ...describe('sandbox.cmd.layers'),
    options: [
      {
        type: OptionType.String,
        name: 'image',
        ...describe('sandbox.opt.imageName'),
        required: true,
        autocomplete: true,
        max_length: 255,
      },
    ],
  },
  async run(ctx, args) {
    const sandbox = sandboxOf(ctx);
    const name = args.image.trim();
    if (!isValidImageName(name)) throw new UserError('sandbox.error.badImageName', { name: name.slice(0, 100) });
    takeInspect(ctx, sandbox);
    return layersReply(ctx, await loadLayers(sandbox, name));
  },
  autocomplete(ctx, focused) {
    return focused.name === 'image' ? imageChoices(ctx, focused.value) : Promise.resolve([]);
  },
});

export const layersCommands = [layersCommand];
