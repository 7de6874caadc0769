/**
 * `npm run bench`: every benchmark, printed and written to BENCHMARKS.md (machine, date, command, figures).
 * Earlier figures live in that file's git history. `npm run bench -- search discord` runs only those (add
 * `--write` to replace just their sections of BENCHMARKS.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDiscord } from './discord.js';
import { benchGrowth } from './growth.js';
import { benchMemory, benchNotesMemory } from './memory.js';
import { benchQuiz } from './quiz.js';
import { formatReport, type BenchReport } from './report.js';
import { benchSearch } from './search.js';
import { benchStartup } from './startup.js';
import { benchStudy } from './study.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const all: Record<string, () => Promise<BenchReport>> = {
  search: benchSearch,
  discord: benchDiscord,
  study: benchStudy,
  quiz: benchQuiz,
  growth: benchGrowth,
  memory: benchMemory,
  'notes-memory': benchNotesMemory,
  quality: async () => (await import('./quality.js')).benchQuality(),
  startup: benchStartup,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in all));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(all).join(', ')}`);
  process.exit(2);
}

const reports: { key: string; report: BenchReport }[] = [];
for (const [key, bench] of Object.entries(all)) {
  if (wanted.length > 0 && !wanted.includes(key)) continue;
  const report = await bench();
  console.log(`${formatReport(report)}\n`);
  reports.push({ key, report });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
/** One report's section, between markers so a partial run (`--write`) can replace just that section. */
const table = ({ key, report: r }: { key: string; report: BenchReport }) =>
  [
    `<!-- bench:${key} -->`,
    `## ${r.name}`,
    '',
    '| metric | value | unit | note |',
    '| --- | ---: | --- | --- |',
    ...r.rows.map((row) => `| ${row.metric} | ${row.value} | ${row.unit} | ${row.note ?? ''} |`),
    '',
    `<!-- /bench:${key} -->`,
    '',
  ].join('\n');

if (wanted.length === 0) {
  writeFileSync(
    path.join(ROOT, 'BENCHMARKS.md'),
    [
      '# Benchmarks',
      '',
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
      `- node: ${process.version}`,
      '- command: `npm run bench`',
      '- Latencies are p50/p99 per operation, each the median of several runs; ratios compare against a baseline measured in the same run.',
      '',
      ...reports.map(table),
    ].join('\n'),
  );
  console.log('wrote BENCHMARKS.md');
} else if (process.argv.includes('--write')) {
  // `npm run bench -- quality --write`: replace those sections of BENCHMARKS.md, note when, keep the rest.
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let text = readFileSync(file, 'utf8');
  for (const entry of reports) {
    const start = `<!-- bench:${entry.key} -->`;
    const end = `<!-- /bench:${entry.key} -->`;
    const section = `${table(entry).trimEnd()}\n`;
    const dated = section.replace(
      end,
      `- re-run alone on ${new Date().toISOString()} (\`npm run bench -- ${entry.key} --write\`)\n\n${end}`,
    );
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    text =
      from >= 0 && to > from
        ? text.slice(0, from) + dated + text.slice(to + end.length + 1)
        : `${text.trimEnd()}\n\n${dated}`;
  }
  writeFileSync(file, text);
  console.log('updated BENCHMARKS.md');
}
