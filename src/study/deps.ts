/**
 * What the study core needs from the app, passed explicitly: the database, the book, the clock and the group's
 * default timezone. Handlers and the CLI build one with `studyDeps`.
 */
import type { Clock, Db } from '../core/context.js';
import type { Book } from './book.js';
import { memberSettings } from './store.js';
import { dayOf, type Day } from './time.js';

export interface StudyDeps {
  db: Db;
  book: Book;
  clock: Clock;
  /** STUDY_TIMEZONE: days and weeks of members who set no timezone of their own, and of the group board. */
  groupTimeZone: string;
}

/** The member's own timezone (`/settings timezone`), else the group's. */
export function timeZoneOf(deps: StudyDeps, guildId: string, userId: string): string {
  return memberSettings(deps.db, guildId, userId).timezone ?? deps.groupTimeZone;
}

/** Today on the member's wall clock. */
export function memberToday(deps: StudyDeps, guildId: string, userId: string): Day {
  return dayOf(deps.clock.now(), timeZoneOf(deps, guildId, userId));
}

/** Today in the group's timezone (boards). */
export function groupToday(deps: StudyDeps): Day {
  return dayOf(deps.clock.now(), deps.groupTimeZone);
}
