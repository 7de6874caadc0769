/** Helpers for reporting YAML problems at the line a person can find (book.yaml, quiz banks). */
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
