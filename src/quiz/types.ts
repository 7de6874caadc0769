/** Plain data of the quiz domain: questions as the CLI prints them and the group quiz plays them. */
export type QuestionKind = 'definition' | 'cloze' | 'truefalse' | 'fact' | 'bank';

export interface QuestionSource {
  /** Notes file relative to the notes folder, or the bank file relative to the quizzes folder. */
  file: string;
  heading: string;
  path: string[];
}

export interface Question {
  id: string;
  kind: QuestionKind;
  prompt: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  explanation: string;
  source: QuestionSource;
  /** The spaced-review card this question exercises (a concept section or a bank question). */
  cardKey: string;
}

/** A curated question from `data/quizzes/*.yaml`, validated. */
export interface BankQuestion {
  id: string;
  question: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  explanation: string;
  chapter: string;
  tags: string[];
  /** Bank file relative to the quizzes folder, and the line the item starts on. */
  file: string;
  line: number;
}
