import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { quizCommands, quizComponents } from '../../src/commands/quiz.js';
import { silentLogger } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { QuizManager } from '../../src/quiz/manager.js';
import { ReviewService } from '../../src/quiz/review.js';
import { recordingChannel, testEnv, type TestEnv } from '../support/context.js';
import { manualTimers, seedIndex, settle } from './support.js';

const registry = createRegistry(quizCommands, quizComponents);

function setup() {
  const notes = seedIndex();
  const env = testEnv({ notes });
  const timers = manualTimers(env.clock);
  const channel = recordingChannel('c1');
  const make = () => {
    const review = new ReviewService({
      db: env.services.db,
      clock: env.clock,
      notes: () => notes,
      bank: () => [],
      timeZone: 'Asia/Seoul',
    });
    const quiz = new QuizManager({
      db: env.services.db,
      clock: env.clock,
      timers,
      logger: silentLogger,
      review,
      notes: () => notes,
      bank: () => [],
      timeZone: 'Asia/Seoul',
      channelFor: () => channel,
      lobbySeconds: 30,
      revealSeconds: 5,
      minEditGapMs: 1000,
    });
    Object.assign(env.services, { quiz, review });
    return quiz;
  };
  const quiz = make();
  const ctx = (id: string, extra: { isAdmin?: boolean } = {}) =>
    env.ctx({ user: { id, name: `name-${id}` }, channel, ...extra });
  return { env, timers, channel, quiz, make, ctx };
}

const ids = (reply: Reply) => (reply.buttons ?? []).flat().map((b) => b.customId ?? '');
const start = (s: ReturnType<typeof setup>, options: Record<string, unknown> = {}) =>
  runCommand(registry, s.ctx('host'), {
    name: 'quiz',
    subcommand: 'start',
    options: { count: 2, seconds: 20, ...options },
  });

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

describe('group quiz', () => {
  it('plays lobby → join → start → answers → reveal → standings, and saves results', async () => {
    const s = setup();
    env = s.env;
    expect((await start(s)).content).toBe(s.env.ctx().t('quiz.started'));
    const lobby = s.channel.sent[0]?.reply as Reply;
    const [joinId, beginId] = ids(lobby);
    expect((await runComponent(registry, s.ctx('u2'), joinId as string)).content).toBe(s.env.ctx().t('quiz.joined'));
    expect((await runComponent(registry, s.ctx('u2'), beginId as string)).content).toBe(
      s.env.ctx().t('quiz.error.notHost'),
    );
    await runComponent(registry, s.ctx('host'), beginId as string);
    const question = s.channel.sent[1]?.reply as Reply;
    const quiz = s.quiz.inChannel('c1');
    const q0 = quiz?.session.settings.questions[0];
    const right = ids(question)[q0?.answer ?? 0] as string;
    const wrong = ids(question)[((q0?.answer ?? 0) + 1) % 4] as string;
    expect((await runComponent(registry, s.ctx('u2'), right)).content).toContain(
      s.env.ctx().t('quiz.answer.accepted', { choice: '' }),
    );
    expect((await runComponent(registry, s.ctx('u2'), wrong)).content).toBe(s.env.ctx().t('quiz.answer.already'));
    await runComponent(registry, s.ctx('u3'), wrong);
    await s.timers.advance(20_000);
    // Closed: a late click does not count, the question was edited with disabled buttons, the reveal names the winner.
    expect((await runComponent(registry, s.ctx('u4'), right)).content).toBe(s.env.ctx().t('quiz.answer.late'));
    const closed = s.channel.edits.filter((e) => e.ref.messageId === s.channel.sent[1]?.ref.messageId).at(-1)?.reply;
    expect(closed?.buttons?.flat().every((b) => b.disabled)).toBe(true);
    const reveal = s.channel.sent[2]?.reply as Reply;
    expect(reveal.embeds?.[0]?.fields?.[0]?.value).toBe('name-u2');
    expect(ids(reveal)[0]).toMatch(/^v1:explain\.open:/);
    await s.timers.advance(5_000 + 20_000 + 1);
    const standings = s.channel.sent.at(-1)?.reply as Reply;
    expect(standings.embeds?.[0]?.title).toBe(s.env.ctx().t('quiz.end.title'));
    expect(standings.embeds?.[0]?.description).toContain('name-u2');
    const rows = s.env.services.db
      .prepare('SELECT user_id, round, correct, points FROM quiz_results ORDER BY user_id')
      .all();
    expect(rows).toEqual([
      { user_id: 'u2', round: 0, correct: 1, points: 150 },
      { user_id: 'u3', round: 0, correct: 0, points: 0 },
    ]);
    expect(s.env.services.db.prepare('SELECT status FROM quiz_runs').get()).toEqual({ status: 'finished' });
    expect(s.timers.pendingCount()).toBe(0);
  });

  it('refuses a second quiz in the same channel', async () => {
    const s = setup();
    env = s.env;
    await start(s);
    expect((await start(s)).content).toBe(s.env.ctx().t('quiz.error.running'));
  });

  it('starts by itself when the lobby time is up', async () => {
    const s = setup();
    env = s.env;
    await start(s);
    await s.timers.advance(30_000);
    expect(s.quiz.inChannel('c1')?.session.phase).toBe('open');
  });

  it('counts a burst of 50 clicks exactly once each and coalesces the edits', async () => {
    const s = setup();
    env = s.env;
    await start(s, { count: 1 });
    await runComponent(registry, s.ctx('host'), ids(s.channel.sent[0]?.reply as Reply)[1] as string);
    const button = ids(s.channel.sent[1]?.reply as Reply)[0] as string;
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => runComponent(registry, s.ctx(`m${i % 50}`), button)),
    );
    expect(
      replies.filter((r) => r.content?.startsWith(s.env.ctx().t('quiz.answer.accepted', { choice: '' }))).length,
    ).toBe(50);
    expect(s.quiz.inChannel('c1')?.session.answerCount).toBe(50);
    await s.timers.advance(1_000);
    const questionEdits = s.channel.edits.filter((e) => e.ref.messageId === s.channel.sent[1]?.ref.messageId);
    expect(questionEdits.length).toBeLessThanOrEqual(2);
    expect(questionEdits.at(-1)?.reply.embeds?.[0]?.fields?.[1]?.value).toContain('50');
    expect(s.env.services.db.prepare('SELECT count(*) AS n FROM quiz_results').get()).toEqual({ n: 50 });
  });

  it('edits the countdown every 5 s for a 20 s round, not every second', async () => {
    const s = setup();
    env = s.env;
    await start(s, { count: 1 });
    await runComponent(registry, s.ctx('host'), ids(s.channel.sent[0]?.reply as Reply)[1] as string);
    const before = s.channel.edits.length;
    await s.timers.advance(19_000);
    const ticks = s.channel.edits.slice(before).filter((e) => e.ref.messageId === s.channel.sent[1]?.ref.messageId);
    expect(ticks.length).toBe(3);
  });

  it('/quiz stop by the host ends early and still saves the answers', async () => {
    const s = setup();
    env = s.env;
    await start(s);
    await runComponent(registry, s.ctx('host'), ids(s.channel.sent[0]?.reply as Reply)[1] as string);
    const q0 = s.quiz.inChannel('c1')?.session.settings.questions[0];
    await runComponent(registry, s.ctx('u2'), ids(s.channel.sent[1]?.reply as Reply)[q0?.answer ?? 0] as string);
    expect((await runCommand(registry, s.ctx('u3'), { name: 'quiz', subcommand: 'stop', options: {} })).content).toBe(
      s.env.ctx().t('quiz.error.notHost'),
    );
    await runCommand(registry, s.ctx('host'), { name: 'quiz', subcommand: 'stop', options: {} });
    await settle();
    expect(s.env.services.db.prepare('SELECT status FROM quiz_runs').get()).toEqual({ status: 'stopped' });
    expect(s.env.services.db.prepare('SELECT points FROM quiz_results').get()).toEqual({ points: 150 });
    expect(s.channel.sent.at(-1)?.reply.embeds?.[0]?.description).toContain(s.env.ctx().t('quiz.end.stopped'));
    expect(s.quiz.inChannel('c1')).toBeUndefined();
    await s.timers.advance(1_000); // the coalesced edit that disables the buttons goes out after the edit gap
    const last = s.channel.edits.filter((e) => e.ref.messageId === s.channel.sent[1]?.ref.messageId).at(-1);
    expect(last?.reply.buttons?.flat().every((b) => b.disabled)).toBe(true);
    expect(s.timers.pendingCount()).toBe(0);
  });

  it('closes a quiz left live by a restart: saves what was answered and removes the buttons', async () => {
    const s = setup();
    env = s.env;
    await start(s);
    await runComponent(registry, s.ctx('host'), ids(s.channel.sent[0]?.reply as Reply)[1] as string);
    const q0 = s.quiz.inChannel('c1')?.session.settings.questions[0];
    await runComponent(registry, s.ctx('u2'), ids(s.channel.sent[1]?.reply as Reply)[q0?.answer ?? 0] as string);
    const restarted = s.make(); // a new process: nothing in memory
    expect(await restarted.closeStaleQuizzes()).toBe(1);
    expect(s.env.services.db.prepare('SELECT status FROM quiz_runs').get()).toEqual({ status: 'aborted' });
    expect(s.env.services.db.prepare('SELECT points FROM quiz_results').get()).toEqual({ points: 100 });
    const edited = s.channel.edits.filter((e) => e.reply.content === s.env.ctx().t('quiz.end.restarted'));
    expect(edited.map((e) => e.ref.messageId).sort()).toEqual(['1', '2']);
    for (const e of edited) expect(e.reply.buttons).toEqual([]);
    expect(await restarted.closeStaleQuizzes()).toBe(0);
  });

  it('/quiz leaderboard sums this week per guild, ties sharing a rank', async () => {
    const s = setup();
    env = s.env;
    const db = s.env.services.db;
    db.prepare(
      `INSERT INTO quiz_runs (id, guild_id, channel_id, host_id, status, mode, seconds, locale, questions_json, created_at)
       VALUES (1, 'g1', 'c1', 'h', 'finished', 'once', 20, 'ko', '[]', 0)`,
    ).run();
    const add = db.prepare(
      `INSERT INTO quiz_results (quiz_id, guild_id, user_id, round, question_id, card_key, choice, correct, points, answered_at)
       VALUES (1, ?, ?, ?, 'q', 'k', 0, 1, ?, ?)`,
    );
    const now = s.env.clock.now();
    add.run('g1', 'a', 0, 120, now - 1000);
    add.run('g1', 'b', 0, 120, now - 2000);
    add.run('g1', 'c', 0, 500, now - 40 * 86_400_000);
    add.run('g2', 'd', 0, 900, now - 1000);
    const week = s.quiz.leaderboard('g1', 'week');
    expect(week.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(s.quiz.leaderboard('g1', 'all')[0]?.id).toBe('c');
    const reply = await runCommand(registry, s.ctx('a'), {
      name: 'quiz',
      subcommand: 'leaderboard',
      options: { period: 'week' },
    });
    expect(reply.embeds?.[0]?.description?.split('\n')).toHaveLength(2);
  });
});
