/**
 * One pass of the group scheduler over the guilds the bot is in: prepare each guild (active book, meetings from
 * book.yaml), keep its Discord events in step (signatures make an unchanged schedule cost no request — this is how
 * a presenter set by /presenter reaches the event), and send the note reminders that are due.
 */
import type { Db, Logger } from '../core/context.js';
import { translate } from '../i18n/index.js';
import type { Section } from '../notes/types.js';
import type { Book } from '../study/book.js';
import { bookTitle } from './books.js';
import { syncEvents, type EventTexts } from './events.js';
import { sendDueGroupReminders } from './reminders.js';
import type { Meeting } from './schedule.js';
import { prepareGuild, type GroupPorts } from './service.js';
import { wallTime } from './time.js';

export interface TickDeps {
  db: Db;
  book: Book;
  timeZone: string;
  notes: () => { readonly sections: readonly Section[] };
  ports: GroupPorts;
  logger: Logger;
  now: number;
}

/** Event names and descriptions, in the group's language (Korean). */
export function groupEventTexts(db: Db, guildId: string, book: Book, timeZone: string): EventTexts {
  const chapters = (m: Meeting) => m.chapters.join(', ');
  return {
    name: (m) =>
      translate('ko', 'group.event.name', {
        book: bookTitle(db, guildId, book, m.book),
        week: m.seq,
        chapters: chapters(m),
      }),
    description: (m) => {
      const due = wallTime(m.deadlineAt, timeZone);
      return [
        translate('ko', 'group.event.chapters', { chapters: chapters(m) }),
        m.presenter ? translate('ko', 'group.event.presenter', { name: m.presenter.name }) : null,
        translate('ko', 'group.event.deadline', { deadline: `${due.day} ${due.time}` }),
      ]
        .filter((x): x is string => x !== null)
        .join('\n');
    },
    defaultPlace: translate('ko', 'group.event.defaultPlace'),
  };
}

export async function groupTick(deps: TickDeps, guildIds: readonly string[]): Promise<void> {
  for (const guildId of guildIds) {
    try {
      prepareGuild(deps, guildId);
      if (deps.ports.events) {
        await syncEvents(
          {
            db: deps.db,
            port: deps.ports.events,
            logger: deps.logger,
            now: deps.now,
            texts: groupEventTexts(deps.db, guildId, deps.book, deps.timeZone),
          },
          guildId,
        );
      }
      await sendDueGroupReminders(
        {
          db: deps.db,
          notes: deps.notes(),
          logger: deps.logger,
          channelFor: deps.ports.channelFor,
          dm: deps.ports.dm,
        },
        guildId,
        deps.now,
      );
    } catch (err) {
      deps.logger.error({ err, guildId }, 'group scheduler failed for a guild');
    }
  }
}
