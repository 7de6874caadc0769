/**
 * `cli meeting pack [--week N] [--json]` (the pack drawn as the console draws it, or its data) and
 * `cli meeting notes [--week N]` (the retrospective markdown on stdout).
 */
import { packReply } from '../../commands/meeting/meeting.js';
import { renderRetro } from '../../meeting/retro.js';
import { lastStartedMeeting, meetingPack, resolveMeeting } from '../../meeting/service.js';
import { memberNames } from '../../study/store.js';
import { renderReply } from '../render.js';
import { CliUsageError, type CliCommand } from '../types.js';
import { guildOption, meetingJson, weekFlag, withMeeting } from './presenter.js';
import { commonOptions, parseFlags, printJson } from './studyCommon.js';

const PACK = 'meeting pack [--week N] [--guild ID] [--notes DIR] [--db PATH] [--json]';
const NOTES = 'meeting notes [--week N] [--guild ID] [--notes DIR] [--db PATH]';

export const meetingCli: CliCommand = {
  name: 'meeting',
  usage: [PACK, NOTES],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'pack' && sub !== 'notes') throw new CliUsageError(`usage: ${PACK} | ${NOTES}`);
    const { values, positionals } = parseFlags(rest, {
      ...commonOptions,
      ...guildOption,
      week: { type: 'string' },
      notes: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected "${positionals[0]}"; usage: ${PACK}`);
    const week = weekFlag(values.week);
    return withMeeting(io, values, async (session, deps, guildId) => {
      if (sub === 'notes') {
        io.stdout.write(renderRetro(deps, guildId, lastStartedMeeting(deps, guildId, week)));
        return 0;
      }
      const pack = meetingPack(deps, guildId, resolveMeeting(deps, guildId, week));
      if (values.json) {
        printJson(io, {
          meeting: meetingJson(pack.meeting),
          chapters: pack.chapters,
          members: pack.members,
          questions: pack.questions.map((q) => ({ id: q.id, user: q.userId, chapter: q.chapter, text: q.text })),
          notFound: pack.misses.gaps.map((g) => ({ question: g.question, count: g.count })),
          chaptersByRating: pack.chaptersByRating.map((c) => ({
            chapter: c.chapter.number,
            mean: c.mean,
            ratings: c.ratings,
            hardParts: c.hardParts.map((h) => h.text),
          })),
          lapses: pack.sections.map((s) => ({
            file: s.section.file,
            path: s.section.path,
            lapses: s.lapses,
            members: s.members,
          })),
          quizTopic: pack.quizTopic,
          attendance: pack.attendance,
        });
        return 0;
      }
      const reply = packReply(session.t, memberNames(session.deps.db, guildId), pack);
      const markup = {
        ansi: false,
        locale: 'en' as const,
        now: session.deps.clock.now(),
        timeZone: deps.groupTimeZone,
      };
      io.stdout.write(`${renderReply(reply, session.t, new Map(), { markup }).text}\n`);
      return 0;
    });
  },
};
