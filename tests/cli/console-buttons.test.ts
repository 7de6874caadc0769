/**
 * Buttons belong to the message they were drawn under. A quiz's lobby is redrawn (edited) after its first question
 * is posted; that edit must not take the question's numbers, so typing 1–4 answers question 1. Driven over a pipe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { encodeCustomId } from '../../src/commands/customId.js';
import { defineCommand, type ComponentHandler } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { translator } from '../../src/i18n/index.js';
import type { Timers } from '../../src/quiz/timers.js';
import { session } from './session.js';

const ko = translator('ko');
/** Quiz timers that never fire: the lobby and rounds stay open until the test presses something. */
const never: Timers = { set: () => ({ id: 0 }), clear() {} };

const button = (value: string) => ({ customId: encodeCustomId('test.press', value), label: value });

/** Posts A, then B, then edits A (still with a live button): the order a quiz lobby, question and lobby edit take. */
const twoMessages = defineCommand({
  data: { name: 'two', description: 'two messages, the older one edited last' },
  async run(ctx) {
    const a = await ctx.channel.send({ content: 'A', buttons: [[button('a1')]] });
    await ctx.channel.send({ content: 'B', buttons: [[button('b1'), button('b2')]] });
    await ctx.channel.edit(a, { content: 'A again', buttons: [[button('a2')]] });
    return { content: 'sent' };
  },
});
const pressed: ComponentHandler = { route: 'test.press', run: (_ctx, [value]) => ({ content: `pressed ${value}` }) };

let dir: string;
let app: App;

async function start(): Promise<App> {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-buttons-'));
  app = await createApp(loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
    quiz: { timers: never, lobbySeconds: 600 },
    extraCommands: [twoMessages as never],
    extraComponents: [pressed],
  });
  return app;
}

afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console buttons', () => {
  it('answers quiz question 1 by number after 시작, though the lobby edit is printed after it', async () => {
    const s = session(await start(), { filesDir: path.join(dir, 'files') });
    const lobby = await s.say('/quiz start count:2 seconds:60', ko('quiz.started'));
    expect(lobby).toContain(`[2] ${ko('quiz.button.start')}`);

    const begun = await s.say('2', ko('quiz.begun'));
    expect(begun).toContain(ko('quiz.question.title', { n: 1, total: 2 }));
    expect(begun).toMatch(/\[1\] A\. /);
    // The lobby's edit is printed after the question; typing 1 still answers the question.
    expect(begun.lastIndexOf(ko('quiz.lobby.startedTitle'))).toBeGreaterThan(begun.indexOf('[1] A. '));
    const answered = await s.say('1', /답을 받았어요|버튼이 없어요/);
    expect(answered).not.toContain(ko('console.noSuchButton', { n: '1' }));
    const [accepted] = ko('quiz.answer.accepted', { choice: '@@' }).split('@@');
    expect(answered).toContain(`${accepted}A. `);

    // The redrawn lobby's (now disabled) buttons are numbered by its own message, never 1, 2.
    const edited = begun.slice(begun.indexOf(ko('console.edited')));
    expect(edited).toContain(ko('quiz.lobby.startedTitle'));
    expect(edited).toMatch(new RegExp(`\\((\\d+)\\.1\\) ${ko('quiz.button.join')}`));
    expect(edited).not.toMatch(/[[(]1[\])] /);
    s.end();
    await s.done;
  });

  it('keeps the newest message’s numbers when an older one is edited, and presses the older one as message.button', async () => {
    const s = session(await start(), { filesDir: path.join(dir, 'files') });
    const out = await s.say('/two', 'sent');
    expect(await s.say('1', 'pressed')).toContain('pressed b1');
    expect(await s.say('2', 'pressed')).toContain('pressed b2');

    expect(out).toMatch(/^B\n {2}\[1\] b1 {3}\[2\] b2$/m);
    const a = /A again\n {2}\[(\d+)\.1\] a2/.exec(out);
    expect(a, out).not.toBeNull();
    expect(await s.say(`${a?.[1]}.1`, 'pressed')).toContain('pressed a2');
    expect(await s.say(`${a?.[1]}.2`, /버튼이 없어요/)).toContain(ko('console.noSuchButton', { n: `${a?.[1]}.2` }));
    s.end();
    await s.done;
  });
});
