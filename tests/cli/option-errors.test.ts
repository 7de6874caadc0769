/**
 * Replies to a bad or missing option say what is expected, with the option's name as Discord shows it, the
 * command's usage and an example, in both languages: through the dispatcher, so Discord members get them too.
 */
import { describe, expect, it } from 'vitest';
import { createRegistry, runCommand, type RawInvocation } from '../../src/commands/dispatch.js';
import { quizCommands } from '../../src/commands/quiz.js';
import { studyCommands } from '../../src/commands/study/index.js';
import type { Command, InteractionContext } from '../../src/commands/types.js';
import { silentLogger } from '../../src/core/context.js';
import { translator, type Locale } from '../../src/i18n/index.js';

const registry = createRegistry([...(studyCommands as Command[]), ...(quizCommands as Command[])]);

function ctx(locale: Locale): InteractionContext {
  return {
    guildId: 'g',
    inGuild: true,
    channelId: 'c',
    user: { id: 'u', name: 'u' },
    locale,
    t: translator(locale),
    isAdmin: false,
    // Validation fails before any handler runs, so no service is reached.
    services: { logger: silentLogger } as InteractionContext['services'],
    channel: { send: async () => ({ channelId: 'c', messageId: 'm' }), edit: async () => {} },
    fetchAttachment: async () => Buffer.alloc(0),
  };
}

async function reply(locale: Locale, raw: RawInvocation): Promise<string> {
  const r = await runCommand(registry, ctx(locale), raw);
  expect(r.ephemeral).toBe(true);
  return r.content ?? '';
}

describe('option errors', () => {
  it('a missing star rating: what it is, the usage and `/rate 3 4` — 장 3, 별 4개', async () => {
    const ko = await reply('ko', { name: 'rate', options: { chapter: '3' } });
    expect(ko).toContain('`stars` 값이 필요해요 — 이해도 (5점 만점)');
    expect(ko).toContain('사용법: `/rate <chapter> <stars> [hard_part] [why] [insight]`');
    expect(ko).toContain('예: `/rate 3 4` — 장 3, 별 4개');
    const en = await reply('en', { name: 'rate', options: { chapter: '3' } });
    expect(en).toContain('`stars` is required: Understanding, out of 5');
    expect(en).toContain('Example: `/rate 3 4` — chapter 3, 4 stars');
  });

  it('a star rating that is not a number says the range, not "number"', async () => {
    const ko = await reply('ko', { name: 'rate', options: { chapter: '3', stars: '다섯' } });
    expect(ko).toContain('`stars` 값이 올바르지 않아요: `다섯`. 1부터 5까지의 수를 넣어 주세요.');
    expect(ko).not.toMatch(/: number|≥|≤/);
    const en = await reply('en', { name: 'rate', options: { chapter: '3', stars: 9 } });
    expect(en).toContain('Give a number from 1 to 5.');
  });

  it('an out-of-range quiz time names the option in Korean and says the range (no "≥ 10")', async () => {
    const ko = await reply('ko', { name: 'quiz', subcommand: 'start', options: { seconds: 5 } });
    expect(ko).toContain('`제한시간` 값이 올바르지 않아요: `5`. 10부터 120까지의 수를 넣어 주세요.');
    expect(ko).toContain('사용법: `/퀴즈 시작 [주제] [문제수] [제한시간] [모드]`');
    expect(ko).not.toContain('≥');
    const en = await reply('en', { name: 'quiz', subcommand: 'start', options: { seconds: 5 } });
    expect(en).toContain('`seconds` is not valid: `5`. Give a number from 10 to 120.');
    expect(en).toContain('Usage: `/quiz start [topic] [count] [seconds] [mode]`');
  });

  it('a missing chapter says what a chapter is and shows a whole `/log add`', async () => {
    const en = await reply('en', { name: 'log', subcommand: 'add', options: { minutes: '45' } });
    expect(en).toContain('`chapter` is required: Chapter (number or title)');
    expect(en).toContain('Example: `/log add 1h20m 3` — 1 h 20 min on chapter 3');
  });

  it('a bad choice lists the choices with their labels', async () => {
    const ko = await reply('ko', { name: 'quiz', subcommand: 'start', options: { mode: 'sometimes' } });
    expect(ko).toMatch(/`once` \([^)]+\), `change` \([^)]+\)/);
  });

  it('a missing subcommand lists them', async () => {
    const ko = await reply('ko', { name: 'settings', options: {} });
    expect(ko).toContain('`/settings timezone <zone>`');
    expect(ko).not.toContain('`subcommand`');
  });
});
