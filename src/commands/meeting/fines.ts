/**
 * /fines show|paid|excuse|treasurer: the group's fine ledger (off unless data/rules.yaml enables it). Fines are
 * assessed from the facts whenever the ledger is read (src/meeting/service.ts assessFines, idempotent).
 */
import { UserError } from '../../core/errors.js';
import { listMeetings } from '../../group/schedule.js';
import { formatWon } from '../../meeting/rules.js';
import { excuse, ledger, recordPayment, resolveMeeting, setTreasurer, treasurer } from '../../meeting/service.js';
import { memberNames } from '../../study/store.js';
import { clampLines, esc, remember } from '../study/common.js';
import { defineCommand, describe, koName, OptionType } from '../types.js';
import { COLOR, meetingDeps, weekOption } from './common.js';

export const finesData = {
  name: 'fines',
  ...koName('벌금'),
  ...describe('meeting.cmd.fines'),
  contexts: [0],
  options: [
    { type: OptionType.Subcommand, name: 'show', ...koName('장부'), ...describe('meeting.cmd.fines.show') },
    {
      type: OptionType.Subcommand,
      name: 'paid',
      ...koName('납부'),
      ...describe('meeting.cmd.fines.paid'),
      options: [
        { type: OptionType.User, name: 'user', ...koName('멤버'), ...describe('meeting.opt.user'), required: true },
        {
          type: OptionType.Integer,
          name: 'amount',
          ...koName('금액'),
          ...describe('meeting.opt.amount'),
          required: true,
          min_value: 1,
          max_value: 100_000_000,
        },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: 'excuse',
      ...koName('사정'),
      ...describe('meeting.cmd.fines.excuse'),
      options: [
        {
          type: OptionType.String,
          name: 'reason',
          ...koName('사유'),
          ...describe('meeting.opt.reason'),
          max_length: 500,
        },
        weekOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: 'treasurer',
      ...koName('총무'),
      ...describe('meeting.cmd.fines.treasurer'),
      options: [
        { type: OptionType.User, name: 'user', ...koName('멤버'), ...describe('meeting.opt.user'), required: true },
      ],
    },
  ],
} as const;

export const finesCommand = defineCommand({
  data: finesData,
  ephemeral: (args) => args.subcommand === 'excuse',
  run(ctx, args) {
    const deps = meetingDeps(ctx);
    const { t } = ctx;
    if (!deps.rules.enabled) throw new UserError('meeting.error.rulesOff');
    switch (args.subcommand) {
      case 'show': {
        const names = memberNames(ctx.services.db, ctx.guildId);
        const rows = ledger(deps, ctx.guildId, names);
        const seqOf = new Map(listMeetings(ctx.services.db, ctx.guildId).map((m) => [m.id, m.seq]));
        const lines = rows.flatMap((r) => [
          t('meeting.fines.row', {
            name: esc(r.name),
            owed: formatWon(r.owed),
            paid: formatWon(r.paid),
            balance: formatWon(r.balance),
          }),
          ...r.charges.map(
            (c) =>
              `  · ${t('meeting.fines.charge', {
                week: seqOf.get(c.meetingId) ?? '?',
                kind: t(`meeting.fines.kind.${c.kind}`),
                nth: c.nth > 1 ? t('meeting.fines.nth', { n: c.nth }) : '',
                amount: formatWon(c.amount),
              })}`,
          ),
        ]);
        const who = treasurer(deps, ctx.guildId);
        return {
          embeds: [
            {
              color: COLOR,
              title: t('meeting.fines.title'),
              description: rows.length === 0 ? t('meeting.fines.empty') : clampLines(lines, 4000),
              footer: t('meeting.fines.footer', {
                treasurer: who
                  ? (names.get(who) ?? who)
                  : deps.rules.treasurerRole
                    ? `<@&${deps.rules.treasurerRole}>`
                    : t('meeting.fines.noTreasurer'),
              }),
            },
          ],
        };
      }
      case 'paid': {
        remember(ctx, args.user);
        recordPayment(
          deps,
          ctx.guildId,
          { userId: ctx.user.id, isAdmin: ctx.isAdmin, roles: ctx.roles },
          args.user.id,
          args.amount,
        );
        const row = ledger(deps, ctx.guildId).find((r) => r.userId === args.user.id);
        return {
          content: t('meeting.fines.paidOk', {
            name: esc(args.user.name),
            amount: formatWon(args.amount),
            balance: formatWon(row?.balance ?? -args.amount),
          }),
        };
      }
      case 'excuse': {
        const meeting = resolveMeeting(deps, ctx.guildId, args.week);
        const { excused } = excuse(deps, ctx.guildId, meeting, ctx.user.id, args.reason);
        remember(ctx);
        return {
          content: t(excused ? 'meeting.fines.excused' : 'meeting.fines.excuseLate', { week: meeting.seq }),
          ephemeral: true,
        };
      }
      case 'treasurer': {
        if (!ctx.isAdmin) throw new UserError('error.adminOnly');
        setTreasurer(deps, ctx.guildId, args.user.id);
        remember(ctx, args.user);
        return { content: t('meeting.fines.treasurerSet', { name: esc(args.user.name) }) };
      }
    }
  },
});
