/** `cli imageref <reference> [--json]`: Docker's reference grammar, no engine needed. Invalid input still exits 0. */
import { translate } from '../../i18n/index.js';
import { parseReference, referenceJson } from '../../sandbox/reference.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { parseCli } from './sandboxCli.js';

export const imagerefCli: CliCommand = {
  name: 'imageref',
  usage: ['imageref <reference> [--json]'],
  async run(argv, io) {
    const parsed = parseCli(argv);
    if (parsed.positionals.length !== 1) throw new CliUsageError('imageref takes exactly one reference');
    const json = referenceJson(parseReference(parsed.positionals[0] ?? ''), (r) =>
      translate('en', `sandbox.ref.error.${r.code}`, { part: r.part }),
    );
    if (parsed.json) {
      writeLine(io.stdout, JSON.stringify(json));
    } else if (!json.valid) {
      writeLine(io.stdout, `invalid: ${json.error}`);
    } else {
      writeLine(io.stdout, json.canonical);
      for (const key of ['registry', 'project', 'image', 'tag', 'digest'] as const) {
        writeLine(io.stdout, `  ${key.padEnd(8)} ${json[key] ?? '-'}`);
      }
    }
    return 0;
  },
};
