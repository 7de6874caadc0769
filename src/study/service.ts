/**
 * The study domain's app-wide service: the book, loaded and validated once at start.
 */
import type { Config } from '../config.js';
import { loadBook, type Book } from './book.js';

export interface StudyService {
  book: Book;
}

/** Loads `BOOK_PATH` (throws a BookError naming the line when the YAML is invalid). */
export async function createStudyService(config: Pick<Config, 'BOOK_PATH'>): Promise<StudyService> {
  return { book: await loadBook(config.BOOK_PATH) };
}
