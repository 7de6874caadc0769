/**
 * `cli rate <chapter> <stars> [--hard TEXT] [--why TEXT] [--insight TEXT] [--user ID] [--db PATH] [--json]`.
 */
import { UserError } from '../../core/errors.js';
import { rateChapter } from '../../study/ratings.js';
import { starBar } from '../../study/template.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { commonOptions, parseFlags, printJson, withStudy } from './studyCommon.js';

const USAGE = 'rate <chapter> <stars 1-5> [--hard TEXT] [--why TEXT] [--insight TEXT] [--user ID] [--db PATH] [--json]';

export const rateCli: CliCommand = {
  name: 'rate',
  usage: [USAGE],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...commonOptions,
      hard: { type: 'string' },
      why: { type: 'string' },
      insight: { type: 'string' },
    });
    if (positionals.length !== 2) throw new CliUsageError(`expected a chapter and stars; usage: ${USAGE}`);
    const [chapter = '', starsText = ''] = positionals;
    if (!/^\d+$/.test(starsText.trim())) throw new UserError('study.error.stars', { input: starsText.slice(0, 10) });
    const stars = Number(starsText);
    return withStudy(io, values, ({ deps, guildId, userId, t }) => {
      const r = rateChapter(deps, {
        guildId,
        userId,
        chapter,
        stars,
        hardPart: values.hard,
        why: values.why,
        insight: values.insight,
      });
      if (values.json) {
        printJson(io, { id: r.id, user: userId, chapter: r.chapter.number, stars: r.stars, previous: r.previous });
        return 0;
      }
      const change =
        r.previous === null ? t('study.rate.first') : t('study.rate.changed', { from: r.previous, to: r.stars });
      writeLine(
        io.stdout,
        t('study.cli.rated', {
          chapter: r.chapter.number,
          title: r.chapter.title,
          bar: starBar(r.stars),
          stars: r.stars,
          change,
        }),
      );
      return 0;
    });
  },
};
