/**
 * vitest global setup: the tests that run `npm start` / `npm run cli` exactly as the README gives them run the
 * built `dist/`, so it is rebuilt (incrementally) when any file under src/ is newer than the last build.
 * `npm install` builds it too (the `prepare` script); this only catches edits made since.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(path.join(PROJECT_ROOT, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    // never built
  }
  if (newest(path.join(PROJECT_ROOT, 'src')) <= built) return;
  // tsc emits even when it finds type errors; those fail `npm run typecheck`, not the test run.
  spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    },
  );
}
