/**
 * `cli quiz generate [--notes DIR] [--count N] [--seed S] [--bank DIR] [--json]`: questions from the notes.
 * The curated bank (QUIZ_DIR) is mixed in when the notes are the configured ones or `--bank` is given, so a
 * quiz over another notes folder is made from that folder only.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { translator } from '../../i18n/index.js';
import { loadBank } from '../../quiz/bank.js';
import { generateQuestions } from '../../quiz/generate.js';
import type { Question } from '../../quiz/types.js';
import { CliUsageError, parseFlags, writeLine, type CliCommand } from '../types.js';
import { openNotes } from '../notes.js';

const MAX_COUNT = 1000;

/** Exactly the JSON shape (the review card key stays internal). */
export const questionJson = (q: Question) => ({
  id: q.id,
  kind: q.kind,
  prompt: q.prompt,
  choices: q.choices,
  answer: q.answer,
  explanation: q.explanation,
  source: { file: q.source.file, heading: q.source.heading, path: q.source.path },
});

function forPerson(q: Question, n: number): string {
  return [
    `${n}. [${q.kind}] ${q.prompt}`,
    ...q.choices.map((c, i) => `   ${i === q.answer ? '*' : ' '} ${String.fromCharCode(65 + i)}. ${c}`),
    `   ${q.explanation}`,
    `   (${q.source.file} › ${q.source.path.join(' › ')})`,
  ].join('\n');
}

export const quizCli: CliCommand = {
  name: 'quiz',
  usage: ['quiz generate [--notes DIR] [--count N] [--seed S] [--bank DIR] [--json]'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      notes: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      bank: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'generate' || positionals.length > 1) {
      throw new CliUsageError('usage: quiz generate [--notes DIR] [--count N] [--seed S] [--bank DIR] [--json]');
    }
    const count = values.count === undefined ? 10 : Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
      throw new CliUsageError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
    }
    if (values.seed !== undefined && values.seed.trim() === '') throw new CliUsageError('--seed must not be empty');
    const index = await openNotes(io.config, values.notes);
    const bankDir = values.bank ? path.resolve(values.bank) : values.notes ? null : io.config.QUIZ_DIR;
    const bank = bankDir ? loadBank(bankDir).questions : [];
    const questions = generateQuestions(index, {
      count,
      seed: values.seed ?? randomBytes(6).toString('hex'),
      t: translator('ko'),
      bank,
    });
    if (values.json) writeLine(io.stdout, JSON.stringify({ questions: questions.map(questionJson) }));
    else writeLine(io.stdout, questions.map((q, i) => forPerson(q, i + 1)).join('\n\n') || 'no questions');
    return 0;
  },
};
