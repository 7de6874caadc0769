/**
 * Custom ids carry a versioned, parseable payload: `v1:<route>:<arg>:<arg>…`, each part percent-escaped
 * for `:` and `%`, at most 100 characters (Discord's limit). A malformed or stale id parses to null.
 */
import { LIMITS } from '../core/reply.js';

const VERSION = 'v1';

const escapePart = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A');
const unescapePart = (s: string) => s.replace(/%3A/gi, ':').replace(/%25/g, '%');

export function encodeCustomId(route: string, ...args: (string | number)[]): string {
  const id = [VERSION, route, ...args.map((a) => escapePart(String(a)))].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom id longer than ${LIMITS.customId}: ${id.slice(0, 40)}…`);
  return id;
}

export function decodeCustomId(id: string): { route: string; args: string[] } | null {
  if (id.length > LIMITS.customId) return null;
  const parts = id.split(':');
  if (parts.length < 2 || parts[0] !== VERSION) return null;
  const route = parts[1];
  if (!route || !/^[a-z][a-z0-9.-]*$/.test(route)) return null;
  return { route, args: parts.slice(2).map(unescapePart) };
}
