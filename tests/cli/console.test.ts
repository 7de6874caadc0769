/**
 * The local console driven through its input stream: the same handlers as Discord, embeds drawn as framed text,
 * buttons pressed by number, /quit and end of input closing cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { runConsole } from '../../src/cli/console.js';

let dir: string;
let app: App;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-'));
  app = await createApp(loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
});

afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a console session; `say(line)` types a line and resolves with the output it produced once `until` matches. */
function session() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let waiter: { until: RegExp; from: number; resolve: (s: string) => void } | null = null;
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (waiter && waiter.until.test(text.slice(waiter.from))) {
      const w = waiter;
      waiter = null;
      w.resolve(text.slice(w.from));
    }
  });
  const done = runConsole(app, { input, output, filesDir: path.join(dir, 'files') });
  const waitFor = (until: RegExp, from = 0) =>
    new Promise<string>((resolve) => {
      if (until.test(text.slice(from))) resolve(text.slice(from));
      else waiter = { until, from, resolve };
    });
  return {
    done,
    output: () => text,
    waitFor,
    say(line: string, until: RegExp) {
      const from = text.length;
      const seen = waitFor(until, from);
      input.write(`${line}\n`);
      return seen;
    },
    end: () => input.end(),
  };
}

describe('local console', () => {
  it('welcomes with examples, answers /explain as a framed embed with its source, and exits on /quit', async () => {
    const s = session();
    await s.waitFor(/\/explain/);
    const answer = await s.say('/explain 이미지 이름 규칙', /╰────/);
    expect(answer).toContain('╭─ 이미지 이름 규칙');
    expect(answer).toContain('${레지스트리주소}/${프로젝트명}/${이미지명}:${이미지태그}');
    expect(answer).toMatch(/docker-study\.md › 이미지 레지스트리 › 이미지 이름 규칙 · 42행/);
    expect(answer).toMatch(/\[1\] 🔗 /);
    await s.say('/quit', /안녕히 가세요/);
    await s.done;
  });

  it('presses a button by its number and shows the section it opens', async () => {
    const s = session();
    const answer = await s.say('/explain 이미지 이름 규칙', /\[1\][^\n]*\n?$/m);
    const label = /\[1\] 🔗 ([^[\n]+?)\s{2,}/.exec(answer)?.[1]?.trim();
    expect(label).toBeTruthy();
    const opened = await s.say('1', /╰────/);
    expect(opened).toContain(`╭─ ${label}`);
    expect(opened.startsWith('🔒') || opened.includes('🔒')).toBe(true);
    s.end();
    await s.done;
  });

  it('answers in English after /lang en, says when the notes do not cover a question, and ends on end of input', async () => {
    const s = session();
    await s.say('/lang en', /Language set to en/);
    const missing = await s.say('/explain React hooks', /cover/);
    // Discord's **bold** is drawn, not shown as asterisks.
    expect(missing).toContain("The notes don't cover React hooks");
    expect(missing).not.toContain('**');
    const help = await s.say('/help', /╰────/);
    expect(help).toContain('/explain');
    s.end();
    await s.done;
    expect(s.output()).toContain('Bye!');
  });

  it('never crashes on bad input: unknown commands, missing options, stray text, huge and control-character lines', async () => {
    const s = session();
    expect(await s.say('/nope', /help/)).toContain('`nope`');
    // The option as Discord shows it to a Korean member (질문), with the command's usage.
    expect(await s.say('/explain', /사용법/)).toContain('`질문`');
    expect(await s.say('hello', /\//)).toContain('/');
    expect(await s.say('9', /9/)).toContain('9');
    expect(await s.say(`/explain ${'가'.repeat(10_000)}`, /1000/)).toContain('1000');
    const control = await s.say('/explain \u0000\u0007\u001b[31m이미지\u0008', /(╰────|찾지 못했어요)/);
    expect(control.length).toBeGreaterThan(0);
    await s.say('/quit', /안녕히 가세요/);
    await s.done;
  });
});
