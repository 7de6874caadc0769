/**
 * Discord's server-side rules, enforced by the fake with Discord's real error shapes:
 * `400 {code: 50035, message: 'Invalid Form Body', errors: {field: {0: {title: {_errors: [{code, message}]}}}}}`.
 */
import { Locale } from 'discord-api-types/v10';
import type { Json } from './fake-discord-payloads.js';

export interface FieldError {
  code: string;
  message: string;
}

/** Collects errors into Discord's nested `errors` object. */
export class FormErrors {
  readonly tree: Json = {};
  readonly list: { path: string; code: string; message: string }[] = [];

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Json;
    }
    const errors = (node._errors ??= []) as FieldError[];
    errors.push({ code, message });
    this.list.push({ path: path.join('.'), code, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

export function invalidFormBody(errors: FormErrors): Json {
  return { code: 50035, message: 'Invalid Form Body', errors: errors.tree };
}

type Path = readonly (string | number)[];
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Discord counts characters (code points), so a Korean syllable or an emoji is one. */
const len = (s: string): number => [...s].length;

function maxLength(e: FormErrors, path: Path, value: unknown, max: number): void {
  const s = str(value);
  if (s !== undefined && len(s) > max) e.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function lengthBetween(e: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  const s = str(value);
  if (s === undefined) e.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (len(s) < min || len(s) > max)
    e.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function maxItems(e: FormErrors, path: Path, value: unknown, max: number): value is unknown[] {
  if (!Array.isArray(value)) return false;
  if (value.length > max) e.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages: content, embeds, components
// ---------------------------------------------------------------------------------------------------------------

export const MessageLimits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
} as const;

const EPHEMERAL = 64;
const IS_COMPONENTS_V2 = 1 << 15;

/** True when a new message would have nothing in it (Discord answers 50006). */
export function isEmptyMessage(body: Json, fileCount: number): boolean {
  const has = (k: string) => Array.isArray(body[k]) && (body[k] as unknown[]).length > 0;
  return (
    !(typeof body.content === 'string' && body.content.length > 0) &&
    !has('embeds') &&
    !has('components') &&
    !has('sticker_ids') &&
    !has('attachments') &&
    fileCount === 0 &&
    !isObject(body.poll)
  );
}

/**
 * Discord refuses a message, interaction response or webhook edit whose files together exceed the upload limit
 * (`attachment_size_limit`, 10 MiB unboosted) with `413 {code: 40005, message: 'Request entity too large'}`.
 */
export const ENTITY_TOO_LARGE = { status: 413, code: 40005, message: 'Request entity too large' } as const;

export function filesTooLarge(files: readonly { size: number }[], limit: number): boolean {
  return files.reduce((total, f) => total + f.size, 0) > limit;
}

export function validateMessage(e: FormErrors, body: Json, path: Path = []): void {
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  maxLength(e, [...path, 'content'], body.content, MessageLimits.content);
  if (flags & IS_COMPONENTS_V2) {
    for (const key of ['content', 'embeds'] as const)
      if (body[key] !== undefined && body[key] !== null && body[key] !== '')
        e.add(
          [...path, key],
          'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
          `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
        );
  }
  validateEmbeds(e, body.embeds, [...path, 'embeds']);
  validateComponents(e, body.components, [...path, 'components'], (flags & IS_COMPONENTS_V2) !== 0);
}

function validateEmbeds(e: FormErrors, embeds: unknown, path: Path): void {
  if (!maxItems(e, path, embeds, MessageLimits.embeds)) return;
  let total = 0;
  const count = (v: unknown) => (total += str(v) ? len(v as string) : 0);
  embeds.forEach((embed, i) => {
    if (!isObject(embed)) return;
    const at = [...path, i];
    maxLength(e, [...at, 'title'], embed.title, MessageLimits.embedTitle);
    maxLength(e, [...at, 'description'], embed.description, MessageLimits.embedDescription);
    count(embed.title);
    count(embed.description);
    if (isObject(embed.footer)) {
      maxLength(e, [...at, 'footer', 'text'], embed.footer.text, MessageLimits.footerText);
      count(embed.footer.text);
    }
    if (isObject(embed.author)) {
      maxLength(e, [...at, 'author', 'name'], embed.author.name, MessageLimits.authorName);
      count(embed.author.name);
    }
    if (maxItems(e, [...at, 'fields'], embed.fields, MessageLimits.embedFields)) {
      embed.fields.forEach((field, j) => {
        if (!isObject(field)) return;
        lengthBetween(e, [...at, 'fields', j, 'name'], field.name, 1, MessageLimits.fieldName);
        lengthBetween(e, [...at, 'fields', j, 'value'], field.value, 1, MessageLimits.fieldValue);
        count(field.name);
        count(field.value);
      });
    }
  });
  if (total > MessageLimits.embedTotal)
    e.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MessageLimits.embedTotal}`);
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function validateComponents(e: FormErrors, components: unknown, path: Path, v2: boolean): void {
  if (!Array.isArray(components)) return;
  const seen = new Set<string>();
  const checkCustomId = (c: Json, at: Path) => {
    const id = str(c.custom_id);
    if (id === undefined) return;
    lengthBetween(e, [...at, 'custom_id'], id, 1, MessageLimits.customId);
    if (seen.has(id))
      e.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(id);
  };
  const walk = (c: unknown, at: Path): void => {
    if (!isObject(c)) return;
    if (c.type === 2) validateButton(e, c, at);
    if (SELECT_TYPES.has(c.type as number)) validateSelect(e, c, at);
    checkCustomId(c, at);
    if (Array.isArray(c.components)) c.components.forEach((child, i) => walk(child, [...at, 'components', i]));
    if (isObject(c.accessory)) walk(c.accessory, [...at, 'accessory']);
  };
  if (!v2) {
    maxItems(e, path, components, MessageLimits.actionRows);
    components.forEach((row, i) => {
      if (!isObject(row)) return;
      if (row.type !== 1) {
        e.add([...path, i, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
        return;
      }
      const children = Array.isArray(row.components) ? row.components : [];
      if (children.length === 0)
        e.add([...path, i, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
      maxItems(e, [...path, i, 'components'], children, MessageLimits.buttonsPerRow);
      if (children.length > 1 && children.some((c) => isObject(c) && SELECT_TYPES.has(c.type as number)))
        e.add(
          [...path, i, 'components'],
          'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          'The specified component exceeds the maximum width',
        );
    });
  }
  components.forEach((c, i) => walk(c, [...path, i]));
}

function validateButton(e: FormErrors, b: Json, at: Path): void {
  maxLength(e, [...at, 'label'], b.label, MessageLimits.buttonLabel);
  if (b.label === undefined && b.emoji === undefined && b.style !== 6)
    e.add(at, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'Button must have a label or an emoji');
  if (b.style === 5) {
    if (typeof b.url !== 'string') e.add([...at, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
    if (b.custom_id !== undefined)
      e.add([...at, 'custom_id'], 'BUTTON_COMPONENT_LINK_HAS_CUSTOM_ID', 'A link button cannot have a custom id');
  } else if (b.style !== 6) {
    if (typeof b.custom_id !== 'string')
      e.add([...at, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
    if (b.url !== undefined)
      e.add([...at, 'url'], 'BUTTON_COMPONENT_NON_LINK_HAS_URL', 'A non-link button cannot have a url');
  }
}

function validateSelect(e: FormErrors, s: Json, at: Path): void {
  if (typeof s.custom_id !== 'string') e.add([...at, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  maxLength(e, [...at, 'placeholder'], s.placeholder, 150);
  if (s.type === 3) {
    const options = Array.isArray(s.options) ? s.options : [];
    if (options.length === 0) e.add([...at, 'options'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    maxItems(e, [...at, 'options'], options, MessageLimits.selectOptions);
    options.forEach((o, i) => {
      if (!isObject(o)) return;
      lengthBetween(e, [...at, 'options', i, 'label'], o.label, 1, 100);
      lengthBetween(e, [...at, 'options', i, 'value'], o.value, 1, 100);
      maxLength(e, [...at, 'options', i, 'description'], o.description, 100);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Interaction callbacks
// ---------------------------------------------------------------------------------------------------------------

/** Which callback types each interaction type may answer with (PONG is not needed over the gateway). */
export const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export function validateCallback(e: FormErrors, interactionType: number, body: Json): void {
  const type = body.type as number;
  const allowed = ALLOWED_CALLBACKS[interactionType] ?? [];
  if (!allowed.includes(type)) {
    e.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of (${allowed.join(', ')}).`);
    return;
  }
  const data = isObject(body.data) ? body.data : {};
  if (type === 4 || type === 7) validateMessage(e, data, ['data']);
  if (type === 8) validateChoices(e, data.choices, ['data', 'choices']);
  if (
    (type === 4 || type === 5) &&
    typeof data.flags === 'number' &&
    data.flags & ~(EPHEMERAL | 4 | 4096 | IS_COMPONENTS_V2)
  )
    e.add(['data', 'flags'], 'MESSAGE_FLAGS_INVALID', 'Invalid flags');
}

function validateChoices(e: FormErrors, choices: unknown, path: Path): void {
  if (!Array.isArray(choices)) {
    e.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  maxItems(e, path, choices, 25);
  choices.forEach((c, i) => {
    if (!isObject(c)) return;
    lengthBetween(e, [...path, i, 'name'], c.name, 1, 100);
    if (typeof c.value === 'string') maxLength(e, [...path, i, 'value'], c.value, 100);
    validateLocalizations(e, c.name_localizations, [...path, i, 'name_localizations'], 1, 100);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Application command registration
// ---------------------------------------------------------------------------------------------------------------

export const VALID_LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));
/** Discord's documented pattern for chat-input command and option names (plus: must equal its lowercase). */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;

function validateName(e: FormErrors, path: Path, name: unknown, code: string, what: string): void {
  if (typeof name !== 'string' || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())
    e.add(path, code, `${what} name is invalid`);
}

function validateLocalizations(e: FormErrors, map: unknown, path: Path, min: number, max: number): void {
  if (!isObject(map)) return;
  for (const [locale, value] of Object.entries(map)) {
    if (!VALID_LOCALES.has(locale))
      e.add([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    else if (value !== null) lengthBetween(e, [...path, locale], value, min, max);
  }
}

/** Validates a bulk-overwrite body (`PUT /applications/:app/commands`). */
export function validateCommands(e: FormErrors, commands: unknown): void {
  if (!Array.isArray(commands)) {
    e.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const chatInput = commands.filter((c) => isObject(c) && (c.type ?? 1) === 1);
  if (chatInput.length > MAX_COMMANDS) e.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS} or fewer in length.`);
  const names = new Set<string>();
  commands.forEach((c, i) => {
    if (!isObject(c)) return;
    validateCommand(e, c, [i]);
    const key = `${String(c.type ?? 1)}:${String(c.name)}`;
    if (names.has(key))
      e.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    names.add(key);
  });
}

export function validateCommand(e: FormErrors, c: Json, path: Path): void {
  const type = (c.type ?? 1) as number;
  if (type === 1) {
    validateName(e, [...path, 'name'], c.name, 'APPLICATION_COMMAND_INVALID_NAME', 'Command');
    lengthBetween(e, [...path, 'description'], c.description, 1, 100);
    validateLocalizations(e, c.name_localizations, [...path, 'name_localizations'], 1, 32);
    validateLocalizations(e, c.description_localizations, [...path, 'description_localizations'], 1, 100);
    validateOptions(e, c.options, [...path, 'options']);
  } else {
    lengthBetween(e, [...path, 'name'], c.name, 1, 32);
    if (c.description !== undefined && c.description !== '')
      e.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have a description',
      );
  }
}

function validateOptions(e: FormErrors, options: unknown, path: Path): void {
  if (options === undefined || options === null) return;
  if (!maxItems(e, path, options, 25)) return;
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (!isObject(o)) return;
    const at = [...path, i];
    validateName(e, [...at, 'name'], o.name, 'APPLICATION_COMMAND_INVALID_NAME', 'Option');
    lengthBetween(e, [...at, 'description'], o.description, 1, 100);
    validateLocalizations(e, o.name_localizations, [...at, 'name_localizations'], 1, 32);
    validateLocalizations(e, o.description_localizations, [...at, 'description_localizations'], 1, 100);
    if (names.has(String(o.name)))
      e.add([...at, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_NOT_UNIQUE', 'Option names must be unique');
    names.add(String(o.name));
    const isSub = o.type === 1 || o.type === 2;
    if (isSub) {
      if (o.required)
        e.add([...at, 'required'], 'APPLICATION_COMMAND_SUBCOMMAND_REQUIRED', 'Subcommands cannot be required');
      validateOptions(e, o.options, [...at, 'options']);
      return;
    }
    if (o.required === true && sawOptional)
      e.add(
        path,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    if (o.required !== true) sawOptional = true;
    if (Array.isArray(o.choices)) {
      validateChoices(e, o.choices, [...at, 'choices']);
      if (o.autocomplete === true)
        e.add(
          [...at, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_WITH_CHOICES',
          'Autocomplete cannot be used with choices',
        );
    }
    for (const k of ['min_length', 'max_length'] as const)
      if (typeof o[k] === 'number' && ((o[k] as number) < 0 || (o[k] as number) > 6000))
        e.add([...at, k], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 6000.');
  });
}
