/** Console lines (`/log add 1시간 3장`) and option normalization: the same arguments Discord would deliver. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlashLine, tokenize } from '../../src/cli/slash.js';
import { createRegistry, normalizeArgs } from '../../src/commands/dispatch.js';
import { explainCommand } from '../../src/commands/explain.js';
import { helpCommand } from '../../src/commands/help.js';
import { quizCommands } from '../../src/commands/quiz.js';
import { sandboxCommands } from '../../src/commands/sandbox.js';
import { studyCommands } from '../../src/commands/study/index.js';
import type { Command } from '../../src/commands/types.js';
import { check, hangul, hostileString, userErrorOr, TIMEOUT } from './runs.js';

const commands: Command[] = [
  explainCommand as Command,
  ...(studyCommands as Command[]),
  ...(quizCommands as Command[]),
  ...(sandboxCommands as Command[]),
];
commands.push(helpCommand(() => commands.map((c) => c.data)) as Command);
const registry = createRegistry(commands);

/** Every command, subcommand and option name (English and Korean), so lines reach the option parsing. */
const names = commands.flatMap((c) => [
  c.data.name,
  c.data.name_localizations?.ko ?? c.data.name,
  ...(c.data.options ?? []).flatMap((o) => [
    o.name,
    `${o.name}:`,
    ...(o.options ?? []).flatMap((s) => [`${s.name}:`, s.name]),
  ]),
]);
const line = fc.oneof(
  hostileString({
    tokens: [...names, ' ', '"', '\\"', '/', ':', '3', '1시간', 'true', '@u1', '<@!1>'],
    maxLength: 80,
    units: [hangul],
  }),
  fc
    .tuple(
      fc.constantFrom(...names),
      fc.array(fc.oneof(fc.constantFrom(...names), hostileString({ maxLength: 10 })), { maxLength: 6 }),
    )
    .map(([head, rest]) => `/${head} ${rest.join(' ')}`),
);

describe('fuzz: console slash lines', () => {
  it(
    'tokenize never throws and gives strings',
    () => {
      check(
        fc.property(line, (text) => {
          const tokens = tokenize(text);
          for (const t of tokens) expect(typeof t).toBe('string');
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'parseSlashLine and normalizeArgs throw nothing but a translated UserError',
    () => {
      check(
        fc.property(line, (text) => {
          const raw = userErrorOr(() => parseSlashLine(text, registry));
          if (!raw) return;
          const command = registry.commands.get(raw.name);
          expect(command).toBeDefined();
          if (command) userErrorOr(() => normalizeArgs(command, raw));
        }),
      );
    },
    TIMEOUT,
  );
});

describe('fuzz: option normalization', () => {
  it(
    'normalizeArgs rejects any raw value only with a translated UserError',
    () => {
      const value = fc.oneof(
        hostileString({ maxLength: 20 }),
        fc.string({ maxLength: 7000 }),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constantFrom(null, undefined, '', {}, [], '1e309', ' 3 ', 'NaN'),
      );
      check(
        fc.property(
          fc.constantFrom(...commands),
          fc.option(hostileString({ maxLength: 8, tokens: names }), { nil: undefined }),
          fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 5 })), value, { maxKeys: 6 }),
          (command, subcommand, options) => {
            userErrorOr(() => normalizeArgs(command, { name: command.data.name, subcommand, options }));
          },
        ),
      );
    },
    TIMEOUT,
  );
});
