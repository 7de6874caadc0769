/** Shared by the sandbox CLI commands (inspect, images, layers, volumes, networks, registry): the sandbox and argv. */
import { systemClock } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import { sandboxFromConfig, type Sandbox } from '../../sandbox/service.js';
import { parseFlags, type CliIo } from '../types.js';

export function cliSandbox(io: CliIo): Sandbox {
  const sandbox = sandboxFromConfig(io.config, { clock: systemClock });
  if (!sandbox) throw new UserError('sandbox.off');
  return sandbox;
}

/**
 * `[--json] <positionals…>` for imageref, inspect and images. They have no short options, so a word that starts with
 * a single `-` (`imageref -app`) is a value to answer about, not an unknown option; `--…` words are still options
 * (an unknown one is a usage error), and everything after `--` is a value.
 */
export function parseCli(argv: string[]): { positionals: string[]; json: boolean } {
  const end = argv.indexOf('--');
  const before = end === -1 ? argv : argv.slice(0, end);
  const after = end === -1 ? [] : argv.slice(end + 1);
  const isOption = (arg: string) => arg.startsWith('--');
  const parsed = parseFlags(before.filter(isOption), { json: { type: 'boolean' } });
  const positionals = [...before.filter((arg) => !isOption(arg)), ...after];
  return { positionals, json: parsed.values.json === true };
}
