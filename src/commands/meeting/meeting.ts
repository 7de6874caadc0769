/**
 * /meeting pack|notes and the pack's buttons: the quiz on the week's chapters (the real quiz, through
 * services.quiz like /quiz start) and "참석" (attendance, when the group's rules turn it on).
 */
import { UserError } from '../../core/errors.js';
import type { Button, EmbedField, Reply } from '../../core/reply.js';
import { truncate } from '../../core/text.js';
import { getMeeting, type Meeting } from '../../group/schedule.js';
import { renderRetro, retroPath } from '../../meeting/retro.js';
import {
  attend,
  chaptersOf,
  lastStartedMeeting,
  meetingPack,
  QUIZ_COUNT,
  quizTopicFor,
  resolveMeeting,
  type MeetingPack,
} from '../../meeting/service.js';
import type { Translator } from '../../i18n/index.js';
import { memberNames } from '../../study/store.js';
import { encodeCustomId } from '../customId.js';
import { DEFAULT_SECONDS } from '../quiz.js';
import { clampLines, esc, fmtChapter, remember } from '../study/common.js';
import {
  defineCommand,
  describe,
  koName,
  OptionType,
  type ComponentHandler,
  type InteractionContext,
} from '../types.js';
import { COLOR, meetingDeps, stamp, weekOption } from './common.js';

export const meetingData = {
  name: 'meeting',
  ...koName('모임'),
  ...describe('meeting.cmd.meeting'),
  contexts: [0],
  options: [
    {
      type: OptionType.Subcommand,
      name: 'pack',
      ...koName('안내'),
      ...describe('meeting.cmd.meeting.pack'),
      options: [
        weekOption,
        { type: OptionType.Boolean, name: 'private', ...koName('비공개'), ...describe('meeting.opt.private') },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: 'notes',
      ...koName('회고'),
      ...describe('meeting.cmd.meeting.notes'),
      options: [
        weekOption,
        { type: OptionType.Boolean, name: 'private', ...koName('비공개'), ...describe('meeting.opt.private') },
      ],
    },
  ],
} as const;

/** The pack as an embed with its buttons (`names`: the members' display names, memberNames). */
export function packReply(t: Translator, names: ReadonlyMap<string, string>, pack: MeetingPack): Reply {
  const m = pack.meeting;
  const nameOf = (userId: string) => names.get(userId) ?? pack.members.find((x) => x.userId === userId)?.name ?? userId;
  const chapterText = pack.chapters.map((c) => fmtChapter(t, c)).join(', ') || '—';
  const withNotes = pack.members.filter((x) => x.notes > 0 || x.imported);
  const missing = pack.members.filter((x) => x.notes === 0 && !x.imported).map((x) => esc(x.name));
  const fields: EmbedField[] = [
    {
      name: t('meeting.pack.presenter'),
      value: m.presenter ? esc(m.presenter.name) : t('meeting.pack.noPresenter'),
      inline: true,
    },
    { name: t('meeting.pack.chapters'), value: esc(chapterText), inline: true },
    {
      name: t('meeting.pack.notes'),
      value: t('meeting.pack.notesValue', {
        done: withNotes.length,
        total: pack.members.length,
        missing: missing.length > 0 ? t('meeting.pack.notesMissing', { names: missing.join(', ') }) : '',
      }),
    },
    {
      name: t('meeting.pack.questions', { n: pack.questions.length }),
      value:
        pack.questions.length === 0
          ? t('meeting.pack.noQuestions')
          : clampLines(
              pack.questions.map(
                (q) =>
                  `**#${q.id}** ${truncate(esc(q.text), 200)} — ${esc(nameOf(q.userId))} · ${t('study.chapterNumber', { n: q.chapter })}`,
              ),
            ),
    },
    {
      name: t('meeting.pack.misses', { n: pack.misses.total }),
      value:
        pack.misses.gaps.length === 0
          ? t('meeting.pack.noMisses')
          : clampLines(
              pack.misses.gaps.map((g) => t('meeting.pack.missRow', { question: esc(g.question), count: g.count })),
            ),
    },
    {
      name: t('meeting.pack.hardChapters'),
      value: clampLines(
        pack.chaptersByRating.map((c) => {
          const chapter = esc(fmtChapter(t, c.chapter));
          if (c.mean === null) return t('meeting.pack.chapterUnrated', { chapter });
          const hard = c.hardParts.map((h) => `\n  · ${truncate(esc(h.text), 120)}`).join('');
          return t('meeting.pack.chapterRow', { chapter, mean: c.mean.toFixed(1), n: c.ratings }) + hard;
        }),
      ),
    },
    {
      name: t('meeting.pack.lapses'),
      value:
        pack.sections.length === 0
          ? t('meeting.pack.noLapses')
          : clampLines(
              pack.sections.map((s) =>
                t('meeting.pack.lapseRow', { path: esc(s.section.path.join(' › ')), n: s.lapses, members: s.members }),
              ),
            ),
    },
  ];
  if (pack.attendance) {
    fields.push({
      name: t('meeting.pack.attendance', { n: pack.attendance.length }),
      value:
        pack.attendance.length === 0
          ? t('meeting.pack.noAttendance')
          : truncate(pack.attendance.map((a) => esc(nameOf(a.userId))).join(', '), 1024),
    });
  }
  const buttons: Button[] = [
    {
      customId: encodeCustomId('meeting.quiz', m.id),
      label: t('meeting.pack.quizButton', { n: QUIZ_COUNT }),
      emoji: '🧠',
      style: 'primary',
    },
  ];
  if (pack.attendance) {
    buttons.push({
      customId: encodeCustomId('meeting.attend', m.id),
      label: t('meeting.pack.attendButton'),
      emoji: '🙋',
      style: 'success',
    });
  }
  const place = m.place ? ` · ${esc(m.place)}` : m.voiceChannelId ? ` · <#${m.voiceChannelId}>` : '';
  return {
    embeds: [
      {
        color: COLOR,
        title: t('meeting.pack.title', { week: m.seq }),
        description: t('meeting.pack.when', { when: stamp(m.startsAt), place }),
        fields,
        footer: t('meeting.pack.footer'),
      },
    ],
    buttons: [buttons],
  };
}

export const meetingCommand = defineCommand({
  data: meetingData,
  ephemeral: (args) => args.private === true,
  run(ctx, args) {
    const deps = meetingDeps(ctx);
    switch (args.subcommand) {
      case 'pack': {
        const pack = meetingPack(deps, ctx.guildId, resolveMeeting(deps, ctx.guildId, args.week));
        return {
          ...packReply(ctx.t, memberNames(ctx.services.db, ctx.guildId), pack),
          ephemeral: args.private === true,
        };
      }
      case 'notes': {
        const meeting = lastStartedMeeting(deps, ctx.guildId, args.week);
        const markdown = renderRetro(deps, ctx.guildId, meeting);
        const path = retroPath(meeting, deps.groupTimeZone);
        return {
          content: ctx.t('meeting.notes.done', { week: meeting.seq, path }),
          files: [{ name: path.split('/').at(-1) ?? 'retro.md', data: Buffer.from(markdown, 'utf8') }],
          ephemeral: args.private === true,
        };
      }
    }
  },
});

function meetingFrom(ctx: InteractionContext, id: string | undefined): Meeting {
  const n = Number(id);
  const meeting = Number.isSafeInteger(n) ? getMeeting(ctx.services.db, ctx.guildId, n) : null;
  if (!meeting) throw new UserError('error.unknownComponent');
  return meeting;
}

export const meetingComponents: ComponentHandler[] = [
  {
    route: 'meeting.quiz',
    async run(ctx, [id]) {
      if (!ctx.inGuild) throw new UserError('error.guildOnly');
      const meeting = meetingFrom(ctx, id);
      const deps = meetingDeps(ctx);
      const start = (topic: string | null) =>
        ctx.services.quiz.start({
          guildId: ctx.guildId,
          channelId: ctx.channelId,
          channel: ctx.channel,
          host: ctx.user,
          locale: ctx.locale,
          topic: topic ?? undefined,
          count: QUIZ_COUNT,
          seconds: DEFAULT_SECONDS,
          mode: 'once',
        });
      let topic = quizTopicFor(ctx.services.notes.index, chaptersOf(deps, meeting));
      try {
        await start(topic);
      } catch (err) {
        // Notes too thin on the week's chapters for a quiz: the whole notes, rather than no quiz at all.
        if (!(err instanceof UserError) || err.key !== 'quiz.error.noQuestions' || topic === null) throw err;
        topic = null;
        await start(topic);
      }
      return {
        content: ctx.t('meeting.quiz.started', { topic: topic ?? ctx.t('meeting.quiz.allNotes') }),
        ephemeral: true,
      };
    },
  },
  {
    route: 'meeting.attend',
    run(ctx, [id]) {
      const meeting = meetingFrom(ctx, id);
      const deps = meetingDeps(ctx);
      const fresh = attend(deps, ctx.guildId, meeting, ctx.user);
      remember(ctx);
      if (!fresh) return { content: ctx.t('meeting.attend.already', { week: meeting.seq }), ephemeral: true };
      // The pack message itself shows the new attendee (the same message, redrawn).
      const pack = meetingPack(deps, ctx.guildId, meeting);
      return { ...packReply(ctx.t, memberNames(ctx.services.db, ctx.guildId), pack), update: true };
    },
  },
];
