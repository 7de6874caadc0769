/** `cli inspect image|container <name> [--json]` against the engine at DOCKER_SANDBOX_HOST (read-only). */
import { containerFacts, imageFacts, imageJson } from '../../sandbox/facts.js';
import { withSandboxErrors } from '../../sandbox/userError.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { cliSandbox, parseCli } from './sandboxCli.js';

export const inspectCli: CliCommand = {
  name: 'inspect',
  usage: ['inspect image <name> [--json]', 'inspect container <name> [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    const [kind, name, ...extra] = positionals;
    if ((kind !== 'image' && kind !== 'container') || !name || extra.length > 0) {
      throw new CliUsageError('usage: inspect image|container <name> [--json]');
    }
    const sandbox = cliSandbox(io);
    if (kind === 'image') {
      const f = imageFacts(await withSandboxErrors({ kind, name }, () => sandbox.client.inspectImage(name)));
      const out = imageJson(f);
      if (json) writeLine(io.stdout, JSON.stringify(out));
      else for (const [k, v] of Object.entries(out)) writeLine(io.stdout, `${k.padEnd(12)} ${JSON.stringify(v)}`);
      return 0;
    }
    const f = containerFacts(await withSandboxErrors({ kind, name }, () => sandbox.client.inspectContainer(name)));
    const out = {
      id: f.id,
      name: f.name,
      status: f.status,
      stage: f.stage,
      image: f.image,
      created: f.created === null ? null : new Date(f.created).toISOString(),
      mounts: f.mounts,
      ports: f.ports,
    };
    if (json) writeLine(io.stdout, JSON.stringify(out));
    else for (const [k, v] of Object.entries(out)) writeLine(io.stdout, `${k.padEnd(8)} ${JSON.stringify(v)}`);
    return 0;
  },
};
