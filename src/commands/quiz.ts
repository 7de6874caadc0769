/**
 * /quiz start|stop|leaderboard and /review, plus their buttons. The game itself runs in src/quiz/manager.ts;
 * these handlers turn arguments and clicks into manager calls and ephemeral replies.
 */
import { Rating, type Grade } from 'ts-fsrs';
import { UserError } from '../core/errors.js';
import type { Button, Reply } from '../core/reply.js';
import { truncate } from '../core/text.js';
import { translate, type MessageKey } from '../i18n/index.js';
import type { Period, QuizManager } from '../quiz/manager.js';
import { letter } from '../quiz/render.js';
import { GRADES, type CardContent, type ReviewService } from '../quiz/review.js';
import type { QuizMode } from '../quiz/session.js';
import { bookRowKeys } from '../group/week.js';
import { encodeCustomId } from './customId.js';
import { bookChoices, bookOption, bookTitle, prepare } from './group/common.js';
import {
  defineCommand,
  describe,
  koName,
  OptionType,
  t as en,
  type Choice,
  type ComponentHandler,
  type InteractionContext,
} from './types.js';
import { stamp } from '../core/timestamp.js';

declare module './types.js' {
  interface Services {
    quiz: QuizManager;
    review: ReviewService;
  }
}

const choice = <V extends string>(key: MessageKey, value: V) =>
  ({ name: en(key), name_localizations: { ko: translate('ko', key) }, value }) as const;

export const quizData = {
  name: 'quiz',
  ...koName('퀴즈'),
  ...describe('cmd.quiz.description'),
  options: [
    {
      type: OptionType.Subcommand,
      name: 'start',
      ...koName('시작'),
      ...describe('cmd.quiz.start'),
      options: [
        {
          type: OptionType.String,
          name: 'topic',
          ...koName('주제'),
          ...describe('cmd.quiz.start.topic'),
          autocomplete: true,
          max_length: 100,
        },
        {
          type: OptionType.Integer,
          name: 'count',
          ...koName('문제수'),
          ...describe('cmd.quiz.start.count'),
          min_value: 1,
          max_value: 20,
        },
        {
          type: OptionType.Integer,
          name: 'seconds',
          ...koName('제한시간'),
          ...describe('cmd.quiz.start.seconds'),
          min_value: 10,
          max_value: 120,
        },
        {
          type: OptionType.String,
          name: 'mode',
          ...koName('모드'),
          ...describe('cmd.quiz.start.mode'),
          choices: [choice('quiz.mode.once', 'once'), choice('quiz.mode.change', 'change')],
        },
      ],
    },
    { type: OptionType.Subcommand, name: 'stop', ...koName('중지'), ...describe('cmd.quiz.stop') },
    {
      type: OptionType.Subcommand,
      name: 'leaderboard',
      ...koName('순위'),
      ...describe('cmd.quiz.leaderboard'),
      options: [
        {
          type: OptionType.String,
          name: 'period',
          ...koName('기간'),
          ...describe('cmd.quiz.leaderboard.period'),
          choices: [
            choice('quiz.period.week', 'week'),
            choice('quiz.period.month', 'month'),
            choice('quiz.period.all', 'all'),
          ],
        },
        { type: OptionType.String, name: 'book', ...describe('group.opt.book'), autocomplete: true, max_length: 100 },
      ],
    },
  ],
} as const;

export const DEFAULT_COUNT = 5;
export const DEFAULT_SECONDS = 20;

export const quizCommand = defineCommand({
  data: quizData,
  ephemeral: (args) => args.subcommand !== 'leaderboard',
  async run(ctx, args) {
    const quiz = ctx.services.quiz;
    switch (args.subcommand) {
      case 'start': {
        if (!ctx.inGuild) throw new UserError('error.guildOnly');
        await quiz.start({
          guildId: ctx.guildId,
          channelId: ctx.channelId,
          channel: ctx.channel,
          host: ctx.user,
          locale: ctx.locale,
          topic: args.topic?.trim() || undefined,
          count: args.count ?? DEFAULT_COUNT,
          seconds: args.seconds ?? DEFAULT_SECONDS,
          mode: (args.mode ?? 'once') as QuizMode,
        });
        return { content: ctx.t('quiz.started'), ephemeral: true };
      }
      case 'stop':
        await quiz.stop(ctx.channelId, ctx.user, ctx.isAdmin);
        return { content: ctx.t('quiz.stopped'), ephemeral: true };
      case 'leaderboard': {
        const period = (args.period ?? 'week') as Period;
        // A past book's standings: only the quizzes run while the guild read it (migration 008). The guild's books
        // are resolved first (prepare), so a `book:` title finds its key.
        let book: string | null = null;
        if (args.book) {
          prepare(ctx);
          book = bookOption(ctx, args.book);
        }
        const books = book === null ? undefined : bookRowKeys(ctx.services.db, ctx.guildId, book);
        const rows = quiz.leaderboard(ctx.guildId, period, books);
        const lines = rows.map((r) =>
          ctx.t('quiz.lb.row', { rank: r.rank, name: r.name, points: r.points, correct: r.correct }),
        );
        return {
          embeds: [
            {
              title:
                ctx.t('quiz.lb.title', { period: ctx.t(`quiz.period.${period}`) }) +
                (book === null ? '' : ` · ${bookTitle(ctx, book)}`),
              description: lines.length > 0 ? lines.join('\n') : ctx.t('quiz.lb.empty'),
              color: 0xf1c40f,
            },
          ],
        };
      }
    }
  },
  autocomplete(ctx, focused): Choice[] {
    if (focused.name === 'book') return bookChoices(ctx, focused);
    const seen = new Set<string>();
    const out: Choice[] = [];
    for (const hit of ctx.services.notes.index.autocomplete(focused.value, 20)) {
      if (hit.section.kind !== 'concept' || seen.has(hit.section.heading)) continue;
      seen.add(hit.section.heading);
      out.push({ name: hit.label, value: hit.section.heading });
    }
    return out;
  },
});

export const reviewData = { name: 'review', ...koName('복습'), ...describe('cmd.review.description') } as const;

export const reviewCommand = defineCommand({
  data: reviewData,
  ephemeral: () => true,
  run(ctx) {
    return { ...nextCardReply(ctx), ephemeral: true };
  },
});

// ---- review views

function formatInterval(ctx: InteractionContext, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return ctx.t('review.interval.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return ctx.t('review.interval.hours', { n: hours });
  return ctx.t('review.interval.days', { n: Math.round(hours / 24) });
}

const relative = (ms: number) => stamp(ms, 'R');

function frontText(ctx: InteractionContext, card: CardContent): string {
  return card.kind === 'section' ? ctx.t('review.sectionFront', { heading: card.front }) : card.front;
}

function cardFront(ctx: InteractionContext, card: CardContent, footer: string, cram = false): Reply {
  return {
    embeds: [
      {
        title: ctx.t(cram ? 'review.cramTitle' : 'review.title'),
        description: truncate(frontText(ctx, card), 4000),
        footer,
      },
    ],
    buttons: [
      [{ customId: encodeCustomId('review.show', card.key), label: ctx.t('review.showAnswer'), style: 'primary' }],
    ],
  };
}

function nextCardReply(ctx: InteractionContext, prefix?: string): Reply {
  const next = ctx.services.review.next(ctx.guildId, ctx.user.id);
  if (next.card) {
    const reply = cardFront(ctx, next.card, ctx.t('review.remaining', { n: next.remaining }));
    return prefix ? { ...reply, content: prefix } : reply;
  }
  const lines = [
    prefix,
    next.nextDue === null ? ctx.t('review.noneAtAll') : ctx.t('review.none', { when: relative(next.nextDue) }),
  ];
  const buttons: Button[][] =
    next.cram.length > 0
      ? [[{ customId: encodeCustomId('review.cram'), label: ctx.t('review.cram'), style: 'secondary' }]]
      : [];
  return { content: lines.filter(Boolean).join('\n'), embeds: [], buttons };
}

function cardOrGone(ctx: InteractionContext, key: string | undefined): CardContent {
  const card = key ? ctx.services.review.cards().get(key) : undefined;
  if (!card) throw new UserError('review.gone');
  return card;
}

const GRADE_KEYS: Record<Grade, MessageKey> = {
  [Rating.Again]: 'review.rate.1',
  [Rating.Hard]: 'review.rate.2',
  [Rating.Good]: 'review.rate.3',
  [Rating.Easy]: 'review.rate.4',
};
const GRADE_STYLE = {
  [Rating.Again]: 'danger',
  [Rating.Hard]: 'secondary',
  [Rating.Good]: 'success',
  [Rating.Easy]: 'primary',
} as const;

export const quizComponents: ComponentHandler[] = [
  {
    route: 'quiz.join',
    run(ctx, [id]) {
      const outcome = ctx.services.quiz.join(Number(id), ctx.user);
      return { content: ctx.t(outcome === 'joined' ? 'quiz.joined' : 'quiz.alreadyJoined'), ephemeral: true };
    },
  },
  {
    route: 'quiz.begin',
    async run(ctx, [id]) {
      await ctx.services.quiz.begin(Number(id), ctx.user, ctx.isAdmin);
      return { content: ctx.t('quiz.begun'), ephemeral: true };
    },
  },
  {
    route: 'quiz.ans',
    run(ctx, [id, round, picked]) {
      const quizId = Number(id);
      const index = Number(picked);
      const outcome = ctx.services.quiz.answer(quizId, Number(round), index, ctx.user);
      const q = ctx.services.quiz.get(quizId)?.session.settings.questions[Number(round)];
      const label = `${letter(index)}. ${q?.choices[index] ?? ''}`;
      const key: MessageKey =
        outcome === 'accepted'
          ? 'quiz.answer.accepted'
          : outcome === 'changed'
            ? 'quiz.answer.changed'
            : outcome === 'already'
              ? 'quiz.answer.already'
              : 'quiz.answer.late';
      return { content: ctx.t(key, { choice: label }), ephemeral: true };
    },
  },
  {
    route: 'review.show',
    run(ctx, [key]) {
      const card = cardOrGone(ctx, key);
      const now = ctx.services.clock.now();
      const preview = ctx.services.review.preview(ctx.guildId, ctx.user.id, card.key, now);
      const rate: Button[] = GRADES.map((g) => ({
        customId: encodeCustomId('review.rate', card.key, g),
        label: ctx.t(GRADE_KEYS[g], { interval: formatInterval(ctx, preview[g] - now) }),
        style: GRADE_STYLE[g],
      }));
      const buttons: Button[][] = [rate];
      if (card.sectionKey) {
        buttons.push([
          {
            customId: encodeCustomId('explain.open', card.sectionKey),
            label: ctx.t('quiz.button.explain'),
            emoji: '📖',
          },
        ]);
      }
      const source = `${card.source.file} › ${card.source.path.join(' › ')}`;
      return {
        embeds: [
          {
            title: ctx.t('review.title'),
            description: truncate(`${frontText(ctx, card)}\n\n**${ctx.t('review.answer')}**\n${card.back}`, 4000),
            footer: ctx.t('review.source', { source }),
          },
        ],
        buttons,
        update: true,
      };
    },
  },
  {
    route: 'review.rate',
    run(ctx, [key, grade]) {
      const card = cardOrGone(ctx, key);
      const g = Number(grade) as Grade;
      if (!GRADES.includes(g)) throw new UserError('error.unknownComponent');
      const due = ctx.services.review.rate(ctx.guildId, ctx.user.id, card.key, g);
      return { ...nextCardReply(ctx, ctx.t('review.rated', { when: relative(due) })), update: true };
    },
  },
  {
    route: 'review.cram',
    run(ctx) {
      const next = ctx.services.review.next(ctx.guildId, ctx.user.id);
      const card = next.card ?? next.cram[0];
      if (!card) return { ...nextCardReply(ctx), update: true };
      return { ...cardFront(ctx, card, ctx.t('review.cram'), next.card === null), update: true };
    },
  },
];

export const quizCommands = [quizCommand, reviewCommand];
