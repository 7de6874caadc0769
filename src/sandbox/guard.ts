/**
 * The read-only rule, in one place. Access to a Docker engine is root on its host, so the sandbox may only ever
 * send a body-less GET to one of eleven endpoints. `guardedModem` (modem.ts) calls `checkRequest` on every request
 * dockerode builds, whatever method of dockerode was called, before any byte leaves the process.
 */
import { REFERENCE_REGEXP } from './reference.js';

/** What the guard sees of a request: the final method and path (with query) that would go on the wire. */
export interface RequestShape {
  method: string | undefined;
  path: string | undefined;
  /** A request body, a hijacked/streamed connection or stdin: never needed to read. */
  hasBody?: boolean;
  upgrade?: boolean;
}

export type Verdict = { ok: true; endpoint: Endpoint } | { ok: false; reason: string };

export type Endpoint =
  | '_ping'
  | 'version'
  | 'images/json'
  | 'images/{name}/json'
  | 'images/{name}/history'
  | 'containers/json'
  | 'containers/{id}/json'
  | 'volumes'
  | 'volumes/{name}'
  | 'networks'
  | 'networks/{id}';

/** Image names as dockerode puts them in the path (unencoded): a reference, or an image id / id prefix. */
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{4,64}$/;
/** Docker's container name rule (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`), which also covers ids and id prefixes. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/** Query keys the list endpoints may carry; inspect endpoints take none. */
const LIST_QUERY_KEYS = new Set(['all', 'digests', 'filters', 'limit']);

export function isValidImageName(name: string): boolean {
  return name.length <= 512 && (IMAGE_ID.test(name) || REFERENCE_REGEXP.test(name));
}

export function isValidContainerName(name: string): boolean {
  return CONTAINER_NAME.test(name);
}

/** Volume and network names (and network ids) follow the same rule as container names in Docker and podman. */
export function isValidVolumeName(name: string): boolean {
  return CONTAINER_NAME.test(name);
}

export function isValidNetworkName(name: string): boolean {
  return CONTAINER_NAME.test(name);
}

function refuse(reason: string): Verdict {
  return { ok: false, reason };
}

export function checkRequest(req: RequestShape): Verdict {
  if (req.method !== 'GET') return refuse(`method ${String(req.method)} is not allowed`);
  if (req.hasBody) return refuse('a request body is not allowed');
  if (req.upgrade) return refuse('hijacked or streamed connections are not allowed');
  const full = req.path ?? '';
  if (!full.startsWith('/')) return refuse('path must be absolute');
  const q = full.indexOf('?');
  const path = q === -1 ? full : full.slice(0, q);
  const query = q === -1 ? '' : full.slice(q + 1);
  // No encoded characters, dot segments, backslashes, fragments, doubled slashes or control characters in the
  // path: the engine's router would decode or clean them into a different endpoint than the one checked here.
  if (/[%\\#\s\p{Cc}]/u.test(path)) return refuse('encoded or special characters in the path');
  if (path.includes('//')) return refuse('empty path segment');
  if (path.split('/').some((seg) => seg === '.' || seg === '..')) return refuse('dot segment in the path');

  const rest = path.replace(/^\/v\d+\.\d+(?=\/)/, '');
  let endpoint: Endpoint;
  if (rest === '/_ping') endpoint = '_ping';
  else if (rest === '/version') endpoint = 'version';
  else if (rest === '/images/json') endpoint = 'images/json';
  else if (rest === '/containers/json') endpoint = 'containers/json';
  else if (rest === '/volumes') endpoint = 'volumes';
  else if (rest === '/networks') endpoint = 'networks';
  else {
    const image = /^\/images\/(.+)\/json$/.exec(rest);
    const history = /^\/images\/(.+)\/history$/.exec(rest);
    const container = /^\/containers\/([^/]+)\/json$/.exec(rest);
    const volume = /^\/volumes\/([^/]+)$/.exec(rest);
    const network = /^\/networks\/([^/]+)$/.exec(rest);
    if (image?.[1] !== undefined && isValidImageName(image[1])) endpoint = 'images/{name}/json';
    else if (history?.[1] !== undefined && isValidImageName(history[1])) endpoint = 'images/{name}/history';
    else if (container?.[1] !== undefined && isValidContainerName(container[1])) endpoint = 'containers/{id}/json';
    else if (volume?.[1] !== undefined && isValidVolumeName(volume[1])) endpoint = 'volumes/{name}';
    else if (network?.[1] !== undefined && isValidNetworkName(network[1])) endpoint = 'networks/{id}';
    else return refuse('endpoint is not on the read-only list');
  }

  if (query !== '') {
    if (endpoint !== 'images/json' && endpoint !== 'containers/json')
      return refuse('query not allowed on this endpoint');
    for (const pair of query.split('&')) {
      const key = pair.split('=')[0] ?? '';
      if (!LIST_QUERY_KEYS.has(key)) return refuse(`query parameter ${key.slice(0, 20)} is not allowed`);
    }
  }
  return { ok: true, endpoint };
}
