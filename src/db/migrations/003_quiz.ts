import type { Migration } from './index.js';

export const migration: Migration = {
  version: 3,
  name: 'quiz',
  sql: `
    -- filled in by the quiz domain
    SELECT 1;
  `,
};
