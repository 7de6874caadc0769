import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Validated settings; `--notes`, `--db` and similar flags override them per call. */
  config: Config;
}

/** A scriptable CLI subcommand: `npm run --silent cli -- <name> …`. Returns the exit code. */
export interface CliCommand {
  name: string;
  /** One line per form, shown by `cli help`. */
  usage: string[];
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad usage or unreadable input: the CLI prints one line on stderr and exits 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export function writeLine(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}

/** node:util's parseArgs (strict, positionals allowed), with any complaint turned into a one-line usage error. */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new CliUsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}
