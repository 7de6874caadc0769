/** Quiz and review messages as transport-agnostic Reply objects (rendered by the Discord adapter or the console). */
import { LIMITS, type Button, type Reply } from '../core/reply.js';
import { encodeCustomId } from '../commands/customId.js';
import { truncate } from '../core/text.js';
import type { Translator } from '../i18n/index.js';
import { sectionKey } from './keys.js';
import type { QuizSession, RoundResult } from './session.js';
import type { Question } from './types.js';
import { stamp } from '../core/timestamp.js';

const COLOR = 0x2496ed;
const CLOSED_COLOR = 0x95a5a6;
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

export const letter = (i: number) => LETTERS[i] ?? String(i + 1);

export function sourceLine(q: Question): string {
  return `${q.source.file} › ${q.source.path.join(' › ')}`;
}

export interface LobbyView {
  quizId: number;
  hostName: string;
  count: number;
  seconds: number;
  mode: 'once' | 'change';
  startsAt: number;
  players: string[];
  started: boolean;
}

export function lobbyReply(t: Translator, v: LobbyView): Reply {
  const players = v.players.length > 0 ? v.players.join(', ') : t('quiz.lobby.nobody');
  return {
    embeds: [
      {
        title: t(v.started ? 'quiz.lobby.startedTitle' : 'quiz.lobby.title'),
        description: [
          t('quiz.lobby.description', {
            host: v.hostName,
            count: v.count,
            seconds: v.seconds,
            mode: t(`quiz.mode.${v.mode}`),
          }),
          v.started ? '' : t('quiz.lobby.autoStart', { at: stamp(v.startsAt, 'R') }),
          '',
          t('quiz.scoring'),
        ].join('\n'),
        fields: [
          { name: t('quiz.lobby.players', { n: v.players.length }), value: truncate(players, LIMITS.fieldValue) },
        ],
        color: COLOR,
      },
    ],
    buttons: [
      [
        {
          customId: encodeCustomId('quiz.join', v.quizId),
          label: t('quiz.button.join'),
          style: 'primary',
          disabled: v.started,
        },
        {
          customId: encodeCustomId('quiz.begin', v.quizId),
          label: t('quiz.button.start'),
          style: 'success',
          disabled: v.started,
        },
      ],
    ],
  };
}

/** The question message: live while the round is open, then closed with disabled buttons and the answer marked. */
export function questionReply(t: Translator, quizId: number, session: QuizSession, round: number, now: number): Reply {
  const q = session.settings.questions[round] as Question;
  const open = session.phase === 'open' && session.round === round;
  const result = session.results.find((r) => r.round === round);
  const total = session.settings.questions.length;
  const left = Math.max(0, Math.ceil((session.closesAt - now) / 1000));
  const status = open
    ? t('quiz.question.countdown', { seconds: left, at: stamp(session.closesAt, 'R') })
    : t('quiz.question.closed');
  const answered = open ? session.answerCount : (result?.scored.length ?? 0);
  const buttons: Button[] = q.choices.map((c, i) => ({
    customId: encodeCustomId('quiz.ans', quizId, round, i),
    label: truncate(`${letter(i)}. ${c}`, LIMITS.buttonLabel),
    style: !open && i === q.answer ? 'success' : 'secondary',
    disabled: !open,
  }));
  return {
    embeds: [
      {
        title: t('quiz.question.title', { n: round + 1, total }),
        description: truncate(
          [q.prompt, '', ...q.choices.map((c, i) => `**${letter(i)}.** ${c}`)].join('\n'),
          LIMITS.embedDescription,
        ),
        fields: [
          { name: t('quiz.question.status'), value: status, inline: true },
          { name: t('quiz.question.answeredLabel'), value: t('quiz.question.answered', { n: answered }), inline: true },
        ],
        color: open ? COLOR : CLOSED_COLOR,
        footer: truncate(t('quiz.question.mode', { mode: t(`quiz.mode.${session.settings.mode}`) }), LIMITS.footer),
      },
    ],
    buttons: [buttons.slice(0, 5)],
  };
}

export function revealReply(t: Translator, session: QuizSession, result: RoundResult): Reply {
  const q = result.question;
  const names = result.winners.map((id) => session.players.get(id)?.name ?? id);
  const scores = session
    .standings()
    .slice(0, 10)
    .map((s) => {
      const got = result.scored.find((x) => x.userId === s.id);
      return t('quiz.reveal.scoreRow', { rank: s.rank, name: s.name, points: s.points, gained: got?.points ?? 0 });
    });
  const buttons: Button[][] = [];
  if (q.kind !== 'bank') {
    buttons.push([
      {
        customId: encodeCustomId('explain.open', sectionKey({ file: q.source.file, path: q.source.path })),
        label: t('quiz.button.explain'),
        style: 'secondary',
        emoji: '📖',
      },
    ]);
  }
  return {
    embeds: [
      {
        title: truncate(
          t('quiz.reveal.title', { letter: letter(q.answer), answer: q.choices[q.answer] ?? '' }),
          LIMITS.embedTitle,
        ),
        fields: [
          {
            name: t('quiz.reveal.correct', { n: names.length }),
            value: truncate(names.length > 0 ? names.join(', ') : t('quiz.reveal.nobody'), LIMITS.fieldValue),
          },
          { name: t('quiz.reveal.explanation'), value: truncate(q.explanation || '-', LIMITS.fieldValue) },
          { name: t('quiz.reveal.source'), value: truncate(sourceLine(q), LIMITS.fieldValue) },
          { name: t('quiz.reveal.scores'), value: truncate(scores.join('\n') || '-', LIMITS.fieldValue) },
        ],
        color: 0x2ecc71,
      },
    ],
    buttons,
  };
}

export function standingsReply(
  t: Translator,
  session: QuizSession,
  noteKey?: 'quiz.end.stopped' | 'quiz.end.restarted',
): Reply {
  const standings = session.standings();
  const total = session.results.length;
  const rows = standings.map((s) =>
    t('quiz.end.row', {
      medal: ['🥇', '🥈', '🥉'][s.rank - 1] ?? `${s.rank}.`,
      name: s.name,
      points: s.points,
      correct: s.correct,
      total,
    }),
  );
  return {
    embeds: [
      {
        title: t('quiz.end.title'),
        description: truncate(
          [noteKey ? t(noteKey) : '', rows.length > 0 ? rows.join('\n') : t('quiz.end.empty')]
            .filter(Boolean)
            .join('\n\n'),
          LIMITS.embedDescription,
        ),
        color: 0xf1c40f,
      },
    ],
  };
}
