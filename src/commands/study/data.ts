/**
 * /export: the member's own data as CSV or JSON attachments. /backup: admins only, an online SQLite backup
 * (better-sqlite3's `db.backup()`) into BACKUP_DIR, at most once per guild every ten minutes, keeping the guild's
 * newest BACKUP_KEEP.
 */
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { BACKUP_INTERVAL_MS, nextBackupAllowedAt, pruneGuildBackups, writeGuildBackup } from '../../db/backups.js';
import { exportMemberData, memberData } from '../../study/dataExport.js';
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
    const { BACKUP_DIR: dir, BACKUP_KEEP: keep } = ctx.services.config;
    const now = deps.clock.now();
    // The last backup's time is in its file name; one already running counts as the last one.
    const key = `${dir}\0${ctx.guildId}`;
    const next = running.has(key) ? now + BACKUP_INTERVAL_MS : nextBackupAllowedAt(dir, ctx.guildId, now);
    if (next !== undefined) throw new UserError('study.backup.tooSoon', { next: `<t:${Math.ceil(next / 1000)}:R>` });
    running.add(key);
    try {
      const { file } = await writeGuildBackup(deps.db, dir, ctx.guildId, now);
      const removed = pruneGuildBackups(dir, ctx.guildId, keep);
      if (removed.length > 0)
        ctx.services.logger.info({ guildId: ctx.guildId, removed: removed.length }, 'old backups removed');
      return { content: ctx.t('study.backup.done', { file: path.basename(file) }), ephemeral: true };
    } finally {
      running.delete(key);
    }
  },
});

/** Backups being written now, by folder and guild. */
const running = new Set<string>();
