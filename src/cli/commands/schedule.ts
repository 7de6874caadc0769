/**
 * `cli schedule [--book KEY] [--guild ID] [--db PATH] [--json]` — the meetings;
 * `cli schedule set --week N --date YYYY-MM-DD --time HH:MM --chapters 4,5 [--presenter NAME] [--deadline
 * "YYYY-MM-DD HH:MM"] [--place TEXT] [--voice ID]` and `cli schedule delete --week N`. Times are in STUDY_TIMEZONE.
 * `--json` prints `{ "book", "timeZone", "meetings": [Meeting + "start", "deadline" as ISO] }`. Bad input exits 2
 * with nothing written. (Discord events follow when the bot's scheduler next runs.)
 */
import { listMeetings, meetingBySeq, saveMeeting, deleteMeeting, type Meeting } from '../../group/schedule.js';
import { meetingInput } from '../../group/input.js';
import { wallTime } from '../../group/time.js';
import { UserError } from '../../core/errors.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { parseFlags, printJson } from './studyCommon.js';
import { groupOptions, withGroup } from './groupCommon.js';

const USAGE = [
  'schedule [--book KEY] [--guild ID] [--db PATH] [--json]',
  'schedule set --week N --date YYYY-MM-DD --time HH:MM --chapters 4,5 [--presenter NAME] [--deadline "YYYY-MM-DD HH:MM"] [--place TEXT] [--voice ID]',
  'schedule delete --week N',
];

const options = {
  ...groupOptions,
  week: { type: 'string' },
  date: { type: 'string' },
  time: { type: 'string' },
  chapters: { type: 'string' },
  presenter: { type: 'string' },
  deadline: { type: 'string' },
  place: { type: 'string' },
  voice: { type: 'string' },
} as const;

export function meetingJson(m: Meeting, timeZone: string) {
  const start = wallTime(m.startsAt, timeZone);
  const due = wallTime(m.deadlineAt, timeZone);
  return {
    ...m,
    start: new Date(m.startsAt).toISOString(),
    deadline: new Date(m.deadlineAt).toISOString(),
    local: { date: start.day, time: start.time, deadline: `${due.day} ${due.time}` },
  };
}

function weekOf(text: string | undefined): number {
  if (text === undefined) throw new CliUsageError('--week N is required');
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1)
    throw new CliUsageError(`--week must be 1–999 (got ${text.slice(0, 10)})`);
  return Number(text);
}

export const scheduleCli: CliCommand = {
  name: 'schedule',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, options);
    const [sub, ...rest] = positionals;
    if (rest.length > 0 || (sub !== undefined && sub !== 'set' && sub !== 'delete'))
      throw new CliUsageError(`unexpected "${rest[0] ?? sub}"; usage: ${USAGE.join(' | ')}`);
    const tz = io.config.STUDY_TIMEZONE;
    // Everything is read before the database is touched: bad input writes nothing.
    const week = sub ? weekOf(values.week) : undefined;
    return withGroup(io, values, ({ deps, guildId, book, now, t }) => {
      if (sub === 'set') {
        for (const flag of ['date', 'time', 'chapters'] as const)
          if (values[flag] === undefined) throw new CliUsageError(`--${flag} is required; usage: ${USAGE[1]}`);
        const input = meetingInput(deps.book, tz, book, {
          week: week as number,
          date: values.date as string,
          time: values.time as string,
          chapters: values.chapters as string,
          ...(values.deadline !== undefined ? { deadline: values.deadline } : {}),
          ...(values.place !== undefined ? { place: values.place } : {}),
          ...(values.voice !== undefined ? { voice: values.voice } : {}),
        });
        const presenter = values.presenter?.trim();
        if (presenter !== undefined && (presenter.length < 1 || presenter.length > 100))
          throw new CliUsageError('--presenter must be 1–100 characters');
        const saved = saveMeeting(
          deps.db,
          guildId,
          { ...input, presenter: presenter ? { userId: null, name: presenter } : null },
          'set',
          now,
        );
        if (values.json) printJson(io, meetingJson(saved, tz));
        else
          writeLine(io.stdout, t('group.schedule.saved', { week: saved.seq, when: meetingJson(saved, tz).local.date }));
        return 0;
      }
      if (sub === 'delete') {
        const meeting = meetingBySeq(deps.db, guildId, book, week as number);
        if (!meeting) throw new UserError('group.error.noWeek', { week: week as number });
        deleteMeeting(deps.db, guildId, meeting.id);
        if (values.json) printJson(io, { deleted: meeting.seq });
        else writeLine(io.stdout, t('group.schedule.deleted', { week: meeting.seq }));
        return 0;
      }
      const key = values.book?.trim() || book;
      const meetings = listMeetings(deps.db, guildId, { book: key });
      if (values.json) {
        printJson(io, { book: key, timeZone: tz, meetings: meetings.map((m) => meetingJson(m, tz)) });
        return 0;
      }
      for (const m of meetings) {
        const j = meetingJson(m, tz);
        const who = m.presenter ? ` · ${m.presenter.name}` : '';
        writeLine(
          io.stdout,
          `${t('group.schedule.line', { week: m.seq, when: `${j.local.date} ${j.local.time}`, chapters: m.chapters.join(', ') })}${who} · ${t('group.schedule.deadline')} ${j.local.deadline}`,
        );
      }
      if (meetings.length === 0) writeLine(io.stdout, t('group.schedule.empty'));
      return 0;
    });
  },
};
