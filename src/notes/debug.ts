/**
 * Plain-text form of `SearchEngine.explain` for `cli explain --debug`: what the question became (terms, weights,
 * dropped chat and function words, typo and keyboard readings), the "not found" threshold, and for each top
 * candidate its coverage and every part of its score. A miss should be explainable from this output alone.
 */
import type { ExplainCandidate, ExplainToken, SearchExplanation } from './search.js';

const REASONS: Record<string, string> = {
  question: 'question word',
  chat: 'chat word',
  function: 'function word',
  particle: 'particle',
};

const num = (value: number, digits = 3) => value.toFixed(digits);
const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

function tokenLine(token: ExplainToken): string {
  const head = token.text.padEnd(12);
  if (token.dropped) return `  ${head} dropped: ${REASONS[token.dropped] ?? token.dropped}`;
  const steps: string[] = [];
  if (token.stem) steps.push(`stem ${token.stem}`);
  if (token.typo)
    steps.push(`typo of ${token.typo.form} (${token.typo.distance} edit${token.typo.distance === 1 ? '' : 's'})`);
  if (token.correction) {
    steps.push(
      token.correction.kind === 'keyboard'
        ? `keyboard layout → ${token.correction.to}`
        : `typo of the notes' ${token.correction.to} (${token.correction.distance ?? 1} edit${token.correction.distance === 1 ? '' : 's'})`,
    );
  }
  const words = token.words.map((word) => {
    const terms = word.terms
      .map(({ term, idf, df }) =>
        df === 0 ? `${term} (absent, idf ${num(idf, 2)})` : `${term} (idf ${num(idf, 2)}, df ${df})`,
      )
      .join(' + ');
    const flags = [word.optional ? 'optional' : '', word.verb ? 'verb' : ''].filter(Boolean).join(', ');
    return `${terms} ×${num(word.weight, 2)}${flags ? ` (${flags})` : ''}`;
  });
  return `  ${head} ${[...steps, ...words].join(' → ')}`;
}

function candidateLines(candidate: ExplainCandidate, rank: number, minCoverage: number, minWords: number): string[] {
  const verdict = candidate.answers ? '✓ answers' : `✗ below ${percent(minCoverage)} / ${percent(minWords)}`;
  const flags = [candidate.kind !== 'concept' ? candidate.kind : '', candidate.empty ? 'empty' : ''].filter(Boolean);
  const lines = [
    `  ${rank}. ${candidate.path.join(' › ')}  (${candidate.file}:${candidate.line})${flags.length ? ` [${flags.join(', ')}]` : ''}`,
    `     score ${num(candidate.score)} = (bm25 ${num(candidate.bm25)} + heading bonus ${num(candidate.headingBonus)}) × prior ${num(candidate.prior, 2)}` +
      `${candidate.priorReasons.length ? ` (${candidate.priorReasons.join(', ')})` : ''}`,
    `     coverage ${percent(candidate.coverage)} of the weight, ${percent(candidate.wordCoverage)} of the words ${verdict}`,
  ];
  for (const term of candidate.matched) {
    const tf = Object.entries(term.tf)
      .filter(([, count]) => count > 0)
      .map(([field, count]) => `${field} ${Math.round(count * 100) / 100}`)
      .join(', ');
    lines.push(`       ${term.term}: bm25 ${num(term.bm25)} (tf ${tf || '—'})${term.inHeading ? ' · in heading' : ''}`);
  }
  if (candidate.missing.length > 0) lines.push(`       missing: ${candidate.missing.join(', ')}`);
  return lines;
}

export function formatExplanation(explanation: SearchExplanation): string {
  const { outcome } = explanation;
  const answer = outcome.found
    ? `found → ${outcome.top}`
    : outcome.emptyTopic !== null
      ? `empty topic → ${outcome.emptyTopic}`
      : `not found${outcome.suggestions.length ? ` (suggestions: ${outcome.suggestions.join(' · ')})` : ''}`;
  const lines = [`query: ${explanation.query}`, 'tokens:', ...explanation.tokens.map(tokenLine)];
  if (explanation.tokens.length === 0) lines.push('  (none)');
  lines.push(
    `dropped: ${explanation.dropped.map((d) => `${d.text} (${REASONS[d.reason] ?? d.reason})`).join(', ') || 'none'}`,
    `corrections: ${
      explanation.corrections
        .map(
          (c) =>
            `${c.text} → ${c.to} (${c.kind}${c.distance !== undefined ? `, ${c.distance} edit${c.distance === 1 ? '' : 's'}` : ''})`,
        )
        .join(', ') || 'none'
    }`,
    `words: ${explanation.words.map((w) => `${w.terms.join('+')}×${num(w.weight, 2)}${w.optional ? '?' : ''}`).join('  ') || 'none'} (? = optional: adds to the score, never to the total)`,
    `coverage rule: a section answers with ≥ ${percent(explanation.minCoverage)} of the IDF weight ${num(explanation.totalWeight)} (${num(explanation.threshold)}) and ≥ ${percent(explanation.minWords)} of the word weight ${num(explanation.wordWeight)}, and scores ≥ ${num(explanation.scoreFloor)} (below: only in passing, a suggestion)`,
    `concept rule: ${
      explanation.missingConcept === null
        ? 'every concept the question names is in the notes'
        : `the notes never mention ${explanation.missingConcept} (by any of its names): not covered, its best sections are suggestions`
    }`,
    `outcome: ${answer}`,
    'candidates (best score first):',
  );
  if (explanation.candidates.length === 0) lines.push('  (no section contains any query term)');
  explanation.candidates.forEach((candidate, i) =>
    lines.push(...candidateLines(candidate, i + 1, explanation.minCoverage, explanation.minWords)),
  );
  return lines.join('\n');
}
