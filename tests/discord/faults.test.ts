/**
 * Gateway faults against the real bot (startBot, what `npm start` runs) through the fake Discord: dropped
 * connections, INVALID_SESSION, RECONNECT and withheld heartbeat ACKs. After each, the bot resumes or identifies
 * again and keeps answering /explain; interactions dispatched while it was away are replayed on RESUME and answered
 * exactly once; nothing anywhere is answered twice. Every wait is on an event from the fake, never a sleep.
 */
import { EventEmitter, once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/commands/types.js';
import type { Logger } from '../../src/core/context.js';
import { memoryLogger, startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { FakeInteraction, InteractionResponse } from '../support/fake-discord.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Small, so a zombie connection (no ACK for one interval) is detected within a fraction of a second. */
const HEARTBEAT_MS = 200;
/** discord.js waits out its identify throttle (5 s + up to 1.5 s jitter) before identifying a new session. */
const REIDENTIFY_TIMEOUT_MS = 20_000;

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const acceptedCallbacks = (ix: FakeInteraction) => ix.responses.filter((r) => r.kind === 'callback' && r.ok);

let releaseSlow: () => void = () => {};
let enteredSlow: () => void = () => {};
const slow = defineCommand({
  data: { name: 'slowfault', description: 'Waits for the test before answering' },
  async run() {
    const gate = new Promise<void>((resolve) => (releaseSlow = resolve));
    enteredSlow();
    await gate;
    return { content: 'slow answer' };
  },
});

let h: BotHarness;
/** The bot's log, with an event per line so a test can wait for "interaction handled" without polling. */
const log = memoryLogger();
const logged = new EventEmitter();
const logger: Logger = {
  ...log,
  info: (obj, msg) => {
    log.info(obj, msg);
    logged.emit('line');
  },
  warn: (obj, msg) => {
    log.warn(obj, msg);
    logged.emit('line');
  },
  child: () => logger,
};

beforeAll(async () => {
  h = await startBotAgainstFake({
    fake: { heartbeatIntervalMs: HEARTBEAT_MS, rateLimit: { limit: 10_000, windowMs: 1000 } },
    bot: { extraCommands: [slow as never], deferAfterMs: 1000, logger },
  });
});

afterAll(async () => {
  await h?.close();
});

/** Asks /explain and checks the answer is the expected section. */
async function explain(question: string, title: string): Promise<FakeInteraction> {
  const ix = await h.fake.sendCommand({ name: 'explain', options: { question } });
  expect(embedOf(await ix.waitForReply()).title).toBe(title);
  return ix;
}

/** Whether the INTERACTION_CREATE for `ix` went out on a connection after `connection` (i.e. it was replayed). */
function deliveredOn(ix: FakeInteraction): number[] {
  return h.fake.gateway.log
    .filter((r) => r.direction === 'out' && r.t === 'INTERACTION_CREATE' && (r.d as Json).id === ix.id)
    .map((r) => r.connection);
}

/** The bot's own record of handling an interaction (one `interaction` log line per handled interaction). */
const handledLines = (id: string) =>
  log.lines.filter((l) => l.obj.interactionId === id && /^interaction/.test(l.msg ?? ''));

/** Resolves once the bot has logged handling every interaction the fake sent so far. */
async function allHandled(): Promise<void> {
  const pending = () => [...h.fake.interactions.keys()].some((id) => handledLines(id).length === 0);
  while (pending()) await once(logged, 'line');
}

describe('gateway faults: the bot recovers and keeps answering', () => {
  it('resumes after a resumable close (4000) and answers /explain', async () => {
    await explain('컨테이너', '컨테이너');
    const resumed = h.fake.waitFor('resumed');
    await h.fake.dropConnection({ code: 4000 });
    const [{ connection }] = await resumed;
    expect(h.fake.gateway.log.some((r) => r.connection === connection && r.direction === 'in' && r.op === 6)).toBe(
      true,
    );
    await explain('도커 클라이언트', '도커 클라이언트');
  });

  it('after an abnormal close, answers a command, an autocomplete and a button sent while away exactly once', async () => {
    const before = await h.fake.sendCommand({ name: 'explain', options: { question: '이미지 이름 규칙' } });
    const beforeReply = await before.waitForReply();
    const related = buttonsOf(beforeReply).find((b) => String(b.custom_id).startsWith('v1:explain.open:'));
    expect(related).toBeDefined();

    const resumed = h.fake.waitFor('resumed');
    await h.fake.dropConnection({ abnormal: true });
    expect(h.fake.gateway.connected).toBe(false);
    const away = [
      await h.fake.sendCommand({ name: 'explain', options: { question: '도커 호스트' } }),
      await h.fake.sendAutocomplete({ name: 'explain', options: { question: 'ㅇㅁㅈ' }, focused: 'question' }),
      await h.fake.clickButton({ customId: String(related?.custom_id), message: beforeReply.message }),
    ];
    const [{ replayed, connection }] = await resumed;

    expect(replayed).toBeGreaterThanOrEqual(away.length);
    const [command, autocomplete, click] = away as [FakeInteraction, FakeInteraction, FakeInteraction];
    expect(embedOf(await command.waitForReply()).title).toBe('도커 호스트');
    expect(((await autocomplete.firstResponse()).data.choices as Json[]).length).toBeGreaterThan(0);
    expect(embedOf(await click.waitForReply()).title).toBe(related?.label);
    // A later interaction is handled after any duplicate of the replayed ones would have been.
    await explain('컨테이너', '컨테이너');
    for (const ix of away) {
      expect(deliveredOn(ix)).toEqual([connection]); // only in the replay, never live before it
      expect(acceptedCallbacks(ix)).toHaveLength(1);
      expect(ix.responses.filter((r) => !r.ok)).toEqual([]);
      expect(handledLines(ix.id)).toHaveLength(1);
    }
  });

  it('delivers the reply to an interaction in flight when the connection drops, once', async () => {
    const entered = new Promise<void>((resolve) => (enteredSlow = resolve));
    const ix = await h.fake.sendCommand({ name: 'slowfault' });
    await entered;
    const resumed = h.fake.waitFor('resumed');
    await h.fake.dropConnection({ abnormal: true });
    const [{ replayed }] = await resumed;
    expect(replayed).toBe(0); // the bot had acknowledged its sequence number: nothing to replay
    releaseSlow();
    expect((await ix.waitForReply()).content).toBe('slow answer');
    await explain('도커 호스트', '도커 호스트');
    expect(acceptedCallbacks(ix)).toHaveLength(1);
    expect(handledLines(ix.id)).toHaveLength(1);
  });

  it('resumes on the same socket after a resumable INVALID_SESSION and answers what was queued', async () => {
    const connectionBefore = h.fake.gateway.log.at(-1)?.connection;
    const resumed = h.fake.waitFor('resumed');
    h.fake.sendInvalidSession(true);
    const queued = await h.fake.sendCommand({ name: 'explain', options: { question: '컨테이너' } });
    const [{ connection, replayed }] = await resumed;
    expect(connection).toBe(connectionBefore);
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(embedOf(await queued.waitForReply()).title).toBe('컨테이너');
    await explain('도커 클라이언트', '도커 클라이언트');
    expect(acceptedCallbacks(queued)).toHaveLength(1);
    expect(handledLines(queued.id)).toHaveLength(1);
  });

  it(
    'identifies a new session after a non-resumable INVALID_SESSION and keeps answering',
    async () => {
      const firstSession = h.fake.gateway.sessionId;
      const identifiesBefore = h.fake.gateway.log.filter((r) => r.direction === 'in' && r.op === 2).length;
      const ready = h.fake.waitFor('ready', () => true, REIDENTIFY_TIMEOUT_MS);
      h.fake.sendInvalidSession(false);
      await ready;
      expect(h.fake.gateway.sessionId).not.toBe(firstSession);
      expect(h.fake.gateway.log.filter((r) => r.direction === 'in' && r.op === 2)).toHaveLength(identifiesBefore + 1);
      await explain('이미지 이름 규칙', '이미지 이름 규칙');
    },
    REIDENTIFY_TIMEOUT_MS + 10_000,
  );

  it('detects a zombie connection when heartbeat ACKs stop, resumes and answers what came meanwhile', async () => {
    const dropped = h.fake.waitFor('disconnect');
    const resumed = h.fake.waitFor('resumed');
    h.fake.withholdHeartbeatAcks(true);
    const [{ code }] = await dropped;
    h.fake.withholdHeartbeatAcks(false);
    expect(code).toBe(4200); // discord.js closes a zombie with its "resuming" code
    const queued = await h.fake.sendCommand({ name: 'explain', options: { question: '도커 호스트' } });
    const [{ replayed }] = await resumed;
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(embedOf(await queued.waitForReply()).title).toBe('도커 호스트');
    await explain('컨테이너', '컨테이너');
    expect(acceptedCallbacks(queued)).toHaveLength(1);
    expect(handledLines(queued.id)).toHaveLength(1);
  });

  it('reconnects and resumes when told to RECONNECT (op 7)', async () => {
    const resumed = h.fake.waitFor('resumed');
    h.fake.sendReconnect();
    const queued = await h.fake.sendCommand({ name: 'explain', options: { question: '도커 클라이언트' } });
    const [{ replayed }] = await resumed;
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(embedOf(await queued.waitForReply()).title).toBe('도커 클라이언트');
    await explain('컨테이너', '컨테이너');
    expect(acceptedCallbacks(queued)).toHaveLength(1);
  });

  it('answered every interaction exactly once and sent nothing Discord would reject', async () => {
    await allHandled();
    expect(h.fake.violations).toEqual([]);
    expect(h.fake.violations.filter((v) => v.code === 40060)).toEqual([]);
    expect(h.fake.interactions.size).toBeGreaterThanOrEqual(15);
    for (const ix of h.fake.interactions.values()) {
      expect({ id: ix.id, callbacks: acceptedCallbacks(ix).length }).toEqual({ id: ix.id, callbacks: 1 });
      expect(handledLines(ix.id)).toHaveLength(1);
    }
  });
});
