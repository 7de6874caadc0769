/**
 * Splitting and trimming text for Discord's limits without breaking characters or code blocks.
 * Hand-written because no maintained library pages markdown with fence awareness; discord.js's
 * `splitMessage` was removed in v14.
 */

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair, adding `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

const FENCE = /^\s*(```|~~~)/;

/**
 * Splits markdown into pages of at most `max` characters, preferring paragraph, then line, then word
 * boundaries. A code block that spans a page break is closed at the end of the page and reopened
 * (with its language) at the start of the next one, so every page renders on its own.
 */
export function paginate(text: string, max: number): string[] {
  if (max < 20) throw new Error('page size too small');
  const pages: string[] = [];
  let rest = text.trim();
  let reopen = '';
  while (rest.length > 0) {
    const budget = max - reopen.length - 4; // room to close a fence: "\n```"
    let chunk = rest.length + reopen.length <= max ? rest : cutAt(rest, budget);
    rest = rest.slice(chunk.length).replace(/^\n+/, '');
    chunk = reopen + chunk;
    const open = openFence(chunk);
    if (open !== null && rest.length > 0) {
      // Close with the block's own marker; reopen with its language unless an overlong info string would leave
      // no room on the next page (found by fuzzing: a fence line within 5 characters of the page size looped
      // forever, a longer one gave pages over the size).
      const marker = open.slice(0, 3);
      chunk = `${chunk.trimEnd()}\n${marker}`;
      reopen = `${open.length <= max / 4 ? open : marker}\n`;
    } else {
      reopen = '';
    }
    pages.push(chunk.trimEnd());
  }
  return pages.length > 0 ? pages : [''];
}

/** The best place to cut `text` at or before `budget` characters. */
function cutAt(text: string, budget: number): string {
  const window = text.slice(0, budget);
  for (const sep of ['\n\n', '\n', ' ']) {
    let at = window.lastIndexOf(sep);
    // Never just before a mid-line ``` (nor inside one): starting the next page, it would open a code block the
    // source never had (found by fuzzing).
    while (sep === ' ' && at > budget * 0.5 && startsFence(text, at + 1)) at = window.lastIndexOf(sep, at - 1);
    if (at > budget * 0.5) return text.slice(0, at + sep.length);
  }
  let cut = budget;
  let before = cut;
  while (before > budget * 0.5 && startsFence(text, before)) before -= 1;
  if (before > budget * 0.5) cut = before;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut);
}

const FENCE_AT = /[^\S\n]*(```|~~~)/y;

function startsFence(text: string, at: number): boolean {
  FENCE_AT.lastIndex = at;
  return FENCE_AT.test(text);
}

/** The opening fence line (e.g. "```bash") if `text` ends inside a code block, else null. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) open = open === null ? line.trim() : null;
  }
  return open;
}
