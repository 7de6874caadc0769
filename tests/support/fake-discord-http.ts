/**
 * HTTP plumbing for the fake Discord: a tiny router, Discord-style rate-limit buckets with the headers
 * @discordjs/rest paces itself by, and request bodies (JSON, or multipart `payload_json` + `files[n]`).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RecordedFile } from './fake-discord-payloads.js';

/** What a route answers; `rule` names the Discord rule an error status enforces (recorded as a violation). */
export interface Reply {
  status: number;
  body?: unknown;
  rule?: string;
  headers?: Record<string, string>;
}

export const error = (status: number, code: number, message: string, rule: string): Reply => ({
  status,
  body: { message, code },
  rule,
});

export const ok = (body?: unknown): Reply => (body === undefined ? { status: 204 } : { status: 200, body });

interface Route<C> {
  method: string;
  template: string;
  parts: string[];
  handler: (ctx: C) => Reply;
}

/** Matches `METHOD /a/:param/b` templates against decoded path segments, first match wins. */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  on(method: string, template: string, handler: (ctx: C) => Reply): void {
    this.routes.push({ method, template, parts: template.split('/').filter(Boolean), handler });
  }

  match(method: string, segments: string[]): { route: Route<C>; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const hit = route.parts.every((part, i) => {
        const segment = segments[i] as string;
        if (!part.startsWith(':')) return part === segment;
        params[part.slice(1)] = segment;
        return true;
      });
      if (hit) return { route, params };
    }
    return undefined;
  }
}

/**
 * A fixed window per bucket (method + route + major parameter, as Discord keys them). Every answer carries
 * `X-RateLimit-*`; over the limit it is a 429 with `retry_after` (seconds, with decimals so tests stay fast).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(
    method: string,
    template: string,
    params: Record<string, string>,
  ): { headers: Record<string, string>; limited?: Reply } {
    const major =
      params.channel ?? params.guild ?? params.interaction ?? (params.token ? `${params.app}/${params.token}` : '');
    const key = `${method} ${template} ${major}`;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) this.buckets.set(key, (bucket = { count: 0, resetAt: now + this.windowMs }));
    const resetAfter = (bucket.resetAt - now) / 1000;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - bucket.count - 1)),
      'X-RateLimit-Reset': (bucket.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfter.toFixed(3),
      'X-RateLimit-Bucket': createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16),
    };
    if (bucket.count < this.limit) {
      bucket.count++;
      return { headers };
    }
    headers['X-RateLimit-Remaining'] = '0';
    headers['Retry-After'] = resetAfter.toFixed(3);
    headers['X-RateLimit-Scope'] = 'user';
    const body = { message: 'You are being rate limited.', retry_after: resetAfter, global: false };
    return { headers, limited: { status: 429, body, rule: 'rate-limited' } };
  }
}

/** Decodes a path segment: `@original` arrives as `%40original`. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart (`payload_json` + `files[n]`) as discord.js sends when files are attached. Throws SyntaxError. */
export async function parseBody(contentType: string, raw: Buffer): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!contentType.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, size: data.length, contentType: value.type, data });
  }
  return { body, files };
}
