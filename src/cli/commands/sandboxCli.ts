/** Shared by `cli inspect` and `cli images`: the sandbox from config, and argument parsing. */
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import { sandboxFromConfig, type Sandbox } from '../../sandbox/service.js';
import { CliUsageError, type CliIo } from '../types.js';

export function cliSandbox(io: CliIo): Sandbox {
  const sandbox = sandboxFromConfig(io.config, { clock: systemClock });
  if (!sandbox) throw new UserError('sandbox.off');
  return sandbox;
}

export function parseCli(argv: string[]): { positionals: string[]; json: boolean } {
  try {
    const parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    return { positionals: parsed.positionals, json: parsed.values.json === true };
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}
