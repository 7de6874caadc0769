/**
 * Builds a real InteractionContext for handler tests: a real SQLite file in a temp folder with migrations applied,
 * the bundled notes (or a given index), a fixed clock and a channel port that records what was sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { silentLogger, type Clock } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { openDatabase } from '../../src/db/connection.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import type { ChannelPort, InteractionContext, MessageRef, Services } from '../../src/commands/types.js';
import type { NotesIndex } from '../../src/notes/types.js';

export interface RecordingChannel extends ChannelPort {
  sent: { ref: MessageRef; reply: Reply }[];
  edits: { ref: MessageRef; reply: Reply }[];
}

export function recordingChannel(channelId = 'c1'): RecordingChannel {
  let next = 1;
  const sent: RecordingChannel['sent'] = [];
  const edits: RecordingChannel['edits'] = [];
  return {
    sent,
    edits,
    async send(reply) {
      const ref = { channelId, messageId: String(next++) };
      sent.push({ ref, reply });
      return ref;
    },
    async edit(ref, reply) {
      edits.push({ ref, reply });
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(
  start = Date.UTC(2026, 10, 28, 3, 0, 0),
): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set: (ms) => void (now = ms),
    advance: (ms) => void (now += ms),
  };
}

export interface TestEnv {
  dir: string;
  config: Config;
  services: Services;
  clock: ReturnType<typeof manualClock>;
  ctx(
    overrides?: Partial<Omit<InteractionContext, 't'>> & { locale?: Locale },
  ): InteractionContext & { channel: RecordingChannel };
  cleanup(): void;
}

/**
 * `notes` is required so this helper does not depend on how the index is built; tests pass
 * `await loadNotes(config.NOTES_DIR)` or a small index of their own.
 */
export function testEnv(options: {
  notes: NotesIndex;
  env?: Record<string, string>;
  extra?: Partial<Services>;
}): TestEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-'));
  const config = loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent', ...options.env });
  const clock = manualClock();
  const db = openDatabase(config.DATABASE_PATH);
  const services = {
    config,
    clock,
    logger: silentLogger,
    db,
    notes: { index: options.notes },
    ...options.extra,
  } as Services;
  return {
    dir,
    config,
    services,
    clock,
    ctx(overrides = {}) {
      const locale = overrides.locale ?? 'ko';
      return {
        guildId: 'g1',
        inGuild: true,
        channelId: 'c1',
        user: { id: 'u1', name: 'member1' },
        isAdmin: false,
        services,
        channel: recordingChannel(),
        fetchAttachment: async () => Buffer.alloc(0),
        ...overrides,
        locale,
        t: translator(locale),
      } as InteractionContext & { channel: RecordingChannel };
    },
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
