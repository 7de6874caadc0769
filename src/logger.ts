import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import type { Logger } from './core/context.js';

/** Longer strings in a serialized error are cut here (a 50035 message or a stack can be long; a body can be huge). */
export const MAX_LOGGED_STRING = 2048;
/** Keys whose values are request or response payloads: never logged (file bytes, member text, /export rows). */
const PAYLOAD_KEYS = new Set(['requestBody', 'requestData', 'body', 'rawBody', 'files', 'response']);
const MAX_DEPTH = 3;
const MAX_ITEMS = 20;

/** Interaction and webhook tokens sit in the URL path: `/webhooks/<app>/<token>`, `/interactions/<id>/<token>`. */
export function redactUrlTokens(text: string): string {
  return text.replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/?#\s"']+/g, '$1:token');
}

function cleanString(s: string): string {
  const redacted = redactUrlTokens(s);
  if (redacted.length <= MAX_LOGGED_STRING) return redacted;
  return `${redacted.slice(0, MAX_LOGGED_STRING)}… (${redacted.length - MAX_LOGGED_STRING} more characters)`;
}

function isBinary(v: unknown): boolean {
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer;
}

function binarySize(v: unknown): number {
  return ArrayBuffer.isView(v) ? v.byteLength : (v as ArrayBuffer).byteLength;
}

/** Any value made safe and small: binary becomes its size, strings are cut, nesting and arrays are bounded. */
function cleanValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return cleanString(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (isBinary(v)) return `[binary ${binarySize(v)} bytes]`;
  if (v instanceof Error) return depth < MAX_DEPTH ? serializeErrorAt(v, depth + 1) : cleanString(String(v));
  if (depth >= MAX_DEPTH) return '[object]';
  if (Array.isArray(v)) {
    const items = v.slice(0, MAX_ITEMS).map((item) => cleanValue(item, depth + 1));
    if (v.length > MAX_ITEMS) items.push(`… ${v.length - MAX_ITEMS} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v as Record<string, unknown>).slice(0, MAX_ITEMS)) {
    if (PAYLOAD_KEYS.has(key)) continue;
    const clean = cleanValue(value, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function serializeErrorAt(err: Error, depth: number): Record<string, unknown> {
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: e.constructor?.name ?? 'Error',
    name: cleanString(String(e.name)),
    message: cleanString(String(e.message)),
  };
  for (const key of ['code', 'status', 'method', 'url'] as const) {
    const value = e[key];
    if (value !== undefined) out[key] = cleanValue(value, depth);
  }
  // Discord's error body: its code and message, never the per-field details (they can quote what was sent).
  if (typeof e.rawError === 'object' && e.rawError !== null) {
    const raw = e.rawError as Record<string, unknown>;
    out.rawError = {
      ...(raw.code !== undefined ? { code: cleanValue(raw.code, depth) } : {}),
      ...(raw.message !== undefined ? { message: cleanValue(raw.message, depth) } : {}),
    };
  }
  for (const key of Object.keys(e)) {
    if (key in out || key === 'rawError' || PAYLOAD_KEYS.has(key)) continue;
    const value = cleanValue(e[key], depth);
    if (value !== undefined) out[key] = value;
  }
  if (e.cause !== undefined && !('cause' in out)) out.cause = cleanValue(e.cause, depth);
  if (typeof e.stack === 'string') out.stack = cleanString(e.stack);
  return out;
}

/**
 * pino's `err` (and `error`) serializer. Keeps what tells what went wrong — name, message, code, status, method,
 * url (interaction and webhook tokens replaced by `:token`), stack — and drops what a failed request carried:
 * discord.js's `requestBody` (the reply's files as bytes, /export rows), Discord's per-field error details, any
 * Buffer/Uint8Array/ArrayBuffer. Strings over 2 KB are cut. Anything that is not an Error passes through cleaned.
 */
export function serializeError(err: unknown): unknown {
  if (err instanceof Error) return serializeErrorAt(err, 0);
  return cleanValue(err, 0);
}

/** The pino options the bot logs with (exported so tests can build the same logger on a stream they read). */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'token',
        '*.token',
        'config.DISCORD_TOKEN',
        'headers.authorization',
        '*.headers.authorization',
        'config.SANDBOX_REGISTRY_PASSWORD',
        'config.SANDBOX_REGISTRY_TOKEN',
      ],
      censor: '[redacted]',
    },
    serializers: { err: serializeError, error: serializeError },
    base: undefined,
  };
}

/**
 * JSON logs (pino). The token never reaches a log line: known secret paths are redacted, errors are serialized
 * without request bodies or URL tokens (`serializeError`), and the adapter never logs option values that could hold
 * it. `destination` may be a stream (tests).
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' | DestinationStream = 'stdout'): Logger {
  const stream =
    typeof destination === 'string'
      ? pino.destination({ fd: destination === 'stdout' ? 1 : 2, sync: false })
      : destination;
  return pino(loggerOptions(level), stream);
}
