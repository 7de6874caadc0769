/** `cli volumes [<name>] [--json]` and `cli networks [<name>] [--json]`: the sandbox engine's, read-only. */
import { isValidNetworkName, isValidVolumeName } from '../../sandbox/guard.js';
import { networkFacts, networkJson, volumeFacts, volumeJson } from '../../sandbox/storage.js';
import { withSandboxErrors } from '../../sandbox/userError.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { cliSandbox, parseCli } from './sandboxCli.js';

export const volumesCli: CliCommand = {
  name: 'volumes',
  usage: ['volumes [<name>] [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    const [name, ...extra] = positionals;
    if (extra.length > 0) throw new CliUsageError('usage: volumes [<name>] [--json]');
    if (name !== undefined && !isValidVolumeName(name))
      throw new CliUsageError(`not a valid volume name: ${name.slice(0, 100)}`);
    const sandbox = cliSandbox(io);
    const rows = await withSandboxErrors(
      { kind: name === undefined ? 'list' : 'volume', name: name ?? '' },
      async () => {
        const containers = await sandbox.client.listContainers();
        const volumes =
          name === undefined ? await sandbox.client.listVolumes() : [await sandbox.client.inspectVolume(name)];
        return volumes.map((v) => volumeJson(volumeFacts(v, containers))).sort((a, b) => a.name.localeCompare(b.name));
      },
    );
    if (json) writeLine(io.stdout, JSON.stringify(name === undefined ? rows : rows[0]));
    else
      for (const r of rows)
        writeLine(io.stdout, `${r.name}  ${r.driver}  ${r.scope}  used by: ${r.usedBy.join(', ') || '-'}`);
    return 0;
  },
};

export const networksCli: CliCommand = {
  name: 'networks',
  usage: ['networks [<name>] [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    const [name, ...extra] = positionals;
    if (extra.length > 0) throw new CliUsageError('usage: networks [<name>] [--json]');
    if (name !== undefined && !isValidNetworkName(name))
      throw new CliUsageError(`not a valid network name: ${name.slice(0, 100)}`);
    const sandbox = cliSandbox(io);
    const rows = await withSandboxErrors(
      { kind: name === undefined ? 'list' : 'network', name: name ?? '' },
      async () => {
        const containers = await sandbox.client.listContainers();
        const networks =
          name === undefined ? await sandbox.client.listNetworks() : [await sandbox.client.inspectNetwork(name)];
        return networks
          .map((n) => networkJson(networkFacts(n, containers)))
          .sort((a, b) => a.name.localeCompare(b.name));
      },
    );
    if (json) writeLine(io.stdout, JSON.stringify(name === undefined ? rows : rows[0]));
    else
      for (const r of rows)
        writeLine(
          io.stdout,
          `${r.name}  ${r.driver}  ${r.subnets.map((s) => `${s.subnet}${s.gateway ? ` via ${s.gateway}` : ''}`).join(', ') || '-'}  containers: ${r.containers.join(', ') || '-'}`,
        );
    return 0;
  },
};
