/**
 * Plain facts drawn from the engine's answers, for the teaching embeds and the CLI's JSON. No wording here:
 * handlers add the explanations from the message table.
 */
import type { ContainerInspect, ContainerSummary, ImageInspect, ImageSummary } from './client.js';

/** `sha256:2ac2c31395c8…` → `2ac2c31395c8` (the 12 characters `docker images` shows). */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export interface ImageFacts {
  id: string;
  shortId: string;
  repoTags: string[];
  repoDigests: string[];
  /** Milliseconds since the epoch, or null when the engine gave none. */
  created: number | null;
  size: number;
  architecture: string;
  os: string;
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  layers: string[];
}

const list = (v: unknown): string[] | null =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : null;

/** The latest instant a JavaScript Date can hold; beyond it formatting throws a RangeError. */
const MAX_DATE_MS = 8.64e15;

/** Engine times (seconds since the epoch, or an RFC 3339 string) in ms; null when absent, zero or out of range. */
function time(v: unknown): number | null {
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS ? ms : null;
}

export function imageFacts(info: ImageInspect): ImageFacts {
  const config = info.Config ?? ({} as Partial<ImageInspect['Config']>);
  return {
    id: info.Id,
    shortId: shortId(info.Id),
    repoTags: info.RepoTags ?? [],
    repoDigests: info.RepoDigests ?? [],
    created: time(info.Created),
    size: info.Size ?? 0,
    architecture: info.Architecture ?? '',
    os: info.Os ?? '',
    env: config.Env ?? [],
    cmd: list(config.Cmd),
    entrypoint: list(config.Entrypoint),
    workingDir: config.WorkingDir ?? '',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    labels: { ...(config.Labels ?? {}) },
    layers: info.RootFS?.Layers ?? [],
  };
}

/** The CLI's `inspect image --json` shape (the issue's). */
export function imageJson(f: ImageFacts) {
  return {
    id: f.id,
    repoTags: f.repoTags,
    created: f.created === null ? null : new Date(f.created).toISOString(),
    size: f.size,
    architecture: f.architecture,
    os: f.os,
    env: f.env,
    cmd: f.cmd,
    entrypoint: f.entrypoint,
    layers: f.layers,
  };
}

/** The container lifecycle stages the notes draw (their image: created → running ⇄ paused → exited, dead). */
export type LifecycleStage = 'created' | 'running' | 'paused' | 'exited' | 'dead';

/**
 * Which resources a stage holds. From the notes: images use Storage; Running uses CPU and Memory; Paused only
 * Memory; a container copies the image into its own disk space, so every stage keeps Storage until removed.
 */
export const STAGE_RESOURCES: Record<LifecycleStage, { cpu: boolean; memory: boolean; storage: boolean }> = {
  created: { cpu: false, memory: false, storage: true },
  running: { cpu: true, memory: true, storage: true },
  paused: { cpu: false, memory: true, storage: true },
  exited: { cpu: false, memory: false, storage: true },
  dead: { cpu: false, memory: false, storage: true },
};

/** Docker's State.Status onto the notes' stages (`restarting` is on its way to running, `removing` has stopped). */
export function lifecycleStage(status: string): LifecycleStage | null {
  switch (status) {
    case 'created':
    case 'running':
    case 'paused':
    case 'exited':
    case 'dead':
      return status;
    case 'restarting':
      return 'running';
    case 'removing':
      return 'exited';
    default:
      return null;
  }
}

export interface ContainerFacts {
  id: string;
  shortId: string;
  name: string;
  status: string;
  stage: LifecycleStage | null;
  image: string;
  imageId: string;
  created: number | null;
  mounts: { type: string; source: string; destination: string; readOnly: boolean }[];
  ports: string[];
}

export function containerFacts(info: ContainerInspect): ContainerFacts {
  const status = info.State?.Status ?? 'unknown';
  const ports = Object.entries(info.NetworkSettings?.Ports ?? info.HostConfig?.PortBindings ?? {}).map(
    ([port, bindings]) => {
      const hosts = ((bindings as { HostIp?: string; HostPort?: string }[] | null) ?? []).map(
        (b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort ?? ''}`,
      );
      return hosts.length > 0 ? `${hosts.join(', ')} → ${port}` : port;
    },
  );
  return {
    id: info.Id,
    shortId: shortId(info.Id),
    name: (info.Name ?? '').replace(/^\//, ''),
    status,
    stage: lifecycleStage(status),
    image: info.Config?.Image ?? '',
    imageId: info.Image ?? '',
    created: time(info.Created),
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type ?? '',
      // A bind mount's source is a host path: not shown (the host is not the lesson).
      source: m.Type === 'bind' ? '' : (m.Name ?? ''),
      destination: m.Destination ?? '',
      readOnly: m.RW === false,
    })),
    ports,
  };
}

export interface ImageRow {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  created: number | null;
}

/** Newest first, as `docker images` lists them. */
export function imageRows(images: ImageSummary[]): ImageRow[] {
  return images
    .map((i) => ({
      id: i.Id,
      shortId: shortId(i.Id),
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size ?? 0,
      created: time(i.Created),
    }))
    .sort((a, b) => (b.created ?? 0) - (a.created ?? 0) || a.id.localeCompare(b.id));
}

/** The CLI's `images --json` rows. */
export function imageRowJson(r: ImageRow) {
  return {
    id: r.id,
    repoTags: r.repoTags,
    size: r.size,
    created: r.created === null ? null : new Date(r.created).toISOString(),
  };
}

/** Names a member can type for `/inspect container`: names without the leading `/`, then short ids. */
export function containerNames(containers: ContainerSummary[]): { name: string; id: string; state: string }[] {
  return containers.map((c) => ({
    name: (c.Names?.[0] ?? '').replace(/^\//, '') || shortId(c.Id),
    id: shortId(c.Id),
    state: c.State ?? '',
  }));
}
