/** The optional daily review reminder: a small scheduler the app runs; sending the DM is the adapter's job. */
import type { Logger } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { localeFrom, translate } from '../i18n/index.js';
import type { ReviewService } from './review.js';
import { repeatEvery, type Timers } from './timers.js';

/** Implemented by the Discord adapter: a direct message to a member. */
export interface DirectMessagePort {
  sendDm(userId: string, reply: Reply): Promise<void>;
}

/** Sends every reminder due now; returns how many went out. A failed DM is logged and not retried that day. */
export async function sendDueReminders(
  review: ReviewService,
  dm: DirectMessagePort,
  logger: Logger,
  now?: number,
): Promise<number> {
  let sent = 0;
  for (const r of review.dueReminders(now)) {
    review.markReminded(r.guildId, r.userId, r.day);
    const locale = localeFrom(r.locale);
    try {
      await dm.sendDm(r.userId, { content: translate(locale, 'review.reminder', { n: r.due }) });
      sent += 1;
    } catch (err) {
      logger.warn({ err, userId: r.userId }, 'review reminder DM failed');
    }
  }
  return sent;
}

/** Checks once a minute (by default) until stopped. */
export function startReminderScheduler(deps: {
  review: ReviewService;
  dm: DirectMessagePort;
  timers: Timers;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  return repeatEvery(
    deps.timers,
    deps.intervalMs ?? 60_000,
    () => sendDueReminders(deps.review, deps.dm, deps.logger),
    {
      onError: (err) => deps.logger.error({ err }, 'review reminders failed'),
    },
  );
}
