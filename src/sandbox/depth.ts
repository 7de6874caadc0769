/**
 * How deep the engine's JSON nests, checked on the raw text before anything recursive sees it. JSON.parse copes
 * with `[[[[…` 200 000 deep, but what reads the parsed value afterwards (the shape check, the masking walk,
 * JSON.stringify of the attachment) recurses and overflows the stack. Docker's answers nest a handful of levels.
 */

/** Deepest nesting of arrays and objects the sandbox accepts from the engine (Docker's answers stay under 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests arrays or objects more than `max` deep. One pass over the text, no recursion: brackets
 * inside strings (with their escapes) are skipped. It does not validate the JSON; JSON.parse does that next.
 */
export function exceedsJsonDepth(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character (a quote included); a quote ends the string.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}
