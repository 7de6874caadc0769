/**
 * What a command expects, for the replies to a bad or missing option: the option's name and description as Discord
 * shows them in the member's language, the command's usage line built from its data, and a curated example. The
 * dispatcher's error replies (Discord and the console alike) and the console's line parser build these errors.
 */
import { UserError } from '../core/errors.js';
import { translator, type Locale, type MessageKey, type MessageParams, type Translator } from '../i18n/index.js';
import { OptionType, type ChoiceData, type CommandData, type OptionData } from './types.js';

interface Named {
  readonly name: string;
  readonly name_localizations?: Readonly<Record<string, string>>;
}

interface Described extends Named {
  readonly description: string;
  readonly description_localizations?: Readonly<Record<string, string>>;
}

/** The name Discord shows a member of this locale (English is the data's base name). */
export function localName(o: Named, locale: Locale): string {
  return (locale === 'en' ? undefined : o.name_localizations?.[locale]) ?? o.name;
}

export function localDescription(o: Described, locale: Locale): string {
  return (locale === 'en' ? undefined : o.description_localizations?.[locale]) ?? o.description;
}

export function subcommandsOf(command: CommandData): readonly OptionData[] {
  return (command.options ?? []).filter((o) => o.type === OptionType.Subcommand);
}

/** `/rate <chapter> <stars> [hard_part] …`; a command with subcommands and none chosen: `/log add|undo|list`. */
export function usageLine(command: CommandData, sub: OptionData | undefined, locale: Locale): string {
  const parts = [`/${localName(command, locale)}`];
  const subs = subcommandsOf(command);
  if (sub) parts.push(localName(sub, locale));
  else if (subs.length > 0) return `${parts[0]} ${subs.map((s) => localName(s, locale)).join('|')}`;
  for (const o of (sub ? sub.options : command.options) ?? []) {
    parts.push(o.required ? `<${localName(o, locale)}>` : `[${localName(o, locale)}]`);
  }
  return parts.join(' ');
}

/** Curated examples by command path (English names): the values a member would give, in words. */
const EXAMPLES: Readonly<Record<string, MessageKey>> = {
  explain: 'usage.explain',
  'log add': 'usage.log.add',
  rate: 'usage.rate',
  'question add': 'usage.question.add',
  'question done': 'usage.question.done',
  'settings timezone': 'usage.settings.timezone',
  'settings reminder': 'usage.settings.reminder',
  'template import': 'usage.template.import',
  'inspect image': 'usage.inspect.image',
  'inspect container': 'usage.inspect.container',
  imageref: 'usage.imageref',
  layers: 'usage.layers',
  volume: 'usage.volume',
  network: 'usage.network',
  registry: 'usage.registry',
  'quiz start': 'usage.quiz.start',
};

function exampleKey(command: CommandData, sub: OptionData | undefined): MessageKey | undefined {
  return EXAMPLES[sub ? `${command.name} ${sub.name}` : command.name];
}

/** "Usage: `…`" and, when there is one, "Example: …". */
export function usageLines(t: Translator, locale: Locale, command: CommandData, sub: OptionData | undefined): string[] {
  const lines = [t('error.usage', { usage: usageLine(command, sub, locale) })];
  const example = exampleKey(command, sub);
  if (example) lines.push(t('error.example', { example: t(example) }));
  return lines;
}

/** What a value must look like, from the option's data. */
export type Expected =
  | { kind: 'number' | 'integer' | 'boolean' | 'text' | 'file' }
  | { kind: 'range'; min?: number | undefined; max?: number | undefined }
  | { kind: 'choice'; choices: readonly ChoiceData[] }
  | { kind: 'minLength'; min: number }
  | { kind: 'tooLong'; max: number };

/** Integer choices 1, 2, … n read better as a range ("from 1 to 5") than as a list of labels. */
function asRange(choices: readonly ChoiceData[]): { min: number; max: number } | undefined {
  const values = choices.map((c) => c.value);
  if (values.length < 2 || !values.every((v, i) => typeof v === 'number' && v === (values[0] as number) + i)) {
    return undefined;
  }
  return { min: values[0] as number, max: values.at(-1) as number };
}

export function expectedText(t: Translator, locale: Locale, e: Exclude<Expected, { kind: 'tooLong' }>): string {
  switch (e.kind) {
    case 'range':
      if (e.min !== undefined && e.max !== undefined) return t('error.expect.range', { min: e.min, max: e.max });
      if (e.min !== undefined) return t('error.expect.atLeast', { min: e.min });
      return t('error.expect.atMost', { max: e.max ?? 0 });
    case 'choice': {
      const range = asRange(e.choices);
      if (range) return t('error.expect.range', range);
      const list = e.choices.map((c) => {
        const name = localName(c, locale);
        return name === String(c.value) ? `\`${c.value}\`` : `\`${c.value}\` (${name})`;
      });
      return t('error.expect.choice', { choices: list.join(', ') });
    }
    case 'minLength':
      return t('error.expect.minLength', { min: e.min });
    default:
      return t(`error.expect.${e.kind}` as const);
  }
}

/** A value as quoted back to the member: one short line, no backticks or control characters. */
function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : typeof value;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f`]/g, ' ').trim();
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

/**
 * A UserError whose reply is written in the member's language from the command's data. Its key and params alone
 * still translate to a plain message (`error.missingOption`, `error.badOption`, …) for anything that only reads those.
 */
export class UsageError extends UserError {
  constructor(
    key: MessageKey,
    params: MessageParams,
    private readonly build: (t: Translator, locale: Locale) => string,
  ) {
    super(key, params);
  }

  text(t: Translator, locale: Locale): string {
    return this.build(t, locale);
  }
}

/** The text a member sees for any UserError. */
export function userErrorText(t: Translator, locale: Locale, err: UserError): string {
  return err instanceof UsageError ? err.text(t, locale) : t(err.key, err.params);
}

export function missingOption(command: CommandData, sub: OptionData | undefined, opt: OptionData): UsageError {
  return new UsageError('error.missingOption', { name: opt.name }, (t, locale) =>
    [
      t('error.option.missing', { option: localName(opt, locale), description: localDescription(opt, locale) }),
      ...usageLines(t, locale, command, sub),
    ].join('\n'),
  );
}

export function invalidOption(
  command: CommandData,
  sub: OptionData | undefined,
  opt: OptionData,
  value: unknown,
  expected: Expected,
): UsageError {
  const reason = expected.kind === 'tooLong' ? `≤ ${expected.max}` : expectedText(translator('en'), 'en', expected);
  return new UsageError('error.badOption', { name: opt.name, reason }, (t, locale) => {
    const option = localName(opt, locale);
    const first =
      expected.kind === 'tooLong'
        ? t('error.option.tooLong', { option, max: expected.max })
        : t('error.option.invalid', { option, value: quoted(value), expected: expectedText(t, locale, expected) });
    return [first, ...usageLines(t, locale, command, sub)].join('\n');
  });
}

/** The command needs a subcommand (none or an unknown one was given): list them, each with its usage. */
export function missingSubcommand(command: CommandData, given?: string): UsageError {
  return new UsageError('error.missingOption', { name: 'subcommand' }, (t, locale) => {
    const head = given
      ? t('error.subcommandUnknown', { command: localName(command, locale), given: quoted(given) })
      : t('error.subcommand', { command: localName(command, locale) });
    const lines = subcommandsOf(command).map(
      (s) => `• \`${usageLine(command, s, locale)}\` — ${localDescription(s, locale)}`,
    );
    return [head, ...lines].join('\n');
  });
}

/** Words left over after every option that could take them has one. */
export function extraWords(command: CommandData, sub: OptionData | undefined, words: string): UsageError {
  return new UsageError('error.badOption', { name: command.name, reason: quoted(words) }, (t, locale) =>
    [t('error.extraWords', { words: quoted(words) }), ...usageLines(t, locale, command, sub)].join('\n'),
  );
}

/** A command name nobody registered, with the nearest names (`/explian` → `/explain`). */
export function unknownCommand(name: string, suggestions: readonly string[]): UsageError {
  const shown = quoted(name).slice(0, 32);
  return new UsageError('error.unknownCommand', { name: shown }, (t) =>
    suggestions.length === 0
      ? t('error.unknownCommand', { name: shown })
      : t('error.didYouMean', {
          name: shown,
          suggestions: suggestions.map((s) => `\`${s}\``).join(t('error.or')),
        }),
  );
}
