/**
 * When /explain reads a word of the question as another (Korean typed on the English layout, a typo, a spaced form
 * with a typo), the reply says how it read the question, in the member's language, through the real bot and the
 * fake Discord; a question read as typed gets no such line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse, Json } from '../support/fake-discord.js';

const notes = {
  '[Chapter4] 도커 기초.md': [
    '# 도커 기초',
    '',
    '## 이미지 레이어',
    '',
    '이미지는 읽기 전용 레이어를 쌓아 만들고, 컨테이너는 그 위에 쓰기 레이어를 하나 더한다.',
    '',
    '## 헬스 체크',
    '',
    '컨테이너가 살아 있는지 주기적으로 확인한다.',
  ].join('\n'),
};

let h: BotHarness;

beforeAll(async () => {
  h = await startBotAgainstFake({ notes });
});

afterAll(async () => {
  await h?.close();
});

async function ask(question: string, locale?: string): Promise<InteractionResponse> {
  const ix = await h.fake.sendCommand({ name: 'explain', options: { question }, ...(locale ? { locale } : {}) });
  return ix.waitForReply();
}

const contentOf = (r: InteractionResponse) => String(r.message?.content ?? '');
const titleOf = (r: InteractionResponse) => String(((r.message?.embeds as Json[] | undefined) ?? [])[0]?.title ?? '');

describe('/explain says how it read the question', () => {
  it('names a keyboard-layout slip and the Hangul it was read as, and answers', async () => {
    const reply = await ask('dlalwl fpdldj');
    expect(titleOf(reply)).toBe('이미지 레이어');
    expect(contentOf(reply)).toContain('`dlalwl` → **이미지**');
    expect(contentOf(reply)).toContain('`fpdldj` → **레이어**');
    expect(contentOf(reply)).toContain('읽었어요');
  });

  it('names a typo in a spaced form, in English for an English client', async () => {
    const reply = await ask('핼스 체크 주기', 'en-US');
    expect(titleOf(reply)).toBe('헬스 체크');
    expect(contentOf(reply)).toBe('🔤 Read as `핼스 체크` → **헬스체크**.');
  });

  it('says nothing of the kind when every word was read as typed', async () => {
    const reply = await ask('이미지 레이어가 뭐야');
    expect(titleOf(reply)).toBe('이미지 레이어');
    expect(contentOf(reply)).toBe('');
  });

  it('says it on a "not found" too, above the suggestions', async () => {
    const reply = await ask('zjsxpdlsj 오케스트레이션 스웜');
    expect(contentOf(reply).split('\n')[0]).toBe('🔤 `zjsxpdlsj` → **컨테이너**로 읽었어요.');
    expect(contentOf(reply)).toContain('찾지 못했어요');
  });
});
