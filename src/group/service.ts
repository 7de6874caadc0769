/**
 * The group domain's app-wide service: the ports to Discord (scheduled events, DMs, channel posts), set by the
 * adapter once its client exists, and `prepareGuild`, which every group command and the scheduler run first.
 */
import type { Db, Logger } from '../core/context.js';
import type { ChannelPort } from '../commands/types.js';
import type { DirectMessagePort } from '../quiz/reminders.js';
import type { Book } from '../study/book.js';
import { ensureActiveBook } from './books.js';
import type { ScheduledEventsPort } from './events.js';
import { seedMeetings } from './schedule.js';
import { meetingsFromBook } from './yaml.js';

export interface GroupPorts {
  events: ScheduledEventsPort | null;
  dm: DirectMessagePort | null;
  channelFor: ((channelId: string) => ChannelPort | undefined) | null;
}

export interface GroupService {
  ports: GroupPorts;
}

export function createGroupService(ports: Partial<GroupPorts> = {}): GroupService {
  return { ports: { events: null, dm: null, channelFor: null, ...ports } };
}

/**
 * Makes the guild's book the active one and seeds its meetings from book.yaml (SQLite rows set by /schedule set
 * win). Returns the book key; the Discord events of meetings that left the file are tombstoned for the next sync.
 */
export function prepareGuild(
  deps: { db: Db; book: Book; timeZone: string; now: number; logger?: Logger },
  guildId: string,
): { book: string } {
  const book = ensureActiveBook(deps.db, guildId, deps.book, deps.now);
  seedMeetings(deps.db, guildId, book, meetingsFromBook(deps.book, deps.timeZone), deps.now);
  return { book };
}
