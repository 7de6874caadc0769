/**
 * Shared pieces of the meeting handlers: the core's deps from the context (the week board is S's weekBoard), the
 * week option, and small formatters.
 */
import { storedBook } from '../../group/books.js';
import { weekBoard } from '../../group/week.js';
import type { MeetingDeps } from '../../meeting/service.js';
import type { MeetingService } from '../../meeting/rules.js';
import { describe, koName, OptionType, type InteractionContext } from '../types.js';

declare module '../types.js' {
  interface Services {
    meeting: MeetingService;
  }
}

export const COLOR = 0xe67e22;

export function meetingDeps(ctx: InteractionContext): MeetingDeps {
  const { db, clock, config, study, notes, meeting } = ctx.services;
  return {
    db,
    clock,
    book: study.book,
    bookOf: (key) => storedBook(db, ctx.guildId, key),
    rules: meeting.rules,
    groupTimeZone: config.STUDY_TIMEZONE,
    notes: () => notes.index,
    board: (m) => weekBoard({ db, notes: notes.index, files: ctx.services.repo?.files() }, ctx.guildId, m).members,
  };
}

export const weekOption = {
  type: OptionType.Integer,
  name: 'week',
  ...koName('주차'),
  ...describe('meeting.opt.week'),
  min_value: 1,
  max_value: 999,
} as const;

export { stamp } from '../../core/timestamp.js';
