/** `cli layers <image> [--json]`: the image's layers on the sandbox engine (read-only), base first. */
import { loadLayers } from '../../commands/sandboxLayers.js';
import { shortId } from '../../sandbox/facts.js';
import { isValidImageName } from '../../sandbox/guard.js';
import { layersJson } from '../../sandbox/layers.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { cliSandbox, parseCli } from './sandboxCli.js';

export const layersCli: CliCommand = {
  name: 'layers',
  usage: ['layers <image> [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    const [name, ...extra] = positionals;
    if (!name || extra.length > 0) throw new CliUsageError('usage: layers <image> [--json]');
    if (!isValidImageName(name)) throw new CliUsageError(`not a valid image name: ${name.slice(0, 100)}`);
    const facts = await loadLayers(cliSandbox(io), name);
    const out = layersJson(facts);
    if (json) {
      writeLine(io.stdout, JSON.stringify(out));
      return 0;
    }
    writeLine(io.stdout, `${out.image} ${facts.shortId}`);
    facts.rows.forEach((r, i) => {
      const diff = r.diffId ? shortId(r.diffId) : '(empty)';
      const shared = r.sharedWith.length > 0 ? `  shared: ${r.sharedWith.join(', ')}` : '';
      writeLine(
        io.stdout,
        `${String(i + 1).padStart(3)}  ${String(r.size).padStart(10)}  ${diff.padEnd(12)}  ${r.createdBy}${shared}`,
      );
    });
    writeLine(io.stdout, `total ${out.totalSize}`);
    return 0;
  },
};
