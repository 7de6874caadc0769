/**
 * The scriptable CLI: `npm run --silent cli -- <command> [args] [--json]`.
 * Exit codes: 0 success (including "not found" answers), 2 bad usage or unreadable input, 1 unexpected failure.
 */
import { ConfigError, loadConfig } from '../config.js';
import { messageOf, UserError } from '../core/errors.js';
import { userErrorText } from '../commands/usage.js';
import { translator } from '../i18n/index.js';
import { cliCommands } from './commands/index.js';
import { CliUsageError, writeLine, type CliIo } from './types.js';

export async function runCli(argv: string[], io: Omit<CliIo, 'config'>): Promise<number> {
  const [name, ...rest] = argv;
  const usage = () => cliCommands.flatMap((c) => c.usage.map((u) => `  cli ${u}`)).join('\n');
  if (!name || name === 'help' || name === '--help') {
    writeLine(name ? io.stdout : io.stderr, `usage:\n${usage()}`);
    return name ? 0 : 2;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `unknown command "${name}"; try: cli help`);
    return 2;
  }
  try {
    const config = loadConfig();
    return await command.run(rest, { ...io, config });
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof ConfigError) {
      writeLine(io.stderr, `error: ${err.message.split('\n').join(' ')}`);
      return 2;
    }
    if (err instanceof UserError) {
      // One line, whatever the message (option errors carry the usage on lines of their own).
      writeLine(io.stderr, `error: ${userErrorText(translator('en'), 'en', err).split('\n').join(' ')}`);
      return 2;
    }
    writeLine(io.stderr, `error: ${messageOf(err)}`);
    return 1;
  }
}
