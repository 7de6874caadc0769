/**
 * `cli explain "<question>" [--notes DIR] [--json]` and `cli explain --stdin --json` (one question per line,
 * one JSON object per line, the index loaded once).
 */
import { createInterface } from 'node:readline';
import { formatExplanation } from '../../notes/debug.js';
import type { SearchResult, Section } from '../../notes/types.js';
import { CliUsageError, parseFlags, writeLine, type CliCommand } from '../types.js';
import { openNotes } from '../notes.js';

const MAX_RESULTS = 5;

export interface ExplainJson {
  query: string;
  found: boolean;
  results: {
    heading: string;
    path: string[];
    file: string;
    line: number;
    /** The member who wrote it (member folder or front matter), null when unknown. */
    author: string | null;
    /** The chapter label (`4`, `5-7`, `4, 5.7`), null when unknown. */
    chapter: string | null;
    score: number;
    text: string;
    /** True for a heading with nothing written under it yet (a known topic without notes). */
    empty?: boolean;
  }[];
  suggestions: string[];
}

const entry = (section: Section, score: number) => ({
  heading: section.heading,
  path: section.path,
  file: section.file,
  line: section.line,
  author: section.author,
  chapter: section.chapter,
  score: Math.round(score * 1000) / 1000,
  text: section.body,
});

export function explainJson(query: string, result: SearchResult): ExplainJson {
  if (result.emptyTopic) {
    return { query, found: true, results: [{ ...entry(result.emptyTopic, 0), empty: true }], suggestions: [] };
  }
  return {
    query,
    found: result.found,
    results: result.found ? result.results.slice(0, MAX_RESULTS).map((h) => entry(h.section, h.score)) : [],
    suggestions: result.found ? [] : result.suggestions.map((s) => s.heading),
  };
}

function forPerson(json: ExplainJson): string {
  const best = json.results[0];
  if (!json.found || !best) {
    const lines = [`not found: ${json.query}`];
    if (json.suggestions.length > 0) lines.push(`did you mean: ${json.suggestions.join(' · ')}`);
    return lines.join('\n');
  }
  if (best.empty)
    return `${best.path.join(' › ')} (${best.file}:${best.line})\n(no notes written under this heading yet)`;
  const others = json.results.slice(1).map((r) => `  - ${r.path.join(' › ')} (${r.file}:${r.line})`);
  return [
    `${best.path.join(' › ')}  (${best.file}:${best.line})`,
    '',
    best.text.trim(),
    ...(others.length > 0 ? ['', 'other matches:', ...others] : []),
  ].join('\n');
}

export const explainCli: CliCommand = {
  name: 'explain',
  usage: ['explain "<question>" [--notes DIR] [--json] [--debug]', 'explain --stdin --json [--notes DIR] [--debug]'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      notes: { type: 'string' },
      json: { type: 'boolean' },
      stdin: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    const question = positionals.join(' ');
    if (!values.stdin && !question.trim()) throw new CliUsageError('a question is required: explain "<question>"');
    if (values.stdin && positionals.length > 0) throw new CliUsageError('--stdin takes no question argument');
    const index = await openNotes(io.config, values.notes);
    const answer = (q: string) => explainJson(q, index.search(q, { limit: MAX_RESULTS }));
    // --debug: how the search read the question and scored its candidates (the index's own engine explains).
    const explain = values.debug ? index.explain?.bind(index) : undefined;
    if (values.debug && !explain) throw new Error('this notes index cannot explain its search');
    const print = (q: string) => {
      if (explain) {
        const explanation = explain(q);
        writeLine(io.stdout, values.json ? JSON.stringify(explanation) : formatExplanation(explanation));
      } else {
        writeLine(io.stdout, values.json ? JSON.stringify(answer(q)) : forPerson(answer(q)));
      }
    };
    if (!values.stdin) {
      print(question);
      return 0;
    }
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of rl) if (line.trim()) print(line);
    return 0;
  },
};
