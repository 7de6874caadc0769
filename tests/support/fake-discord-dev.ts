/**
 * Runs the fake Discord by hand: `npm run dev:fake-discord`, then start the real bot against it in another terminal
 * with the printed settings, and type commands here:
 *
 *   /explain 이미지 이름 규칙        a slash command: values fill the options in order
 *   /log add 45 2                 subcommands (and groups) by name; `/퀴즈 시작` works too (Korean names)
 *   /quiz start count:3 topic:볼륨  options as name:value, in any order; "quoted text" keeps spaces
 *   /template import file:./my.md  an attachment option takes a file path
 *   complete /explain ㅇㅁㅈ        the autocomplete request Discord sends while the last option is being typed
 *   click quiz:next               click a button on the newest message that has it
 *   select quiz:pick a,b          pick values in a select menu
 *   drop | invalid | commands | quit
 *
 * A typed line is parsed against the commands the bot registered (the fake stores its PUT), so the interaction carries
 * what Discord would send: the subcommand group and subcommand as nested options, each value typed as its option is
 * (integer, number and boolean values as JSON numbers and booleans, an attachment as `resolved.attachments`), choice
 * names turned into their values. A line Discord's client would not let a member send (a required option missing, a
 * number that is not one, a value out of range) is refused here with the reason instead of being sent.
 *
 * The registered commands are kept in a JSON file (`.tmp/fake-discord/commands-<port>.json`, or FAKE_DISCORD_STATE),
 * so a restarted fake still has them. Real Discord keeps an application's commands whatever happens to the bot, and
 * the bot relies on that: it skips registration when its definitions hash is unchanged (src/discord/register.ts), and
 * a bot left running while the fake restarts never registers again at all (it registers once, at its first READY).
 * Making the bot list its commands first at every start would cost a request per start against real Discord to work
 * around a fake that forgets, so the fake is what remembers.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/config.js';
import {
  FakeDiscord,
  type CommandInvocation,
  type FakeDiscordOptions,
  type FakeInteraction,
  type InteractionResponse,
  type Json,
  type OptionValue,
} from './fake-discord.js';

// ----- parsing a typed line against the registered commands ---------------------------------------------------------

/** Discord's application command option types. */
const T = {
  subcommand: 1,
  group: 2,
  string: 3,
  integer: 4,
  boolean: 5,
  user: 6,
  channel: 7,
  role: 8,
  mentionable: 9,
  number: 10,
  attachment: 11,
} as const;

const TYPE_NAMES: Record<number, string> = {
  4: 'integer',
  5: 'true/false',
  6: 'user',
  7: 'channel',
  8: 'role',
  9: 'user or role',
  10: 'number',
  11: 'file path',
};

/** An option as the bot registered it (the subset of Discord's schema the parser reads). */
interface SchemaOption {
  type: number;
  name: string;
  name_localizations?: Record<string, string> | null;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; name_localizations?: Record<string, string> | null; value: string | number }[];
  options?: SchemaOption[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
}

export interface ParseContext {
  /** Reads an attachment option's file (default: from disk, relative to the working directory). */
  readFile?: (file: string) => Buffer;
  /** The id `me` stands for in a user option (default: the fake's invoking user). */
  userId?: string;
  /** An autocomplete request: required options may be missing, and the last option given is the focused one. */
  autocomplete?: boolean;
}

export type ParsedLine =
  | { ok: true; invocation: CommandInvocation & { options: Record<string, OptionValue> }; focused?: string }
  | { ok: false; error: string };

interface Token {
  /** The word as a positional value (quotes removed). */
  text: string;
  /** For `name:value` written without quotes around the name: the name and the value. */
  pair?: { name: string; value: string };
}

/** Splits on spaces; `"quoted text"` and `name:"quoted text"` stay one word (`\"` for a quote inside). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/([^\s":]+):"((?:[^"\\]|\\.)*)"|"((?:[^"\\]|\\.)*)"|\S+/g)) {
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    if (m[1] !== undefined) {
      const value = unescape(m[2] ?? '');
      tokens.push({ text: `${m[1]}:${value}`, pair: { name: m[1], value } });
    } else if (m[3] !== undefined) {
      tokens.push({ text: unescape(m[3]) });
    } else {
      const word = m[0];
      const colon = word.indexOf(':');
      tokens.push(
        colon > 0 ? { text: word, pair: { name: word.slice(0, colon), value: word.slice(colon + 1) } } : { text: word },
      );
    }
  }
  return tokens;
}

const named = <O extends { name: string; name_localizations?: Record<string, string> | null }>(
  list: readonly O[],
  word: string,
): O | undefined =>
  list.find(
    (o) => o.name === word.toLowerCase() || Object.values(o.name_localizations ?? {}).some((local) => local === word),
  );

function usage(prefix: string, options: readonly SchemaOption[]): string {
  const subs = options.filter((o) => o.type === T.subcommand || o.type === T.group);
  if (subs.length > 0) return subs.map((s) => usage(`${prefix} ${s.name}`, s.options ?? [])).join('\n');
  const shown = (o: SchemaOption) => (o.type === T.string ? o.name : `${o.name}: ${TYPE_NAMES[o.type] ?? 'value'}`);
  return [prefix, ...options.map((o) => (o.required ? `<${shown(o)}>` : `[${shown(o)}]`))].join(' ');
}

/** Every form of every registered command, one line each (what `commands` prints). */
export function commandUsage(commands: readonly Json[]): string[] {
  return commands
    .filter((c) => (c.type ?? 1) === 1)
    .flatMap((c) => usage(`/${String(c.name)}`, (c.options as SchemaOption[] | undefined) ?? []).split('\n'));
}

/** The value Discord sends for `text` typed into `option`, or the reason Discord's client would refuse it. */
function convert(option: SchemaOption, text: string, ctx: ParseContext): OptionValue | { error: string } {
  const bad = (why: string) => ({ error: `\`${option.name}\` ${why} (got "${text}")` });
  let value: OptionValue;
  switch (option.type) {
    case T.integer:
    case T.number: {
      const pattern = option.type === T.integer ? /^[-+]?\d+$/ : /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
      const n = Number(text);
      if (!pattern.test(text) || !Number.isFinite(n) || (option.type === T.integer && !Number.isSafeInteger(n)))
        return bad(`takes ${option.type === T.integer ? 'an integer' : 'a number'}`);
      if (option.min_value !== undefined && n < option.min_value) return bad(`is at least ${option.min_value}`);
      if (option.max_value !== undefined && n > option.max_value) return bad(`is at most ${option.max_value}`);
      value = n;
      break;
    }
    case T.boolean: {
      const word = text.toLowerCase();
      if (['true', 'yes', 'on'].includes(word)) value = true;
      else if (['false', 'no', 'off'].includes(word)) value = false;
      else return bad('takes true or false');
      break;
    }
    case T.user:
    case T.channel:
    case T.role:
    case T.mentionable: {
      const mention = /^(?:<(?:@!?|@&|#)(\d{1,20})>|(\d{1,20}))$/.exec(text);
      const id = text === 'me' && option.type !== T.channel ? ctx.userId : (mention?.[1] ?? mention?.[2]);
      if (!id) return bad(`takes an id or a mention${option.type === T.user ? ' (or `me`)' : ''}`);
      value = id;
      break;
    }
    case T.attachment: {
      try {
        value = { name: path.basename(text), data: (ctx.readFile ?? ((f) => readFileSync(f)))(text) };
      } catch (err) {
        return bad(`takes a readable file: ${err instanceof Error ? err.message : String(err)}`);
      }
      break;
    }
    default: {
      if (option.min_length !== undefined && [...text].length < option.min_length)
        return bad(`is at least ${option.min_length} characters`);
      if (option.max_length !== undefined && [...text].length > option.max_length)
        return bad(`is at most ${option.max_length} characters`);
      value = text;
    }
  }
  if (option.choices && option.choices.length > 0) {
    const choice =
      option.choices.find((c) => String(c.value) === text || c.value === value) ?? named(option.choices, text);
    if (!choice) return bad(`is one of ${option.choices.map((c) => String(c.value)).join(' | ')}`);
    value = choice.value;
  }
  return value;
}

/**
 * Parses `/name [group] [subcommand] values…` against the registered commands, as a member fills the form in
 * Discord. `name:value` sets an option by name (or by its Korean name); the other words fill the options that are
 * left, in order (required first, as Discord orders them), one word each, except that a text option with no required
 * option after it takes the rest of the line (`/explain 이미지 이름 규칙`, `/rate 2 4 레이어 구조`); quote a value of
 * several words anywhere else (`/log add "1시간 20분" 2`). A word with a `:` whose left side is not an option of this
 * command is a value like any other (`/imageref localhost:5000/team/app:1.0`).
 */
export function parseCommandLine(line: string, commands: readonly Json[], ctx: ParseContext = {}): ParsedLine {
  const tokens = tokenize(line.trim().replace(/^\//, ''));
  const first = tokens.shift()?.text ?? '';
  const command = named(
    commands.filter((c) => (c.type ?? 1) === 1) as unknown as (SchemaOption & { name: string })[],
    first,
  );
  if (!command) {
    const names = commands.map((c) => `/${String(c.name)}`).join(' ');
    return {
      ok: false,
      error: names ? `no command /${first}; registered: ${names}` : 'no commands are registered yet',
    };
  }
  const invocation: CommandInvocation & { options: Record<string, OptionValue> } = { name: command.name, options: {} };
  let schema = command.options ?? [];
  let where = `/${command.name}`;
  for (const level of ['subcommandGroup', 'subcommand'] as const) {
    const subs = schema.filter((o) => o.type === T.subcommand || o.type === T.group);
    if (subs.length === 0) break;
    const word = tokens[0]?.text ?? '';
    const sub = named(subs, word);
    if (!sub) {
      const list = subs.map((s) => s.name).join(' | ');
      return {
        ok: false,
        error: `${where} needs one of: ${list}${word ? ` (not "${word}")` : ''}\n${usage(where, schema)}`,
      };
    }
    tokens.shift();
    if (sub.type === T.group) invocation.subcommandGroup = sub.name;
    else invocation.subcommand = sub.name;
    where += ` ${sub.name}`;
    schema = sub.options ?? [];
    if (level === 'subcommandGroup' && sub.type === T.subcommand) break;
  }

  const texts = new Map<string, string>();
  let focused: string | undefined;
  const positional: string[] = [];
  for (const token of tokens) {
    const option = token.pair ? named(schema, token.pair.name) : undefined;
    if (!option || !token.pair) {
      positional.push(token.text);
      continue;
    }
    if (texts.has(option.name)) return { ok: false, error: `\`${option.name}\` is given twice` };
    texts.set(option.name, token.pair.value);
    focused = option.name;
  }
  const open = [...schema.filter((o) => o.required), ...schema.filter((o) => !o.required)].filter(
    (o) => !texts.has(o.name),
  );
  for (const [i, option] of open.entries()) {
    if (positional.length === 0) break;
    const requiredLater = open.slice(i + 1).some((o) => o.required);
    const takesRest = option.type === T.string && !requiredLater;
    texts.set(option.name, takesRest ? positional.splice(0).join(' ') : (positional.shift() as string));
    focused = option.name;
  }
  if (positional.length > 0)
    return { ok: false, error: `too many values: ${positional.join(' ')}\n${usage(where, schema)}` };
  const missing = schema.filter((o) => o.required && !texts.has(o.name)).map((o) => o.name);
  if (missing.length > 0 && !ctx.autocomplete)
    return { ok: false, error: `${where} needs ${missing.join(', ')}\n${usage(where, schema)}` };

  for (const option of schema) {
    const text = texts.get(option.name);
    if (text === undefined) continue;
    if (ctx.autocomplete && option.name === focused) {
      invocation.options[option.name] = text; // what the member has typed so far, sent as a string
      continue;
    }
    const value = convert(option, text, ctx);
    if (typeof value === 'object' && 'error' in value) return { ok: false, error: value.error };
    invocation.options[option.name] = value;
  }
  if (ctx.autocomplete) {
    if (focused === undefined) {
      // `complete /explain`: the first option that offers choices, with nothing typed yet.
      focused = open.find((o) => o.autocomplete)?.name;
      if (focused !== undefined) invocation.options[focused] = '';
    }
    const option = schema.find((o) => o.name === focused);
    if (!option?.autocomplete)
      return {
        ok: false,
        error: `${where}: ${focused ? `\`${focused}\` has` : 'type a value for an option with'} no autocomplete`,
      };
    return { ok: true, invocation, focused: option.name };
  }
  return { ok: true, invocation };
}

// ----- the fake, with its commands kept across restarts -------------------------------------------------------------

export const DEV_FAKE_OPTIONS: FakeDiscordOptions = {
  applicationId: '1100000000000000001',
  guilds: [{ id: '1100000000000000002', name: 'Docker Study', channels: ['general'] }],
  user: { id: '1100000000000000003', username: 'tester' },
};

interface StoredCommands {
  applicationId: string;
  global: Json[];
  guilds: Record<string, Json[]>;
}

/** Loads the commands a previous run of the fake stored; returns how many. A missing or foreign file is no state. */
function restoreCommands(fake: FakeDiscord, file: string): number {
  let state: StoredCommands;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as StoredCommands;
  } catch {
    return 0;
  }
  if (state.applicationId !== fake.applicationId) return 0;
  fake.commands.global = Array.isArray(state.global) ? state.global : [];
  for (const guild of fake.guilds) {
    const list = state.guilds?.[guild.id];
    if (Array.isArray(list)) fake.commands.guild.set(guild.id, list);
  }
  return fake.commands.global.length + [...fake.commands.guild.values()].reduce((n, l) => n + l.length, 0);
}

function storeCommands(fake: FakeDiscord, file: string): void {
  const state: StoredCommands = {
    applicationId: fake.applicationId,
    global: fake.commands.global,
    guilds: Object.fromEntries(fake.commands.guild),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file); // a crash mid-write never leaves half a file
}

function describeResponse(r: InteractionResponse): string {
  const names: Record<number, string> = { 4: 'reply', 5: 'defer', 6: 'deferred update', 7: 'update', 8: 'choices' };
  const head = `← ${r.kind === 'callback' ? names[r.callbackType ?? 0] : r.kind} ${r.status}`;
  if (!r.ok) return `${head} ${JSON.stringify(r.error)}`;
  const lines = [head];
  const m = r.message ?? {};
  if (m.content) lines.push(String(m.content));
  for (const e of (m.embeds ?? []) as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
  }[]) {
    lines.push(`┃ ${e.title ?? ''}`, ...(e.description ?? '').split('\n').map((l) => `┃ ${l}`));
    for (const f of e.fields ?? []) lines.push(`┃ ${f.name}: ${f.value}`);
  }
  for (const row of (m.components ?? []) as { components?: { label?: string; custom_id?: string; url?: string }[] }[])
    lines.push(
      `  ${(row.components ?? []).map((c) => `[${c.label ?? ''} → ${c.custom_id ?? c.url ?? ''}]`).join(' ')}`,
    );
  for (const f of r.files) lines.push(`  📎 ${f.name} (${f.size} bytes)`);
  if (r.callbackType === 8) lines.push(JSON.stringify(r.data.choices));
  return lines.join('\n');
}

export interface DevFake {
  fake: FakeDiscord;
  /** Where the registered commands are kept between runs. */
  statePath: string;
  /** How many commands were restored from `statePath` at start. */
  restored: number;
  /** Handles one typed line; resolves with the interaction it sent, if any (a refused line prints why). */
  handleLine(line: string): Promise<FakeInteraction | undefined>;
  close(): Promise<void>;
}

export function defaultStatePath(port: number): string {
  return process.env.FAKE_DISCORD_STATE ?? path.join(PROJECT_ROOT, '.tmp', 'fake-discord', `commands-${port}.json`);
}

const HELP =
  '?  /command values · complete /command partial · click <id> · select <id> a,b · drop · invalid · commands · quit';

/** Starts the fake the way `npm run dev:fake-discord` does: fixed ids, stored commands, every answer printed. */
export async function startDevFake(
  options: { port?: number; statePath?: string; print?: (text: string) => void } = {},
): Promise<DevFake> {
  const print = options.print ?? ((text: string) => console.log(text));
  const port = options.port ?? 8787;
  const fake = await FakeDiscord.start({ ...DEV_FAKE_OPTIONS, port });
  const statePath = options.statePath ?? defaultStatePath(port);
  const restored = restoreCommands(fake, statePath);

  fake.on('ready', () => print('✓ bot connected (READY)'));
  fake.on('resumed', ({ replayed }) => print(`✓ bot resumed (${replayed} events replayed)`));
  fake.on('disconnect', ({ code }) => print(`× bot disconnected (${code})`));
  fake.on('violation', (v) => print(`! ${v.status} ${v.code} ${v.message} on ${v.route} ${v.details.join('; ')}`));
  fake.on('deadline', (ix) => print(`! interaction ${ix.id} was not acknowledged in time`));
  fake.on('request', (r) => {
    if (!r.route.endsWith('/commands') || (r.method !== 'PUT' && r.method !== 'POST') || r.status >= 400) return;
    storeCommands(fake, statePath);
    if (r.method === 'PUT') print(`✓ ${(r.body as unknown[]).length} commands registered`);
  });
  fake.on('response', (_ix, r) => print(describeResponse(r)));

  const registered = () => [...fake.commands.global, ...[...fake.commands.guild.values()].flat()];
  const noCommandsHint =
    'no commands are registered: start the bot against this fake (if it logs "registration skipped", ' +
    'run `npm run register -- --force` with the same settings)';

  async function handleLine(input: string): Promise<FakeInteraction | undefined> {
    const line = input.trim();
    const [word = '', arg = '', values = ''] = line.split(/\s+/);
    if (word === 'quit') return undefined;
    const command = line.startsWith('/') ? line : word === 'complete' ? line.slice(word.length).trim() : undefined;
    if (command !== undefined) {
      if (registered().length === 0) return void print(`! ${noCommandsHint}`);
      const autocomplete = word === 'complete';
      const parsed = parseCommandLine(command, registered(), { userId: fake.user.id, autocomplete });
      if (!parsed.ok) return void print(`! ${parsed.error}`);
      if (autocomplete) return fake.sendAutocomplete({ ...parsed.invocation, focused: parsed.focused ?? '' });
      return fake.sendCommand(parsed.invocation);
    }
    if (word === 'click') return fake.clickButton({ customId: arg });
    if (word === 'select') return fake.selectMenu({ customId: arg, values: values.split(',') });
    if (word === 'drop') await fake.dropConnection();
    else if (word === 'invalid') fake.sendInvalidSession(false);
    else if (word === 'commands') print(registered().length ? commandUsage(registered()).join('\n') : noCommandsHint);
    else if (line) print(HELP);
    return undefined;
  }

  return { fake, statePath, restored, handleLine, close: () => fake.close() };
}

async function main(): Promise<void> {
  const dev = await startDevFake({ port: Number(process.env.FAKE_DISCORD_PORT ?? 8787) });
  const { fake } = dev;
  console.log(`fake Discord listening on ${fake.baseUrl}. Start the bot with:

  DISCORD_API_URL=${fake.apiUrl}
  DISCORD_TOKEN=fake-token
  DISCORD_GUILD_ID=${fake.guild.id}

${dev.restored > 0 ? `${dev.restored} commands restored from ${dev.statePath}` : `no commands stored yet (${dev.statePath})`}
Then type: /explain 이미지 · /log add 45 2 · complete /explain ㅇㅁㅈ · click <custom_id> · commands · quit`);

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    dev.handleLine(line).catch((e: unknown) => console.log(`! ${e instanceof Error ? e.message : String(e)}`));
    if (line.trim() === 'quit') rl.close();
  });
  rl.on('close', () => void dev.close().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
