/**
 * Switching book through book.yaml, end to end: the group reads book A, logs and rates; book.yaml then names book
 * B and the bot restarts on the same database. /progress and /group show book B only, and `book:` brings back
 * book A's logs, ratings and questions (/progress, /group, /week) and its quiz standings (/quiz leaderboard), with
 * autocomplete listing both books.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { ADMIN, choicesOf, contentOf, descOf, embedOf, member, reply, WAIT_MS } from './support.js';
import type { Json } from '../support/fake-discord.js';

const book = (key: string, title: string) =>
  `key: ${key}\ntitle: ${title}\nchapters:\n  - { number: 1, title: 시작 }\n  - { number: 2, title: 다음 }\n`;

const fields = (r: Awaited<ReturnType<typeof reply>>) =>
  ((embedOf(r).fields as Json[] | undefined) ?? []).map((f) => `${String(f.name)}: ${String(f.value)}`).join('\n');

/** A finished quiz with one scored answer, as the quiz manager leaves it (the run stamped by the database). */
function playedQuiz(h: BotHarness, userId: string, points: number): void {
  const db = h.bot.app.services.db;
  const guildId = h.fake.guild.id;
  const now = Date.now();
  const id = db
    .prepare(
      `INSERT INTO quiz_runs (guild_id, channel_id, host_id, status, mode, seconds, locale, questions_json, created_at)
       VALUES (?, '1', ?, 'finished', 'once', 20, 'ko', '[]', ?)`,
    )
    .run(guildId, userId, now).lastInsertRowid;
  db.prepare(`INSERT INTO quiz_players (quiz_id, guild_id, user_id, name) VALUES (?, ?, ?, ?)`).run(
    id,
    guildId,
    userId,
    `player-${points}`,
  );
  db.prepare(
    `INSERT INTO quiz_results (quiz_id, guild_id, user_id, round, question_id, card_key, choice, correct, points, answered_at)
     VALUES (?, ?, ?, 0, 'q', 'k', 0, 1, ?, ?)`,
  ).run(id, guildId, userId, points, now);
}

describe('book switch', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'group-books-'));
  const bookPath = path.join(dir, 'book.yaml');
  let fake: FakeDiscord;
  let h: BotHarness;
  const reader = member(1);
  const send = async (inv: Parameters<FakeDiscord['sendCommand']>[0]) => reply(await h.fake.sendCommand(inv));

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    writeFileSync(bookPath, book('docker', '도커 책'));
    h = await startBotAgainstFake({ dir, existingFake: fake, env: { BOOK_PATH: bookPath } });
    await send({ name: 'log', subcommand: 'add', user: reader, options: { minutes: '50', chapter: '1' } });
    await send({ name: 'rate', user: reader, options: { chapter: '1', stars: 2 } });
    await send({ name: 'question', subcommand: 'add', user: reader, options: { text: '도커 질문', chapter: '1' } });
    await send({
      name: 'schedule',
      subcommand: 'set',
      user: reader,
      memberPermissions: ADMIN,
      options: { week: 1, date: '2027-03-06', time: '14:00', chapters: '1' },
    });
    playedQuiz(h, reader.id, 30);
    await h.close();
    writeFileSync(bookPath, book('redis', '레디스 책'));
    h = await startBotAgainstFake({ dir, existingFake: fake, env: { BOOK_PATH: bookPath } });
    await send({ name: 'log', subcommand: 'add', user: reader, options: { minutes: '15', chapter: '1' } });
    playedQuiz(h, member(2).id, 10);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/progress shows the new book only; book: shows the old one', async () => {
    const now = await send({ name: 'progress', user: reader });
    expect(descOf(now)).toContain('레디스 책');
    expect(fields(now)).toContain('15분');
    expect(fields(now)).not.toContain('50분');
    const old = await send({ name: 'progress', user: reader, options: { book: 'docker' } });
    expect(descOf(old)).toContain('도커 책');
    expect(fields(old)).toContain('50분');
    expect(fields(old)).toContain('(2/5)');
    expect(fields(old)).not.toContain('15분');
  });

  it('/group book: shows the old book; an unknown book is a clear error', async () => {
    const old = await send({ name: 'group', user: reader, options: { book: '도커 책' } });
    expect(fields(old)).toContain('50분');
    expect(fields(old)).toContain('⭐ 2');
    const unknown = await send({ name: 'group', user: reader, options: { book: 'k8s' } });
    expect(contentOf(unknown)).toContain('k8s');
  });

  it('/week book: reads the old book schedule; autocomplete lists both books', async () => {
    const week = await send({ name: 'week', user: reader, options: { book: 'docker' } });
    expect(String(embedOf(week).title)).toContain('1주차');
    expect(descOf(week)).toContain('✅ 50분');
    const none = await send({ name: 'week', user: reader });
    expect(contentOf(none)).toContain('레디스 책');
    const ac = await (
      await h.fake.sendAutocomplete({ name: 'progress', user: reader, options: { book: '' }, focused: 'book' })
    ).firstResponse(WAIT_MS);
    expect(choicesOf(ac).map((c) => c.value)).toEqual(['redis', 'docker']);
  });

  it('/quiz leaderboard book: shows the quizzes played while the group read that book', async () => {
    const board = async (options: Record<string, string>) =>
      descOf(
        await send({ name: 'quiz', subcommand: 'leaderboard', user: reader, options: { period: 'all', ...options } }),
      );
    const old = await board({ book: 'docker' });
    expect(old).toContain('player-30');
    expect(old).not.toContain('player-10');
    const now = await board({ book: 'redis' });
    expect(now).toContain('player-10');
    expect(now).not.toContain('player-30');
    // Without book: every quiz the group played.
    expect(await board({})).toContain('player-30');
  });
});
