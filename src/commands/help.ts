/** /help: what the bot can do, in the member's language, built from the registered command data. */
import type { Embed } from '../core/reply.js';
import { LIMITS } from '../core/reply.js';
import { defineCommand, describe, koName, OptionType, type CommandData } from './types.js';

/** Groups whole lines into chunks of at most `max` characters (one embed field each). */
function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= max) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line.slice(0, max));
  }
  return chunks;
}

export const helpData = { name: 'help', ...koName('도움말'), ...describe('cmd.help.description') } as const;

export function helpCommand(commands: () => readonly CommandData[]) {
  return defineCommand({
    data: helpData,
    run(ctx) {
      const lines = commands().map((c) => {
        const description = ctx.locale === 'ko' ? (c.description_localizations?.ko ?? c.description) : c.description;
        const subs = (c.options ?? []).filter((o) => o.type === OptionType.Subcommand).map((o) => o.name);
        return `**/${c.name}${subs.length > 0 ? ` ${subs.join('|')}` : ''}** — ${description}`;
      });
      const index = ctx.services.notes.index;
      const files = new Set(index.sections.map((s) => s.file)).size;
      const embed: Embed = {
        title: ctx.t('help.title'),
        description: `${ctx.t('help.intro')}\n\n${ctx.t('help.tip')}`,
        color: 0x2496ed,
        fields: chunkLines(lines, LIMITS.fieldValue).map((value, i) => ({
          name: i === 0 ? ctx.t('help.commands') : '\u200b',
          value,
        })),
        footer: ctx.t('help.notes', { sections: index.sections.length, files }),
      };
      return { embeds: [embed], ephemeral: true };
    },
  });
}
