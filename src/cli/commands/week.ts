/**
 * `cli week [--book KEY] [--guild ID] [--notes DIR] [--at ISO] [--db PATH] [--json]` — the /week board of the next
 * meeting (at `--at`, default now). `--json` prints the shape:
 * `{ "meeting": {…}, "members": [{ "name", "notes": [files], "minutes", "stars", "questions" }] }` (members also
 * carry userId, author, sections and imported).
 */
import { nextMeeting } from '../../group/schedule.js';
import { hasNotes, weekBoard } from '../../group/week.js';
import { UserError } from '../../core/errors.js';
import { writeLine, CliUsageError, type CliCommand } from '../types.js';
import { parseFlags, printJson } from './studyCommon.js';
import { groupOptions, notesFor, withGroup } from './groupCommon.js';
import { meetingJson } from './schedule.js';

const USAGE = 'week [--book KEY] [--guild ID] [--notes DIR] [--at ISO-TIME] [--db PATH] [--json]';

export const weekCli: CliCommand = {
  name: 'week',
  usage: [USAGE],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...groupOptions, notes: { type: 'string' } });
    if (positionals.length > 0) throw new CliUsageError(`unexpected "${positionals[0]}"; usage: ${USAGE}`);
    const notes = await notesFor(io, values.notes);
    return withGroup(io, values, ({ deps, guildId, book, now, t }) => {
      const key = values.book?.trim() || book;
      const meeting = nextMeeting(deps.db, guildId, now, { book: key });
      if (!meeting) throw new UserError('group.week.none', { book: key });
      const board = weekBoard({ db: deps.db, notes }, guildId, meeting);
      if (values.json) {
        printJson(io, { meeting: meetingJson(meeting, io.config.STUDY_TIMEZONE), members: board.members });
        return 0;
      }
      writeLine(io.stdout, t('group.week.title', { week: meeting.seq, chapters: meeting.chapters.join(', ') }));
      for (const m of board.members) {
        const stars = m.stars === null ? '-' : String(m.stars);
        writeLine(
          io.stdout,
          `  ${m.name}: notes ${hasNotes(m) ? m.notes.length || 'template' : 0} · ${m.minutes} min · stars ${stars} · questions ${m.questions}`,
        );
      }
      return 0;
    });
  },
};
