/** Helpers for reporting YAML problems at the line a person can find (book.yaml, rules.yaml, quiz banks). */
import { visit, type LineCounter, type parseDocument } from 'yaml';

/** The line of the first alias that has no anchor before it, else of the first alias (what toJS rejects). */
export function aliasLine(doc: ReturnType<typeof parseDocument>, lc: LineCounter): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const line = node.range ? lc.linePos(node.range[0]).line : 1;
      first ??= line;
      if (node.resolve(doc) === undefined) {
        unresolved = line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved ?? first ?? 1;
}

/** The line of the deepest YAML node that exists on the path (the key's parent when the key is missing). */
export function pathLine(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}
