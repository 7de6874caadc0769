/**
 * The study commands in the local console (`npm start` without DISCORD_TOKEN): runConsole on the real app, lines
 * written to a PassThrough, the output read as it is printed. Every step waits for the text it expects, never a timer.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { runConsole } from '../../src/cli/console.js';
import { loadConfig } from '../../src/config.js';
import { translator } from '../../src/i18n/index.js';
import { memoryLogger } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import { kst } from './support.js';

const ko = translator('ko');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The console's output as it grows; `next(text)` resolves with what was printed up to and including `text`. */
class Screen {
  private text = '';
  private seen = 0;
  private readonly waiters = new Set<() => void>();

  constructor(stream: PassThrough) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.text += chunk;
      for (const w of [...this.waiters]) w();
    });
  }

  /** Waits for `text` after everything earlier calls consumed; returns the output in between. */
  next(text: string, timeoutMs = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = this.text.indexOf(text, this.seen);
        if (at < 0) return;
        const end = at + text.length;
        const chunk = this.text.slice(this.seen, end);
        this.seen = end;
        cleanup();
        resolve(chunk);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`console never printed ${JSON.stringify(text)}; output after the last step:\n${this.rest()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  rest(): string {
    return this.text.slice(this.seen);
  }
}

describe('the study commands in the local console', () => {
  let dir: string;
  let filesDir: string;
  let app: App;
  let input: PassThrough;
  let screen: Screen;
  let finished: Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'studybot-console-'));
    filesDir = path.join(dir, 'files');
    const config = loadConfig({ DATABASE_PATH: path.join(dir, 'study.db'), LOG_LEVEL: 'silent' });
    app = await createApp(config, { logger: memoryLogger(), clock: manualClock(kst(2025, 3, 20, 21, 0)) });
    input = new PassThrough();
    const output = new PassThrough();
    screen = new Screen(output);
    finished = runConsole(app, { input, output, filesDir, locale: 'ko' });
    await screen.next(ko('console.howToPick'));
  });

  afterEach(async () => {
    input.end();
    await finished;
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const type = (line: string) => input.write(`${line}\n`);

  it('logs, rates, shows progress with the chart saved, switches the group board by number, and quits', async () => {
    type('/log add "1시간 20분" 3');
    const logged = await screen.next(ko('study.log.undoHint'));
    expect(logged).toContain(ko('study.log.added.title'));
    expect(logged).toContain(`▸ ${ko('study.log.chapterTotal')}\n│   1시간 20분`);
    expect(logged).toContain(`▸ ${ko('study.log.dayTotal', { date: '2025-03-20' })}\n│   1시간 20분`);

    type('/log add 40분 3 date:어제');
    const second = await screen.next(ko('study.log.undoHint'));
    expect(second).toContain(`▸ ${ko('study.log.chapterTotal')}\n│   2시간`);

    type('/rate 3 3');
    expect(await screen.next(ko('study.rate.first'))).toContain('⭐⭐⭐☆☆ (3/5)');
    type('/rate 3 4');
    expect(await screen.next('3★ → 4★')).toContain('⭐⭐⭐⭐☆ (4/5)');

    type('/progress');
    const target = path.join(filesDir, 'progress.png');
    const shown = await screen.next(`🖼️ ${target}`);
    expect(shown).toContain(`▸ ${ko('study.progress.total')}\n│   2시간`);
    expect(shown).toContain(ko('study.progress.streakValue', { current: 2, longest: 2 }));
    expect(shown).toContain('⭐⭐⭐⭐☆ (4/5)');
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target).subarray(0, 8).equals(PNG_MAGIC)).toBe(true);

    type('/group');
    const board = await screen.next(`[3] ${ko('study.group.all')}`);
    expect(board).toContain(ko('study.group.title', { period: ko('study.group.week') }));
    // The current period's button is shown disabled, in parentheses.
    expect(board).toContain(`(1) ${ko('study.group.week')}   [2] ${ko('study.group.month')}`);
    expect(existsSync(path.join(filesDir, 'group.png'))).toBe(true);

    type('2');
    const month = await screen.next(`[3] ${ko('study.group.all')}`);
    expect(month).toContain(ko('study.group.title', { period: ko('study.group.month') }));
    expect(month).toContain(`[1] ${ko('study.group.week')}   (2) ${ko('study.group.month')}`);
    // The board's bold total, drawn as Discord shows it (no asterisks).
    expect(month).toMatch(/ 2시간/);
    expect(month).not.toContain('**');

    type('/quit');
    await screen.next(ko('console.bye'));
    await finished;
  });

  it('says a disabled or missing button number cannot be pressed', async () => {
    type('/group');
    await screen.next(`[3] ${ko('study.group.all')}`);
    type('1');
    await screen.next(ko('console.noSuchButton', { n: '1' }));
    type('9');
    await screen.next(ko('console.noSuchButton', { n: '9' }));
  });
});
