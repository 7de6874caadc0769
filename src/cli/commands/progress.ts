/**
 * `cli progress [--user ID] [--db PATH] [--json]`. The JSON shape is the issue's:
 * `{"user","totalMinutes","streakDays","chapters":[{"chapter","title","minutes","stars"}]}`.
 */
import { memberToday } from '../../study/deps.js';
import { progress } from '../../study/stats.js';
import { fmtMinutes } from '../../commands/study/common.js';
import { starBar } from '../../study/template.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { commonOptions, parseFlags, printJson, withStudy } from './studyCommon.js';

const USAGE = 'progress [--user ID] [--db PATH] [--json]';

export const progressCli: CliCommand = {
  name: 'progress',
  usage: [USAGE],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, commonOptions);
    if (positionals.length > 0) throw new CliUsageError(`unexpected "${positionals[0]}"; usage: ${USAGE}`);
    return withStudy(io, values, ({ deps, guildId, userId, t }) => {
      const p = progress(deps.db, deps.book, guildId, userId, memberToday(deps, guildId, userId));
      if (values.json) {
        printJson(io, {
          user: userId,
          totalMinutes: p.totalMinutes,
          streakDays: p.currentStreak,
          chapters: p.chapters.map((c) => ({ chapter: c.chapter, title: c.title, minutes: c.minutes, stars: c.stars })),
        });
        return 0;
      }
      writeLine(
        io.stdout,
        t('study.cli.progress', {
          user: userId,
          total: fmtMinutes(t, p.totalMinutes),
          streak: p.currentStreak,
          longest: p.longestStreak,
          week: fmtMinutes(t, p.thisWeek),
          lastWeek: fmtMinutes(t, p.lastWeek),
        }),
      );
      for (const c of p.chapters) {
        const stars = c.stars === null ? '' : `  ${starBar(c.stars)} (${c.stars}/5)`;
        writeLine(io.stdout, `  ${String(c.chapter).padStart(2)}. ${c.title} — ${fmtMinutes(t, c.minutes)}${stars}`);
      }
      return 0;
    });
  },
};
