/**
 * Recreates the quality bench's local corpora: `bench/quality/local/<id>/` holds the `.md` files of each repository
 * in `bench/quality/corpora.json` at its pinned commit, folder layout kept. These repositories carry no licence, so
 * their notes are never committed here (the folder is gitignored); only our questions and figures are.
 *
 *   npx tsx bench/quality/fetch-local.ts            # from bare git mirrors: $QUALITY_MIRRORS/<owner>+<name>/repo
 *                                                   # (default /work/.mirror, where the search tool's fetch puts them)
 *   npx tsx bench/quality/fetch-local.ts --clone    # clone what is missing from GitHub first (needs the network)
 *   npx tsx bench/quality/fetch-local.ts <id> …     # only those corpora
 *
 * Per corpus this is `git --git-dir <mirror> archive <commit> -- ':(glob,icase)**\/*.md' | tar -x -C local/<id>`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const LOCAL_DIR = path.join(HERE, 'local');

export interface CorpusInfo {
  /** `<owner>-<name>`: the folder name and the `corpus` field of questions.jsonl. */
  id: string;
  /** `owner/name` on GitHub. */
  repo: string;
  commit: string;
  /** SPDX id of the repository's licence, or null when it has none (then it is never committed). */
  licence: string | null;
  /** True when the notes are committed under tests/notes/fixtures/real/<id>/. */
  committed: boolean;
  about: string;
}

export function readCorpora(): CorpusInfo[] {
  return JSON.parse(readFileSync(path.join(HERE, 'corpora.json'), 'utf8')) as CorpusInfo[];
}

function run(command: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().trim()}`);
  }
  return result.stdout;
}

function mirrorOf(corpus: CorpusInfo, clone: boolean): string {
  const root = process.env.QUALITY_MIRRORS ?? '/work/.mirror';
  const mirror = path.join(root, corpus.repo.replace('/', '+'), 'repo');
  // A bare mirror, or a clone with its git folder inside (fetch gives either).
  if (existsSync(path.join(mirror, '.git'))) return path.join(mirror, '.git');
  if (existsSync(mirror)) return mirror;
  const cache = path.join(LOCAL_DIR, '.git-cache', `${corpus.id}.git`);
  if (existsSync(cache)) return cache;
  if (!clone) {
    throw new Error(
      `${corpus.id}: no git mirror at ${mirror}; run with --clone, or set QUALITY_MIRRORS to a folder of <owner>+<name>/repo mirrors`,
    );
  }
  mkdirSync(path.dirname(cache), { recursive: true });
  run('git', ['clone', '--bare', '--quiet', `https://github.com/${corpus.repo}.git`, cache]);
  return cache;
}

export function exportCorpus(corpus: CorpusInfo, clone = false): string {
  const gitDir = mirrorOf(corpus, clone);
  const dest = path.join(LOCAL_DIR, corpus.id);
  const tar = run('git', ['--git-dir', gitDir, 'archive', '--format=tar', corpus.commit, '--', ':(glob,icase)**/*.md']);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  run('tar', ['-x', '-C', dest], tar);
  return dest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const clone = args.includes('--clone');
  const only = args.filter((a) => !a.startsWith('-'));
  let failed = false;
  for (const corpus of readCorpora()) {
    if (corpus.committed || (only.length > 0 && !only.includes(corpus.id))) continue;
    try {
      console.log(`${corpus.id}: ${exportCorpus(corpus, clone)} (${corpus.repo} @ ${corpus.commit.slice(0, 12)})`);
    } catch (error) {
      failed = true;
      console.error(error instanceof Error ? error.message : String(error));
    }
  }
  process.exit(failed ? 1 : 0);
}
