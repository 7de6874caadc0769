/**
 * End to end: the group teaches /explain through the real bot, the fake Discord (which enforces the 3-second
 * acknowledgement and every message rule) and a real SQLite file. A chosen "not found" suggestion is recorded and
 * answers the next member's same question first; 👎 on an answer makes the same question give another section;
 * 👍 counts; none of it crosses into another guild; the question text never reaches an info log line.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse, Json } from '../support/fake-discord.js';

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & 64) !== 0;
const withId = (r: InteractionResponse, prefix: string) =>
  buttonsOf(r).filter((b) => String(b.custom_id).startsWith(prefix));

/** The bundled notes do not cover this, and suggest the registry headings. */
const UNCOVERED = '레지스트리 비밀번호 분실했어요?';

const longSection = [
  '# 긴 노트',
  '',
  '## 도커 컴포즈 파일 구조',
  '',
  ...Array.from({ length: 120 }, (_, i) => `- 서비스 ${i}: 컴포즈 파일은 여러 컨테이너를 한 번에 정의한다.`),
  '',
].join('\n');

let h: BotHarness;
let secondGuild: string;

beforeAll(async () => {
  h = await startBotAgainstFake({
    fake: { guilds: [{ name: '첫 번째 스터디' }, { name: '두 번째 스터디' }] },
    notes: { 'compose.md': longSection },
  });
  secondGuild = (h.fake.guilds[1] as { id: string }).id;
});

afterAll(async () => {
  await h?.close();
});

const member = (n: number) => ({ id: `10000000000000000${n}`, username: `member${n}`, globalName: `멤버${n}` });

async function ask(question: string, as = member(1), extra: { guildId?: string; locale?: string } = {}) {
  const ix = await h.fake.sendCommand({ name: 'explain', options: { question }, user: as, ...extra });
  return ix.waitForReply();
}

async function click(button: Json | undefined, on: InteractionResponse, as = member(1), locale?: string) {
  expect(button, 'the button to click').toBeDefined();
  const ix = await h.fake.clickButton({
    customId: String(button?.custom_id),
    message: on.message,
    user: as,
    ...(locale ? { locale } : {}),
  });
  const reply = await ix.waitForReply();
  expect(ix.deadlinePassed).toBe(false);
  return reply;
}

function rows<T>(query: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(h.dir, 'study.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('learning from the group', () => {
  it('records the suggestion a member chooses after "not found", and answers the next member with it first', async () => {
    const first = await ask(UNCOVERED, member(1));
    expect(first.content).toContain('찾지 못했어요');
    const suggestions = withId(first, 'v1:explain.pick:');
    expect(suggestions.length).toBeGreaterThan(1);
    for (const b of buttonsOf(first)) expect(String(b.custom_id).length).toBeLessThanOrEqual(100);
    // Not the search's first suggestion: what the member chose, not what the search preferred, must win.
    const chosen = suggestions.at(-1) as Json;

    const opened = await click(chosen, first, member(1));
    expect(opened.callbackType).toBe(4);
    expect(isEphemeral(opened)).toBe(true);
    expect(embedOf(opened).title).toBe(chosen.label);
    expect(opened.content).toContain('다음에 누가 같은 질문을 하면');
    expect(withId(opened, 'v1:explain.vote:').map((b) => (b.emoji as Json | undefined)?.name)).toEqual(['👍', '👎']);

    const [question] = rows<{ id: number; question: string; asks: number; misses: number }>(
      'SELECT id, question, asks, misses FROM explain_questions WHERE guild_id = ?',
      h.fake.guild.id,
    );
    expect(question).toMatchObject({ question: '레지스트리 비밀번호 분실했어요', asks: 1, misses: 1 });
    expect(String(chosen.custom_id)).toContain(`:${question?.id}:`);
    const votes = rows<Json>('SELECT * FROM explain_votes WHERE guild_id = ?', h.fake.guild.id);
    expect(votes).toEqual([
      expect.objectContaining({
        question_id: question?.id,
        user_id: member(1).id,
        vote: 1,
        source: 'pick',
        file: 'docker-study.md',
        heading_path: expect.stringContaining(String(chosen.label)),
      }),
    ]);
    expect(votes[0]?.created_at).toBeGreaterThan(0);

    // Another member, the same question typed differently (spacing, no question mark).
    const second = await ask('  레지스트리   비밀번호 분실했어요 ', member(2));
    expect(embedOf(second).title).toBe(chosen.label);
    expect(second.content).toContain('그룹 멤버들이 이 질문에 고른 항목이에요');
    expect(isEphemeral(second)).toBe(false);
    expect(withId(second, 'v1:explain.vote:')).toHaveLength(2);
  });

  it('a 👎 on an answer makes the same question give another section next time; 👍s bring it back', async () => {
    const before = await ask('컨테이너', member(3));
    expect(embedOf(before).title).toBe('컨테이너');
    const next = String((embedOf(before).fields as Json[] | undefined)?.[0]?.value ?? '')
      .split('\n')[0]
      ?.replace(/^• /, '')
      .split(' › ')
      .at(-1);
    expect(next).toBeTruthy();

    const down = withId(before, 'v1:explain.vote:').find((b) => String(b.custom_id).endsWith(':down'));
    const thanks = await click(down, before, member(3));
    expect(thanks.callbackType).toBe(4);
    expect(isEphemeral(thanks)).toBe(true);
    expect(thanks.content).toContain('**컨테이너** 말고 다른 항목');

    const after = await ask('컨테이너?', member(4));
    expect(embedOf(after).title).not.toBe('컨테이너');
    expect(embedOf(after).title).toBe(next);

    // Two members confirm 컨테이너 (one 👍 on the demoted answer's message, one on a fresh one): +2 − 1 > 0.
    const up = (r: InteractionResponse) =>
      withId(r, 'v1:explain.vote:').find((b) => String(b.custom_id).endsWith(':up'));
    expect((await click(up(before), before, member(5))).content).toContain('**컨테이너**가 이 질문의 답');
    await click(up(before), before, member(6));
    const confirmed = await ask('컨테이너', member(7));
    expect(embedOf(confirmed).title).toBe('컨테이너');
  });

  it('keeps what one guild taught to that guild', async () => {
    const elsewhere = await ask(UNCOVERED, member(2), { guildId: secondGuild });
    expect(elsewhere.content).toContain('찾지 못했어요');
    expect(embedOf(elsewhere).title).toBeUndefined();

    // The 👎 above does not demote 컨테이너 in the other guild either.
    const container = await ask('컨테이너?', member(4), { guildId: secondGuild });
    expect(embedOf(container).title).toBe('컨테이너');

    const guilds = rows<{ guild_id: string; n: number }>(
      'SELECT guild_id, count(*) AS n FROM explain_votes GROUP BY guild_id',
    );
    expect(guilds).toEqual([{ guild_id: h.fake.guild.id, n: 4 }]);
  });

  it('keeps 👍 / 👎 (with the question) on every page of a long answer', async () => {
    const first = await ask('도커 컴포즈 파일 구조', member(1));
    const more = withId(first, 'v1:explain.page:')[0];
    const votes = withId(first, 'v1:explain.vote:').map((b) => b.custom_id);
    expect(votes).toHaveLength(2);
    const page2 = await click(more, first, member(1));
    expect(page2.callbackType).toBe(7);
    expect(withId(page2, 'v1:explain.vote:').map((b) => b.custom_id)).toEqual(votes);
  });

  it('speaks English to an English locale', async () => {
    const first = await ask('registry password lost', member(8), { locale: 'en-US' });
    expect(first.content).toContain("The notes don't cover");
    const suggestion = withId(first, 'v1:explain.pick:')[0];
    const opened = await click(suggestion, first, member(8), 'en-US');
    expect(opened.content).toContain('The next member who asks the same question gets this section');
    expect(withId(opened, 'v1:explain.vote:').map((b) => b.label)).toEqual(['Helpful', 'Not what I asked']);

    const again = await ask('Registry password lost?', member(9), { locale: 'en-US' });
    expect(again.content).toContain('Members of the group chose this section');
    const down = withId(again, 'v1:explain.vote:').find((b) => String(b.custom_id).endsWith(':down'));
    expect((await click(down, again, member(9), 'en-US')).content).toContain('Next time this question gets another');
  });

  it('answers a stale or foreign question id with a clear error, and never logs a question at info level', async () => {
    const reply = await ask('컨테이너', member(1));
    const up = withId(reply, 'v1:explain.vote:')[0];
    const foreign = String(up?.custom_id).replace(/^v1:explain\.vote:\d+:/, 'v1:explain.vote:999999:');
    const ix = await h.fake.clickButton({ customId: foreign, message: reply.message, user: member(1) });
    const stale = await ix.waitForReply();
    expect(isEphemeral(stale)).toBe(true);
    expect(stale.content).toContain('질문 기록을 더 이상 찾을 수 없어요');

    const infoAndUp = h.logger.lines.filter((l) => l.level !== 'debug');
    const text = JSON.stringify(infoAndUp);
    for (const words of ['비밀번호', 'password', '컴포즈 파일 구조']) expect(text).not.toContain(words);
    expect(h.fake.violations).toEqual([]);
  });
});
