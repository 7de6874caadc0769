/**
 * Reply → Discord API payloads (raw JSON that discord.js passes through). Every reply goes through `fitReply`
 * first, so nothing a handler builds can break Discord's limits, the upload limit included (files that do not fit
 * are dropped and named in the reply).
 */
import {
  ButtonStyle as ApiButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';
import { fitReply, type FitOptions } from '../core/limits.js';
import type { Button, ButtonStyle, Embed, Reply } from '../core/reply.js';

const STYLES: Record<ButtonStyle, ApiButtonStyle> = {
  primary: ApiButtonStyle.Primary,
  secondary: ApiButtonStyle.Secondary,
  success: ApiButtonStyle.Success,
  danger: ApiButtonStyle.Danger,
};

function embedJson(e: Embed): APIEmbed {
  const out: APIEmbed = {};
  if (e.title) out.title = e.title;
  if (e.description) out.description = e.description;
  if (e.url) out.url = e.url;
  if (e.color !== undefined) out.color = e.color;
  if (e.author) out.author = { name: e.author };
  if (e.fields && e.fields.length > 0) out.fields = e.fields.map((f) => ({ ...f }));
  if (e.footer) out.footer = { text: e.footer };
  if (e.image) out.image = { url: `attachment://${e.image}` };
  if (e.timestamp) out.timestamp = e.timestamp;
  return out;
}

function buttonJson(b: Button): APIButtonComponent {
  const button: APIButtonComponent = b.url
    ? { type: ComponentType.Button, style: ApiButtonStyle.Link, url: b.url, label: b.label }
    : {
        type: ComponentType.Button,
        style: STYLES[b.style ?? 'secondary'] as ApiButtonStyle.Secondary,
        custom_id: b.customId ?? 'v1:none',
        label: b.label,
      };
  if (b.disabled) button.disabled = true;
  if (b.emoji && 'label' in button) button.emoji = { name: b.emoji };
  return button;
}

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: { attachment: Buffer; name: string; description?: string }[];
  flags?: MessageFlags.Ephemeral;
}

/** The options object for interaction.reply / editReply / update / followUp. */
export function toPayload(input: Reply, fit: FitOptions = {}): MessagePayload {
  const reply = fitReply(input, fit);
  const payload: MessagePayload = {
    embeds: (reply.embeds ?? []).map(embedJson),
    components: (reply.buttons ?? []).map((row) => ({
      type: ComponentType.ActionRow,
      components: row.map(buttonJson),
    })),
    files: (reply.files ?? []).map((f) => ({
      attachment: f.data,
      name: f.name,
      ...(f.description ? { description: f.description.slice(0, 1024) } : {}),
    })),
  };
  // An empty string clears the content on edits; undefined leaves Discord's default.
  payload.content = reply.content ?? '';
  if (reply.ephemeral) payload.flags = MessageFlags.Ephemeral;
  return payload;
}

/** The REST body and files for POST/PATCH /channels/:id/messages (used outside interactions). */
export function toRestMessage(
  input: Reply,
  fit: FitOptions = {},
): {
  body: Record<string, unknown>;
  files: { name: string; data: Buffer }[];
} {
  const p = toPayload(input, fit);
  return {
    body: {
      content: p.content,
      embeds: p.embeds,
      components: p.components,
      attachments: p.files.map((f, id) => ({ id, filename: f.name })),
      // Raw REST skips the client's allowedMentions: member text in a channel message or DM must not ping anyone.
      allowed_mentions: input.mentionUsers?.length ? { parse: [], users: input.mentionUsers } : { parse: [] },
    },
    files: p.files.map((f) => ({ name: f.name, data: f.attachment })),
  };
}
