/**
 * Handler-level harness for the study domain: a real SQLite file (testEnv), a fixed small book, and the study
 * commands in a registry run through the real dispatcher.
 */
import type { Reply } from '../../src/core/reply.js';
import { createRegistry, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { studyCommands, studyComponents } from '../../src/commands/study/index.js';
import type { InteractionContext } from '../../src/commands/types.js';
import type { Locale } from '../../src/i18n/index.js';
import type { NotesIndex } from '../../src/notes/types.js';
import { parseBook, type Book } from '../../src/study/book.js';
import type { StudyDeps } from '../../src/study/deps.js';
import { testEnv, type TestEnv } from '../support/context.js';

export const BOOK_YAML = `title: 테스트 도커 책
chapters:
  - number: 1
    title: 도커 소개
  - number: 2
    title: 도커의 구조
  - number: 3
    title: 이미지와 레이어
  - number: 4
    title: 컨테이너 라이프 사이클
`;

export const testBook: Book = parseBook(BOOK_YAML, 'test-book.yaml');

/** The study domain never reads the notes; an empty index satisfies the context. */
export const noNotes: NotesIndex = {
  dir: '',
  sections: [],
  warnings: [],
  get: () => undefined,
  search: (query) => ({ query, found: false, results: [], suggestions: [], emptyTopic: null }),
  autocomplete: () => [],
  related: () => [],
};

export type CtxOverrides = Partial<Omit<InteractionContext, 't'>> & { locale?: Locale };

export interface StudyEnv extends TestEnv {
  deps: StudyDeps;
  run(
    name: string,
    subcommand: string | undefined,
    options?: Record<string, unknown>,
    as?: CtxOverrides,
  ): Promise<Reply>;
  click(customId: string, as?: CtxOverrides): Promise<Reply>;
  count(table: string): number;
}

export function studyEnv(options: { env?: Record<string, string>; book?: Book } = {}): StudyEnv {
  const book = options.book ?? testBook;
  const env = testEnv({ notes: noNotes, env: options.env, extra: { study: { book } } });
  const registry = createRegistry(studyCommands, studyComponents);
  const deps: StudyDeps = {
    db: env.services.db,
    book,
    clock: env.clock,
    groupTimeZone: env.config.STUDY_TIMEZONE,
  };
  return {
    ...env,
    deps,
    run: (name, subcommand, opts = {}, as = {}) =>
      runCommand(registry, env.ctx(as), { name, subcommand, options: opts }),
    click: (customId, as = {}) => runComponent(registry, env.ctx(as), customId),
    count: (table) => (env.services.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}

/** All custom ids of a reply's buttons, in order. */
export function buttonIds(reply: Reply): string[] {
  return (reply.buttons ?? []).flat().flatMap((b) => (b.customId ? [b.customId] : []));
}

/** Every text of a reply (content, titles, descriptions, fields, footers) joined, for assertions. */
export function textOf(reply: Reply): string {
  const parts = [reply.content ?? ''];
  for (const e of reply.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/** Instant of a wall-clock time in Seoul (UTC+9, no DST). */
export const kst = (y: number, mo: number, d: number, h = 12, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);
