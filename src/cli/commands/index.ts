/** Every CLI subcommand. Add one line per command. */
import type { CliCommand } from '../types.js';

export const cliCommands: CliCommand[] = [];
