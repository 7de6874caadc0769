/**
 * Full disk and read-only database. Full disk is simulated with `PRAGMA max_page_count` on the bot's connection
 * (inserts that need a new page fail with SQLITE_FULL, exactly as on a full disk); read-only by opening the file with
 * better-sqlite3's `readonly: true` (tests run as root, where chmod would not stop a write).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db, Logger } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { storageFault } from '../../src/db/errors.js';
import { applyImport, type ImportPlan } from '../../src/study/importer.js';
import { studyEnv, type StudyEnv } from '../study/support.js';
import { count, errorIdOf, useDb } from './support.js';

let env: StudyEnv | undefined;
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  env?.cleanup();
  env = undefined;
});

/** Caps the connection at its current size: the next insert that needs a page fails with SQLITE_FULL. */
function fillDisk(db: Db, spare = 0): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + spare}`);
}

function notSaved(e: StudyEnv, reply: Reply, locale: 'ko' | 'en' = 'ko'): void {
  expect(reply).toEqual({
    content: e.ctx({ locale }).t('error.notSaved', { id: errorIdOf(reply) }),
    ephemeral: true,
  });
}

function consistentRollups(db: Db): void {
  const logs = db.prepare('SELECT count(*) AS n, total(minutes) AS m FROM study_logs').get();
  expect(db.prepare('SELECT total(entries) AS n, total(minutes) AS m FROM study_chapter_totals').get()).toEqual(logs);
  expect(db.prepare('SELECT total(entries) AS n, total(minutes) AS m FROM study_daily').get()).toEqual(logs);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

function recordingLogger(): Logger & { errors: Record<string, unknown>[] } {
  const errors: Record<string, unknown>[] = [];
  const logger = {
    errors,
    debug() {},
    info() {},
    warn() {},
    error(obj: object | string) {
      if (typeof obj === 'object') errors.push(obj as Record<string, unknown>);
    },
    child: () => logger,
  };
  return logger;
}

describe('full disk', () => {
  it('answers every /log add until the disk is full, then says nothing was saved; every answered log is there', async () => {
    env = studyEnv();
    const db = env.services.db;
    fillDisk(db);
    let saved = 0;
    let failure: Reply | undefined;
    for (let i = 0; i < 5000 && !failure; i++) {
      const reply = await env.run(
        'log',
        'add',
        { minutes: String(1 + (i % 90)), chapter: String(1 + (i % 4)), memo: `memo ${i} `.repeat(20) },
        { user: { id: `u${i % 5}`, name: `member ${i % 5}` } },
      );
      if (reply.embeds?.[0]?.title === env.ctx().t('study.log.added.title')) saved++;
      else failure = reply;
    }
    expect(failure).toBeDefined();
    notSaved(env, failure as Reply);
    expect(saved).toBeGreaterThan(0);
    expect(count(db, 'study_logs')).toBe(saved);
    consistentRollups(db);
  });

  it('says so in English for an English locale and tells the admin in the log with the same error id', async () => {
    env = studyEnv();
    const logger = recordingLogger();
    env.services.logger = logger;
    fillDisk(env.services.db);
    let reply: Reply | undefined;
    for (let i = 0; i < 5000; i++) {
      reply = await env.run(
        'rate',
        undefined,
        { chapter: '1', stars: 4, why: `why ${i} `.repeat(100) },
        { locale: 'en' },
      );
      if (!reply.embeds) break;
    }
    notSaved(env, reply as Reply, 'en');
    expect(reply?.content).toMatch(/nothing was saved/);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toMatchObject({ errorId: errorIdOf(reply as Reply), command: 'rate' });
    expect(storageFault(logger.errors[0]?.err)).toBe('notSaved');
  });

  it('writes none of a multi-row template import that runs out of space half-way', () => {
    env = studyEnv();
    const db = env.services.db;
    const plan: ImportPlan = {
      logs: [1, 2, 3, 4].map((chapter) => ({ chapter, minutes: 100 * 1440 })),
      ratings: [1, 2, 3, 4].map((chapter) => ({
        chapter,
        stars: 3,
        hardPart: 'h'.repeat(900),
        why: 'w'.repeat(900),
        insight: 'i'.repeat(900),
        previous: null,
      })),
      questions: Array.from({ length: 100 }, (_, i) => ({ chapter: 1, text: `q${i} `.repeat(200), done: false })),
      warnings: [],
    };
    fillDisk(db, 3); // room for the first rows, not for all of them
    let thrown: unknown;
    try {
      applyImport(env.deps, 'g1', 'u1', plan);
    } catch (err) {
      thrown = err;
    }
    expect(storageFault(thrown)).toBe('notSaved');
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
    expect([count(db, 'study_logs'), count(db, 'study_ratings'), count(db, 'study_questions')]).toEqual([0, 0, 0]);
    consistentRollups(db);
    // Nothing is wedged: a write that fits still succeeds.
    db.pragma('max_page_count = 1000000');
    expect(applyImport(env.deps, 'g1', 'u1', plan).ratings).toBe(4);
  });
});

describe('read-only database', () => {
  it('tells the member /log and /rate were not saved and writes nothing', async () => {
    env = studyEnv();
    const readonly = new Database(env.config.DATABASE_PATH, { readonly: true });
    opened.push(readonly);
    useDb(env, readonly);
    notSaved(env, await env.run('log', 'add', { minutes: '1시간 20분', chapter: '2' }));
    notSaved(env, await env.run('rate', undefined, { chapter: '2', stars: 5 }, { locale: 'en' }), 'en');
    const own = openedCopy(env);
    expect([count(own, 'study_logs'), count(own, 'study_ratings'), count(own, 'study_members')]).toEqual([0, 0, 0]);
    // Reading still works on a read-only database.
    expect((await env.run('log', 'list', {})).content).not.toMatch(/`[0-9a-f]{8}`/);
  });
});

/** A writable connection of the test's own, to look at the file behind the read-only one. */
function openedCopy(e: StudyEnv): Db {
  const db = new Database(e.config.DATABASE_PATH);
  opened.push(db);
  return db;
}
