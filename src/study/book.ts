/**
 * The book the group reads (`data/book.yaml`): its title (and author and year, if given) and chapters, validated with
 * zod at start. Errors name the file and line, so a group editing chapter titles sees exactly what to fix.
 * A chapter whose title only repeats its number (`title: 3장`, `Chapter 3`) has no title: it reads "3장", not
 * "3장 3장".
 */
import { readFile } from 'node:fs/promises';
import { getChoseong } from 'es-hangul';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { aliasLine, pathLine } from '../core/yaml.js';

export interface Chapter {
  number: number;
  /** '' when the book gives the chapter no title of its own. */
  title: string;
}

export interface Book {
  /**
   * The book's key on study rows and meetings (issue 13): book.yaml's `key:`, else a slug of the title. A new key
   * in book.yaml is a new book: the group switches to it and the old book's history stays readable (src/group/books.ts).
   */
  key?: string;
  title: string;
  author?: string;
  year?: number;
  chapters: readonly Chapter[];
  /** book.yaml's `meetings:` as written (wall-clock strings in the group's timezone; src/group/yaml.ts reads them). */
  meetings?: readonly BookMeeting[];
}

export interface BookMeeting {
  week: number;
  /** YYYY-MM-DD. */
  date: string;
  /** HH:MM. */
  time: string;
  chapters: number[];
  presenter?: string;
  /** `YYYY-MM-DD HH:MM`; default 23:59 the day before. */
  deadline?: string;
  place?: string;
  /** A voice channel id. */
  voice?: string;
}

const meetingSchema = z
  .object({
    week: z.number().int().min(1).max(999),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    time: z
      .union([z.string(), z.number().int()])
      .transform(String)
      .pipe(z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'HH:MM')),
    chapters: z.array(z.number().int().min(0).max(999)).min(1).max(20),
    presenter: z.string().trim().min(1).max(100).optional(),
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}[ T]([01]?\d|2[0-3]):[0-5]\d$/, 'YYYY-MM-DD HH:MM')
      .optional(),
    place: z.string().trim().min(1).max(100).optional(),
    voice: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{17,20}$/, 'a voice channel id'))
      .optional(),
  })
  .strict();

const KEY_RE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

/** A book key from its title: letters and digits kept (Hangul too), the rest one '-', at most 64 characters. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'book';
}

const chapterSchema = z
  .object({
    number: z.number().int().min(0).max(999),
    title: z.string().trim().min(1).max(80),
  })
  .strict();

const bookSchema = z
  .object({
    key: z.string().regex(KEY_RE, 'letters, digits, . _ - (at most 64)').optional(),
    title: z.string().trim().min(1).max(200),
    author: z.string().trim().min(1).max(100).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    chapters: z.array(chapterSchema).min(1).max(200),
    meetings: z.array(meetingSchema).max(200).optional(),
  })
  .strict()
  .superRefine((book, ctx) => {
    const seen = new Set<number>();
    book.chapters.forEach((c, i) => {
      if (seen.has(c.number)) {
        ctx.addIssue({ code: 'custom', path: ['chapters', i, 'number'], message: `duplicate chapter ${c.number}` });
      }
      seen.add(c.number);
    });
    const weeks = new Set<number>();
    book.meetings?.forEach((m, i) => {
      if (weeks.has(m.week)) {
        ctx.addIssue({ code: 'custom', path: ['meetings', i, 'week'], message: `duplicate week ${m.week}` });
      }
      weeks.add(m.week);
    });
  });

export class BookError extends Error {
  override name = 'BookError';
}

/** Parses and validates book YAML; `file` only labels errors (`book.yaml:7: chapters.2.title: …`). */
export function parseBook(text: string, file = 'book.yaml'): Book {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? 1;
    throw new BookError(`${file}:${line}: ${yamlError.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // yaml reports an alias without its anchor (`*x`) or an alias bomb only here, as a thrown ReferenceError.
    throw new BookError(`${file}:${aliasLine(doc, lineCounter)}: ${(err as Error).message}`);
  }
  const parsed = bookSchema.safeParse(data);
  if (parsed.success) {
    const { title, author, year } = parsed.data;
    const chapters = [...parsed.data.chapters]
      .map((c) => ({ number: c.number, title: isPlainNumber(c) ? '' : c.title }))
      .sort((a, b) => a.number - b.number);
    const key = parsed.data.key ?? slugOf(title);
    const meetings = parsed.data.meetings;
    return {
      key,
      title,
      ...(author ? { author } : {}),
      ...(year ? { year } : {}),
      chapters,
      ...(meetings ? { meetings } : {}),
    };
  }
  const issue = parsed.error.issues[0];
  if (!issue) throw new BookError(`${file}: invalid book`);
  const where = issue.path.join('.') || '(root)';
  throw new BookError(`${file}:${pathLine(doc, lineCounter, issue.path)}: ${where}: ${issue.message}`);
}

/** A title that is only the chapter's number: "3장", "제3장", "Chapter 3", "Ch. 3", "3". */
function isPlainNumber(c: Chapter): boolean {
  const m = /^(?:제\s*)?(\d{1,3})\s*장$|^(?:ch(?:apter)?\.?\s*)?(\d{1,3})$/i.exec(c.title.normalize('NFKC').trim());
  return m !== null && Number(m[1] ?? m[2]) === c.number;
}

export async function loadBook(file: string): Promise<Book> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new BookError(`${file}: cannot read the book file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseBook(text, file);
}

export function findChapter(book: Book, number: number): Chapter | undefined {
  return book.chapters.find((c) => c.number === number);
}

/** A chapter from what a member typed or picked: its number (`3`, `3장`, `Chapter 3`) or its exact title. */
export function resolveChapter(book: Book, input: string): Chapter | undefined {
  const num = /^(?:ch(?:apter)?\.?\s*|챕터\s*)?(\d{1,3})\s*(?:장)?$/i.exec(input.normalize('NFKC').trim());
  if (num) return findChapter(book, Number(num[1]));
  const lower = input.normalize('NFC').trim().toLowerCase();
  if (lower === '') return undefined;
  return book.chapters.find((c) => c.title.normalize('NFC').toLowerCase() === lower);
}

export function chapterLabel(chapter: Chapter): string {
  return chapter.title ? `${chapter.number}. ${chapter.title}` : `${chapter.number}장`;
}

/** Chapter choices for autocomplete: number prefix, title substring, or Hangul initial consonants (ㄷㅋ → 도커). */
export function searchChapters(book: Book, input: string, limit = 25): Chapter[] {
  // NFC, not NFKC: NFKC would turn the initials a member types (ㄷㅋ, compatibility jamo) into conjoining jamo.
  const q = input.normalize('NFC').trim().toLowerCase();
  if (q === '') return book.chapters.slice(0, limit);
  // A number as typed or as a label reads it ("3", "3장", "Chapter 3"): chapters without a title are found this way.
  const number =
    /^(?:ch(?:apter)?\.?\s*|챕터\s*|제\s*)?(\d+)\s*(?:장)?$/i.exec(input.normalize('NFKC').trim())?.[1] ?? '';
  const digits = number !== '';
  const scored: { c: Chapter; score: number }[] = [];
  for (const c of book.chapters) {
    const title = c.title.toLowerCase();
    let score = -1;
    if (digits && String(c.number) === number) score = 0;
    else if (digits && String(c.number).startsWith(number)) score = 1;
    else if (title.startsWith(q)) score = 2;
    else if (title.includes(q)) score = 3;
    else if (getChoseong(c.title).replace(/\s/g, '').includes(q.replace(/\s/g, ''))) score = 4;
    if (score >= 0) scored.push({ c, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.c.number - b.c.number)
    .slice(0, limit)
    .map((s) => s.c);
}

/** The book's key (see `Book.key`). */
export function bookKey(book: Pick<Book, 'key' | 'title'>): string {
  return book.key ?? slugOf(book.title);
}
