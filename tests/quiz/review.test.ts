import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { createRegistry, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { quizCommands, quizComponents } from '../../src/commands/quiz.js';
import { silentLogger } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { noteCardKey } from '../../src/quiz/keys.js';
import { sendDueReminders } from '../../src/quiz/reminders.js';
import { NEW_PER_DAY, ReviewService } from '../../src/quiz/review.js';
import { testEnv, type TestEnv } from '../support/context.js';
import { seedIndex } from './support.js';

const registry = createRegistry(quizCommands, quizComponents);
let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

function setup() {
  const notes = seedIndex();
  env = testEnv({ notes });
  const review = new ReviewService({
    db: env.services.db,
    clock: env.clock,
    notes: () => notes,
    bank: () => [],
    timeZone: 'Asia/Seoul',
  });
  Object.assign(env.services, { review });
  const image = notes.sections.find((s) => s.heading === '이미지');
  return { env, review, key: noteCardKey(image as NonNullable<typeof image>) };
}

const ids = (r: Reply) => (r.buttons ?? []).flat().map((b) => b.customId ?? '');

describe('spaced review', () => {
  it('makes a card due within minutes after a wrong quiz answer', () => {
    const { env, review, key } = setup();
    const now = env.clock.now();
    for (let i = 0; i < 3; i++) review.rate('g1', 'u1', key, Rating.Easy, 'review', now + i * 30 * 86_400_000);
    const later = now + 100 * 86_400_000;
    expect(review.dueCards('g1', 'u1', later).some((c) => c.key === key)).toBe(false);
    review.recordQuizAnswer('g1', 'u1', key, false, later);
    const row = env.services.db.prepare('SELECT due FROM review_cards WHERE card_key = ?').get(key) as { due: number };
    expect(row.due - later).toBeLessThanOrEqual(10 * 60_000);
    expect(review.dueCards('g1', 'u1', later + 10 * 60_000)[0]?.key).toBe(key);
  });

  it('leaves a not-yet-due card alone after a right quiz answer', () => {
    const { env, review, key } = setup();
    const due = review.rate('g1', 'u1', key, Rating.Easy);
    review.recordQuizAnswer('g1', 'u1', key, true, env.clock.now() + 1000);
    const row = env.services.db.prepare('SELECT due FROM review_cards WHERE card_key = ?').get(key) as { due: number };
    expect(row.due).toBe(due);
  });

  it('/review goes prompt → show answer → rating buttons with intervals → next card', async () => {
    const { env } = setup();
    const ctx = env.ctx();
    const first = await runCommand(registry, ctx, { name: 'review', options: {} });
    expect(first.ephemeral).toBe(true);
    expect(first.embeds?.[0]?.description).toContain('도커 클라이언트');
    const shown = await runComponent(registry, ctx, ids(first)[0] as string);
    expect(shown.update).toBe(true);
    expect(shown.embeds?.[0]?.description).toContain('CLI 도구');
    const rate = (shown.buttons?.[0] ?? []).map((b) => b.label);
    expect(rate).toHaveLength(4);
    // Anki's Korean grade names, in Anki's order.
    expect(rate.map((l) => l?.split(' · ')[0])).toEqual(['다시', '어려움', '좋음', '쉬움']);
    expect(rate[0]).toBe(ctx.t('review.rate.1', { interval: ctx.t('review.interval.minutes', { n: 1 }) }));
    const good = ids(shown).find((id) => id.endsWith(`:${Rating.Good}`)) as string;
    const after = await runComponent(registry, ctx, good);
    expect(after.content).toMatch(/<t:\d+:R>/);
    expect(after.embeds?.[0]?.description).toContain('도커 호스트');
    expect(env.services.db.prepare('SELECT count(*) AS n FROM review_log').get()).toEqual({ n: 1 });
  });

  it('with nothing due says when the next card is due and offers cram cards', async () => {
    const { env, review } = setup();
    for (const c of review.dueCards('g1', 'u1').slice(0, NEW_PER_DAY)) review.rate('g1', 'u1', c.key, Rating.Easy);
    const reply = await runCommand(registry, env.ctx(), { name: 'review', options: {} });
    expect(reply.content).toMatch(/<t:\d+:R>/);
    const cram = await runComponent(registry, env.ctx(), ids(reply)[0] as string);
    expect(cram.embeds?.[0]?.title).toBe(env.ctx().t('review.cramTitle'));
  });

  it('reminds an opted-in member once a day after their time when cards are due', async () => {
    const { env, review } = setup();
    env.services.db
      .prepare("INSERT INTO member_settings (guild_id, user_id, reminder_time) VALUES ('g1', 'u1', '11:30')")
      .run();
    const sent: string[] = [];
    const dm = { sendDm: async (userId: string) => void sent.push(userId) };
    // The test clock starts at 12:00 in Seoul.
    expect(await sendDueReminders(review, dm, silentLogger, env.clock.now() - 60 * 60_000)).toBe(0);
    expect(await sendDueReminders(review, dm, silentLogger, env.clock.now())).toBe(1);
    expect(await sendDueReminders(review, dm, silentLogger, env.clock.now() + 60_000)).toBe(0);
    expect(sent).toEqual(['u1']);
  });
});
