/**
 * /week [book]: who has brought what for the next meeting — notes in the repository (or an imported template),
 * reading time, ratings and questions for its chapters, ✅ done / ⏳ not yet (before the deadline) / ❌ missing
 * (after it), with the deadline as a Discord timestamp.
 */
import type { Reply } from '../../core/reply.js';
import type { Translator } from '../../i18n/index.js';
import { nextMeeting } from '../../group/schedule.js';
import { hasNotes, weekBoard, type WeekBoard, type WeekMember } from '../../group/week.js';
import { defineCommand, describe, OptionType, type Choice } from '../types.js';
import { esc, fmtMinutes } from '../study/common.js';
import { bookChoices, bookOption, bookTitle, chapterList, COLOR, discordTime, prepare } from './common.js';

export const weekCommand = defineCommand({
  data: {
    name: 'week',
    ...describe('group.cmd.week'),
    contexts: [0],
    options: [
      { type: OptionType.String, name: 'book', ...describe('group.opt.book'), autocomplete: true, max_length: 100 },
    ],
  },
  defer: true,
  run(ctx, args) {
    prepare(ctx);
    const { db, clock, notes } = ctx.services;
    const book = bookOption(ctx, args.book);
    const meeting = nextMeeting(db, ctx.guildId, clock.now(), { book });
    if (!meeting) return { content: ctx.t('group.week.none', { book: esc(bookTitle(ctx, book)) }) };
    const board = weekBoard({ db, notes: notes.index, files: ctx.services.repo?.files() }, ctx.guildId, meeting);
    return weekReply(ctx.t, board, clock.now(), bookTitle(ctx, book));
  },
  autocomplete(ctx, focused): Choice[] {
    return focused.name === 'book' ? bookChoices(ctx, focused) : [];
  },
});

type Mark = '✅' | '⏳' | '❌';

function mark(done: boolean, now: number, due: number): Mark {
  if (done) return '✅';
  return now < due ? '⏳' : '❌';
}

export function memberLine(t: Translator, m: WeekMember, board: WeekBoard, now: number): string {
  const { meeting } = board;
  const notes = hasNotes(m)
    ? m.notes.length > 0
      ? t('group.week.notesFiles', { n: m.notes.length, sections: m.sections })
      : t('group.week.notesImported')
    : t('group.week.notesNone');
  const cells = [
    `${mark(hasNotes(m), now, meeting.deadlineAt)} ${notes}`,
    `${mark(m.minutes > 0, now, meeting.startsAt)} ${m.minutes > 0 ? fmtMinutes(t, m.minutes) : t('group.week.noTime')}`,
    `${mark(m.stars !== null, now, meeting.startsAt)} ${m.stars !== null ? `⭐ ${m.stars}` : t('group.week.noStars')}`,
    `${mark(m.questions > 0, now, meeting.startsAt)} ${t('group.week.questions', { n: m.questions })}`,
  ];
  const who = m.userId ? esc(m.name) : `${esc(m.name)} ${t('group.week.unlinked')}`;
  return `**${who}** — ${cells.join(' · ')}`;
}

export function weekReply(t: Translator, board: WeekBoard, now: number, title: string): Reply {
  const { meeting } = board;
  const ready = board.members.filter(hasNotes).length;
  const lines = board.members.map((m) => memberLine(t, m, board, now));
  const head = [
    t('group.week.meeting', { when: discordTime(meeting.startsAt) }),
    t('group.week.deadline', { when: discordTime(meeting.deadlineAt) }),
    meeting.presenter ? t('group.week.presenter', { name: esc(meeting.presenter.name) }) : null,
    t('group.week.ready', { ready, total: board.members.length }),
  ].filter((x): x is string => x !== null);
  return {
    embeds: [
      {
        color: COLOR,
        title: t('group.week.title', { week: meeting.seq, chapters: chapterList(meeting) }),
        description: [...head, '', ...(lines.length ? lines : [t('group.week.nobody')])].join('\n').slice(0, 4000),
        footer: `${title} · ${t('group.week.legend')}`,
      },
    ],
  };
}
