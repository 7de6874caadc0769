/**
 * The one place that routes chat-input commands, autocomplete and button clicks to handlers and owns error replies.
 * Transport-agnostic: the Discord adapter and the local console both call it with an InteractionContext.
 */
import { randomBytes } from 'node:crypto';
import { isUserError, UserError } from '../core/errors.js';
import { storageUserError } from '../db/errors.js';
import { LIMITS, type Reply } from '../core/reply.js';
import { truncate } from '../core/text.js';
import { decodeCustomId } from './customId.js';
import { invalidOption, missingOption, missingSubcommand, userErrorText, type Expected } from './usage.js';
import {
  OptionType,
  type Choice,
  type Command,
  type CommandData,
  type ComponentHandler,
  type InteractionContext,
  type OptionData,
} from './types.js';

/** Discord's own cap on a string option's length when the command sets no max_length. */
const STRING_OPTION_MAX = 6000;

export interface RawInvocation {
  name: string;
  subcommand?: string | undefined;
  /** Option values as the transport has them (strings from the console are coerced by type). */
  options: Record<string, unknown>;
}

export interface Registry {
  commands: ReadonlyMap<string, Command>;
  components: ReadonlyMap<string, ComponentHandler>;
  data: CommandData[];
}

export function createRegistry(commands: readonly Command[], components: readonly ComponentHandler[] = []): Registry {
  const byName = new Map<string, Command>();
  for (const c of commands) {
    if (byName.has(c.data.name)) throw new Error(`duplicate command ${c.data.name}`);
    byName.set(c.data.name, c as Command);
  }
  const byRoute = new Map<string, ComponentHandler>();
  for (const h of components) {
    if (byRoute.has(h.route)) throw new Error(`duplicate component route ${h.route}`);
    byRoute.set(h.route, h);
  }
  return { commands: byName, components: byRoute, data: commands.map((c) => c.data) };
}

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

export type Outcome = 'ok' | 'user-error' | 'storage-error' | 'error';

/** Which error path made a reply (for the adapter's interaction log); replies handlers built are 'ok'. */
const outcomes = new WeakMap<Reply, Outcome>();

export function outcomeOf(reply: Reply): Outcome {
  return outcomes.get(reply) ?? 'ok';
}

function marked(reply: Reply, outcome: Outcome): Reply {
  outcomes.set(reply, outcome);
  return reply;
}

/** Turns any thrown value into the reply the member sees; unexpected errors are logged with their stack. */
export function errorReply(ctx: InteractionContext, err: unknown, where: Record<string, unknown>): Reply {
  if (isUserError(err)) {
    return marked({ content: userErrorText(ctx.t, ctx.locale, err), ephemeral: true }, 'user-error');
  }
  const errorId = newErrorId();
  const storage = storageUserError(err, errorId);
  if (storage) {
    // Locked, full, read-only or failing storage: the member is told nothing was saved; an admin must see it.
    const fields = { err, errorId, guildId: ctx.guildId, userId: ctx.user.id, ...where };
    if (storage.key === 'error.busy') ctx.services.logger.warn(fields, 'database busy: nothing saved');
    else ctx.services.logger.error(fields, 'database not writable: nothing saved');
    return marked({ content: ctx.t(storage.key, storage.params), ephemeral: true }, 'storage-error');
  }
  ctx.services.logger.error({ err, errorId, guildId: ctx.guildId, userId: ctx.user.id, ...where }, 'handler failed');
  return marked({ content: ctx.t('error.internal', { id: errorId }), ephemeral: true }, 'error');
}

function subcommandOf(command: Command, subcommand: string | undefined): OptionData | undefined {
  const subs = (command.data.options ?? []).filter((o) => o.type === OptionType.Subcommand);
  if (subs.length === 0) return undefined;
  const sub = subs.find((o) => o.name === subcommand);
  if (!sub) throw missingSubcommand(command.data, typeof subcommand === 'string' ? subcommand : undefined);
  return sub;
}

/** The value as the handler gets it, or `fail` with what the option expects (its data says). */
function coerce(opt: OptionData, value: unknown, fail: (expected: Expected) => Error): unknown {
  switch (opt.type) {
    case OptionType.String: {
      if (typeof value !== 'string') throw fail({ kind: 'text' });
      const max = opt.max_length ?? STRING_OPTION_MAX;
      if (value.length > max) throw fail({ kind: 'tooLong', max });
      if (opt.min_length !== undefined && value.length < opt.min_length) {
        throw fail({ kind: 'minLength', min: opt.min_length });
      }
      if (opt.choices && !opt.choices.some((c) => c.value === value))
        throw fail({ kind: 'choice', choices: opt.choices });
      return value;
    }
    case OptionType.Integer:
    case OptionType.Number: {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      const range = { kind: 'range', min: opt.min_value, max: opt.max_value } as const;
      const anyRange = opt.min_value !== undefined || opt.max_value !== undefined;
      if (!Number.isFinite(n) || (opt.type === OptionType.Integer && !Number.isInteger(n))) {
        if (opt.choices) throw fail({ kind: 'choice', choices: opt.choices });
        throw fail(anyRange ? range : { kind: opt.type === OptionType.Integer ? 'integer' : 'number' });
      }
      if ((opt.min_value !== undefined && n < opt.min_value) || (opt.max_value !== undefined && n > opt.max_value)) {
        throw fail(range);
      }
      if (opt.choices && !opt.choices.some((c) => c.value === n)) throw fail({ kind: 'choice', choices: opt.choices });
      return n;
    }
    case OptionType.Boolean: {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|yes|y|1|on|예|네)$/i.test(value.trim())) return true;
      if (typeof value === 'string' && /^(false|no|n|0|off|아니요|아니오)$/i.test(value.trim())) return false;
      throw fail({ kind: 'boolean' });
    }
    default:
      return value;
  }
}

/** Validates and coerces raw option values against the command's data: the handler gets `ArgsOf<data>`. */
export function normalizeArgs(command: Command, raw: RawInvocation): Record<string, unknown> {
  const sub = subcommandOf(command, raw.subcommand);
  const opts = (sub ? sub.options : command.data.options) ?? [];
  const args: Record<string, unknown> = {};
  if (raw.subcommand !== undefined) args.subcommand = raw.subcommand;
  for (const opt of opts) {
    const value = raw.options[opt.name];
    if (value === undefined || value === null || value === '') {
      if (opt.required) throw missingOption(command.data, sub, opt);
      continue;
    }
    args[opt.name] = coerce(opt, value, (expected) => invalidOption(command.data, sub, opt, value, expected));
  }
  return args;
}

export async function runCommand(registry: Registry, ctx: InteractionContext, raw: RawInvocation): Promise<Reply> {
  const command = registry.commands.get(raw.name);
  try {
    if (!command) throw new UserError('error.unknownCommand', { name: raw.name.slice(0, 32) });
    const args = normalizeArgs(command, raw);
    return await command.run(ctx, args as never);
  } catch (err) {
    return errorReply(ctx, err, { command: raw.name, subcommand: raw.subcommand });
  }
}

export async function runComponent(registry: Registry, ctx: InteractionContext, customId: string): Promise<Reply> {
  try {
    const decoded = decodeCustomId(customId);
    const handler = decoded && registry.components.get(decoded.route);
    if (!decoded || !handler) throw new UserError('error.unknownComponent');
    return await handler.run(ctx, decoded.args);
  } catch (err) {
    return errorReply(ctx, err, { customId: customId.slice(0, 100) });
  }
}

/** Never throws and never defers: any error answers an empty list (logged). */
export async function runAutocomplete(
  registry: Registry,
  ctx: InteractionContext,
  raw: RawInvocation,
  focused: { name: string; value: string },
): Promise<Choice[]> {
  try {
    const command = registry.commands.get(raw.name);
    if (!command?.autocomplete) return [];
    const choices = await command.autocomplete(
      ctx,
      { name: focused.name, value: focused.value.slice(0, 200) },
      {
        ...raw.options,
        subcommand: raw.subcommand,
      },
    );
    return choices.slice(0, LIMITS.choices).map((c) => ({
      name: truncate(c.name, LIMITS.choiceName),
      value: truncate(c.value, LIMITS.choiceValue),
    }));
  } catch (err) {
    ctx.services.logger.warn({ err, command: raw.name }, 'autocomplete failed');
    return [];
  }
}
