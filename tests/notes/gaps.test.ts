/**
 * End to end: `/notes gaps` through the real bot and the fake Discord, on a real SQLite file and a clock the test
 * moves. It lists this week's (STUDY_TIMEZONE) questions that found nothing, most asked first, and the headings
 * that exist but are empty; for everyone, ephemerally; each with a button that puts it on the question list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { InteractionResponse, Json } from '../support/fake-discord.js';

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & 64) !== 0;
const fieldNamed = (r: InteractionResponse, prefix: string): Json | undefined =>
  ((embedOf(r).fields as Json[] | undefined) ?? []).find((f) => String(f.name).startsWith(prefix));

// Saturday 28 November 2026, 12:00 in Seoul: the week runs Monday 23 to Sunday 29 (Asia/Seoul).
const SATURDAY = Date.UTC(2026, 10, 28, 3, 0, 0);
const DAY_MS = 86_400_000;
const clock = manualClock(SATURDAY);

let h: BotHarness;
let secondGuild: string;

beforeAll(async () => {
  h = await startBotAgainstFake({
    fake: { guilds: [{}, {}] },
    bot: { clock },
    env: { STUDY_TIMEZONE: 'Asia/Seoul' },
  });
  secondGuild = (h.fake.guilds[1] as { id: string }).id;
});

afterAll(async () => {
  await h?.close();
});

const member = (n: number) => ({ id: `20000000000000000${n}`, username: `member${n}` });

async function ask(question: string, n = 1, guildId?: string): Promise<InteractionResponse> {
  const ix = await h.fake.sendCommand({
    name: 'explain',
    options: { question },
    user: member(n),
    ...(guildId ? { guildId } : {}),
  });
  return ix.waitForReply();
}

async function gaps(options: { locale?: string; guildId?: string; n?: number } = {}): Promise<InteractionResponse> {
  const ix = await h.fake.sendCommand({
    name: 'notes',
    subcommand: 'gaps',
    user: member(options.n ?? 1),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.guildId ? { guildId: options.guildId } : {}),
  });
  const reply = await ix.waitForReply();
  expect(ix.deadlinePassed).toBe(false);
  return reply;
}

describe('/notes gaps', () => {
  it("lists this week's not-found questions most asked first, with count and last asked", async () => {
    // Last week (Friday 20 November): counted then, not now.
    clock.set(SATURDAY - 8 * DAY_MS);
    for (let i = 0; i < 5; i++) await ask('컨테이너 요리 레시피', i + 1);
    // This week, Monday morning in Seoul (Sunday evening UTC) and later.
    clock.set(Date.UTC(2026, 10, 22, 16, 0, 0));
    await ask('컨테이너 요리 레시피', 1);
    await ask('레지스트리 비밀번호 분실', 1);
    clock.set(SATURDAY - DAY_MS);
    await ask('레지스트리 비밀번호 분실?', 2);
    await ask('레지스트리  비밀번호 분실', 3);
    await ask('이미지 고양이 사진', 4);
    await ask('컨테이너 요리 레시피!', 2);
    await ask('이미지 이름 규칙', 5); // found: never a gap
    clock.set(SATURDAY);

    const reply = await gaps({ n: 9 });
    expect(isEphemeral(reply)).toBe(true);
    expect(embedOf(reply).title).toBe('📝 다음에 정리할 것');
    expect(embedOf(reply).description).toContain('2026-11-23 ~ 2026-11-28');
    const questions = fieldNamed(reply, '🔎');
    expect(questions?.name).toContain('(3개)');
    const lines = String(questions?.value).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^• \*\*레지스트리 비밀번호 분실\*\* — 3번 · 마지막 <t:\d+:R>$/);
    expect(lines[1]).toMatch(/^• \*\*컨테이너 요리 레시피\*\* — 2번/);
    expect(lines[2]).toMatch(/^• \*\*이미지 고양이 사진\*\* — 1번/);
    expect(lines[0]).toContain(`<t:${Math.floor((SATURDAY - DAY_MS) / 1000)}:R>`);
    expect(String(questions?.value)).not.toContain('이미지 이름 규칙');
  });

  it('lists the headings that exist but are empty (the bundled notes leave 이미지 빌드 empty)', async () => {
    const reply = await gaps();
    const empty = fieldNamed(reply, '📭');
    expect(String(empty?.value)).toContain('• docker-study.md › 이미지 빌드');
    expect(String(empty?.value)).not.toContain('후기');
    const labels = buttonsOf(reply).map((b) => b.label);
    expect(labels.slice(0, 3)).toEqual(['레지스트리 비밀번호 분실', '컨테이너 요리 레시피', '이미지 고양이 사진']);
    expect(labels).toContain('이미지 빌드');
    for (const b of buttonsOf(reply)) expect(String(b.custom_id).length).toBeLessThanOrEqual(100);
  });

  it('adds a gap to the question list in one click, ephemerally, and only once', async () => {
    const reply = await gaps({ n: 3 });
    const question = buttonsOf(reply).find((b) => b.label === '레지스트리 비밀번호 분실');
    const heading = buttonsOf(reply).find((b) => b.label === '이미지 빌드');

    const ix = await h.fake.clickButton({
      customId: String(question?.custom_id),
      message: reply.message,
      user: member(3),
    });
    const added = await ix.waitForReply();
    expect(ix.deadlinePassed).toBe(false);
    expect(isEphemeral(added)).toBe(true);
    expect(embedOf(added).title).toMatch(/질문 #\d+/);
    expect(embedOf(added).description).toContain('레지스트리 비밀번호 분실');

    const again = await h.fake.clickButton({ customId: String(question?.custom_id), message: reply.message });
    expect((await again.waitForReply()).content).toContain('이미 모임 질문 목록에 있어요');

    const topic = await h.fake.clickButton({ customId: String(heading?.custom_id), message: reply.message });
    expect(embedOf(await topic.waitForReply()).description).toContain('이미지 빌드');

    const list = await h.fake.sendCommand({ name: 'question', subcommand: 'list' });
    const text = String(embedOf(await list.waitForReply()).description);
    expect(text).toContain('레지스트리 비밀번호 분실');
    expect(text).toContain('노트에 아직 내용이 없는 주제: 이미지 빌드');
    expect(text.match(/레지스트리 비밀번호 분실/g)).toHaveLength(1);
  });

  it('shows another guild only its own questions, and speaks English to an English locale', async () => {
    await ask('쿠버네티스 파드 오토스케일링', 1, secondGuild);
    const reply = await gaps({ guildId: secondGuild, locale: 'en-US' });
    expect(embedOf(reply).title).toBe('📝 What to write next');
    const questions = fieldNamed(reply, '🔎');
    expect(questions?.name).toBe('🔎 Questions the notes did not answer (1)');
    expect(String(questions?.value)).toMatch(/^• \*\*쿠버네티스 파드 오토스케일링\*\* — 1× · last <t:\d+:R>$/);
    expect(String(fieldNamed(reply, '📭')?.name)).toContain('Headings with nothing written under them');
    expect((embedOf(reply).footer as Json | undefined)?.text).toContain('/question add');
  });

  it('starts a new list on Monday in the group timezone', async () => {
    clock.set(Date.UTC(2026, 10, 29, 15, 30, 0)); // Monday 30 November, 00:30 in Seoul
    const reply = await gaps();
    expect(fieldNamed(reply, '🔎')).toBeUndefined();
    expect(embedOf(reply).description).toContain('이번 주에는 못 찾은 질문이 없어요');
    expect(fieldNamed(reply, '📭')).toBeDefined();
    expect(h.fake.violations).toEqual([]);
  });
});
