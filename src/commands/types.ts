/**
 * Command data lives apart from handlers, and each handler's argument type is derived from its data
 * (the pattern of discord.js's own yuudachi bot). Only discord-api-types (plain enums and JSON types) is used here,
 * never discord.js, so the console and the Discord adapter share everything in this folder.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Clock, Db, Logger } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import type { Locale, MessageKey, Translator } from '../i18n/index.js';
import { allLocales, translate } from '../i18n/index.js';
import type { Config } from '../config.js';

export { ApplicationCommandOptionType as OptionType };

export interface ChoiceData {
  readonly name: string;
  readonly name_localizations?: Readonly<Record<string, string>>;
  readonly value: string | number;
}

export interface OptionData {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly name_localizations?: Readonly<Record<string, string>>;
  readonly description: string;
  readonly description_localizations?: Readonly<Record<string, string>>;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly min_value?: number;
  readonly max_value?: number;
  readonly min_length?: number;
  readonly max_length?: number;
  readonly choices?: readonly ChoiceData[];
  readonly options?: readonly OptionData[];
}

export interface CommandData {
  readonly name: string;
  readonly name_localizations?: Readonly<Record<string, string>>;
  readonly description: string;
  readonly description_localizations?: Readonly<Record<string, string>>;
  readonly options?: readonly OptionData[];
  /** Bit set as a string, e.g. '0' for admins only (Discord's `default_member_permissions`). */
  readonly default_member_permissions?: string | null;
  /** 0 = guild, 1 = bot DM, 2 = private channel. */
  readonly contexts?: readonly number[];
}

export interface UserArg {
  id: string;
  name: string;
}

export interface AttachmentArg {
  id: string;
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

interface OptionValueMap {
  [ApplicationCommandOptionType.String]: string;
  [ApplicationCommandOptionType.Integer]: number;
  [ApplicationCommandOptionType.Number]: number;
  [ApplicationCommandOptionType.Boolean]: boolean;
  [ApplicationCommandOptionType.User]: UserArg;
  [ApplicationCommandOptionType.Attachment]: AttachmentArg;
  [ApplicationCommandOptionType.Channel]: string;
  [ApplicationCommandOptionType.Role]: string;
  [ApplicationCommandOptionType.Mentionable]: string;
}

type ValueOf<O extends OptionData> = O['type'] extends keyof OptionValueMap ? OptionValueMap[O['type']] : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type LeafArgs<Opts extends readonly OptionData[]> = Simplify<
  { [O in Opts[number] as O extends { required: true } ? O['name'] : never]: ValueOf<O> } & {
    [O in Opts[number] as O extends { required: true } ? never : O['name']]?: ValueOf<O>;
  }
>;

type SubcommandArgs<O> = O extends {
  type: ApplicationCommandOptionType.Subcommand;
  name: infer N extends string;
}
  ? Simplify<{ subcommand: N } & LeafArgs<O extends { options: infer S extends readonly OptionData[] } ? S : []>>
  : never;

/** The argument object a handler receives, derived from its command data. */
export type ArgsOf<C extends CommandData> = C extends { options: infer Opts extends readonly OptionData[] }
  ? [Extract<Opts[number], { type: ApplicationCommandOptionType.Subcommand }>] extends [never]
    ? LeafArgs<Opts>
    : SubcommandArgs<Opts[number]>
  : Record<string, never>;

/** `{ description, description_localizations }` from one message key. English is Discord's base text. */
export function describe(key: MessageKey) {
  const all = allLocales(key);
  return { description: all.en, description_localizations: { ko: all.ko } } as const;
}

/** A Korean name localization, where a Korean command name is natural. */
export function koName(name: string) {
  return { name_localizations: { ko: name } } as const;
}

export function t(key: MessageKey): string {
  return translate('en', key);
}

export interface Choice {
  name: string;
  value: string;
}

/** Where a handler can post or edit messages outside its own reply (a quiz's rounds, a reminder DM). */
export interface ChannelPort {
  send(reply: Reply): Promise<MessageRef>;
  edit(ref: MessageRef, reply: Reply): Promise<void>;
}

export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** The app-wide services handlers use. Each domain adds its field here. */
export interface Services {
  config: Config;
  clock: Clock;
  logger: Logger;
  db: Db;
  notes: import('../notes/store.js').NotesStore;
  /** The group's notes repository when NOTES_GIT_URL is set (src/repo); null or absent otherwise. */
  repo?: import('../repo/service.js').NotesRepo | null;
}

export interface InteractionContext {
  /** The guild, or `dm:<userId>` outside a guild; every row is keyed by it. */
  guildId: string;
  inGuild: boolean;
  channelId: string;
  user: UserArg;
  locale: Locale;
  t: Translator;
  /** Has Manage Guild (or is the console's local user). */
  isAdmin: boolean;
  /** The member's Discord role ids in this guild (none in the console or a DM). */
  roles?: readonly string[];
  services: Services;
  channel: ChannelPort;
  /** Downloads an attachment the member uploaded (bounded in size). */
  fetchAttachment(att: AttachmentArg): Promise<Buffer>;
  /**
   * Bytes the files of one reply may take together (Discord's `attachment_size_limit` for this interaction).
   * Absent means `DEFAULT_UPLOAD_LIMIT` (10 MiB); the renderers drop and name files that do not fit.
   */
  attachmentSizeLimit?: number;
}

export interface Command<C extends CommandData = CommandData> {
  data: C;
  /** The adapter defers before running (the handler may take longer than Discord's 3 s). */
  defer?: boolean;
  /** Whether the deferred/first reply is ephemeral, decided from the args before running. */
  ephemeral?: (args: ArgsOf<C>) => boolean;
  run(ctx: InteractionContext, args: ArgsOf<C>): Promise<Reply> | Reply;
  autocomplete?(
    ctx: InteractionContext,
    focused: { name: string; value: string },
    args: Partial<Record<string, unknown>>,
  ): Promise<Choice[]> | Choice[];
}

/** Buttons route by the first segment of their custom id (see customId.ts). */
export interface ComponentHandler {
  route: string;
  run(ctx: InteractionContext, payload: string[]): Promise<Reply> | Reply;
}

/** Type helper that keeps `data`'s literal types so `ArgsOf` can read them. */
export function defineCommand<const C extends CommandData>(command: Command<C>): Command<C> {
  return command;
}
