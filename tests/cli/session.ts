/**
 * Drives the real console over a pipe: `say(line, until)` types a line and resolves with the output printed after it
 * once `until` appears (a string or a pattern), never after a timer. A step that never sees its text fails with the
 * output so far.
 */
import { PassThrough } from 'node:stream';
import type { App } from '../../src/app.js';
import { runConsole, type ConsoleOptions } from '../../src/cli/console.js';

export interface Session {
  done: Promise<void>;
  output(): string;
  waitFor(until: RegExp | string): Promise<string>;
  say(line: string, until: RegExp | string): Promise<string>;
  end(): void;
}

const found = (text: string, until: RegExp | string) =>
  typeof until === 'string' ? text.includes(until) : until.test(text);

export function session(app: App, options: Omit<ConsoleOptions, 'input' | 'output'>, timeoutMs = 15_000): Session {
  const input = new PassThrough();
  const output = new PassThrough();
  output.setEncoding('utf8');
  let text = '';
  let from = 0;
  const waiters = new Set<() => void>();
  output.on('data', (chunk: string) => {
    text += chunk;
    for (const w of [...waiters]) w();
  });
  const done = runConsole(app, { ...options, input, output });
  const waitFor = (until: RegExp | string) =>
    new Promise<string>((resolve, reject) => {
      const start = from;
      const check = () => {
        const seen = text.slice(start);
        if (!found(seen, until)) return;
        cleanup();
        from = text.length;
        resolve(seen);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`console never printed ${String(until)}; output after the last step:\n${text.slice(start)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    done,
    output: () => text,
    waitFor,
    say(line, until) {
      from = text.length;
      const seen = waitFor(until);
      input.write(`${line}\n`);
      return seen;
    },
    end: () => input.end(),
  };
}
