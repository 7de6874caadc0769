/**
 * /export: the member's own data as CSV or JSON attachments. /backup: admins only, an online SQLite backup
 * (better-sqlite3's `db.backup()`) into BACKUP_DIR.
 */
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { backupDatabase, exportMemberData, memberData } from '../../study/dataExport.js';
import { defineCommand, describe, OptionType } from '../types.js';
import { studyDeps } from './common.js';

export const exportCommand = defineCommand({
  data: {
    name: 'export',
    ...describe('study.cmd.export'),
    contexts: [0],
    options: [
      {
        type: OptionType.String,
        name: 'format',
        ...describe('study.opt.format'),
        choices: [
          { name: 'CSV', value: 'csv' },
          { name: 'JSON', value: 'json' },
        ],
      },
    ],
  },
  ephemeral: () => true,
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const format = args.format === 'json' ? 'json' : 'csv';
    const files = exportMemberData(memberData(deps.db, ctx.guildId, ctx.user.id, deps.clock.now()), format);
    return { content: ctx.t('study.export.done', { format: format.toUpperCase() }), files, ephemeral: true };
  },
});

export const backupCommand = defineCommand({
  data: {
    name: 'backup',
    ...describe('study.cmd.backup'),
    contexts: [0],
    // Manage Guild, as the dispatcher's isAdmin; the handler checks again.
    default_member_permissions: '32',
  },
  defer: true,
  ephemeral: () => true,
  async run(ctx) {
    if (!ctx.isAdmin) throw new UserError('error.adminOnly');
    const deps = studyDeps(ctx);
    const { file } = await backupDatabase(deps.db, ctx.services.config.BACKUP_DIR, deps.clock.now());
    return { content: ctx.t('study.backup.done', { file: path.basename(file) }), ephemeral: true };
  },
});
