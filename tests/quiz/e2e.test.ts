/**
 * End to end through the fake Discord: the real bot (startBot) plays a group quiz with three members clicking
 * buttons, then `/quiz leaderboard` ranks them. Rounds run on the bot's real timers at the minimum length (10 s):
 * startBot cannot take an injected Timers today, so each wait is on a fake event that the round's end produces.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import {
  allDisabled,
  answerId,
  buttonsOf,
  click,
  customIds,
  embedOf,
  isEphemeral,
  member,
  messageWith,
  MIN_SECONDS,
  nextEdit,
  nextPost,
  questionOf,
  resultsOf,
  startQuiz,
  statusOf,
  text,
  titleStarts,
  type Json,
} from './e2e-support.js';

let h: BotHarness;
const isReveal = (m: Json) => JSON.stringify(embedOf(m).fields ?? []).includes(text('ko', 'quiz.reveal.explanation'));
const alice = member(1);
const bob = member(2);

let noBank: string;

beforeAll(async () => {
  // Questions from the notes only, so every reveal carries the source section's /explain button.
  noBank = mkdtempSync(path.join(tmpdir(), 'quiz-nobank-'));
  h = await startBotAgainstFake({ env: { QUIZ_DIR: noBank }, bot: { quiz: { revealSeconds: 0.5 } } });
});

afterAll(async () => {
  await h?.close();
  rmSync(noBank, { recursive: true, force: true });
});

const names = (quizId: number) =>
  new Map(
    (
      h.bot.app.services.db.prepare('SELECT user_id, name FROM quiz_players WHERE quiz_id = ?').all(quizId) as {
        user_id: string;
        name: string;
      }[]
    ).map((r) => [r.user_id, r.name]),
  );

describe('a group quiz through the fake Discord', () => {
  let quizId = 0;

  it('plays a 3-member quiz through buttons: one answer each, late clicks refused, results saved per member', async () => {
    const { fake } = h;
    const host = fake.user;
    const db = h.bot.app.services.db;

    // /quiz start → an ephemeral confirmation and a public lobby message with Join/Start.
    const started = await startQuiz(h, { count: 2, seconds: MIN_SECONDS });
    quizId = started.quizId;
    expect(started.reply.content).toBe(text('ko', 'quiz.started'));
    expect(isEphemeral(started.reply)).toBe(true);
    expect(customIds(started.lobby)).toEqual([`v1:quiz.join:${quizId}`, `v1:quiz.begin:${quizId}`]);
    expect(started.lobby.flags ?? 0).toBe(0);

    // Two more members join; the host starts.
    for (const m of [alice, bob]) {
      const { reply } = await click(fake, `v1:quiz.join:${quizId}`, m);
      expect(reply.content).toBe(text('ko', 'quiz.joined'));
      expect(isEphemeral(reply)).toBe(true);
    }
    const { reply: again } = await click(fake, `v1:quiz.join:${quizId}`, alice);
    expect(again.content).toBe(text('ko', 'quiz.alreadyJoined'));

    const firstClose = (id: string) => nextEdit(fake, id, allDisabled);
    const { reply: begun } = await click(fake, `v1:quiz.begin:${quizId}`, host);
    expect(begun.content).toBe(text('ko', 'quiz.begun'));

    // Question 1: one button per choice, all live.
    const q0 = questionOf(db, quizId, 0);
    const open0 = messageWith(fake, `v1:quiz.ans:${quizId}:0:`) as Json;
    expect(customIds(open0)).toEqual(q0.choices.map((_, i) => answerId(quizId, 0, i)));
    expect(buttonsOf(open0).every((b) => b.disabled !== true)).toBe(true);
    expect(embedOf(open0).description).toContain(q0.prompt.split('\n')[0]);

    const closed0 = firstClose(String(open0.id));
    const reveal0 = nextPost(fake, isReveal);
    const wrong0 = (q0.answer + 1) % q0.choices.length;

    // The host answers right, alice wrong, bob not at all; alice's second click is refused.
    const right = await click(fake, answerId(quizId, 0, q0.answer), host, open0);
    expect(right.reply.content).toContain(text('ko', 'quiz.answer.accepted', { choice: '' }));
    expect(isEphemeral(right.reply)).toBe(true);
    const wrong = await click(fake, answerId(quizId, 0, wrong0), alice, open0);
    expect(wrong.reply.content).toContain(text('ko', 'quiz.answer.accepted', { choice: '' }));
    const twice = await click(fake, answerId(quizId, 0, q0.answer), alice, open0);
    expect(twice.reply.content).toBe(text('ko', 'quiz.answer.already'));
    expect(isEphemeral(twice.reply)).toBe(true);

    // The round closes by itself: the question message is edited with every button disabled, the answer marked.
    const closedMessage = await closed0;
    expect(buttonsOf(closedMessage)[q0.answer]?.style).toBe(3); // success
    expect(JSON.stringify(embedOf(closedMessage).fields)).toContain(text('ko', 'quiz.question.answered', { n: 2 }));

    // A click on the stale (still live-looking) copy of the message is "round over" and does not count.
    const late = await click(fake, answerId(quizId, 0, q0.answer), bob, open0);
    expect(late.reply.content).toBe(text('ko', 'quiz.answer.late'));
    expect(isEphemeral(late.reply)).toBe(true);

    // Reveal: the correct answer, who got it, the explanation, the source and a button that opens /explain.
    const reveal = embedOf(await reveal0);
    expect(q0.kind).not.toBe('bank');
    const who = names(quizId);
    expect(reveal.title).toContain(q0.choices[q0.answer]);
    const fields = reveal.fields as { name: string; value: string }[];
    expect(fields[0]).toEqual({ name: text('ko', 'quiz.reveal.correct', { n: 1 }), value: who.get(host.id) });
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining([text('ko', 'quiz.reveal.explanation'), text('ko', 'quiz.reveal.source')]),
    );
    expect(JSON.stringify(fields)).toContain(q0.source.heading);
    const revealMessage = await reveal0;
    const explain = await click(fake, String(customIds(revealMessage)[0]), bob, revealMessage);
    expect(explain.reply.ok).toBe(true);
    expect(JSON.stringify(explain.reply.message)).toContain(q0.source.heading);

    // Question 2: alice gets this one; the quiz then posts the final standings by itself.
    const open1 = await nextPost(fake, (m) => customIds(m).some((id) => id.startsWith(`v1:quiz.ans:${quizId}:1:`)));
    const q1 = questionOf(db, quizId, 1);
    const closed1 = firstClose(String(open1.id));
    const standingsPost = nextPost(fake, titleStarts(text('ko', 'quiz.end.title')));
    await click(fake, answerId(quizId, 1, q1.answer), alice, open1);
    await click(fake, answerId(quizId, 1, (q1.answer + 1) % q1.choices.length), bob, open1);
    await closed1;
    const standings = String(embedOf(await standingsPost).description);
    const rows = standings.split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(who.get(host.id));
    expect(rows[2]).toContain(who.get(bob.id));
    await h.bot.app.services.quiz.whenDone(quizId);

    // Stored per member per question: the late click left no row; points were scored when each round closed.
    expect(statusOf(db, quizId)).toBe('finished');
    const results = resultsOf(db, quizId).map(({ user_id, round, choice, correct, points }) => ({
      user: user_id,
      round,
      choice,
      correct,
      scored: points !== null && (correct === 1 ? points >= 100 : points === 0),
    }));
    expect(results).toEqual(
      [
        { user: host.id, round: 0, choice: q0.answer, correct: 1, scored: true },
        { user: alice.id, round: 0, choice: wrong0, correct: 0, scored: true },
        { user: alice.id, round: 1, choice: q1.answer, correct: 1, scored: true },
        { user: bob.id, round: 1, choice: (q1.answer + 1) % q1.choices.length, correct: 0, scored: true },
      ].sort((a, b) => a.round - b.round || a.user.localeCompare(b.user)),
    );
    // Quiz answers fed the review schedule: alice's wrong answer made that card due within minutes.
    const card = db
      .prepare('SELECT due FROM review_cards WHERE user_id = ? AND card_key = ?')
      .get(alice.id, q0.cardKey) as { due: number } | undefined;
    expect(card?.due).toBeLessThan(Date.now() + 15 * 60_000);
    expect(fake.violations).toEqual([]);
  }, 90_000);

  it('ranks the finished quiz in /quiz leaderboard, publicly', async () => {
    const db = h.bot.app.services.db;
    const totals = db
      .prepare('SELECT user_id, sum(points) AS points FROM quiz_results WHERE quiz_id = ? GROUP BY user_id')
      .all(quizId) as { user_id: string; points: number }[];
    const who = names(quizId);
    const ix = await h.fake.sendCommand({ name: 'quiz', subcommand: 'leaderboard', options: { period: 'all' } });
    const reply = await ix.waitForReply();
    expect(isEphemeral(reply)).toBe(false);
    const embed = embedOf(reply.message);
    expect(embed.title).toBe(text('ko', 'quiz.lb.title', { period: text('ko', 'quiz.period.all') }));
    const rows = String(embed.description).split('\n');
    const expected = [...totals].sort((a, b) => b.points - a.points);
    expect(rows).toHaveLength(expected.length);
    expect(rows[0]).toContain(`${who.get(expected[0]?.user_id ?? '')} — ${expected[0]?.points}`);

    // This week's board holds the same quiz; English members get it in English.
    const en = await h.fake.sendCommand({ name: 'quiz', subcommand: 'leaderboard', locale: 'en-US' });
    const enEmbed = embedOf((await en.waitForReply()).message);
    expect(enEmbed.title).toBe(text('en', 'quiz.lb.title', { period: text('en', 'quiz.period.week') }));
    expect(String(enEmbed.description).split('\n')).toHaveLength(expected.length);
    expect(h.fake.violations).toEqual([]);
  });
});
