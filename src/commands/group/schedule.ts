/**
 * /schedule show|set|delete|channel|notify: the group's meetings (book.yaml seeds them, `set` by admins wins), the
 * reminder channel (admins) and a member's own reminder choices. Saving a meeting keeps its Discord scheduled event
 * in step (src/group/events.ts).
 */
import { UserError } from '../../core/errors.js';
import type { Embed, Reply } from '../../core/reply.js';
import { deleteMeeting, listMeetings, meetingBySeq, saveMeeting, type Meeting } from '../../group/schedule.js';
import { setMemberNotify, setReminderChannel, memberNotify, reminderChannel } from '../../group/reminders.js';
import { meetingInput } from '../../group/input.js';
import { wallTime } from '../../group/time.js';
import { addDays, weekStart } from '../../study/time.js';
import { defineCommand, describe, OptionType, type Choice, type InteractionContext } from '../types.js';
import { esc } from '../study/common.js';
import {
  bookChoices,
  bookOption,
  bookTitle,
  channelIdOf,
  chapterList,
  COLOR,
  deniedNote,
  plainTime,
  prepare,
  syncGuildEvents,
} from './common.js';
import { stamp } from '../../core/timestamp.js';

const bookOpt = {
  type: OptionType.String,
  name: 'book',
  ...describe('group.opt.book'),
  autocomplete: true,
  max_length: 100,
} as const;

const weekOpt = {
  type: OptionType.Integer,
  name: 'week',
  ...describe('group.opt.week'),
  required: true,
  min_value: 1,
  max_value: 999,
} as const;

export const scheduleCommand = defineCommand({
  data: {
    name: 'schedule',
    ...describe('group.cmd.schedule'),
    contexts: [0],
    options: [
      { type: OptionType.Subcommand, name: 'show', ...describe('group.cmd.schedule.show'), options: [bookOpt] },
      {
        type: OptionType.Subcommand,
        name: 'set',
        ...describe('group.cmd.schedule.set'),
        options: [
          weekOpt,
          { type: OptionType.String, name: 'date', ...describe('group.opt.date'), required: true, max_length: 10 },
          { type: OptionType.String, name: 'time', ...describe('group.opt.time'), required: true, max_length: 5 },
          {
            type: OptionType.String,
            name: 'chapters',
            ...describe('group.opt.chapters'),
            required: true,
            max_length: 100,
          },
          { type: OptionType.User, name: 'presenter', ...describe('group.opt.presenter') },
          { type: OptionType.String, name: 'deadline', ...describe('group.opt.deadline'), max_length: 16 },
          { type: OptionType.String, name: 'place', ...describe('group.opt.place'), max_length: 100 },
          { type: OptionType.String, name: 'voice', ...describe('group.opt.voice'), max_length: 30 },
        ],
      },
      {
        type: OptionType.Subcommand,
        name: 'delete',
        ...describe('group.cmd.schedule.delete'),
        options: [weekOpt],
      },
      {
        type: OptionType.Subcommand,
        name: 'channel',
        ...describe('group.cmd.schedule.channel'),
        options: [{ type: OptionType.String, name: 'channel', ...describe('group.opt.channel'), max_length: 30 }],
      },
      {
        type: OptionType.Subcommand,
        name: 'notify',
        ...describe('group.cmd.schedule.notify'),
        options: [
          { type: OptionType.Boolean, name: 'dm', ...describe('group.opt.dm') },
          { type: OptionType.Boolean, name: 'mention', ...describe('group.opt.mention') },
        ],
      },
    ],
  },
  defer: true,
  ephemeral: (args) => args.subcommand === 'notify' || args.subcommand === 'channel',
  async run(ctx, args) {
    const { db, clock, config } = ctx.services;
    const tz = config.STUDY_TIMEZONE;
    const { book } = prepare(ctx);
    switch (args.subcommand) {
      case 'show': {
        const key = bookOption(ctx, args.book);
        const sync = await syncGuildEvents(ctx);
        return scheduleReply(ctx, key, deniedNote(ctx, sync));
      }
      case 'set': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        const input = meetingInput(ctx.services.study.book, tz, book, args);
        saveMeeting(db, ctx.guildId, input, 'set', clock.now());
        const sync = await syncGuildEvents(ctx);
        const saved = ctx.t('group.schedule.saved', { week: input.seq, when: plainTime(input.startsAt, tz) });
        return scheduleReply(ctx, book, [saved, deniedNote(ctx, sync)].filter(Boolean).join('\n'));
      }
      case 'delete': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        const meeting = meetingBySeq(db, ctx.guildId, book, args.week);
        if (!meeting) throw new UserError('group.error.noWeek', { week: args.week });
        deleteMeeting(db, ctx.guildId, meeting.id);
        const sync = await syncGuildEvents(ctx);
        const deleted = ctx.t('group.schedule.deleted', { week: args.week });
        return scheduleReply(ctx, book, [deleted, deniedNote(ctx, sync)].filter(Boolean).join('\n'));
      }
      case 'channel': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        if (args.channel === undefined) {
          setReminderChannel(db, ctx.guildId, null, clock.now());
          return { content: ctx.t('group.channel.off') };
        }
        const id = channelIdOf(args.channel);
        if (!id) throw new UserError('group.error.channel');
        setReminderChannel(db, ctx.guildId, id, clock.now());
        return { content: ctx.t('group.channel.on', { channel: `<#${id}>` }) };
      }
      case 'notify': {
        const change = {
          ...(args.dm !== undefined ? { dm: args.dm } : {}),
          ...(args.mention !== undefined ? { mention: args.mention } : {}),
        };
        const now = Object.keys(change).length
          ? setMemberNotify(db, ctx.guildId, ctx.user.id, change, clock.now())
          : memberNotify(db, ctx.guildId, ctx.user.id);
        const channel = reminderChannel(db, ctx.guildId);
        return {
          content: ctx.t('group.notify.state', {
            dm: ctx.t(now.dm ? 'common.yes' : 'common.no'),
            mention: ctx.t(now.mention ? 'common.yes' : 'common.no'),
            channel: channel ? `<#${channel}>` : ctx.t('group.notify.noChannel'),
          }),
        };
      }
    }
  },
  autocomplete(ctx, focused): Choice[] {
    if (focused.name === 'book') return bookChoices(ctx, focused);
    return [];
  },
});

/** The meetings of the current week (Monday–Sunday, group timezone), else the next one: what the table highlights. */
export function highlighted(meetings: Meeting[], now: number, timeZone: string): Set<number> {
  const monday = weekStart(wallTime(now, timeZone).day);
  const sunday = addDays(monday, 6);
  const thisWeek = meetings.filter((m) => {
    const d = wallTime(m.startsAt, timeZone).day;
    return d >= monday && d <= sunday;
  });
  if (thisWeek.length > 0) return new Set(thisWeek.map((m) => m.id));
  const next = meetings.find((m) => m.startsAt > now);
  return new Set(next ? [next.id] : []);
}

export function scheduleReply(ctx: InteractionContext, book: string, note: string | null): Reply & { embeds: Embed[] } {
  const { t } = ctx;
  const tz = ctx.services.config.STUDY_TIMEZONE;
  const meetings = listMeetings(ctx.services.db, ctx.guildId, { book });
  const marked = highlighted(meetings, ctx.services.clock.now(), tz);
  const lines = meetings.map((m) => {
    const w = wallTime(m.startsAt, tz);
    const where = m.voiceChannelId ? ` · 🔊 <#${m.voiceChannelId}>` : m.place ? ` · 📍 ${esc(m.place)}` : '';
    const who = m.presenter ? ` · 🎤 ${esc(m.presenter.name)}` : '';
    const text = t('group.schedule.line', {
      week: m.seq,
      when: `${w.day} ${w.time}`,
      chapters: chapterList(m),
    });
    const line = `${text}${who}${where} · ${t('group.schedule.deadline')} ${stamp(m.deadlineAt, 'f')}`;
    return marked.has(m.id) ? `▶ **${line}**` : `◦ ${line}`;
  });
  const embed: Embed = {
    color: COLOR,
    title: t('group.schedule.title', { book: esc(bookTitle(ctx, book)) }),
    description: lines.length ? lines.join('\n').slice(0, 4000) : t('group.schedule.empty'),
    footer: t('group.schedule.footer', { tz }),
  };
  return { ...(note ? { content: note } : {}), embeds: [embed] };
}
