/**
 * `cli fines [--json]`: the fine ledger (fines assessed first, idempotently), and
 * `cli fines paid <user> <amount>`: a payment, recorded as the CLI's user (the console's local admin).
 */
import { UserError } from '../../core/errors.js';
import { listMeetings } from '../../group/schedule.js';
import { formatWon } from '../../meeting/rules.js';
import { ledger, recordPayment } from '../../meeting/service.js';
import { memberNames } from '../../study/store.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { guildOption, withMeeting } from './presenter.js';
import { commonOptions, parseFlags, printJson, userIdFrom } from './studyCommon.js';

const SHOW = 'fines [--guild ID] [--notes DIR] [--db PATH] [--json]';
const PAID = 'fines paid <user id> <amount> [--guild ID] [--db PATH] [--json]';

export const finesCli: CliCommand = {
  name: 'fines',
  usage: [SHOW, PAID],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...commonOptions, ...guildOption, notes: { type: 'string' } });
    const [sub, who, amountText, ...extra] = positionals;
    if (sub !== undefined && sub !== 'paid') throw new CliUsageError(`usage: ${SHOW} | ${PAID}`);
    let payment: { userId: string; amount: number } | null = null;
    if (sub === 'paid') {
      if (!who || !amountText || extra.length > 0) throw new CliUsageError(`usage: ${PAID}`);
      if (!/^\d{1,9}$/.test(amountText)) throw new CliUsageError('the amount must be a whole number of won');
      payment = { userId: userIdFrom(who), amount: Number(amountText) };
    }
    return withMeeting(io, values, async (session, deps, guildId) => {
      if (!deps.rules.enabled) throw new UserError('meeting.error.rulesOff');
      if (payment)
        recordPayment(deps, guildId, { userId: session.userId, isAdmin: true }, payment.userId, payment.amount);
      const rows = ledger(deps, guildId, memberNames(session.deps.db, guildId));
      const seqOf = new Map(listMeetings(session.deps.db, guildId).map((m) => [m.id, m.seq]));
      if (values.json) {
        printJson(io, {
          members: rows.map((r) => ({
            user: r.userId,
            name: r.name,
            owed: r.owed,
            paid: r.paid,
            balance: r.balance,
            fines: r.charges.map((c) => ({
              week: seqOf.get(c.meetingId) ?? null,
              kind: c.kind,
              nth: c.nth,
              amount: c.amount,
            })),
          })),
        });
        return 0;
      }
      for (const r of rows) {
        writeLine(
          io.stdout,
          `${r.name}: owed ${formatWon(r.owed)}, paid ${formatWon(r.paid)}, balance ${formatWon(r.balance)}`,
        );
      }
      if (rows.length === 0) writeLine(io.stdout, 'no fines');
      return 0;
    });
  },
};
