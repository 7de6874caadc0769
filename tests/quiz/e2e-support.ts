/**
 * Helpers for the quiz end-to-end tests (and the quiz bench): find the quiz's channel messages in the fake Discord,
 * click as any member, read what the bot stored. Everything waits on fake events, never on sleeps.
 */
import type { Db } from '../../src/core/context.js';
import { translate, type Locale, type MessageKey } from '../../src/i18n/index.js';
import type { Question } from '../../src/quiz/types.js';
import type { BotHarness } from '../support/bot.js';
import type {
  FakeDiscord,
  FakeInteraction,
  InteractionResponse,
  Json,
  RecordedRequest,
} from '../support/fake-discord.js';

export type { Json };

/** The quiz's minimum round length (`/quiz start seconds:` min_value): rounds are real time in the bot. */
export const MIN_SECONDS = 10;
/** Long enough for a 10 s round plus a loaded machine; events end the wait long before. */
export const ROUND_WAIT_MS = 30_000;

export const member = (n: number) => ({ id: String(900_000_000_000_000_000n + BigInt(n)), username: `member${n}` });

export const text = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

export const buttonsOf = (message: Json | undefined): Json[] =>
  ((message?.components as Json[] | undefined) ?? []).flatMap((row) => (row.components as Json[] | undefined) ?? []);
export const embedOf = (message: Json | undefined): Json => ((message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
export const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & 64) !== 0;
export const customIds = (message: Json | undefined) => buttonsOf(message).map((b) => String(b.custom_id));

/** The newest message the bot has in the fake with a button whose custom id starts with `prefix`. */
export function messageWith(fake: FakeDiscord, prefix: string): Json | undefined {
  return [...fake.messages.values()].reverse().find((m) => customIds(m).some((id) => id.startsWith(prefix)));
}

const isChannelPost = (r: RecordedRequest) => r.route === 'POST /channels/:channel/messages' && r.status === 200;
const isChannelEdit = (r: RecordedRequest) => r.route === 'PATCH /channels/:channel/messages/:message';

/** Waits for the bot to post a channel message matching `predicate` (create the wait before triggering it). */
export async function nextPost(
  fake: FakeDiscord,
  predicate: (message: Json) => boolean,
  timeoutMs = ROUND_WAIT_MS,
): Promise<Json> {
  const [request] = await fake.waitFor('request', (r) => isChannelPost(r) && predicate(r.response as Json), timeoutMs);
  return request.response as Json;
}

/** Waits for an accepted edit of message `id` matching `predicate`; resolves with the message after the edit. */
export async function nextEdit(
  fake: FakeDiscord,
  id: string,
  predicate: (message: Json) => boolean,
  timeoutMs = ROUND_WAIT_MS,
): Promise<Json> {
  const [request] = await fake.waitFor(
    'request',
    (r) => isChannelEdit(r) && r.path.endsWith(`/${id}`) && r.status === 200 && predicate(r.response as Json),
    timeoutMs,
  );
  return request.response as Json;
}

export const editsOf = (fake: FakeDiscord, id: string) =>
  fake.requests.filter((r) => isChannelEdit(r) && r.path.endsWith(`/${id}`));

export const allDisabled = (message: Json) =>
  buttonsOf(message).length > 0 && buttonsOf(message).every((b) => b.disabled === true);

export const titleStarts = (prefix: string) => (message: Json) =>
  String(embedOf(message).title ?? '').startsWith(prefix);

/** The quiz id in a lobby or question button (`v1:quiz.join:<id>`, `v1:quiz.ans:<id>:<round>:<choice>`). */
export const quizIdOf = (message: Json) => Number(customIds(message)[0]?.split(':')[2]);

/** The question a round asks, as the bot stored it. */
export function questionOf(db: Db, quizId: number, round: number): Question {
  const row = db.prepare('SELECT questions_json FROM quiz_runs WHERE id = ?').get(quizId) as { questions_json: string };
  return (JSON.parse(row.questions_json) as Question[])[round] as Question;
}

export const answerId = (quizId: number, round: number, choice: number) => `v1:quiz.ans:${quizId}:${round}:${choice}`;

/** Clicks and resolves with the bot's visible reply. */
export async function click(
  fake: FakeDiscord,
  customId: string,
  user: { id: string; username: string },
  message?: Json,
  locale?: string,
): Promise<{ ix: FakeInteraction; reply: InteractionResponse }> {
  const ix = await fake.clickButton({ customId, user, ...(message ? { message } : {}), ...(locale ? { locale } : {}) });
  return { ix, reply: await ix.waitForReply() };
}

/** `/quiz start` by `user` (default: the fake's user) and the lobby message it posted. */
export async function startQuiz(
  h: BotHarness,
  options: Record<string, string | number>,
  user?: { id: string; username: string },
): Promise<{ reply: InteractionResponse; lobby: Json; quizId: number }> {
  const ix = await h.fake.sendCommand({ name: 'quiz', subcommand: 'start', options, ...(user ? { user } : {}) });
  const reply = await ix.waitForReply();
  const lobby = messageWith(h.fake, 'v1:quiz.join:');
  if (!lobby) throw new Error(`no lobby message; the bot answered: ${reply.content}`);
  return { reply, lobby, quizId: quizIdOf(lobby) };
}

export interface ResultRow {
  user_id: string;
  round: number;
  choice: number;
  correct: number;
  points: number | null;
}

export const resultsOf = (db: Db, quizId: number) =>
  db
    .prepare(
      'SELECT user_id, round, choice, correct, points FROM quiz_results WHERE quiz_id = ? ORDER BY round, user_id',
    )
    .all(quizId) as ResultRow[];

export const statusOf = (db: Db, quizId: number) =>
  (db.prepare('SELECT status FROM quiz_runs WHERE id = ?').get(quizId) as { status: string }).status;

/** p-th percentile of ascending numbers (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
