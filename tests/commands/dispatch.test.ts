import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  normalizeArgs,
  runAutocomplete,
  runCommand,
  runComponent,
} from '../../src/commands/dispatch.js';
import { encodeCustomId } from '../../src/commands/customId.js';
import { defineCommand, OptionType, type InteractionContext } from '../../src/commands/types.js';
import { UserError } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';

function capturingLogger() {
  const errors: { obj: unknown; msg?: string }[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error(obj, msg) {
      errors.push({ obj, msg });
    },
    child: () => logger,
  };
  return { logger, errors };
}

function ctxWith(logger: Logger, locale: 'ko' | 'en' = 'ko'): InteractionContext {
  return {
    guildId: 'g',
    inGuild: true,
    channelId: 'c',
    user: { id: 'u', name: 'u' },
    locale,
    t: translator(locale),
    isAdmin: false,
    services: { logger } as InteractionContext['services'],
    channel: { send: async () => ({ channelId: 'c', messageId: 'm' }), edit: async () => {} },
    fetchAttachment: async () => Buffer.alloc(0),
  };
}

const echo = defineCommand({
  data: {
    name: 'echo',
    description: 'echo',
    options: [
      { type: OptionType.String, name: 'text', description: 't', required: true, max_length: 10 },
      { type: OptionType.Integer, name: 'times', description: 'n', min_value: 1, max_value: 3 },
    ],
  },
  run: (_ctx, args) => ({ content: args.text.repeat(args.times ?? 1) }),
});

const boom = defineCommand({
  data: { name: 'boom', description: 'boom' },
  run: () => {
    throw new Error('secret stack detail');
  },
  autocomplete: () => {
    throw new Error('autocomplete broke');
  },
});

const polite = defineCommand({
  data: { name: 'polite', description: 'p' },
  run: () => {
    throw new UserError('error.adminOnly');
  },
});

const registry = createRegistry(
  [echo, boom, polite],
  [{ route: 'echo.again', run: (_c, [text]) => ({ content: text ?? '' }) }],
);

describe('dispatcher', () => {
  it('passes validated, coerced arguments to the handler', async () => {
    const { logger } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger), { name: 'echo', options: { text: 'ab', times: '2' } });
    expect(reply.content).toBe('abab');
  });

  it('answers a missing required option with a translated ephemeral error', async () => {
    const { logger } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger, 'en'), { name: 'echo', options: {} });
    expect(reply).toEqual({ content: '`text` is required: t\nUsage: `/echo <text> [times]`', ephemeral: true });
  });

  it('rejects a 50 000-character option without running the handler', async () => {
    const { logger } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger), { name: 'echo', options: { text: 'x'.repeat(50_000) } });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('10');
  });

  it('rejects an integer outside its bounds', () => {
    expect(() => normalizeArgs(echo, { name: 'echo', options: { text: 'a', times: 9 } })).toThrow(UserError);
  });

  it('shows a UserError in the member language and logs nothing', async () => {
    const { logger, errors } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger, 'ko'), { name: 'polite', options: {} });
    expect(reply).toEqual({ content: translator('ko')('error.adminOnly'), ephemeral: true });
    expect(errors).toHaveLength(0);
  });

  it('apologises with an error id for an unexpected error and logs the stack under that id', async () => {
    const { logger, errors } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger, 'en'), { name: 'boom', options: {} });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).not.toContain('secret stack detail');
    const id = /`([0-9a-f]{8})`/.exec(reply.content ?? '')?.[1];
    expect(id).toBeDefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.obj).toMatchObject({ errorId: id, command: 'boom' });
  });

  it('answers an unknown command clearly', async () => {
    const { logger } = capturingLogger();
    const reply = await runCommand(registry, ctxWith(logger, 'en'), { name: 'nope', options: {} });
    expect(reply.content).toContain('Unknown command');
  });

  it('routes a button by its custom id and refuses unknown or malformed ones', async () => {
    const { logger } = capturingLogger();
    const ok = await runComponent(registry, ctxWith(logger), encodeCustomId('echo.again', 'hi'));
    expect(ok.content).toBe('hi');
    for (const bad of ['v1:unknown.route', 'garbage', 'v9:echo.again:x', '']) {
      const reply = await runComponent(registry, ctxWith(logger, 'en'), bad);
      expect(reply).toEqual({ content: translator('en')('error.unknownComponent'), ephemeral: true });
    }
  });

  it('answers autocomplete errors with an empty list', async () => {
    const { logger } = capturingLogger();
    expect(
      await runAutocomplete(registry, ctxWith(logger), { name: 'boom', options: {} }, { name: 'x', value: '' }),
    ).toEqual([]);
  });
});
