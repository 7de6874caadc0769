/**
 * Volumes (persistent storage) and networks as plain facts, with the containers that use each. The engine's volume
 * answer does not name its containers and a network's `Containers` lists only running ones on Docker, so both are
 * also read from the container list (`Mounts` and `NetworkSettings.Networks`, which cover stopped containers too).
 * Every answer was masked before it got here (mask.ts): a mountpoint reads `(hidden)`, and so do host-path labels.
 */
import type { ContainerSummary, NetworkInspect, VolumeInspect } from './client.js';
import { shortId } from './facts.js';

export interface VolumeFacts {
  name: string;
  driver: string;
  scope: string;
  mountpoint: string;
  createdAt: string | null;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Container names that mount this volume. */
  usedBy: string[];
}

export interface NetworkFacts {
  name: string;
  id: string;
  shortId: string;
  driver: string;
  scope: string;
  internal: boolean;
  ipv6: boolean;
  subnets: { subnet: string; gateway: string | null }[];
  labels: Record<string, string>;
  /** Container names attached to this network. */
  containers: string[];
}

const containerName = (c: ContainerSummary) => (c.Names?.[0] ?? '').replace(/^\//, '') || shortId(c.Id);

const record = (v: unknown): Record<string, string> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/** The container list's mounts and networks, read defensively: the list's shape check covers only Id/Names/State. */
function mountsOf(c: ContainerSummary): { type: string; name: string }[] {
  const mounts = (c as { Mounts?: unknown }).Mounts;
  if (!Array.isArray(mounts)) return [];
  return mounts
    .filter((m): m is { Type?: unknown; Name?: unknown } => m !== null && typeof m === 'object')
    .map((m) => ({ type: typeof m.Type === 'string' ? m.Type : '', name: typeof m.Name === 'string' ? m.Name : '' }));
}

function networksOf(c: ContainerSummary): { name: string; id: string }[] {
  const networks = (c as { NetworkSettings?: { Networks?: unknown } | null }).NetworkSettings?.Networks;
  if (networks === null || typeof networks !== 'object' || Array.isArray(networks)) return [];
  return Object.entries(networks as Record<string, unknown>).map(([name, n]) => {
    const id = n !== null && typeof n === 'object' ? (n as { NetworkID?: unknown }).NetworkID : undefined;
    return { name, id: typeof id === 'string' ? id : '' };
  });
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => a.localeCompare(b));

export function volumeFacts(v: VolumeInspect, containers: ContainerSummary[]): VolumeFacts {
  const info = v as VolumeInspect & { CreatedAt?: string | null; Options?: unknown };
  return {
    name: v.Name,
    driver: v.Driver ?? '',
    scope: v.Scope ?? '',
    mountpoint: v.Mountpoint ?? '',
    createdAt: info.CreatedAt ?? null,
    labels: record(v.Labels),
    options: record(info.Options),
    usedBy: sorted(
      containers.filter((c) => mountsOf(c).some((m) => m.type === 'volume' && m.name === v.Name)).map(containerName),
    ),
  };
}

export function networkFacts(n: NetworkInspect, containers: ContainerSummary[]): NetworkFacts {
  const attached = Object.values((n.Containers ?? {}) as Record<string, { Name?: string | null }>)
    .map((c) => c.Name ?? '')
    .filter(Boolean);
  const fromList = containers
    .filter((c) => networksOf(c).some((net) => net.name === n.Name || (net.id !== '' && net.id === n.Id)))
    .map(containerName);
  const config = (n.IPAM?.Config ?? []) as { Subnet?: string | null; Gateway?: string | null }[];
  return {
    name: n.Name,
    id: n.Id,
    shortId: shortId(n.Id),
    driver: n.Driver ?? '',
    scope: n.Scope ?? '',
    internal: n.Internal === true,
    ipv6: n.EnableIPv6 === true,
    subnets: config.filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet ?? '', gateway: c.Gateway || null })),
    labels: record(n.Labels),
    containers: sorted([...attached, ...fromList]),
  };
}

/** The CLI's `volumes --json` rows. */
export function volumeJson(f: VolumeFacts) {
  const { name, driver, scope, mountpoint, createdAt, labels, usedBy } = f;
  return { name, driver, scope, mountpoint, createdAt, labels, usedBy };
}

/** The CLI's `networks --json` rows. */
export function networkJson(f: NetworkFacts) {
  const { name, id, driver, scope, internal, subnets, labels, containers } = f;
  return { name, id, driver, scope, internal, subnets, labels, containers };
}
