/**
 * The local console (`npm start` without DISCORD_TOKEN): type the bot's slash commands and see the same replies a
 * Discord member would, rendered as framed text with Discord's markdown drawn for a terminal. Runs the same
 * dispatcher and handlers as the Discord adapter, on its own database (CONSOLE_DATABASE_PATH, see consoleConfig).
 *
 * Buttons belong to the message they were drawn under. Typing `1` presses button 1 of the newest message that still
 * has a button to press; an edit of an older message (a quiz lobby redrawn after its first question) keeps its
 * buttons to itself, numbered `2.1`, `2.2` … (message.button), so it never takes the numbers of a newer one.
 * Autocomplete: Tab, or `?` at the end of the line (`/explain ㅇㅁㅈ?`), lists the suggestions; typing a suggestion's
 * number runs the command with it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { createInterface, type AsyncCompleter } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { App } from '../app.js';
import { PROJECT_ROOT, type Config } from '../config.js';
import { errorReply, runAutocomplete, runCommand, runComponent, type RawInvocation } from '../commands/dispatch.js';
import type { ChannelPort, InteractionContext } from '../commands/types.js';
import { localName, UsageError } from '../commands/usage.js';
import { DEFAULT_UPLOAD_LIMIT, fitReply } from '../core/limits.js';
import { resolveInside, safeFileName } from '../core/paths.js';
import type { Reply } from '../core/reply.js';
import { translator, type Locale, type Translator } from '../i18n/index.js';
import type { MarkupOptions } from './markup.js';
import { renderReply } from './render.js';
import { completeNames, completionTarget, kindOf, parseSlashLine, scan, suggestCommands } from './slash.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  locale?: Locale;
  /** Where attachments (charts, exports) are saved so the person can open them (default: CONSOLE_FILES_DIR). */
  filesDir?: string;
  /** The zone `<t:…>` timestamps are shown in (default: this machine's). */
  timeZone?: string;
  /** ANSI bold/italic for Discord's markdown (default: when the output is a terminal). */
  color?: boolean;
}

const LOCAL_ID = 'local';
/** Messages whose buttons can still be pressed by `message.button`; older ones are forgotten. */
const KEEP_MESSAGES = 200;
/** Hangul initials only (choseong search), or nothing: a question ending in `?` is otherwise just a question. */
const INITIALS_ONLY = /^[\u3131-\u314e\s]*$/;

/**
 * The settings the console runs with: its own database (and so its own notes cache beside it) and backups inside
 * its files folder, so nothing it does reaches the bot's database or `BACKUP_DIR`.
 */
export function consoleConfig(config: Config): Config {
  return {
    ...config,
    DATABASE_PATH: config.CONSOLE_DATABASE_PATH,
    BACKUP_DIR: path.join(config.CONSOLE_FILES_DIR, 'backups'),
  };
}

/** A path as the person would type it: relative to the project when inside it. */
function shown(p: string): string {
  if (p === ':memory:') return p;
  const rel = path.relative(PROJECT_ROOT, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

interface Pressable {
  live: boolean;
  customId?: string | undefined;
  run?: () => Promise<void>;
}

interface Message {
  id: number;
  buttons: Pressable[];
}

interface Extra {
  label: string;
  run: () => Promise<void>;
}

/** Discord's `/help`, plus what only the console has (`/lang`, pressing by number, autocomplete, `/quit`). */
function withConsoleHelp(reply: Reply, t: Translator): Reply {
  const [first, ...rest] = reply.embeds ?? [];
  if (!first) return reply;
  const value = [t('console.help.lang'), t('console.help.buttons'), t('console.help.complete'), t('console.help.quit')];
  const fields = [...(first.fields ?? []), { name: t('console.help.title'), value: value.join('\n') }];
  return { ...reply, embeds: [{ ...first, fields }, ...rest] };
}

/** The line that runs an invocation again (a picked suggestion), as the person could have typed it. */
function lineOf(raw: RawInvocation): string {
  const parts = [`/${raw.name}`];
  if (raw.subcommand) parts.push(raw.subcommand);
  for (const [name, value] of Object.entries(raw.options)) {
    if (typeof value !== 'string' || value === '') continue;
    parts.push(/[\s"]/.test(value) ? `${name}:"${value.replace(/(["\\])/g, '\\$1')}"` : `${name}:${value}`);
  }
  return parts.join(' ');
}

/** Tab: command and subcommand names, then the autocomplete of the option being typed (choseong too). */
export function consoleCompleter(app: App, context: () => InteractionContext) {
  const own = ['/lang', '/quit'];
  return async (line: string): Promise<[string[], string]> => {
    const names = completeNames(line, app.registry);
    if (names) return [[...names, ...own.filter((n) => n.startsWith(line))], line];
    const target = completionTarget(line, app.registry);
    if (!target) return [[], line];
    const choices = await runAutocomplete(app.registry, context(), target.raw, {
      name: target.option.name,
      value: target.value,
    });
    const quote = kindOf(target.option) !== 'text';
    const values = choices.map((c) => (quote && /[\s"]/.test(c.value) ? `"${c.value.replace(/"/g, '\\"')}"` : c.value));
    return [values, line.slice(target.start)];
  };
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  let locale: Locale = options.locale ?? 'ko';
  const out = options.output;
  const print = (text: string) => out.write(`${text}\n`);
  const tty = 'isTTY' in out && Boolean(out.isTTY);
  const filesDir = options.filesDir ?? app.config.CONSOLE_FILES_DIR;
  const t = () => translator(locale);
  const markup = (): MarkupOptions => ({
    ansi: options.color ?? tty,
    locale,
    now: app.services.clock.now(),
    timeZone: options.timeZone,
  });

  const messages = new Map<number, Message>();
  let nextId = 1;
  const newestLive = (): Message | undefined => {
    let best: Message | undefined;
    for (const m of messages.values()) if (m.buttons.some((b) => b.live) && m.id > (best?.id ?? 0)) best = m;
    return best;
  };

  const saveFiles = (reply: Reply): Map<string, string> => {
    const saved = new Map<string, string>();
    for (const f of reply.files ?? []) {
      mkdirSync(filesDir, { recursive: true });
      // The name comes from data (a member id, a note's image): only a plain name inside filesDir is written.
      const target = resolveInside(filesDir, safeFileName(f.name));
      if (target === null) continue;
      writeFileSync(target, f.data);
      saved.set(f.name, target);
    }
    return saved;
  };

  /** Prints a message (or an edit of message `edit`) and keeps its buttons; returns its id. */
  const show = (input: Reply, how: { edit?: number | undefined; extra?: Extra[] } = {}): number => {
    // Fitted as Discord would (the same upload limit), so the console shows what a member would get.
    const reply = fitReply(input, { uploadLimit: DEFAULT_UPLOAD_LIMIT, t: t() });
    const saved = saveFiles(reply);
    const id = how.edit ?? nextId++;
    const buttons: Pressable[] = (reply.buttons ?? []).flat().map((b) => ({
      live: Boolean(b.customId) && !b.url && !b.disabled,
      customId: b.customId,
    }));
    for (const e of how.extra ?? []) buttons.push({ live: true, run: e.run });
    messages.delete(id);
    if (buttons.length > 0) messages.set(id, { id, buttons });
    for (const old of messages.keys()) if (messages.size > KEEP_MESSAGES) messages.delete(old);
    const current = newestLive()?.id === id;
    const number = (n: number) => (current ? String(n) : `${id}.${n}`);
    const rendered = renderReply(reply, t(), saved, { markup: markup(), number });
    const lines = [rendered.text];
    (how.extra ?? []).forEach((e, i) => lines.push(`  [${number(rendered.buttons.length + i + 1)}] ${e.label}`));
    const text = lines.filter((l) => l !== '').join('\n');
    print(how.edit !== undefined ? `${t()('console.edited')}\n${text}` : text);
    return id;
  };

  const channel: ChannelPort = {
    async send(reply) {
      return { channelId: LOCAL_ID, messageId: String(show(reply)) };
    },
    async edit(ref, reply) {
      const id = Number(ref.messageId);
      show(reply, { edit: Number.isInteger(id) && id > 0 && id < nextId ? id : undefined });
    },
  };

  const context = (): InteractionContext => ({
    guildId: LOCAL_ID,
    inGuild: true,
    channelId: LOCAL_ID,
    user: { id: LOCAL_ID, name: safeUserName() },
    locale,
    t: translator(locale),
    isAdmin: true,
    services: app.services,
    channel,
    async fetchAttachment(att) {
      return readFileSync(fileURLToPath(att.url));
    },
    attachmentSizeLimit: DEFAULT_UPLOAD_LIMIT,
  });

  const press = async (message: Message | undefined, n: number, typed: string): Promise<void> => {
    const button = message?.buttons[n - 1];
    if (!message || !button?.live) {
      print(t()('console.noSuchButton', { n: typed }));
      return;
    }
    if (button.run) return button.run();
    const reply = await runComponent(app.registry, context(), button.customId ?? '');
    show(reply, reply.update ? { edit: message.id } : {});
  };

  /** Runs a picked line (a suggestion) as if it had been typed, echoing it first. */
  const rerun = (line: string) => async () => {
    print(`→ ${line}`);
    await runLine(line);
  };

  /** `/explain ㅇㅁㅈ?`: the autocomplete of the option being typed, each pressable by number. */
  const suggest = async (line: string): Promise<boolean> => {
    if (!line.endsWith('?')) return false;
    const target = completionTarget(line.slice(0, -1), app.registry);
    if (!target) return false;
    if (kindOf(target.option) === 'text' && !INITIALS_ONLY.test(target.value)) return false;
    const ctx = context();
    const value = target.value.trim();
    const choices = await runAutocomplete(app.registry, ctx, target.raw, { name: target.option.name, value });
    const option = localName(target.option, locale);
    if (choices.length === 0) {
      print(t()('console.noSuggestions', { option, value: value || '…' }));
      return true;
    }
    const extra = choices.map((c) => ({
      label: c.name,
      run: rerun(lineOf({ ...target.raw, options: { ...target.raw.options, [target.option.name]: c.value } })),
    }));
    show({ content: t()('console.suggestions', { option, value: value || '…' }) }, { extra });
    return true;
  };

  const runLine = async (line: string): Promise<void> => {
    if (await suggest(line)) return;
    const ctx = context();
    let reply: Reply;
    let extra: Extra[] = [];
    try {
      const raw = parseSlashLine(line, app.registry);
      reply = await runCommand(app.registry, ctx, raw);
      if (raw.name === 'help') reply = withConsoleHelp(reply, ctx.t);
    } catch (err) {
      reply = errorReply(ctx, err, { line: line.slice(0, 100) });
      if (err instanceof UsageError && err.key === 'error.unknownCommand') {
        // `/explian 이미지` → the same line with `/explain`, ready to run by number.
        const [first] = scan(line.replace(/^\s*\//, ''));
        const rest = first
          ? line
              .replace(/^\s*\//, '')
              .slice(first.start + first.raw.length)
              .trim()
          : '';
        extra = suggestCommands(app.registry, first?.text ?? '').map((name) => {
          const fixed = rest ? `${name} ${rest}` : name;
          return { label: `${t()('console.run')}: ${fixed.slice(0, 80)}`, run: rerun(fixed) };
        });
      }
    }
    show(reply, { extra });
  };

  const index = app.services.notes.index;
  print(t()('console.welcome', { sections: index.sections.length, dir: index.dir }));
  if (index.warnings.length > 0) print(t()('console.warnings', { files: index.warnings.join('; ') }));
  print(t()('console.storage', { db: shown(app.config.DATABASE_PATH), files: shown(filesDir) }));
  print(t()('console.examples'));
  print(t()('console.howToPick'));
  print(t()('console.tips'));

  const complete = consoleCompleter(app, context);
  const completer: AsyncCompleter = (line, cb) => {
    complete(line).then(
      (result) => cb(null, result),
      () => cb(null, [[], line]),
    );
  };
  const rl = createInterface({ input: options.input, output: out, terminal: tty, completer });
  rl.setPrompt('> ');
  rl.prompt();
  for await (const rawLine of rl) {
    const line = rawLine.trim();
    if (line === '/quit' || line === '/exit') break;
    const lang = /^\/(lang|언어)(?:\s+(\S+))?$/i.exec(line);
    const pick = /^(\d+)(?:\.(\d+))?$/.exec(line);
    if (lang) {
      const want = (lang[2] ?? '').toLowerCase();
      const next = /^(ko|kr|한국어|korean)$/.test(want) ? 'ko' : /^(en|영어|english)$/.test(want) ? 'en' : null;
      if (next) {
        locale = next;
        print(t()('console.language', { locale }));
      } else print(t()('console.langUsage', { locale }));
    } else if (pick?.[2] !== undefined) {
      await press(messages.get(Number(pick[1])), Number(pick[2]), line);
    } else if (pick) {
      await press(newestLive(), Number(pick[1]), line);
    } else if (line.startsWith('/')) {
      await runLine(line);
    } else if (line) {
      print(t()('console.notACommand'));
    }
    rl.prompt();
  }
  rl.close();
  print(t()('console.bye'));
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return LOCAL_ID;
  }
}
