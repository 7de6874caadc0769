/**
 * A read-only Registry HTTP API v2 client (Docker Hub, Harbor, a local `registry:2`), on the bounded GET of
 * registryHttp.ts: `GET /v2/`, `/v2/_catalog` (paged by `n` and `last`, following the `Link` header),
 * `/v2/<name>/tags/list`, `/v2/<name>/manifests/<ref>` and the config blob. Every answer's shape is checked
 * (zod), every name put in a URL is checked against the reference grammar first, and a manifest must come with one
 * of the four manifest media types. Nothing here writes: the client has no method that sends anything but GET.
 */
import { z } from 'zod';
import type { Clock } from '../core/context.js';
import { SandboxError } from './errors.js';
import { RateLimiter } from './rateLimit.js';
import { isValidDigest, isValidRepository, isValidTag, type ParsedReference } from './reference.js';
import {
  createRegistryHttp,
  parseJsonBody,
  safePart,
  sha256Digest,
  type RegistryCredentials,
  type RegistryHttp,
  type RegistryResponse,
} from './registryHttp.js';
import { INSPECTS_PER_MINUTE, LIST_CACHE_MS } from './service.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;
const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES);
const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const CONFIG_ACCEPT = ['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json'];

export const CATALOG_PAGE_SIZE = 10;
/** Pages of the catalog walked at most (10 a page: 500 repositories). */
export const MAX_CATALOG_PAGES = 50;
/** Tags read per repository (the first page of `tags/list`). */
export const MAX_TAGS = 100;

const digest = z.string().refine(isValidDigest);
const descriptor = z.object({ mediaType: z.string().max(255).nullish(), digest, size: z.number().int().nonnegative() });
const platform = z.object({
  os: z.string().max(64),
  architecture: z.string().max(64),
  variant: z.string().max(64).nullish(),
});
const indexShape = z.object({
  mediaType: z.string().nullish(),
  manifests: z.array(descriptor.extend({ platform: platform.nullish() })).max(1000),
});
const manifestShape = z.object({
  mediaType: z.string().nullish(),
  config: descriptor,
  layers: z.array(descriptor).max(1000),
});
const configShape = z.object({
  os: z.string().max(64).nullish(),
  architecture: z.string().max(64).nullish(),
  variant: z.string().max(64).nullish(),
  created: z.string().max(64).nullish(),
  rootfs: z.object({ diff_ids: z.array(z.string().max(200)).max(1000).nullish() }).nullish(),
});
const catalogShape = z.object({ repositories: z.array(z.string()).nullish() });
const tagsShape = z.object({ name: z.string().nullish(), tags: z.array(z.string()).nullish() });

export interface Platform {
  os: string;
  architecture: string;
  variant: string | null;
  /** The platform's own manifest. */
  digest: string;
  size: number;
}

/** `linux/arm64/v8`: os, architecture and the variant when there is one. */
export function platformName(p: { os: string; architecture: string; variant?: string | null | undefined }): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

export interface RegistryLayer {
  digest: string;
  size: number;
  mediaType: string;
}

export interface Resolution {
  /** The registry host as references name it (`127.0.0.1:5000`, `docker.io`). */
  registry: string;
  repository: string;
  tag: string | null;
  /** The digest the tag points to: sha256 of the manifest (or index) bytes as the registry served them. */
  digest: string;
  mediaType: string;
  /** For a multi-platform index: its platforms (attestations left out); else the image's one platform, if known. */
  platforms: Platform[];
  /** The platform whose layers are listed (an index's linux/amd64, else its first), or null for a single image. */
  chosen: Platform | null;
  layers: RegistryLayer[];
  /** The image config: its digest is the image id an engine shows after a pull. */
  config: { digest: string; os: string; architecture: string; created: string | null; diffIds: string[] } | null;
  /** Why the config blob could not be read (e.g. its blob store redirects to another host), or null. */
  configError: SandboxError['code'] | null;
}

const first = (header: string | null) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function statusError(res: RegistryResponse): SandboxError {
  if (res.status === 401 || res.status === 403) return new SandboxError('unauthorized', `HTTP ${res.status}`);
  if (res.status === 404) return new SandboxError('notFound', 'HTTP 404');
  return new SandboxError('engine', `HTTP ${res.status}`);
}

function check<T>(shape: z.ZodType<T>, value: unknown): T {
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw new SandboxError('badResponse', 'unexpected shape');
  return parsed.data;
}

/** The `next` link of a paged answer, as the `last` cursor, when it stays on this endpoint. */
function nextCursor(res: RegistryResponse, endpoint: string): string | null {
  const link = res.headers.get('link');
  if (!link) return null;
  const m = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(link.slice(0, 2048));
  if (!m) return null;
  try {
    const next = new URL(m[1] ?? '', res.url);
    if (next.origin !== res.url.origin || !next.pathname.endsWith(endpoint)) return null;
    return next.searchParams.get('last');
  } catch {
    return null;
  }
}

export interface RegistryClient {
  /** The registry host as references name it. */
  readonly host: string;
  ping(): Promise<void>;
  /** One page of repository names, and the cursor of the next page (null on the last). */
  catalog(n: number, last?: string | null): Promise<{ repositories: string[]; next: string | null }>;
  tags(repository: string): Promise<{ tags: string[]; more: boolean }>;
  manifest(
    repository: string,
    ref: string,
  ): Promise<{ mediaType: string; digest: string; json: unknown; size: number }>;
  configBlob(repository: string, digest: string): Promise<unknown>;
}

/** `https://registry-1.docker.io` is `docker.io` in a reference; any other registry is its host[:port]. */
export function referenceHost(base: URL): string {
  return /^(registry-1|index)\.docker\.io$/.test(base.hostname) ? 'docker.io' : base.host;
}

export function createRegistryClient(http: RegistryHttp): RegistryClient {
  const repoPath = (repository: string) => {
    if (!isValidRepository(repository)) throw new SandboxError('badName', 'repository');
    return `/v2/${repository}`;
  };
  const pull = (repository: string) => `repository:${repository}:pull`;
  return {
    host: referenceHost(http.base),
    async ping() {
      const res = await http.get('/v2/');
      if (res.status !== 200) throw statusError(res);
    },
    async catalog(n, last) {
      const query = new URLSearchParams({ n: String(n) });
      if (last) query.set('last', last);
      const res = await http.get(`/v2/_catalog?${query.toString()}`, { scope: 'registry:catalog:*' });
      if (res.status !== 200) throw statusError(res);
      const json = check(catalogShape, parseJsonBody(res.body));
      // Names from the registry go into later URLs and buttons: only valid repository paths are kept.
      const repositories = (json.repositories ?? []).filter(isValidRepository).slice(0, Math.max(n, 1));
      return { repositories, next: nextCursor(res, '/_catalog') };
    },
    async tags(repository) {
      const res = await http.get(`${repoPath(repository)}/tags/list?n=${MAX_TAGS}`, { scope: pull(repository) });
      if (res.status !== 200) throw statusError(res);
      const json = check(tagsShape, parseJsonBody(res.body));
      const tags = (json.tags ?? []).filter(isValidTag);
      return { tags: tags.slice(0, MAX_TAGS), more: tags.length > MAX_TAGS || nextCursor(res, '/tags/list') !== null };
    },
    async manifest(repository, ref) {
      if (!isValidTag(ref) && !isValidDigest(ref)) throw new SandboxError('badName', 'reference');
      const res = await http.get(`${repoPath(repository)}/manifests/${ref}`, {
        accept: MANIFEST_ACCEPT,
        scope: pull(repository),
      });
      if (res.status !== 200) throw statusError(res);
      const mediaType = first(res.headers.get('content-type'));
      if (!(MANIFEST_ACCEPT as string[]).includes(mediaType)) {
        throw new SandboxError('mediaType', mediaType, { part: safePart(mediaType || '(none)') });
      }
      const json = parseJsonBody(res.body);
      const declared = (json as { mediaType?: unknown } | null)?.mediaType;
      if (typeof declared === 'string' && declared !== mediaType) {
        throw new SandboxError('mediaType', declared, { part: safePart(declared) });
      }
      const computed = sha256Digest(res.body);
      // A pinned digest must be what came back (the registry could serve anything under any name).
      if (isValidDigest(ref) && ref.startsWith('sha256:') && ref !== computed) {
        throw new SandboxError('badResponse', 'digest mismatch');
      }
      return { mediaType, digest: computed, json, size: res.body.length };
    },
    async configBlob(repository, configDigest) {
      if (!isValidDigest(configDigest)) throw new SandboxError('badName', 'digest');
      const res = await http.get(`${repoPath(repository)}/blobs/${configDigest}`, {
        accept: CONFIG_ACCEPT,
        scope: pull(repository),
      });
      if (res.status !== 200) throw statusError(res);
      if (configDigest.startsWith('sha256:') && sha256Digest(res.body) !== configDigest) {
        throw new SandboxError('badResponse', 'digest mismatch');
      }
      return parseJsonBody(res.body);
    },
  };
}

/**
 * Where a reference points in this registry: the repository path as the registry's API takes it and the tag or
 * digest. A reference without a registry host is read against the configured registry (`study/app:1` →
 * `<registry>/study/app:1`, without Docker Hub's `library/`, unless the registry is Docker Hub). A reference that
 * names another registry is refused: the bot reads only the one its owner configured.
 */
export function locate(
  ref: ParsedReference,
  host: string,
): { repository: string; tag: string | null; digest: string | null } | null {
  if (!ref.defaulted.registry && ref.registry !== host) return null;
  const official = ref.defaulted.project && host !== 'docker.io';
  const path = [...(ref.project !== null && !official ? [ref.project] : []), ref.image].join('/');
  return { repository: path, tag: ref.tag, digest: ref.digest };
}

const PREFERRED = { os: 'linux', architecture: 'amd64' };

/** Follows a reference step by step: the manifest (or index), the platform's manifest, its layers and config. */
export async function resolve(
  client: RegistryClient,
  target: { repository: string; tag: string | null; digest: string | null },
): Promise<Resolution> {
  const ref = target.digest ?? target.tag ?? 'latest';
  const top = await client.manifest(target.repository, ref);
  let platforms: Platform[] = [];
  let chosen: Platform | null = null;
  let manifest = top;
  if (INDEX_TYPES.has(top.mediaType)) {
    const index = check(indexShape, top.json);
    platforms = index.manifests
      .filter((m) => m.platform && m.platform.os !== 'unknown' && m.platform.architecture !== 'unknown')
      .map((m) => ({
        os: m.platform?.os ?? '',
        architecture: m.platform?.architecture ?? '',
        variant: m.platform?.variant ?? null,
        digest: m.digest,
        size: m.size,
      }));
    chosen =
      platforms.find((p) => p.os === PREFERRED.os && p.architecture === PREFERRED.architecture) ?? platforms[0] ?? null;
    if (!chosen) throw new SandboxError('badResponse', 'index without platforms');
    manifest = await client.manifest(target.repository, chosen.digest);
    if (INDEX_TYPES.has(manifest.mediaType)) throw new SandboxError('badResponse', 'nested index');
  }
  const m = check(manifestShape, manifest.json);
  const layers = m.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType ?? '' }));
  let config: Resolution['config'] = null;
  let configError: Resolution['configError'] = null;
  try {
    const c = check(configShape, await client.configBlob(target.repository, m.config.digest));
    config = {
      digest: m.config.digest,
      os: c.os ?? '',
      architecture: c.architecture ?? '',
      created: c.created ?? null,
      diffIds: c.rootfs?.diff_ids ?? [],
    };
    if (platforms.length === 0 && config.os && config.architecture) {
      platforms = [
        {
          os: config.os,
          architecture: config.architecture,
          variant: c.variant ?? null,
          digest: top.digest,
          size: top.size,
        },
      ];
    }
  } catch (err) {
    // The config is a detail of the answer: a registry whose blob store sits on another host (Docker Hub's CDN)
    // still shows the manifest's digest, platforms and layers.
    if (!(err instanceof SandboxError)) throw err;
    configError = err.code;
  }
  return {
    registry: client.host,
    repository: target.repository,
    tag: target.digest ? null : target.tag,
    digest: top.digest,
    mediaType: top.mediaType,
    platforms,
    chosen,
    layers,
    config,
    configError,
  };
}

/** The CLI's `registry <reference> --json` shape (the issue's). */
export function resolutionJson(r: Resolution) {
  return {
    registry: r.registry,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    mediaType: r.mediaType,
    platforms: r.platforms.map((p) => ({
      os: p.os,
      architecture: p.architecture,
      ...(p.variant ? { variant: p.variant } : {}),
      digest: p.digest,
    })),
    layers: r.layers,
  };
}

/** How the local engine's image compares with the registry's. */
export type LocalMatch =
  | { state: 'same'; image: string }
  | { state: 'sameImage'; image: string }
  | { state: 'different'; image: string; localDigests: string[] }
  | { state: 'absent' };

/**
 * `same`: the local image's RepoDigests hold the registry's digest (the tag's manifest or the chosen platform's);
 * `sameImage`: the local image id is the registry's config digest (same image, pushed or pulled under another
 * manifest: another compression or another name); `different`: the local image of that name is another image.
 */
export function compareLocal(
  r: Resolution,
  local: { Id: string; RepoDigests?: string[] | null } | null,
  name: string,
): LocalMatch {
  if (!local) return { state: 'absent' };
  const digests = (local.RepoDigests ?? []).map((d) => d.slice(d.lastIndexOf('@') + 1));
  const wanted = new Set([r.digest, ...(r.chosen ? [r.chosen.digest] : [])]);
  if (digests.some((d) => wanted.has(d))) return { state: 'same', image: name };
  const id = local.Id.startsWith('sha256:') ? local.Id : `sha256:${local.Id}`;
  if (r.config && r.config.digest === id) return { state: 'sameImage', image: name };
  return { state: 'different', image: name, localDigests: [...new Set(digests)].slice(0, 3) };
}

export interface RegistryService {
  client: RegistryClient;
  /** The registry host as references name it (what `/imageref` and `/registry` show). */
  readonly host: string;
  limiter: RateLimiter;
  /** One page (0-based) of the catalog, walked with the `Link` cursor; cursors and pages are kept LIST_CACHE_MS. */
  catalogPage(page: number): Promise<{ repositories: string[]; page: number; hasNext: boolean }>;
}

export function createRegistryService(
  http: RegistryHttp,
  opts: { clock: Clock; limit?: number; windowMs?: number; cacheMs?: number },
): RegistryService {
  const client = createRegistryClient(http);
  const ttl = opts.cacheMs ?? LIST_CACHE_MS;
  let pages: { at: number; list: { repositories: string[]; next: string | null }[] } = { at: -Infinity, list: [] };
  return {
    client,
    host: client.host,
    limiter: new RateLimiter(opts.clock, opts.limit ?? INSPECTS_PER_MINUTE, opts.windowMs ?? 60_000),
    async catalogPage(page) {
      const now = opts.clock.now();
      if (now - pages.at >= ttl) pages = { at: now, list: [] };
      const want = Math.min(Math.max(0, page), MAX_CATALOG_PAGES - 1);
      const list = pages.list;
      while (list.length <= want) {
        const prev = list[list.length - 1];
        if (prev && prev.next === null) break;
        list.push(await client.catalog(CATALOG_PAGE_SIZE, prev?.next ?? null));
      }
      const p = Math.min(want, list.length - 1);
      const entry = list[p] ?? { repositories: [], next: null };
      return { repositories: entry.repositories, page: p, hasNext: entry.next !== null && p < MAX_CATALOG_PAGES - 1 };
    },
  };
}

/** The app's registry, or null when `SANDBOX_REGISTRY_URL` is unset. */
export function registryFromConfig(
  config: {
    SANDBOX_REGISTRY_URL?: string | undefined;
    SANDBOX_REGISTRY_USERNAME?: string | undefined;
    SANDBOX_REGISTRY_PASSWORD?: string | undefined;
    SANDBOX_REGISTRY_TOKEN?: string | undefined;
    DOCKER_SANDBOX_TIMEOUT_MS?: number | undefined;
  },
  opts: {
    clock: Clock;
    onRequest?: (method: string, url: string) => void;
    maxResponseBytes?: number;
    timeoutMs?: number;
    /** Lookups per member per minute (default INSPECTS_PER_MINUTE). */
    limit?: number;
  },
): RegistryService | null {
  if (!config.SANDBOX_REGISTRY_URL) return null;
  const credentials: RegistryCredentials = {
    username: config.SANDBOX_REGISTRY_USERNAME,
    password: config.SANDBOX_REGISTRY_PASSWORD,
    token: config.SANDBOX_REGISTRY_TOKEN,
  };
  const http = createRegistryHttp({
    baseUrl: config.SANDBOX_REGISTRY_URL,
    credentials,
    clock: opts.clock,
    ...(config.DOCKER_SANDBOX_TIMEOUT_MS ? { timeoutMs: config.DOCKER_SANDBOX_TIMEOUT_MS } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  });
  return createRegistryService(http, { clock: opts.clock, ...(opts.limit ? { limit: opts.limit } : {}) });
}
