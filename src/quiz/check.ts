/** `npm run quiz:check`: validates data/quizzes/*.yaml (or the folders given), one `file:line: problem` per line. */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { formatIssue, loadBank } from './bank.js';

export function checkBanks(dirs: string[]): { lines: string[]; ok: boolean; count: number } {
  const lines: string[] = [];
  let count = 0;
  for (const dir of dirs) {
    const { questions, issues } = loadBank(dir);
    count += questions.length;
    const rel = path.relative(process.cwd(), dir) || '.';
    lines.push(...issues.map((i) => formatIssue({ ...i, file: path.join(rel, i.file) })));
  }
  return { lines, ok: lines.length === 0, count };
}

const isMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const dirs = process.argv.slice(2);
  const result = checkBanks(dirs.length > 0 ? dirs.map((d) => path.resolve(d)) : [loadConfig().QUIZ_DIR]);
  for (const line of result.lines) process.stderr.write(`${line}\n`);
  if (result.ok) process.stdout.write(`quiz:check: ${result.count} questions OK\n`);
  process.exitCode = result.ok ? 0 : 1;
}
