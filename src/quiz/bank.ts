/**
 * The curated question bank: `data/quizzes/*.yaml`, each a list of
 * `{ id?, question, choices, answer, explanation, chapter, tags? }` (`answer` is the 0-based index or the choice text).
 * Validated with zod; every problem is reported as `file:line: path: message` using the yaml package's positions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { realPathInside } from '../core/paths.js';
import { aliasLine } from '../core/yaml.js';
import { shortHash } from './keys.js';
import type { BankQuestion } from './types.js';

const text = z.string().trim().min(1, 'must not be empty');

const itemSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'lowercase letters, digits, . _ - (at most 40)')
      .optional(),
    question: text,
    choices: z.array(text).min(2, 'needs at least 2 choices').max(5, 'at most 5 choices (one row of buttons)'),
    answer: z.union([z.number().int().nonnegative(), text]),
    explanation: text,
    chapter: text,
    tags: z.array(text).default([]),
  })
  .strict()
  .superRefine((item, ctx) => {
    const seen = new Set<string>();
    item.choices.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['choices', i], message: `duplicate choice "${c}"` });
      seen.add(c);
    });
    if (typeof item.answer === 'number' && item.answer >= item.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `index ${item.answer} is past the last choice` });
    }
    if (typeof item.answer === 'string' && !item.choices.includes(item.answer)) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `"${item.answer}" is not one of the choices` });
    }
  });

export interface BankIssue {
  file: string;
  line: number;
  message: string;
}

export interface BankLoad {
  questions: BankQuestion[];
  issues: BankIssue[];
}

export const formatIssue = (i: BankIssue) => `${i.file}:${i.line}: ${i.message}`;

/** Parses one bank file's text. `file` is the name used in issues and in question sources. */
export function parseBank(file: string, source: string): BankLoad {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const issues: BankIssue[] = doc.errors.map((e) => ({
    file,
    line: lineAt(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (issues.length > 0) return { questions: [], issues };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // yaml reports an alias without its anchor (`*x`) or an alias bomb only here, as a thrown ReferenceError.
    return { questions: [], issues: [{ file, line: aliasLine(doc, lines), message: (err as Error).message }] };
  }
  if (!Array.isArray(data)) {
    return { questions: [], issues: [{ file, line: 1, message: 'the file must be a list of questions' }] };
  }
  const questions: BankQuestion[] = [];
  const ids = new Map<string, number>();
  data.forEach((raw, i) => {
    const itemNode = doc.getIn([i], true);
    const itemLine = lineAt(isNode(itemNode) ? itemNode.range?.[0] : undefined);
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const node = doc.getIn([i, ...issue.path], true);
        const line = isNode(node) ? lineAt(node.range?.[0]) : itemLine;
        issues.push({
          file,
          line,
          message: `[${i}]${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${issue.message}`,
        });
      }
      return;
    }
    const item = parsed.data;
    const id =
      item.id ??
      shortHash(`${file}\u0000${item.question}`)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '0');
    const dup = ids.get(id);
    if (dup !== undefined) {
      issues.push({ file, line: itemLine, message: `[${i}]: duplicate id "${id}" (first on line ${dup})` });
      return;
    }
    ids.set(id, itemLine);
    questions.push({
      id,
      question: item.question,
      choices: item.choices,
      answer: typeof item.answer === 'number' ? item.answer : item.choices.indexOf(item.answer),
      explanation: item.explanation,
      chapter: item.chapter,
      tags: item.tags,
      file,
      line: itemLine,
    });
  });
  return { questions, issues };
}

/** Every `*.yaml`/`*.yml` in the folder (none if the folder is missing), in name order; ids must be unique across files. */
export function loadBank(dir: string): BankLoad {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return { questions: [], issues: [] };
  }
  const out: BankLoad = { questions: [], issues: [] };
  const seen = new Map<string, BankQuestion>();
  for (const name of names) {
    // A listed name may be a symlink: only a file whose real path stays in the bank folder is read.
    const file = realPathInside(dir, name);
    if (file === null) {
      out.issues.push({ file: name, line: 1, message: 'not read: it links outside the quiz folder or to nothing' });
      continue;
    }
    const { questions, issues } = parseBank(name, readFileSync(file, 'utf8'));
    out.issues.push(...issues);
    for (const q of questions) {
      const first = seen.get(q.id);
      if (first) {
        out.issues.push({
          file: q.file,
          line: q.line,
          message: `duplicate id "${q.id}" (also ${first.file}:${first.line})`,
        });
        continue;
      }
      seen.set(q.id, q);
      out.questions.push(q);
    }
  }
  return out;
}
