/**
 * Transport-agnostic reply model. Handlers return these; `src/discord/render.ts` turns them into
 * Discord payloads and `src/cli/render.ts` into framed text. Limits are Discord's and are enforced by the renderers.
 */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  author?: string;
  fields?: EmbedField[];
  footer?: string;
  /** Name of a file in `files` to show as the embed image (`attachment://name`). */
  image?: string;
  timestamp?: string;
}

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

export interface Button {
  /** A custom id made with `encodeCustomId`, or omitted when `url` is set. */
  customId?: string;
  url?: string;
  label: string;
  style?: ButtonStyle;
  emoji?: string;
  disabled?: boolean;
}

export interface ReplyFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface Reply {
  content?: string;
  embeds?: Embed[];
  /** Rows of buttons (at most 5 rows of 5). */
  buttons?: Button[][];
  ephemeral?: boolean;
  files?: ReplyFile[];
  /** For component interactions: edit the message the button was on instead of sending a new reply. */
  update?: boolean;
  /** Users this message may ping (members who opted in to mentions); everyone else's mention stays plain text. */
  mentionUsers?: string[];
}

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;
