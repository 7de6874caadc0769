/**
 * An image's layers as `docker history` and `dive` show them: one row per build step (oldest first, the base at the
 * top), each with the instruction that made it, its size, whether it is empty (metadata only: ENV, CMD…) and the diff
 * id of the filesystem layer it added (`RootFS.Layers`), plus which other local images hold the same layer.
 */
import type { HistoryEntry, ImageInspect } from './client.js';
import { shortId } from './facts.js';

export interface LayerRow {
  /** The instruction, shortened (`COPY file:ecef0dc313ca… in /a.txt`, `RUN apt-get …`). */
  createdBy: string;
  size: number;
  /** Metadata only: the step added no filesystem layer. */
  empty: boolean;
  /** The layer's diff id (`sha256:…` of its uncompressed tar), or null for an empty step. */
  diffId: string | null;
  /** Names of the other local images that hold this same layer (same diff id). */
  sharedWith: string[];
}

export interface LayerFacts {
  image: string;
  id: string;
  shortId: string;
  rows: LayerRow[];
  totalSize: number;
  /** Index in `rows` of the largest layer, or null when every step is empty. */
  largest: number | null;
  /** How many other local images were compared for shared layers, and how many there are. */
  compared: number;
  others: number;
}

/** Longest instruction shown in a row; the JSON and the embed get the same shortened text. */
export const MAX_INSTRUCTION = 80;

/** Dockerfile instructions that only change the image's config, never its filesystem. */
const METADATA_ONLY =
  /^(ENV|CMD|ENTRYPOINT|LABEL|EXPOSE|WORKDIR|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|MAINTAINER)\b/i;

/**
 * `/bin/sh -c #(nop)  ENV X=1` → `ENV X=1`; `/bin/sh -c apt-get update` → `RUN apt-get update`;
 * `|1 VERSION=2 /bin/sh -c make` (a RUN with build args) → `RUN make`; BuildKit's `RUN /bin/sh -c make # buildkit`
 * → `RUN make`; content hashes in `COPY file:<64 hex>` cut to 12; whitespace collapsed; at most MAX_INSTRUCTION.
 */
export function shortInstruction(createdBy: string): string {
  let s = createdBy.replace(/\s+/g, ' ').trim();
  s = s.replace(/\s*# buildkit$/, '');
  s = s.replace(/^\|\d+(?: \S+=\S*)* (?=\/bin\/sh -c )/, '');
  if (/^\/bin\/sh -c #\(nop\) /.test(s)) s = s.replace(/^\/bin\/sh -c #\(nop\) +/, '');
  else if (/^(?:RUN )?\/bin\/sh -c /.test(s)) s = `RUN ${s.replace(/^(?:RUN )?\/bin\/sh -c /, '')}`;
  s = s.replace(/\b(file|dir|multi):([a-f0-9]{12})[a-f0-9]{52}\b/g, '$1:$2…');
  s = s.trim();
  return s.length > MAX_INSTRUCTION ? `${[...s].slice(0, MAX_INSTRUCTION - 1).join('')}…` : s;
}

/**
 * Pairs the history (newest first, one entry per build step) with `RootFS.Layers` (oldest first, one per non-empty
 * step). The engine's history does not say which steps are empty, so: metadata-only instructions are empty; if that
 * does not account for every layer, steps with a size are the layers; the layers then go to the non-empty steps in
 * order, and steps left without one are shown as empty.
 */
function pairLayers(history: HistoryEntry[], layers: string[]): { entry: HistoryEntry; diffId: string | null }[] {
  const steps = [...history].reverse();
  const metadata = steps.map((e) => METADATA_ONLY.test(shortInstruction(e.CreatedBy ?? '')));
  let filled = steps.map((_, i) => !metadata[i]);
  if (filled.filter(Boolean).length !== layers.length) {
    const sized = steps.map((e) => (e.Size ?? 0) > 0);
    if (sized.filter(Boolean).length === layers.length) filled = sized;
  }
  let next = 0;
  return steps.map((entry, i) => {
    const diffId = filled[i] && next < layers.length ? (layers[next++] ?? null) : null;
    return { entry, diffId };
  });
}

/** The name a member knows an image by: its first tag, else its short id. */
export function imageLabel(image: { Id: string; RepoTags?: string[] | null }): string {
  const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
  return tag ?? shortId(image.Id);
}

export function layerFacts(
  name: string,
  info: ImageInspect,
  history: HistoryEntry[],
  /** The other local images inspected for shared layers, and how many local images there are besides this one. */
  others: { inspected: ImageInspect[]; total: number } = { inspected: [], total: 0 },
): LayerFacts {
  const layers = info.RootFS?.Layers ?? [];
  const holders = new Map<string, Set<string>>();
  const inspected = others.inspected.filter((image) => image.Id !== info.Id);
  for (const image of inspected) {
    for (const diffId of image.RootFS?.Layers ?? []) {
      const set = holders.get(diffId) ?? new Set<string>();
      set.add(imageLabel(image));
      holders.set(diffId, set);
    }
  }
  const rows: LayerRow[] = pairLayers(history, layers).map(({ entry, diffId }) => ({
    createdBy: shortInstruction(entry.CreatedBy ?? ''),
    size: Math.max(0, entry.Size ?? 0),
    empty: diffId === null,
    diffId,
    sharedWith: diffId === null ? [] : [...(holders.get(diffId) ?? [])].sort(),
  }));
  let largest: number | null = null;
  rows.forEach((r, i) => {
    if (r.size > 0 && (largest === null || r.size > (rows[largest]?.size ?? 0))) largest = i;
  });
  return {
    image: name,
    id: info.Id,
    shortId: shortId(info.Id),
    rows,
    totalSize: rows.reduce((sum, r) => sum + r.size, 0),
    largest,
    compared: inspected.length,
    others: Math.max(others.total, inspected.length),
  };
}

/** The CLI's `layers --json` shape (the issue's). */
export function layersJson(f: LayerFacts) {
  return {
    image: f.image,
    id: f.id,
    layers: f.rows.map((r) => ({ createdBy: r.createdBy, size: r.size, empty: r.empty, diffId: r.diffId })),
    totalSize: f.totalSize,
  };
}
