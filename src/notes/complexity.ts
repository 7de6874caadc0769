/**
 * A cheap guard run before the markdown parser. micromark's time grows quadratically with the number of list and
 * blockquote containers (8 000 lines of `- - x` take ~25 s), so a crafted upload or notes file could stall the bot.
 * Counting container markers needs only a scan of each line's prefix; the parser itself cannot be asked first,
 * since parsing is the expensive step being guarded.
 */

/** A line's leading container markers: `-`, `*`, `+`, `1.`, `1)` followed by a space, or `>`. */
const MARKER = /^[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)/;

export function containerMarkers(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    let rest = line;
    for (let m = MARKER.exec(rest); m; m = MARKER.exec(rest)) {
      count += 1;
      rest = rest.slice(m[0].length);
    }
  }
  return count;
}

/**
 * Most markers one document may hold: a filled study template has a few hundred; at these bounds the parse stays
 * under ~0.1 s (template upload, parsed inside an interaction) and ~1 s (a notes file, parsed off the hot path).
 */
export const MAX_MARKERS = { template: 800, notesFile: 4000 } as const;
