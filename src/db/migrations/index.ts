/**
 * Append-only, numbered migrations. Never edit one that has shipped: add the next number.
 * Each domain owns its file; this list is the order they run in.
 */
import { migration as m001 } from './001_core.js';
import { migration as m002 } from './002_study.js';
import { migration as m003 } from './003_quiz.js';
import { migration as m004 } from './004_study_board.js';
import { migration as m005 } from './005_explain_feedback.js';
import { migration as m006 } from './006_group.js';
import { migration as m007 } from './007_meeting.js';
import { migration as m008 } from './008_quiz_book.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008];
