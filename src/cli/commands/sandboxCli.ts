/** Shared by `cli inspect` and `cli images`: the sandbox from config, and argument parsing. */
import { systemClock } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import { sandboxFromConfig, type Sandbox } from '../../sandbox/service.js';
import { parseFlags, type CliIo } from '../types.js';

export function cliSandbox(io: CliIo): Sandbox {
  const sandbox = sandboxFromConfig(io.config, { clock: systemClock });
  if (!sandbox) throw new UserError('sandbox.off');
  return sandbox;
}

export function parseCli(argv: string[]): { positionals: string[]; json: boolean } {
  const parsed = parseFlags(argv, { json: { type: 'boolean' } });
  return { positionals: parsed.positionals, json: parsed.values.json === true };
}
