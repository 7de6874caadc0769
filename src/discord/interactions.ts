/**
 * Turns discord.js interactions into dispatcher calls and dispatcher replies into Discord responses.
 * Owns the 3-second rule: commands marked `defer` defer at once; any other handler still running after
 * `deferAfterMs` is deferred automatically, then its reply edits the deferred message.
 */
import {
  DiscordAPIError,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import {
  normalizeArgs,
  outcomeOf,
  runAutocomplete,
  runCommand,
  runComponent,
  type RawInvocation,
  type Registry,
} from '../commands/dispatch.js';
import type { ChannelPort, InteractionContext, Services } from '../commands/types.js';
import { readBounded } from '../core/body.js';
import { UserError } from '../core/errors.js';
import { uploadLimitOf, type FitOptions } from '../core/limits.js';
import type { Reply } from '../core/reply.js';
import { localeFrom, translator } from '../i18n/index.js';
import { toPayload, toRestMessage } from './render.js';

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** A guild member's role ids: a raw API member lists them, a cached GuildMember keeps them in its role manager. */
function memberRoles(member: unknown): string[] {
  if (!member || typeof member !== 'object' || !('roles' in member)) return [];
  const roles = (member as { roles: unknown }).roles;
  if (Array.isArray(roles)) return roles.filter((r): r is string => typeof r === 'string');
  const cache = (roles as { cache?: Map<string, unknown> } | null)?.cache;
  return cache ? [...cache.keys()] : [];
}

export interface InteractionDeps {
  client: Client;
  registry: Registry;
  services: Services;
  /** Defer a handler still running after this long (Discord allows 3 s for the first response). */
  deferAfterMs: number;
}

function optionValue(o: CommandInteractionOption): unknown {
  if (o.attachment) {
    return {
      id: o.attachment.id,
      name: o.attachment.name,
      url: o.attachment.url,
      size: o.attachment.size,
      contentType: o.attachment.contentType,
    };
  }
  if (o.user)
    return { id: o.user.id, name: o.member && 'displayName' in o.member ? o.member.displayName : o.user.username };
  return o.value;
}

export function rawInvocation(interaction: ChatInputCommandInteraction | AutocompleteInteraction): RawInvocation {
  let data = interaction.options.data;
  let subcommand: string | undefined;
  const first = data[0];
  if (first && first.options && (first.type === 1 || first.type === 2)) {
    subcommand = first.name;
    data = first.options;
  }
  const options: Record<string, unknown> = {};
  for (const o of data) options[o.name] = optionValue(o);
  return { name: interaction.commandName, subcommand, options };
}

/** Posts and edits channel messages; `fit` carries the upload limit and language the files are fitted with. */
export function channelPort(client: Client, channelId: string, fit: FitOptions = {}): ChannelPort {
  return {
    async send(reply) {
      const { body, files } = toRestMessage(reply, fit);
      const message = (await client.rest.post(Routes.channelMessages(channelId), { body, files })) as { id: string };
      return { channelId, messageId: message.id };
    },
    async edit(ref, reply) {
      const { body, files } = toRestMessage(reply, fit);
      await client.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body, files });
    },
  };
}

/**
 * The upload limit Discord sent with the interaction (`attachment_size_limit`, which discord.js 14.28 exposes as
 * `attachmentSizeLimit`); the 10 MiB default when it is missing.
 */
export function attachmentSizeLimitOf(interaction: Interaction): number {
  const exposed = (interaction as { attachmentSizeLimit?: unknown }).attachmentSizeLimit;
  return uploadLimitOf(typeof exposed === 'number' ? exposed : undefined);
}

export function contextFor(interaction: Interaction, deps: InteractionDeps): InteractionContext {
  const locale = localeFrom(interaction.locale);
  const channelId = interaction.channelId ?? `dm:${interaction.user.id}`;
  const t = translator(locale);
  const attachmentSizeLimit = attachmentSizeLimitOf(interaction);
  return {
    guildId: interaction.guildId ?? `dm:${interaction.user.id}`,
    inGuild: interaction.inGuild(),
    channelId,
    user: {
      id: interaction.user.id,
      name:
        interaction.member && 'displayName' in interaction.member
          ? interaction.member.displayName
          : (interaction.user.globalName ?? interaction.user.username),
    },
    locale,
    t,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    roles: memberRoles(interaction.member),
    services: deps.services,
    channel: channelPort(deps.client, channelId, { uploadLimit: attachmentSizeLimit, t }),
    attachmentSizeLimit,
    async fetchAttachment(att) {
      if (att.size > MAX_ATTACHMENT_BYTES)
        throw new UserError('error.optionTooLong', { name: att.name, max: MAX_ATTACHMENT_BYTES });
      const res = await fetch(att.url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`attachment download failed: HTTP ${res.status}`);
      // The size Discord stated was checked above; the bytes that arrive are bounded too.
      const data = await readBounded(res.body, MAX_ATTACHMENT_BYTES);
      if (data === null) throw new UserError('error.optionTooLong', { name: att.name, max: MAX_ATTACHMENT_BYTES });
      return data;
    },
  };
}

/** Runs `work`, deferring through `defer` if it has not finished after `ms`. */
async function withAutoDefer<T>(work: Promise<T>, ms: number, defer: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first === 'late') {
    await defer();
    return work;
  }
  return first as T;
}

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/** Sends the one response an interaction gets, whichever way it was acknowledged. */
class Responder {
  private deferred: Promise<void> | null = null;
  private deferredEphemeral = false;
  private deferredUpdate = false;
  constructor(
    private readonly interaction: Repliable,
    /** The interaction's upload limit and language, for fitting the reply's files. */
    private readonly fit: FitOptions,
  ) {}

  defer(options: { ephemeral: boolean; update?: boolean }): Promise<void> {
    if (!this.deferred) {
      this.deferredEphemeral = options.ephemeral;
      this.deferredUpdate = options.update === true && this.interaction.isButton();
      this.deferred =
        this.deferredUpdate && this.interaction.isButton()
          ? this.interaction.deferUpdate().then(() => undefined)
          : this.interaction.deferReply(options.ephemeral ? { flags: 64 } : {}).then(() => undefined);
    }
    return this.deferred;
  }

  async send(reply: Reply): Promise<void> {
    const payload = toPayload(reply, this.fit);
    const i = this.interaction;
    if (!this.deferred) {
      if (reply.update && i.isButton()) await i.update({ ...payload, flags: undefined });
      else await i.reply(payload);
      return;
    }
    await this.deferred;
    if (this.deferredUpdate) {
      // The clicked message is the deferred one: edit it, or answer separately when not an update.
      if (reply.update) await i.editReply({ ...payload, flags: undefined });
      else await i.followUp(payload);
      return;
    }
    if (Boolean(reply.ephemeral) === this.deferredEphemeral) {
      await i.editReply({ ...payload, flags: undefined });
    } else if (reply.ephemeral) {
      // A public "thinking…" cannot become ephemeral: remove it and answer privately.
      await i.deleteReply();
      await i.followUp(payload);
    } else {
      await i.editReply({ ...payload, flags: undefined });
    }
  }
}

export function isExpired(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === 10062 || err.code === 40060);
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<string> {
  if (interaction.isAutocomplete()) {
    const ctx = contextFor(interaction, deps);
    const focused = interaction.options.getFocused(true);
    const choices = await runAutocomplete(deps.registry, ctx, rawInvocation(interaction), {
      name: focused.name,
      value: String(focused.value),
    });
    await interaction.respond(choices);
    return 'autocomplete';
  }
  if (interaction.isChatInputCommand()) {
    const ctx = contextFor(interaction, deps);
    const raw = rawInvocation(interaction);
    const command = deps.registry.commands.get(raw.name);
    let ephemeral = false;
    try {
      if (command?.ephemeral) ephemeral = command.ephemeral(normalizeArgs(command, raw) as never);
    } catch {
      ephemeral = true; // the dispatcher will answer with the validation error
    }
    const responder = new Responder(interaction, { uploadLimit: ctx.attachmentSizeLimit, t: ctx.t });
    if (command?.defer) await responder.defer({ ephemeral });
    const reply = await withAutoDefer(runCommand(deps.registry, ctx, raw), deps.deferAfterMs, () =>
      responder.defer({ ephemeral }),
    );
    await responder.send(reply);
    return outcomeOf(reply);
  }
  if (interaction.isButton()) {
    const ctx = contextFor(interaction, deps);
    const responder = new Responder(interaction, { uploadLimit: ctx.attachmentSizeLimit, t: ctx.t });
    const reply = await withAutoDefer(runComponent(deps.registry, ctx, interaction.customId), deps.deferAfterMs, () =>
      responder.defer({ ephemeral: false, update: true }),
    );
    await responder.send(reply);
    return outcomeOf(reply);
  }
  return 'ignored';
}
