import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../../../src/notes/build.js';
import type { NotesIndex } from '../../../src/notes/types.js';

export const NOTES_TESTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLED_NOTES = path.resolve(NOTES_TESTS, '../../data/notes/docker-study.md');
export const CHAPTER2 = path.join(NOTES_TESTS, 'fixtures/chapter2/docker-volume-network.md');

export interface Question {
  q: string;
  /** Heading of the section that must rank first, or null when the notes do not answer it. */
  expect: string | null;
  /** For empty topics: the heading `emptyTopic` must name. */
  emptyTopic?: string;
  kind?: string;
}

export function readQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Question);
}

/** An index over the given markdown files, named by their base names as a notes folder would. */
export function indexOf(...files: string[]): NotesIndex {
  return buildIndex(
    files.map((file) => ({ file: path.basename(file), text: readFileSync(file, 'utf8') })),
    { dir: path.dirname(files[0] ?? '.') },
  );
}

export interface Outcome {
  question: Question;
  got: string | null;
  emptyTopic: string | null;
  pass: boolean;
}

export function judge(index: NotesIndex, questions: Question[]): Outcome[] {
  return questions.map((question) => {
    const result = index.search(question.q);
    const got = result.found ? (result.results[0]?.section.heading ?? null) : null;
    const emptyTopic = result.emptyTopic?.heading ?? null;
    const pass = got === question.expect && emptyTopic === (question.emptyTopic ?? null);
    return { question, got, emptyTopic, pass };
  });
}

/** Accuracy plus the misses, printed so a failing run shows what went wrong. */
export function report(name: string, outcomes: Outcome[]): number {
  const passed = outcomes.filter((o) => o.pass).length;
  const accuracy = passed / Math.max(1, outcomes.length);
  const misses = outcomes
    .filter((o) => !o.pass)
    .map(
      (o) =>
        `  ✗ ${o.question.q} → ${o.got ?? o.emptyTopic ?? 'not found'} (want ${o.question.expect ?? o.question.emptyTopic ?? 'not found'})`,
    );
  console.log([`${name}: ${passed}/${outcomes.length} = ${(accuracy * 100).toFixed(1)}%`, ...misses].join('\n'));
  return accuracy;
}
