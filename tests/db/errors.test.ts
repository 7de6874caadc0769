import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { createRegistry, runCommand } from '../../src/commands/dispatch.js';
import { defineCommand } from '../../src/commands/types.js';
import { storageFault, storageUserError } from '../../src/db/errors.js';
import { testEnv } from '../support/context.js';
import { noNotes } from '../study/support.js';

const sqlite = (code: string) => new Database.SqliteError(`${code} from the test`, code);

describe('storage error mapping', () => {
  it.each([
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['SQLITE_READONLY', 'notSaved'],
    ['SQLITE_READONLY_DBMOVED', 'notSaved'],
    ['SQLITE_FULL', 'notSaved'],
    ['SQLITE_IOERR', 'notSaved'],
    ['SQLITE_IOERR_WRITE', 'notSaved'],
    ['SQLITE_IOERR_FSYNC', 'notSaved'],
    ['SQLITE_CORRUPT', 'notSaved'],
  ])('maps %s to %s', (code, fault) => {
    expect(storageFault(sqlite(code))).toBe(fault);
  });

  it('leaves constraint failures, programming errors and non-SQLite errors alone', () => {
    expect(storageFault(sqlite('SQLITE_CONSTRAINT_CHECK'))).toBeUndefined();
    expect(storageFault(sqlite('SQLITE_ERROR'))).toBeUndefined();
    expect(storageFault(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }))).toBeUndefined();
    expect(storageUserError(new TypeError('x'), 'abcd1234')).toBeUndefined();
  });

  it('turns an IO error thrown by any handler into the translated "not saved" reply, not an internal error', async () => {
    const env = testEnv({ notes: noNotes });
    try {
      const failing = defineCommand({
        data: { name: 'failing', description: 'throws what a failing disk throws' },
        run: () => {
          throw sqlite('SQLITE_IOERR_WRITE');
        },
      });
      const registry = createRegistry([failing]);
      const reply = await runCommand(registry, env.ctx(), { name: 'failing', options: {} });
      const id = /`([0-9a-f]{8})`/.exec(reply.content ?? '')?.[1] ?? '';
      expect(reply).toEqual({ content: env.ctx().t('error.notSaved', { id }), ephemeral: true });
      expect(storageUserError(sqlite('SQLITE_BUSY'), id)).toEqual(new UserError('error.busy'));
    } finally {
      env.cleanup();
    }
  });
});
