/** `cli images [--json]`: the sandbox engine's images, newest first. */
import { imageRowJson, imageRows } from '../../sandbox/facts.js';
import { withSandboxErrors } from '../../sandbox/userError.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { cliSandbox, parseCli } from './sandboxCli.js';

export const imagesCli: CliCommand = {
  name: 'images',
  usage: ['images [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    if (positionals.length > 0) throw new CliUsageError('images takes no arguments');
    const sandbox = cliSandbox(io);
    const rows = imageRows(await withSandboxErrors({ kind: 'list' }, () => sandbox.client.listImages())).map(
      imageRowJson,
    );
    if (json) writeLine(io.stdout, JSON.stringify(rows));
    else
      for (const r of rows)
        writeLine(
          io.stdout,
          `${r.id.replace(/^sha256:/, '').slice(0, 12)}  ${r.repoTags.join(', ') || '<none>'}  ${r.size}  ${r.created ?? ''}`,
        );
    return 0;
  },
};
