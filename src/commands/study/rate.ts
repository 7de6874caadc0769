/**
 * /rate: the template's understanding check. Re-rating keeps the history and shows the change (3★ → 4★).
 */
import { truncate } from '../../core/text.js';
import { rateChapter } from '../../study/ratings.js';
import { defineCommand, describe, OptionType } from '../types.js';
import { chapterChoices, chapterRequired, COLOR, esc, fmtChapter, fmtStars, remember, studyDeps } from './common.js';

const starChoices = [1, 2, 3, 4, 5].map((n) => ({ name: `${'⭐'.repeat(n)} ${n}`, value: n }) as const);

export const rateCommand = defineCommand({
  data: {
    name: 'rate',
    ...describe('study.cmd.rate'),
    contexts: [0],
    options: [
      chapterRequired,
      {
        type: OptionType.Integer,
        name: 'stars',
        ...describe('study.opt.stars'),
        required: true,
        choices: starChoices,
      },
      { type: OptionType.String, name: 'hard_part', ...describe('study.opt.hardPart'), max_length: 1000 },
      { type: OptionType.String, name: 'why', ...describe('study.opt.why'), max_length: 1000 },
      { type: OptionType.String, name: 'insight', ...describe('study.opt.insight'), max_length: 1000 },
    ],
  },
  run(ctx, args) {
    const deps = studyDeps(ctx);
    const { t } = ctx;
    const r = rateChapter(deps, {
      guildId: ctx.guildId,
      userId: ctx.user.id,
      chapter: args.chapter,
      stars: args.stars,
      hardPart: args.hard_part,
      why: args.why,
      insight: args.insight,
    });
    remember(ctx);
    const change =
      r.previous === null
        ? t('study.rate.first')
        : r.previous === r.stars
          ? t('study.rate.same', { stars: r.stars })
          : t('study.rate.changed', { from: r.previous, to: r.stars });
    const fields = [
      { name: t('study.rate.change'), value: change, inline: true },
      ...(r.hardPart ? [{ name: t('study.rate.hardPart'), value: truncate(esc(r.hardPart), 1024) }] : []),
      ...(r.why ? [{ name: t('study.rate.why'), value: truncate(esc(r.why), 1024) }] : []),
      ...(r.insight ? [{ name: t('study.rate.insight'), value: truncate(esc(r.insight), 1024) }] : []),
    ];
    return {
      embeds: [
        {
          color: COLOR,
          title: t('study.rate.title', { chapter: fmtChapter(t, r.chapter) }).slice(0, 256),
          description: `${fmtStars(r.stars)}\n${t('study.rate.by', { name: esc(ctx.user.name) })}`,
          fields,
        },
      ],
    };
  },
  autocomplete: (ctx, focused) => chapterChoices(ctx, focused),
});
