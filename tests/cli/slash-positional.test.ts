/**
 * Console lines read the way a member means them, on the real command data: a duration or a sentence takes the
 * words that belong to it, options go by their Korean names too, stars and choice labels are values, a mistyped
 * command gets a "did you mean", and a command with subcommands alone lists them.
 */
import { describe, expect, it } from 'vitest';
import { parseSlashLine } from '../../src/cli/slash.js';
import { createRegistry, normalizeArgs, type RawInvocation } from '../../src/commands/dispatch.js';
import { explainCommand } from '../../src/commands/explain.js';
import { helpCommand } from '../../src/commands/help.js';
import { quizCommands } from '../../src/commands/quiz.js';
import { sandboxCommands } from '../../src/commands/sandbox.js';
import { studyCommands } from '../../src/commands/study/index.js';
import type { Command } from '../../src/commands/types.js';
import { userErrorText } from '../../src/commands/usage.js';
import { isUserError } from '../../src/core/errors.js';
import { translator, type Locale } from '../../src/i18n/index.js';

const commands: Command[] = [
  explainCommand as Command,
  ...(studyCommands as Command[]),
  ...(quizCommands as Command[]),
  ...(sandboxCommands as Command[]),
];
commands.push(helpCommand(() => commands.map((c) => c.data)) as Command);
const registry = createRegistry(commands);

const parse = (line: string) => parseSlashLine(line, registry);
const options = (line: string) => parse(line).options;

/** The reply text of the UserError a line or its arguments raise, in a locale. */
function errorOf(line: string, locale: Locale = 'ko'): string {
  try {
    const raw: RawInvocation = parse(line);
    normalizeArgs(registry.commands.get(raw.name) as Command, raw);
  } catch (err) {
    if (!isUserError(err)) throw err;
    return userErrorText(translator(locale), locale, err);
  }
  throw new Error(`${line} raised no error`);
}

describe('console lines: which words go where', () => {
  it('keeps a free-text answer whole instead of spreading it over hard_part, why and insight', () => {
    expect(options('/rate 5 3 어려웠던 부분: 라이프 사이클')).toEqual({
      chapter: '5',
      stars: '3',
      hard_part: '어려웠던 부분: 라이프 사이클',
    });
  });

  it('reads `1시간 20분` as one duration, and then says the chapter is missing with an example', () => {
    expect(parse('/log add 1시간 20분')).toEqual({
      name: 'log',
      subcommand: 'add',
      options: { minutes: '1시간 20분' },
    });
    expect(options('/log add 1시간 20분 3')).toEqual({ minutes: '1시간 20분', chapter: '3' });
    expect(options('/log add 1 h 20 min 3 어제 복습을 많이 함')).toEqual({
      minutes: '1 h 20 min',
      chapter: '3',
      date: '어제',
      memo: '복습을 많이 함',
    });
    expect(options('/log add 45 3')).toEqual({ minutes: '45', chapter: '3' });
    const missing = errorOf('/log add 1시간 20분');
    expect(missing).toContain('`chapter` 값이 필요해요 — 장 (번호나 제목)');
    expect(missing).toContain('예: `/log add 1시간 20분 3`');
  });

  it('accepts option names in Korean, as Discord shows them, and a sentence given by name up to the next name', () => {
    expect(options('/rate 장:2 별점:4')).toEqual({ chapter: '2', stars: '4' });
    expect(options('/rate 2 4 어려운부분:라이프 사이클 이유:처음 봐서')).toEqual({
      chapter: '2',
      stars: '4',
      hard_part: '라이프 사이클',
      why: '처음 봐서',
    });
    expect(options('/rate 3 4 hard_part:"네트워크 부분"')).toEqual({
      chapter: '3',
      stars: '4',
      hard_part: '네트워크 부분',
    });
    expect(parse('/퀴즈 시작 주제:이미지 문제수:3')).toEqual({
      name: 'quiz',
      subcommand: 'start',
      options: { topic: '이미지', count: '3' },
    });
    expect(options('/quiz start 도커 기초 5')).toEqual({ topic: '도커 기초', count: '5' });
    expect(options('/export 형식:JSON')).toEqual({ format: 'json' });
  });

  it('reads ⭐⭐⭐ as 3 stars', () => {
    const raw = parse('/rate 3 ⭐⭐⭐');
    expect(normalizeArgs(registry.commands.get('rate') as Command, raw)).toEqual({ chapter: '3', stars: 3 });
  });

  it('still gives a question the whole line and keeps colons inside values', () => {
    expect(options('/explain 이미지 이름 규칙')).toEqual({ question: '이미지 이름 규칙' });
    expect(options('/imageref localhost:5000/team/app:1.0')).toEqual({ reference: 'localhost:5000/team/app:1.0' });
    expect(options('/settings reminder 21:00')).toEqual({ time: '21:00' });
  });
});

describe('console lines: mistakes', () => {
  it('suggests the nearest command name, English or Korean', () => {
    expect(errorOf('/explian 이미지')).toContain('혹시 `/explain`?');
    expect(errorOf('/explian 이미지', 'en')).toContain('Did you mean `/explain`?');
    expect(errorOf('/설멍 이미지')).toContain('혹시 `/설명`?');
    expect(errorOf('/zzzzzz')).not.toContain('혹시');
  });

  it('lists the subcommands of a command typed alone, with what each does', () => {
    const ko = errorOf('/settings');
    expect(ko).toContain('`/settings timezone <zone>` — 날짜를 계산할 내 시간대를 정해요');
    expect(ko).toContain('`/settings reminder <time>`');
    expect(ko).toContain('`/settings show` — 내 설정을 봐요');
    expect(errorOf('/settings', 'en')).toContain('`/settings show` — Show your settings');
    expect(errorOf('/log 추가해줘')).toContain('`/log add <minutes> <chapter> [date] [memo]`');
  });
});
