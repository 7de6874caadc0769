/** Helpers for the quiz tests: notes indexes of the bundled and a Kubernetes fixture, and manual timers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../../src/notes/build.js';
import type { NotesIndex } from '../../src/notes/types.js';
import type { ChannelPort } from '../../src/commands/types.js';
import { silentLogger, type Logger } from '../../src/core/context.js';
import { QuizManager } from '../../src/quiz/manager.js';
import { ReviewService } from '../../src/quiz/review.js';
import type { TimerHandle, Timers } from '../../src/quiz/timers.js';
import { recordingChannel, testEnv, type TestEnv } from '../support/context.js';

export const SEED_NOTES = path.resolve(import.meta.dirname, '../../data/notes/docker-study.md');
export const K8S_NOTES = path.resolve(import.meta.dirname, 'fixtures/k8s/k8s-study.md');

/** The real notes index (parser, record sections, search) over the given markdown files. */
export function indexFrom(files: { file: string; text: string }[]): NotesIndex {
  return buildIndex(files, { dir: '/notes' });
}

export const seedIndex = () => indexFrom([{ file: 'docker-study.md', text: readFileSync(SEED_NOTES, 'utf8') }]);
export const k8sIndex = () => indexFrom([{ file: 'k8s-study.md', text: readFileSync(K8S_NOTES, 'utf8') }]);

/** Timers that fire only when the test advances the clock; `advance` lets async work settle after each firing. */
export function manualTimers(clock: { now(): number; set(ms: number): void }) {
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers & { advance(ms: number): Promise<void>; pendingCount(): number } = {
    set(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: clock.now() + Math.max(0, ms), fn });
      return { id };
    },
    clear(handle: TimerHandle) {
      pending.delete(handle.id);
    },
    async advance(ms) {
      const target = clock.now() + ms;
      await settle();
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        pending.delete(due[0]);
        clock.set(Math.max(clock.now(), due[1].at));
        due[1].fn();
        await settle();
      }
      clock.set(target);
      await settle();
    },
    pendingCount: () => pending.size,
  };
  return timers;
}

/** Lets queued promise callbacks run (no wall-clock waiting). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * A QuizManager on the seed notes with a real SQLite file, the manual clock and manual timers. `start(count)` opens a
 * quiz in channel c1 hosted by `host`. The caller cleans up with `env.cleanup()`.
 */
export function managerSetup(
  options: { channel?: ChannelPort; logger?: Logger; mode?: 'once' | 'change'; allAnsweredGraceMs?: number } = {},
): {
  env: TestEnv;
  timers: ReturnType<typeof manualTimers>;
  quiz: QuizManager;
  start: (count?: number) => Promise<number>;
} {
  const notes = seedIndex();
  const env = testEnv({ notes });
  const timers = manualTimers(env.clock);
  const deps = { db: env.services.db, clock: env.clock, notes: () => notes, bank: () => [], timeZone: 'Asia/Seoul' };
  const quiz = new QuizManager({
    ...deps,
    timers,
    logger: options.logger ?? silentLogger,
    review: new ReviewService(deps),
    lobbySeconds: 30,
    revealSeconds: 5,
    minEditGapMs: 1000,
    ...(options.allAnsweredGraceMs === undefined ? {} : { allAnsweredGraceMs: options.allAnsweredGraceMs }),
  });
  const start = (count = 1) =>
    quiz.start({
      guildId: 'g',
      channelId: 'c1',
      channel: options.channel ?? recordingChannel('c1'),
      host: { id: 'host', name: 'Host' },
      locale: 'ko',
      count,
      seconds: 20,
      mode: options.mode ?? 'once',
      seed: 7,
    });
  return { env, timers, quiz, start };
}
