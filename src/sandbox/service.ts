/**
 * The sandbox service handlers use: the guarded client behind the masking of its answers (mask.ts), a per-member
 * rate limit and short-lived lists for autocomplete and paging (so typing a name does not hit the engine on every
 * key).
 */
import type { Config } from '../config.js';
import type { Clock } from '../core/context.js';
import {
  createSandboxClient,
  modemOptionsFromHost,
  type ClientLimits,
  type ContainerSummary,
  type ImageSummary,
  type NetworkInspect,
  type SandboxClient,
  type VolumeInspect,
} from './client.js';
import { maskEngineData } from './mask.js';
import { RateLimiter } from './rateLimit.js';

/** "A few inspects per minute" per member. */
export const INSPECTS_PER_MINUTE = 5;
export const LIST_CACHE_MS = 15_000;

export interface Sandbox {
  /** The client, whose every answer is masked (Env values unless `showEnv`, host paths always). */
  client: SandboxClient;
  /** Whether `Env` values are shown (`DOCKER_SANDBOX_SHOW_ENV`); false: they read `•••`. */
  readonly showEnv: boolean;
  limiter: RateLimiter;
  /** The engine's images, at most LIST_CACHE_MS old. */
  images(): Promise<ImageSummary[]>;
  /** All containers (running or not), at most LIST_CACHE_MS old. */
  containers(): Promise<ContainerSummary[]>;
  /** The engine's volumes and networks, at most LIST_CACHE_MS old (autocomplete and lists). */
  volumes(): Promise<VolumeInspect[]>;
  networks(): Promise<NetworkInspect[]>;
}

function cached<T>(clock: Clock, ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = clock.now();
    if (!entry || now - entry.at >= ttlMs) {
      const value = load();
      const mine = { at: now, value };
      entry = mine;
      // A failed load is not kept: the next call tries the engine again.
      value.catch(() => {
        if (entry === mine) entry = null;
      });
    }
    return entry.value;
  };
}

/** The client as members may see it: each answer passes maskEngineData before it is returned. */
function maskedClient(raw: SandboxClient, showEnv: boolean): SandboxClient {
  const mask = <T>(value: T) => maskEngineData(value, { showEnv }) as T;
  return {
    docker: raw.docker,
    ping: () => raw.ping(),
    listImages: async () => mask(await raw.listImages()),
    inspectImage: async (name) => mask(await raw.inspectImage(name)),
    listContainers: async () => mask(await raw.listContainers()),
    inspectContainer: async (name) => mask(await raw.inspectContainer(name)),
    imageHistory: async (name) => mask(await raw.imageHistory(name)),
    listVolumes: async () => mask(await raw.listVolumes()),
    inspectVolume: async (name) => mask(await raw.inspectVolume(name)),
    listNetworks: async () => mask(await raw.listNetworks()),
    inspectNetwork: async (name) => mask(await raw.inspectNetwork(name)),
  };
}

export function createSandbox(
  raw: SandboxClient,
  opts: { clock: Clock; limit?: number; windowMs?: number; cacheMs?: number; showEnv?: boolean },
): Sandbox {
  const ttl = opts.cacheMs ?? LIST_CACHE_MS;
  const showEnv = opts.showEnv ?? false;
  const client = maskedClient(raw, showEnv);
  return {
    client,
    showEnv,
    limiter: new RateLimiter(opts.clock, opts.limit ?? INSPECTS_PER_MINUTE, opts.windowMs ?? 60_000),
    images: cached(opts.clock, ttl, () => client.listImages()),
    containers: cached(opts.clock, ttl, () => client.listContainers()),
    volumes: cached(opts.clock, ttl, () => client.listVolumes()),
    networks: cached(opts.clock, ttl, () => client.listNetworks()),
  };
}

/** The app's sandbox, or null when `DOCKER_SANDBOX_HOST` is unset (the commands then say the demo is off). */
export function sandboxFromConfig(
  config: Pick<
    Config,
    'DOCKER_SANDBOX_HOST' | 'DOCKER_SANDBOX_TLS_DIR' | 'DOCKER_SANDBOX_TIMEOUT_MS' | 'DOCKER_SANDBOX_SHOW_ENV'
  >,
  opts: { clock: Clock } & ClientLimits,
): Sandbox | null {
  if (!config.DOCKER_SANDBOX_HOST) return null;
  const { clock, ...limits } = opts;
  const client = createSandboxClient(modemOptionsFromHost(config.DOCKER_SANDBOX_HOST, config.DOCKER_SANDBOX_TLS_DIR), {
    ...(config.DOCKER_SANDBOX_TIMEOUT_MS ? { timeoutMs: config.DOCKER_SANDBOX_TIMEOUT_MS } : {}),
    ...limits,
  });
  return createSandbox(client, { clock, showEnv: config.DOCKER_SANDBOX_SHOW_ENV });
}
