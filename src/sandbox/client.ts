/**
 * The sandbox's read-only view of a Docker engine, through dockerode on a guarded modem (modem.ts).
 * Names are validated before any request; failures are SandboxErrors (errors.ts), never the engine's text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { SandboxError, isSandboxError } from './errors.js';
import { isValidContainerName, isValidImageName, isValidNetworkName, isValidVolumeName } from './guard.js';
import { guardedModem, type GuardedModemOptions } from './modem.js';
import {
  containerInspect,
  containerSummaries,
  imageHistory,
  imageInspect,
  imageSummaries,
  networkInspect,
  networkList,
  volumeInspect,
  volumeList,
} from './shape.js';

export type ImageSummary = Docker.ImageInfo;
export type ImageInspect = Docker.ImageInspectInfo;
export type ContainerSummary = Docker.ContainerInfo;
export type ContainerInspect = Docker.ContainerInspectInfo;
/** One row of `docker history` as the engine sends it (dockerode does not type it). */
export interface HistoryEntry {
  Id?: string | null;
  Created?: number | string | null;
  CreatedBy?: string | null;
  Size?: number | null;
  Tags?: string[] | null;
  Comment?: string | null;
}
export type VolumeInspect = Docker.VolumeInspectInfo;
export type NetworkInspect = Docker.NetworkInspectInfo;

export interface SandboxClient {
  ping(): Promise<void>;
  listImages(): Promise<ImageSummary[]>;
  inspectImage(name: string): Promise<ImageInspect>;
  listContainers(): Promise<ContainerSummary[]>;
  inspectContainer(name: string): Promise<ContainerInspect>;
  /** `GET /images/{name}/history`: the image's build steps, newest first. */
  imageHistory(name: string): Promise<HistoryEntry[]>;
  listVolumes(): Promise<VolumeInspect[]>;
  inspectVolume(name: string): Promise<VolumeInspect>;
  listNetworks(): Promise<NetworkInspect[]>;
  inspectNetwork(name: string): Promise<NetworkInspect>;
  /** The dockerode instance, for tests that try to make it do more than read. */
  readonly docker: Docker;
}

export type ClientLimits = Pick<GuardedModemOptions, 'timeoutMs' | 'maxResponseBytes' | 'onRefused'>;

/**
 * Modem options from `DOCKER_SANDBOX_HOST` (unix://, tcp://, ssh://, npipe://) and `DOCKER_SANDBOX_TLS_DIR`
 * (ca.pem, cert.pem, key.pem: tcp becomes https with client certificates).
 */
export function modemOptionsFromHost(host: string, tlsDir?: string): GuardedModemOptions {
  const url = new URL(host);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: `//./pipe/${decodeURIComponent(url.pathname).replace(/^\/+(pipe\/)?/, '')}` };
    case 'tcp:': {
      const base = { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || (tlsDir ? '2376' : '2375') };
      if (!tlsDir) return { ...base, protocol: 'http' };
      const read = (file: string) => readFileSync(path.join(tlsDir, file));
      return { ...base, protocol: 'https', ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
    }
    case 'ssh:':
      return {
        protocol: 'ssh',
        host: url.hostname,
        port: url.port || '22',
        username: decodeURIComponent(url.username) || undefined,
      };
    default:
      throw new Error(`DOCKER_SANDBOX_HOST: unsupported scheme ${url.protocol}`);
  }
}

/** Anything dockerode throws that is not ours becomes an opaque engine error (its text is dropped here). */
function opaque(err: unknown): SandboxError {
  return isSandboxError(err) ? err : new SandboxError('engine', 'unexpected');
}

export function createSandboxClient(modemOptions: GuardedModemOptions, limits: ClientLimits = {}): SandboxClient {
  const modem = guardedModem({ ...modemOptions, ...limits });
  // dockerode accepts a ready modem (docker.js: `if (opts.modem) this.modem = opts.modem`); its types omit it.
  // Loaded only when a sandbox is configured (dockerode brings gRPC and protobuf: ~8 MB of a bot's memory).
  const DockerClass = createRequire(import.meta.url)('dockerode') as typeof Docker;
  const docker = new DockerClass({ modem } as Docker.DockerOptions);
  /** Runs a dockerode call and checks the answer's shape (shape.ts); the answer is returned as the engine sent it. */
  const call = async <T>(work: () => Promise<T>, shape?: { safeParse(v: unknown): { success: boolean } }) => {
    let value: T;
    try {
      value = await work();
    } catch (err) {
      throw opaque(err);
    }
    if (shape && !shape.safeParse(value).success) throw new SandboxError('badResponse', 'unexpected shape');
    return value;
  };
  return {
    docker,
    ping: () => call(async () => void (await docker.ping())),
    listImages: () => call(() => docker.listImages(), imageSummaries),
    listContainers: () => call(() => docker.listContainers({ all: true }), containerSummaries),
    inspectImage(name) {
      if (!isValidImageName(name)) return Promise.reject(new SandboxError('badName'));
      return call(() => docker.getImage(name).inspect(), imageInspect);
    },
    inspectContainer(name) {
      if (!isValidContainerName(name)) return Promise.reject(new SandboxError('badName'));
      return call(() => docker.getContainer(name).inspect(), containerInspect);
    },
    imageHistory(name) {
      if (!isValidImageName(name)) return Promise.reject(new SandboxError('badName'));
      return call(() => docker.getImage(name).history() as Promise<HistoryEntry[]>, imageHistory);
    },
    async listVolumes() {
      const answer = await call(() => docker.listVolumes(), volumeList);
      return answer.Volumes ?? [];
    },
    inspectVolume(name) {
      if (!isValidVolumeName(name)) return Promise.reject(new SandboxError('badName'));
      return call(() => docker.getVolume(name).inspect(), volumeInspect);
    },
    listNetworks: () => call(() => docker.listNetworks(), networkList),
    inspectNetwork(name) {
      if (!isValidNetworkName(name)) return Promise.reject(new SandboxError('badName'));
      return call(() => docker.getNetwork(name).inspect() as Promise<NetworkInspect>, networkInspect);
    },
  };
}
