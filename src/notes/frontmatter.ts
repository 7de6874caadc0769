/**
 * Front matter at the top of a notes file (GitBook, Obsidian, Jekyll, Hugo): metadata, never a heading or body.
 *
 * `---` … `---` (or `...`) is YAML; `+++` … `+++` is TOML, of which only simple `key = "value"` and
 * `key = ["a", "b"]` lines are read. A block counts as front matter only when it is a mapping (or empty): a file that
 * merely starts with a thematic break and a paragraph stays markdown. The block is bounded (FRONT_MATTER_MAX_BYTES)
 * and YAML aliases are capped, so a crafted header costs nothing; one past the bound is skipped as metadata but
 * still kept out of the body.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * yaml is loaded on the first front matter that needs it, not with the parser thread: ~20 ms of that thread's
 * start-up, before it parses the first file, that notes without YAML front matter never pay. Synchronous (the
 * parse is), hence `require`: yaml ships CommonJS for Node.
 */
let yaml: typeof Yaml | undefined;
const loadYaml = (): typeof Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** Front matter longer than this is not read (its lines are still not markdown). */
export const FRONT_MATTER_MAX_BYTES = 8 * 1024;
/** YAML aliases resolved while reading front matter (yaml's `maxAliasCount`): a few are plenty for metadata. */
const MAX_ALIASES = 20;
/** Entries kept of a list (aliases, tags) and characters of one value. */
const MAX_ITEMS = 50;
const MAX_CHARS = 200;

export interface FrontMatter {
  title: string | null;
  aliases: string[];
  tags: string[];
  author: string | null;
  chapter: string | null;
}

export interface FrontMatterBlock {
  /** What the block says (all empty when it was too large or not readable). */
  meta: FrontMatter;
  /** Lines the block takes from the top of the file, its fences included. */
  lines: number;
  /** Characters the block takes, through its closing fence's line break. */
  length: number;
}

const NONE: FrontMatter = { title: null, aliases: [], tags: [], author: null, chapter: null };

/** The front matter at the very start of `text` (already normalised to `\n`), or null when there is none. */
export function readFrontMatter(text: string): FrontMatterBlock | null {
  const fence = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!fence) return null;
  const toml = fence[1] === '+++';
  const close = toml ? /^\+\+\+[ \t]*$/gm : /^(?:---|\.\.\.)[ \t]*$/gm;
  // Look for the closing fence a little past the bound, so a block over it is still recognised (and skipped).
  const window = text.slice(0, FRONT_MATTER_MAX_BYTES * 4);
  close.lastIndex = fence[0].length;
  const end = close.exec(window);
  if (!end) return null;
  const inner = text.slice(fence[0].length, end.index);
  const afterClose = end.index + end[0].length;
  const length = text[afterClose] === '\n' ? afterClose + 1 : afterClose;
  const lines = text.slice(0, afterClose).split('\n').length;
  if (Buffer.byteLength(inner, 'utf8') > FRONT_MATTER_MAX_BYTES) return { meta: { ...NONE }, lines, length };
  const meta = toml ? tomlMeta(inner) : yamlMeta(inner);
  return meta === null ? null : { meta, lines, length };
}

/** The YAML block as metadata; null when it is not a mapping (then it was never front matter). */
function yamlMeta(inner: string): FrontMatter | null {
  if (inner.trim() === '') return { ...NONE };
  let value: unknown;
  try {
    const doc = loadYaml().parseDocument(inner, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) return null;
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    // An alias bomb (over maxAliasCount) or another refusal: a mapping it may be, metadata it is not.
    return /^[\w-]+[ \t]*:/m.test(inner) ? { ...NONE } : null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  return {
    title: scalar(record.title),
    aliases: list(record.aliases ?? record.alias),
    tags: list(record.tags ?? record.tag).map((tag) => tag.replace(/^#/, '')),
    author: scalar(record.author) ?? list(record.author ?? record.authors)[0] ?? null,
    chapter: scalar(record.chapter),
  };
}

function tomlMeta(inner: string): FrontMatter {
  const meta: FrontMatter = { ...NONE, aliases: [], tags: [] };
  for (const line of inner.split('\n')) {
    const m = /^\s*(title|author|chapter|aliases|tags)\s*=\s*(.+?)\s*$/.exec(line);
    if (!m) continue;
    const [, key, raw = ''] = m;
    const strings = [...raw.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((q) => q[1] ?? q[2] ?? '');
    const plain = strings[0] ?? (/^[\d.]+$/.test(raw) ? raw : null);
    if (key === 'aliases' || key === 'tags') meta[key] = list(strings);
    else if (key === 'title' || key === 'author' || key === 'chapter') meta[key] = scalar(plain);
  }
  return meta;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim().slice(0, MAX_CHARS);
  return text === '' ? null : text;
}

/** A string (comma-separated, as Obsidian allows) or a list of strings and numbers. */
function list(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const out: string[] = [];
  for (const item of items.slice(0, MAX_ITEMS)) {
    const text = scalar(item);
    if (text !== null && !out.includes(text)) out.push(text);
  }
  return out;
}
