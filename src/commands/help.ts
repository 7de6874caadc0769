/** /help: what the bot can do, in the member's language, built from the registered command data. */
import type { Embed } from '../core/reply.js';
import { defineCommand, describe, koName, type CommandData } from './types.js';

export const helpData = { name: 'help', ...koName('도움말'), ...describe('cmd.help.description') } as const;

export function helpCommand(commands: () => readonly CommandData[]) {
  return defineCommand({
    data: helpData,
    run(ctx) {
      const lines = commands().map((c) => {
        const description = ctx.locale === 'ko' ? (c.description_localizations?.ko ?? c.description) : c.description;
        return `**/${c.name}** — ${description}`;
      });
      const index = ctx.services.notes.index;
      const files = new Set(index.sections.map((s) => s.file)).size;
      const embed: Embed = {
        title: ctx.t('help.title'),
        description: `${ctx.t('help.intro')}\n\n${ctx.t('help.tip')}`,
        color: 0x2496ed,
        fields: [{ name: ctx.t('help.commands'), value: lines.join('\n') }],
        footer: ctx.t('help.notes', { sections: index.sections.length, files }),
      };
      return { embeds: [embed], ephemeral: true };
    },
  });
}
