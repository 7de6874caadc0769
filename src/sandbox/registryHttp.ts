/**
 * The one way the sandbox talks to a registry: a bounded GET (Node's fetch, undici) with the registry's token flow.
 *
 * Whatever a registry answers is hostile until bounded: each request has a deadline that covers the whole body (a
 * registry that drips a byte a second times out), a size cap checked on the declared length and again while reading
 * (reading stops at the cap), and JSON is checked for nesting depth before it is parsed (depth.ts). Redirects are
 * followed by hand and only within the registry's own origin; one to another host is refused, since it would carry
 * the member's request (and on a same-host redirect, the credentials) somewhere the owner did not configure.
 *
 * Auth is the Registry HTTP API v2 challenge: a 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`
 * sends us to the token endpoint (a GET, with Basic credentials when configured) for a short-lived token, kept per
 * scope until it expires; `Basic` challenges get the configured credentials directly; a configured token is sent
 * as a bearer token from the first request. Credentials are never logged or put in an error: errors carry only
 * their kind (errors.ts).
 *
 * Written on fetch rather than a registry client library: the npm clients (docker-registry-client, @snyk/docker-
 * registry-v2-client, oci-client ports) follow redirects anywhere, buffer bodies without a cap, or push and delete
 * too; the read-only subset here is a few GETs.
 */
import { createHash } from 'node:crypto';
import { readBounded } from '../core/body.js';
import type { Clock } from '../core/context.js';
import { exceedsJsonDepth } from './depth.js';
import { SandboxError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './modem.js';

export interface RegistryCredentials {
  username?: string | undefined;
  password?: string | undefined;
  /** A bearer token sent as is (a pre-issued registry token). */
  token?: string | undefined;
}

export interface RegistryHttpOptions {
  /** `https://harbor.example.com`, `http://127.0.0.1:5000` (a path prefix is kept: `…/proxy` → `…/proxy/v2/`). */
  baseUrl: string;
  credentials?: RegistryCredentials;
  clock: Clock;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Called with the method and URL of every request sent (token endpoint included), for tests. */
  onRequest?: (method: string, url: string) => void;
}

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  url: URL;
}

/** Same-origin redirects followed per request. */
const MAX_REDIRECTS = 3;
/** A token answer is a few KB; anything near this is not one. */
const MAX_TOKEN_RESPONSE = 64 * 1024;
const MAX_TOKEN_LENGTH = 16 * 1024;
/** Tokens without `expires_in` last 60 s (the spec's default). */
const DEFAULT_TOKEN_SECONDS = 60;

/** A value from outside shown to members: printable ASCII only, cut short. */
export function safePart(value: string, max = 80): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '').replace(/`/g, 'ˋ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** `Bearer realm="…",service="…"` → scheme and parameters (quoted or bare values; commas inside quotes kept). */
export function parseChallenge(header: string | null): { scheme: string; params: Record<string, string> } | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header.slice(0, 4096));
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of (m[2] ?? '').matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: (m[1] ?? '').toLowerCase(), params };
}

export function sha256Digest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** Parses a bounded JSON body, refusing garbage and deep nesting before anything recursive reads it. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (exceedsJsonDepth(text)) throw new SandboxError('badResponse', 'nested too deep');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxError('badResponse', 'not JSON');
  }
}

export interface RegistryHttp {
  /** The registry's origin and path prefix, without a trailing slash. */
  readonly base: URL;
  /** GET `path` (below the base: `/v2/…`), authenticating for `scope` when challenged. */
  get(path: string, opts?: { accept?: string[]; scope?: string }): Promise<RegistryResponse>;
}

export function createRegistryHttp(options: RegistryHttpOptions): RegistryHttp {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('registry URL must be http(s)');
  base.search = '';
  base.hash = '';
  // The path prefix without its trailing slash ('' for a registry at the root): `${prefix}/v2/…`.
  const prefix = base.pathname.replace(/\/+$/, '');
  const creds = options.credentials ?? {};
  const basic =
    creds.username !== undefined && creds.password !== undefined
      ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
      : null;
  const tokens = new Map<string, { value: string; until: number }>();

  /** One bounded GET of `url`, following same-origin redirects. */
  async function fetchBounded(url: URL, headers: Record<string, string>, cap: number): Promise<RegistryResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const timeout = () => new SandboxError('timeout', `${timeoutMs}ms`, { timeoutMs });
    try {
      let current = url;
      for (let hop = 0; ; hop++) {
        options.onRequest?.('GET', current.href);
        let res: Response;
        try {
          res = await fetch(current, { method: 'GET', headers, redirect: 'manual', signal: controller.signal });
        } catch {
          throw controller.signal.aborted ? timeout() : new SandboxError('unreachable', 'fetch');
        }
        if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
          await res.body?.cancel().catch(() => undefined);
          let next: URL;
          try {
            next = new URL(res.headers.get('location') ?? '', current);
          } catch {
            throw new SandboxError('badResponse', 'bad redirect');
          }
          if (next.origin !== base.origin) {
            throw new SandboxError('redirect', `to ${next.host}`, { part: safePart(next.host) });
          }
          if (hop >= MAX_REDIRECTS) throw new SandboxError('badResponse', 'too many redirects');
          current = next;
          continue;
        }
        const declared = Number(res.headers.get('content-length') ?? 0);
        if (declared > cap) {
          await res.body?.cancel().catch(() => undefined);
          throw new SandboxError('tooLarge', `${declared} bytes`, { part: String(cap) });
        }
        let body: Buffer | null;
        try {
          body = await readBounded(res.body, cap);
        } catch {
          throw controller.signal.aborted ? timeout() : new SandboxError('unreachable', 'body');
        }
        if (body === null) throw new SandboxError('tooLarge', `>${cap} bytes`, { part: String(cap) });
        return { status: res.status, headers: res.headers, body, url: current };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The token endpoint's answer for a Bearer challenge, cached per scope until it expires. */
  async function bearerToken(params: Record<string, string>, scope: string | undefined): Promise<string> {
    const wanted = params.scope ?? scope ?? '';
    const key = `${params.realm ?? ''} ${params.service ?? ''} ${wanted}`;
    const now = options.clock.now();
    const cached = tokens.get(key);
    if (cached && cached.until > now) return cached.value;
    let realm: URL;
    try {
      realm = new URL(params.realm ?? '');
    } catch {
      throw new SandboxError('unauthorized', 'bad realm');
    }
    // Credentials go over https, or to the registry's own host name (a local registry without TLS, whose token
    // service may listen on another port): never in clear text to a host the owner did not name.
    const sameHost = realm.hostname === base.hostname;
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && sameHost)) {
      throw new SandboxError('unauthorized', 'realm not https');
    }
    if (params.service) realm.searchParams.set('service', params.service);
    if (wanted) realm.searchParams.set('scope', wanted);
    const res = await fetchBounded(realm, basic ? { authorization: basic } : {}, MAX_TOKEN_RESPONSE);
    if (res.status === 401 || res.status === 403) throw new SandboxError('unauthorized', `token HTTP ${res.status}`);
    if (res.status !== 200) throw new SandboxError('engine', `token HTTP ${res.status}`);
    const json = parseJsonBody(res.body) as { token?: unknown; access_token?: unknown; expires_in?: unknown } | null;
    const value = json?.token ?? json?.access_token;
    if (typeof value !== 'string' || value === '' || value.length > MAX_TOKEN_LENGTH || /[\s\p{Cc}]/u.test(value)) {
      throw new SandboxError('badResponse', 'no token');
    }
    const seconds =
      typeof json?.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : DEFAULT_TOKEN_SECONDS;
    tokens.set(key, { value, until: now + Math.min(seconds, 3600) * 1000 - 5_000 });
    return value;
  }

  return {
    base,
    async get(path, opts = {}) {
      const url = new URL(`${base.origin}${prefix}${path}`);
      const headers: Record<string, string> = {};
      if (opts.accept) headers.accept = opts.accept.join(', ');
      if (creds.token) headers.authorization = `Bearer ${creds.token}`;
      let res = await fetchBounded(url, headers, maxBytes);
      if (res.status !== 401 || creds.token) return res;
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      if (challenge?.scheme === 'bearer') {
        headers.authorization = `Bearer ${await bearerToken(challenge.params, opts.scope)}`;
      } else if (challenge?.scheme === 'basic' && basic) {
        headers.authorization = basic;
      } else {
        throw new SandboxError('unauthorized', 'challenge');
      }
      res = await fetchBounded(url, headers, maxBytes);
      if (res.status === 401) throw new SandboxError('unauthorized', 'after token');
      return res;
    },
  };
}
