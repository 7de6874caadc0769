/**
 * /settings timezone|reminder|show: the member's own timezone for days and weeks (default: the group's
 * STUDY_TIMEZONE), and the daily reminder time the review domain's DM will use.
 */
import { memberSettings, searchTimeZones, setReminder, setTimeZone } from '../../study/settings.js';
import { defineCommand, describe, OptionType } from '../types.js';
import { studyDeps } from './common.js';

export const settingsCommand = defineCommand({
  data: {
    name: 'settings',
    ...describe('study.cmd.settings'),
    contexts: [0],
    options: [
      {
        type: OptionType.Subcommand,
        name: 'timezone',
        ...describe('study.cmd.settings.timezone'),
        options: [
          {
            type: OptionType.String,
            name: 'zone',
            ...describe('study.opt.zone'),
            required: true,
            autocomplete: true,
            max_length: 64,
          },
        ],
      },
      {
        type: OptionType.Subcommand,
        name: 'reminder',
        ...describe('study.cmd.settings.reminder'),
        options: [
          { type: OptionType.String, name: 'time', ...describe('study.opt.reminder'), required: true, max_length: 10 },
        ],
      },
      { type: OptionType.Subcommand, name: 'show', ...describe('study.cmd.settings.show') },
    ],
  },
  ephemeral: () => true,
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const { t } = ctx;
    const group = ctx.services.config.STUDY_TIMEZONE;
    switch (args.subcommand) {
      case 'timezone': {
        const zone = setTimeZone(deps.db, ctx.guildId, ctx.user.id, args.zone);
        const text = zone
          ? t('study.settings.timezoneSet', { zone })
          : t('study.settings.timezoneReset', { zone: group });
        return { content: text, ephemeral: true };
      }
      case 'reminder': {
        const time = setReminder(deps.db, ctx.guildId, ctx.user.id, args.time);
        return {
          content: time ? t('study.settings.reminderSet', { time }) : t('study.settings.reminderOff'),
          ephemeral: true,
        };
      }
      case 'show': {
        const s = memberSettings(deps.db, ctx.guildId, ctx.user.id);
        return {
          content: t('study.settings.show', {
            zone: s.timezone ?? t('study.settings.groupZone', { zone: group }),
            reminder: s.reminderTime ?? t('study.settings.noReminder'),
          }),
          ephemeral: true,
        };
      }
    }
  },
  autocomplete(_ctx, focused) {
    if (focused.name !== 'zone') return [];
    return searchTimeZones(focused.value).map((z) => ({ name: z, value: z }));
  },
});
