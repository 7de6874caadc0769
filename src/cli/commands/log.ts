/**
 * `cli log <duration> --chapter <n> [--date YYYY-MM-DD] [--memo TEXT] [--user ID] [--db PATH] [--json]`.
 * Everything is validated before the one insert; bad input exits 2 and writes nothing.
 */
import { logReading, parseMinutes } from '../../study/logs.js';
import { fmtMinutes } from '../../commands/study/common.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { commonOptions, parseFlags, printJson, withStudy } from './studyCommon.js';

const USAGE = 'log <duration> --chapter <n> [--date YYYY-MM-DD] [--memo TEXT] [--user ID] [--db PATH] [--json]';

export const logCli: CliCommand = {
  name: 'log',
  usage: [USAGE],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...commonOptions,
      chapter: { type: 'string' },
      date: { type: 'string' },
      memo: { type: 'string' },
    });
    // `log 1시간 20분 --chapter 3` works unquoted: the words are one duration.
    const duration = positionals.join(' ').trim();
    if (!duration) throw new CliUsageError(`missing duration; usage: ${USAGE}`);
    if (values.chapter === undefined) throw new CliUsageError(`missing --chapter; usage: ${USAGE}`);
    const chapter = values.chapter;
    parseMinutes(duration); // a bad duration fails before the database is even opened
    return withStudy(io, values, ({ deps, guildId, userId, t }) => {
      const r = logReading(deps, { guildId, userId, duration, chapter, date: values.date, memo: values.memo });
      if (values.json) {
        printJson(io, {
          id: r.entry.id,
          user: userId,
          chapter: r.chapter.number,
          title: r.chapter.title,
          minutes: r.entry.minutes,
          date: r.entry.day,
          chapterMinutes: r.chapterMinutes,
          dayMinutes: r.dayMinutes,
        });
      } else {
        writeLine(
          io.stdout,
          t('study.cli.logged', {
            time: fmtMinutes(t, r.entry.minutes),
            minutes: r.entry.minutes,
            chapter: r.chapter.number,
            title: r.chapter.title,
            date: r.entry.day,
            chapterTotal: fmtMinutes(t, r.chapterMinutes),
            dayTotal: fmtMinutes(t, r.dayMinutes),
          }),
        );
      }
      return 0;
    });
  },
};
