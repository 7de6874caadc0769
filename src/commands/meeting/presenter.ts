/**
 * /presenter pick|set|history: the fair rotation (src/meeting/rotation.ts), an admin's override, and the sequence.
 */
import { UserError } from '../../core/errors.js';
import type { Reply } from '../../core/reply.js';
import { dayOf } from '../../study/time.js';
import { overridePresenter, pick, presenterHistory, resolveMeeting, type PickReport } from '../../meeting/service.js';
import { clampLines, esc } from '../study/common.js';
import { defineCommand, describe, koName, OptionType, type InteractionContext } from '../types.js';
import { COLOR, meetingDeps, weekOption } from './common.js';

export const presenterData = {
  name: 'presenter',
  ...koName('발표자'),
  ...describe('meeting.cmd.presenter'),
  contexts: [0],
  options: [
    {
      type: OptionType.Subcommand,
      name: 'pick',
      ...koName('뽑기'),
      ...describe('meeting.cmd.presenter.pick'),
      options: [
        weekOption,
        { type: OptionType.String, name: 'seed', ...koName('시드'), ...describe('meeting.opt.seed'), max_length: 64 },
        { type: OptionType.Boolean, name: 'again', ...koName('다시'), ...describe('meeting.opt.again') },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: 'set',
      ...koName('지정'),
      ...describe('meeting.cmd.presenter.set'),
      options: [
        { type: OptionType.User, name: 'user', ...koName('멤버'), ...describe('meeting.opt.user') },
        { type: OptionType.String, name: 'name', ...koName('이름'), ...describe('meeting.opt.name'), max_length: 100 },
        weekOption,
      ],
    },
    { type: OptionType.Subcommand, name: 'history', ...koName('기록'), ...describe('meeting.cmd.presenter.history') },
  ],
} as const;

/** The pick as members see it: who, why, the candidates in rotation order, and the seed to check it with. */
export function pickReply(ctx: InteractionContext, r: PickReport): Reply {
  const { t } = ctx;
  const lines = r.candidates.map((c, i) => {
    const when = c.lastSeq === null ? t('meeting.pick.never') : t('meeting.pick.last', { week: c.lastSeq });
    const mark = c.excluded ? ` · ~~${t('meeting.pick.excluded')}~~` : '';
    const chosen = c.name === r.presenter.name && c.userId === r.presenter.userId ? ' 🎤' : '';
    return `\`${i + 1}.\` ${esc(c.name)} — ${when}${mark}${chosen}`;
  });
  const tie =
    r.tied.length > 1
      ? t('meeting.pick.tie', { n: r.tied.length, seed: r.seed })
      : t('meeting.pick.noTie', { seed: r.seed });
  return {
    embeds: [
      {
        color: COLOR,
        title: t('meeting.pick.title', { week: r.meeting.seq, name: r.presenter.name }),
        description: tie,
        fields: [{ name: t('meeting.pick.candidates'), value: clampLines(lines) }],
        footer: t('meeting.pick.footer', { seed: r.seed, guild: ctx.guildId, week: r.meeting.seq }),
      },
    ],
  };
}

export const presenterCommand = defineCommand({
  data: presenterData,
  ephemeral: (args) => args.subcommand === 'history',
  run(ctx, args) {
    const deps = meetingDeps(ctx);
    const { t } = ctx;
    switch (args.subcommand) {
      case 'pick': {
        const meeting = resolveMeeting(deps, ctx.guildId, args.week);
        if (args.again && !ctx.isAdmin) throw new UserError('error.adminOnly');
        const report = pick(deps, ctx.guildId, meeting, {
          seed: args.seed,
          by: ctx.user.id,
          again: args.again === true,
        });
        return pickReply(ctx, report);
      }
      case 'set': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        const who = args.user
          ? { userId: args.user.id, name: args.name?.trim() || args.user.name }
          : args.name?.trim()
            ? { userId: null, name: args.name.trim() }
            : null;
        if (!who) throw new UserError('meeting.error.presenterWho');
        const meeting = resolveMeeting(deps, ctx.guildId, args.week);
        const saved = overridePresenter(deps, ctx.guildId, meeting, who, ctx.user.id);
        return { content: t('meeting.set.done', { week: saved.seq, name: esc(who.name) }) };
      }
      case 'history': {
        const turns = presenterHistory(deps, ctx.guildId);
        if (turns.length === 0) return { content: t('meeting.history.empty'), ephemeral: true };
        const lines = turns.map((turn) =>
          t('meeting.history.row', {
            week: turn.seq,
            date: dayOf(turn.startsAt, deps.groupTimeZone),
            name: turn.presenter ? esc(turn.presenter.name) : t('meeting.history.none'),
            how:
              turn.how === 'pick'
                ? t('meeting.history.pick', { seed: turn.seed ?? '' })
                : turn.how === 'set'
                  ? t('meeting.history.set')
                  : '',
          }),
        );
        return {
          embeds: [{ color: COLOR, title: t('meeting.history.title'), description: clampLines(lines, 4000) }],
          ephemeral: true,
        };
      }
    }
  },
});
