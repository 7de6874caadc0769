import type { Migration } from './index.js';

export const migration: Migration = {
  version: 1,
  name: 'core',
  sql: `
    -- Hash of the last registered command definitions, so restarts skip the bulk overwrite.
    CREATE TABLE command_registration (
      application_id TEXT NOT NULL,
      guild_id TEXT NOT NULL, -- '' for global registration
      hash TEXT NOT NULL,
      registered_at INTEGER NOT NULL,
      PRIMARY KEY (application_id, guild_id)
    );
    -- Per-member settings (timezone, reminder…), keyed like every row by guild and user.
    CREATE TABLE member_settings (
      guild_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      timezone TEXT,
      locale TEXT,
      reminder_time TEXT,
      PRIMARY KEY (guild_id, user_id)
    );
  `,
};
