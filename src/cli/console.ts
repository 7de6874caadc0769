/**
 * The local console (`npm start` without DISCORD_TOKEN): type the bot's slash commands and see the same replies a
 * Discord member would, rendered as framed text; buttons are numbered and pressed by typing the number.
 * Runs the same dispatcher and handlers as the Discord adapter.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { App } from '../app.js';
import { runCommand, runComponent, errorReply } from '../commands/dispatch.js';
import type { ChannelPort, InteractionContext, MessageRef } from '../commands/types.js';
import { DEFAULT_UPLOAD_LIMIT, fitReply } from '../core/limits.js';
import { resolveInside, safeFileName } from '../core/paths.js';
import type { Button, Reply } from '../core/reply.js';
import { translator, type Locale } from '../i18n/index.js';
import { renderReply } from './render.js';
import { parseSlashLine } from './slash.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  locale?: Locale;
  /** Where attachments (charts, exports) are saved so the person can open them. */
  filesDir?: string;
}

const LOCAL_ID = 'local';

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  let locale: Locale = options.locale ?? 'ko';
  const out = options.output;
  const print = (text: string) => out.write(`${text}\n`);
  const filesDir = options.filesDir ?? mkdtempSync(path.join(tmpdir(), 'studybot-console-'));
  let lastButtons: Button[] = [];
  let nextMessage = 1;

  const show = (input: Reply, edited = false) => {
    // Fitted as Discord would (the same upload limit), so the console shows what a member would get.
    const reply = fitReply(input, { uploadLimit: DEFAULT_UPLOAD_LIMIT, t: translator(locale) });
    const saved = new Map<string, string>();
    for (const f of reply.files ?? []) {
      mkdirSync(filesDir, { recursive: true });
      // The name comes from data (a member id, a note's image): only a plain name inside filesDir is written.
      const target = resolveInside(filesDir, safeFileName(f.name));
      if (target === null) continue;
      writeFileSync(target, f.data);
      saved.set(f.name, target);
    }
    const rendered = renderReply(reply, translator(locale), saved);
    print(edited ? `${translator(locale)('console.edited')}\n${rendered.text}` : rendered.text);
    if (rendered.buttons.length > 0) lastButtons = rendered.buttons;
  };

  const channel: ChannelPort = {
    async send(reply) {
      show(reply);
      return { channelId: LOCAL_ID, messageId: String(nextMessage++) };
    },
    async edit(_ref: MessageRef, reply) {
      show(reply, true);
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

  const t = () => translator(locale);
  const index = app.services.notes.index;
  print(t()('console.welcome', { sections: index.sections.length, dir: index.dir }));
  if (index.warnings.length > 0) print(t()('console.warnings', { files: index.warnings.join('; ') }));
  print(t()('console.examples'));
  print(t()('console.howToPick'));

  const names = [...app.registry.commands.keys()].map((n) => `/${n}`);
  const rl = createInterface({
    input: options.input,
    output: out,
    terminal: 'isTTY' in out && Boolean(out.isTTY),
    completer: (line: string) => [names.filter((n) => n.startsWith(line)), line],
  });
  rl.setPrompt('> ');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    const langMatch = /^\/lang\s+(ko|en)$/i.exec(line);
    if (langMatch?.[1]) {
      locale = langMatch[1].toLowerCase() as Locale;
      print(t()('console.language', { locale }));
    } else if (/^\d+$/.test(line)) {
      const button = lastButtons[Number(line) - 1];
      if (!button?.customId || button.disabled) print(t()('console.noSuchButton', { n: line }));
      else show(await runComponent(app.registry, context(), button.customId), false);
    } else if (line.startsWith('/')) {
      const ctx = context();
      let reply: Reply;
      try {
        reply = await runCommand(app.registry, ctx, parseSlashLine(line, app.registry));
      } catch (err) {
        reply = errorReply(ctx, err, { line: line.slice(0, 100) });
      }
      show(reply);
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
