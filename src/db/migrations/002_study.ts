import type { Migration } from './index.js';

export const migration: Migration = {
  version: 2,
  name: 'study',
  sql: `
    -- filled in by the study domain
    SELECT 1;
  `,
};
