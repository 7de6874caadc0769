/**
 * Turns a console line such as `/explain 이미지 이름 규칙` or `/rate 3 4 hard_part:"네트워크"` into the same
 * RawInvocation the Discord adapter builds from an interaction. Options go as `name:value`; the remaining words fill
 * the required options in order, and a text option with nothing required after it takes the rest of the line.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RawInvocation, Registry } from '../commands/dispatch.js';
import { UserError } from '../core/errors.js';
import { OptionType, type OptionData } from '../commands/types.js';

/** Splits on spaces, keeping "quoted text" (and name:"quoted text") together. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const re = /(?:[^\s"]+:)?"(?:[^"\\]|\\.)*"|\S+/g;
  for (const m of line.matchAll(re)) {
    tokens.push(
      m[0].replace(
        /^((?:[^\s"]+:)?)"((?:[^"\\]|\\.)*)"$/,
        (_all, name: string, body: string) => name + body.replace(/\\(.)/g, '$1'),
      ),
    );
  }
  return tokens;
}

function optionNamed(options: readonly OptionData[], name: string): OptionData | undefined {
  const lower = name.toLowerCase();
  return options.find((o) => o.name === lower || o.name_localizations?.ko === name);
}

export function parseSlashLine(line: string, registry: Registry): RawInvocation {
  const tokens = tokenize(line.trim().replace(/^\//, ''));
  const first = tokens.shift() ?? '';
  const command = [...registry.commands.values()].find(
    (c) => c.data.name === first.toLowerCase() || c.data.name_localizations?.ko === first,
  );
  if (!command) throw new UserError('error.unknownCommand', { name: first.slice(0, 32) });
  let options = command.data.options ?? [];
  let subcommand: string | undefined;
  const subs = options.filter((o) => o.type === OptionType.Subcommand);
  if (subs.length > 0) {
    const sub = optionNamed(subs, tokens[0] ?? '');
    if (!sub) throw new UserError('error.missingOption', { name: subs.map((s) => s.name).join(' | ') });
    tokens.shift();
    subcommand = sub.name;
    options = sub.options ?? [];
  }
  const values: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    const m = /^([^:\s]+):(.*)$/s.exec(token);
    const opt = m?.[1] ? optionNamed(options, m[1]) : undefined;
    if (m && opt) values[opt.name] = m[2] ?? '';
    else positional.push(token);
  }
  const open = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].filter(
    (o) => !(o.name in values),
  );
  for (let i = 0; i < open.length && positional.length > 0; i++) {
    const opt = open[i] as OptionData;
    const requiredAfter = open.slice(i + 1).some((o) => o.required);
    const takesRest = opt.type === OptionType.String && ((opt.required && !requiredAfter) || i === open.length - 1);
    values[opt.name] = takesRest ? positional.splice(0).join(' ') : positional.shift();
  }
  for (const opt of options) {
    const raw = values[opt.name];
    if (typeof raw === 'string') values[opt.name] = localValue(opt, raw);
  }
  if (positional.length > 0) {
    throw new UserError('error.badOption', { name: command.data.name, reason: positional.join(' ').slice(0, 100) });
  }
  return { name: command.data.name, subcommand, options: values };
}

/** Console stand-ins for Discord's resolved values: `@name` for a member, a file path for an attachment. */
function localValue(opt: OptionData, raw: string): unknown {
  if (opt.type === OptionType.User) {
    const id = raw.replace(/^<?@!?/, '').replace(/>$/, '');
    return { id, name: id };
  }
  if (opt.type === OptionType.Attachment) {
    const file = path.resolve(raw);
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      throw new UserError('error.badOption', { name: opt.name, reason: raw.slice(0, 100) });
    }
    return { id: 'local', name: path.basename(file), url: pathToFileURL(file).href, size, contentType: null };
  }
  return raw;
}
