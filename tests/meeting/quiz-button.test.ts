/**
 * The pack's quiz button through the real dispatcher and the real quiz manager (real SQLite, manual timers): it opens
 * a 5-question quiz kept to the week's chapter, falls back to all the notes when that chapter is too thin to ask
 * about, and answers the quiz's own refusal when a quiz is already running in the channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../src/commands/customId.js';
import { silentLogger } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';
import { buildIndex } from '../../src/notes/build.js';
import type { NotesIndex } from '../../src/notes/types.js';
import { createQuizServices } from '../../src/quiz/services.js';
import type { Question } from '../../src/quiz/types.js';
import { manualTimers } from '../quiz/support.js';
import { GAYOUNG, groupEnv, meetingStart, NARAE, noteFile, notesOf, type GroupEnv } from './support.js';

const ko = translator('ko');
let env: GroupEnv | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  env?.cleanup();
});

function withQuiz(notes: NotesIndex): GroupEnv {
  const e = groupEnv({ notes });
  const quiz = createQuizServices({
    db: e.services.db,
    clock: e.clock,
    logger: silentLogger,
    notes: e.services.notes,
    quizDir: e.dir, // no bank: questions come from the notes
    timeZone: 'Asia/Seoul',
    timers: manualTimers(e.clock),
  });
  Object.assign(e.services, quiz);
  stop = () => quiz.quiz.shutdown();
  e.clock.set(meetingStart(1) - 3_600_000);
  return e;
}

const questionsOf = (e: GroupEnv) => {
  const row = e.services.db.prepare('SELECT topic, questions_json FROM quiz_runs ORDER BY id DESC').get() as {
    topic: string | null;
    questions_json: string;
  };
  return { topic: row.topic, questions: JSON.parse(row.questions_json) as Question[] };
};

describe('the meeting pack’s quiz button', () => {
  it('opens a 5-question quiz on the week’s chapter in the channel', async () => {
    env = withQuiz(notesOf({ 가영: [1, 2], 나래: [1, 2] }));
    const ctx = env.ctxFor(NARAE);
    const reply = await env.click(encodeCustomId('meeting.quiz', env.meetings[0]!.id), NARAE);
    expect(reply.content).toBe(ko('meeting.quiz.started', { topic: '도커 소개' }));
    const { topic, questions } = questionsOf(env);
    expect(topic).toBe('도커 소개');
    expect(questions).toHaveLength(5);
    for (const q of questions) expect(q.source.file).toContain('[Chapter1]');
    expect(env.services.quiz.inChannel(ctx.channelId)?.hostId).toBe(NARAE.id);
  });

  it('falls back to all the notes when the week’s chapter is too thin for a quiz', async () => {
    const thin = {
      file: 'docker/가영/[Chapter1] 도커 소개.md',
      text: '# 도커 소개\n\n## Chapter 1: 도커 소개\n\n### 컨테이너\n\n컨테이너는 격리된 프로세스예요, 아주 짧게.\n',
    };
    env = withQuiz(buildIndex([thin, noteFile('나래', 2), noteFile('다은', 3)], { dir: '/notes' }));
    const reply = await env.click(encodeCustomId('meeting.quiz', env.meetings[0]!.id), GAYOUNG);
    expect(reply.content).toBe(ko('meeting.quiz.started', { topic: ko('meeting.quiz.allNotes') }));
    const { topic, questions } = questionsOf(env);
    expect(topic).toBeNull();
    expect(questions.length).toBeGreaterThan(0);
  });

  it('leaves a running quiz alone', async () => {
    env = withQuiz(notesOf({ 가영: [1, 2], 나래: [1, 2] }));
    await env.click(encodeCustomId('meeting.quiz', env.meetings[0]!.id), NARAE);
    const again = await env.click(encodeCustomId('meeting.quiz', env.meetings[0]!.id), GAYOUNG);
    expect(again.content).toBe(ko('quiz.error.running'));
    const stale = await env.click(encodeCustomId('meeting.quiz', 999), GAYOUNG);
    expect(stale.content).toBe(ko('error.unknownComponent'));
  });
});
