/**
 * /schedule show|set|delete|channel|notify: the group's meetings (book.yaml seeds them, `set` by admins wins), the
 * reminder channel (admins) and a member's own reminder choices. Saving a meeting keeps its Discord scheduled event
 * in step (src/group/events.ts).
 */
import { UserError } from '../../core/errors.js';
import type { Embed, Reply } from '../../core/reply.js';
import { deleteMeeting, listMeetings, meetingBySeq, saveMeeting, type Meeting } from '../../group/schedule.js';
import { setMemberNotify, setReminderChannel, memberNotify, reminderChannel } from '../../group/reminders.js';
import { defaultDeadline, parseTime, wallTime, zonedInstant } from '../../group/time.js';
import { addDays, parseDay, weekStart } from '../../study/time.js';
import { findChapter } from '../../study/book.js';
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

const bookOpt = {
  type: OptionType.String,
  name: 'book',
  ...describe('group.opt.book'),
  autocomplete: true,
  max_length: 100,
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
          {
            type: OptionType.Integer,
            name: 'week',
            ...describe('group.opt.week'),
            required: true,
            min_value: 1,
            max_value: 999,
          },
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
        options: [
          {
            type: OptionType.Integer,
            name: 'week',
            ...describe('group.opt.week'),
            required: true,
            min_value: 1,
            max_value: 999,
          },
        ],
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
    const { book, removedEvents } = prepare(ctx);
    switch (args.subcommand) {
      case 'show': {
        const key = bookOption(ctx, args.book);
        const sync = await syncGuildEvents(ctx, removedEvents);
        return scheduleReply(ctx, key, deniedNote(ctx, sync));
      }
      case 'set': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        const input = meetingInput(ctx, book, args);
        saveMeeting(db, ctx.guildId, input, 'set', clock.now());
        const sync = await syncGuildEvents(ctx, removedEvents);
        const saved = ctx.t('group.schedule.saved', { week: input.seq, when: plainTime(input.startsAt, tz) });
        return scheduleReply(ctx, book, [saved, deniedNote(ctx, sync)].filter(Boolean).join('\n'));
      }
      case 'delete': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        const meeting = meetingBySeq(db, ctx.guildId, book, args.week);
        if (!meeting) throw new UserError('group.error.noWeek', { week: args.week });
        const gone = deleteMeeting(db, ctx.guildId, meeting.id);
        const sync = await syncGuildEvents(ctx, [...removedEvents, ...(gone?.eventId ? [gone.eventId] : [])]);
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

interface SetArgs {
  week: number;
  date: string;
  time: string;
  chapters: string;
  presenter?: { id: string; name: string };
  deadline?: string;
  place?: string;
  voice?: string;
}

/** The meeting an admin's options describe, in the group's timezone; a UserError for anything unreadable. */
export function meetingInput(ctx: InteractionContext, book: string, args: SetArgs) {
  const tz = ctx.services.config.STUDY_TIMEZONE;
  const day = parseDay(args.date);
  if (!day) throw new UserError('group.error.date', { value: args.date.slice(0, 20) });
  const minutes = parseTime(args.time);
  if (minutes === null) throw new UserError('group.error.time', { value: args.time.slice(0, 20) });
  const chapters = parseChapters(args.chapters);
  if (!chapters) throw new UserError('group.error.chapters', { value: args.chapters.slice(0, 40) });
  const unknown = chapters.filter((c) => !findChapter(ctx.services.study.book, c));
  if (unknown.length > 0) throw new UserError('group.error.unknownChapter', { chapters: unknown.join(', ') });
  const startsAt = zonedInstant(day, minutes, tz);
  let deadlineAt = defaultDeadline(startsAt, tz);
  if (args.deadline) {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/.exec(args.deadline.trim());
    const dDay = m ? parseDay(m[1] as string) : null;
    const dMin = m ? parseTime(m[2] as string) : null;
    if (!dDay || dMin === null) throw new UserError('group.error.deadline', { value: args.deadline.slice(0, 20) });
    deadlineAt = zonedInstant(dDay, dMin, tz);
  }
  if (deadlineAt > startsAt) throw new UserError('group.error.deadlineAfter');
  let voiceChannelId: string | null = null;
  if (args.voice) {
    voiceChannelId = channelIdOf(args.voice);
    if (!voiceChannelId) throw new UserError('group.error.channel');
  }
  return {
    book,
    seq: args.week,
    startsAt,
    deadlineAt,
    chapters,
    presenter: args.presenter ? { userId: args.presenter.id, name: args.presenter.name.slice(0, 100) } : null,
    place: args.place?.trim() || null,
    voiceChannelId,
  };
}

/** `4`, `4,5`, `4 5`, `4-6`, `4장, 5장` → sorted chapter numbers; null when unreadable or more than 20. */
export function parseChapters(text: string): number[] | null {
  const out = new Set<number>();
  const parts = text
    .normalize('NFKC')
    .split(/[,\s]+/)
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const raw of parts) {
    const part = raw.replace(/장$/, '');
    const range = /^(\d{1,3})-(\d{1,3})$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a || b - a > 20) return null;
      for (let n = a; n <= b; n++) out.add(n);
    } else if (/^\d{1,3}$/.test(part)) out.add(Number(part));
    else return null;
  }
  if (out.size > 20) return null;
  return [...out].sort((a, b) => a - b);
}

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
    const deadline = Math.floor(m.deadlineAt / 1000);
    const where = m.voiceChannelId ? ` · 🔊 <#${m.voiceChannelId}>` : m.place ? ` · 📍 ${esc(m.place)}` : '';
    const who = m.presenter ? ` · 🎤 ${esc(m.presenter.name)}` : '';
    const text = t('group.schedule.line', {
      week: m.seq,
      when: `${w.day} ${w.time}`,
      chapters: chapterList(m),
    });
    const line = `${text}${who}${where} · ${t('group.schedule.deadline')} <t:${deadline}:f>`;
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
