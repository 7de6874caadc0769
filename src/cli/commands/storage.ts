/** `cli volumes [<name>] [--json]` and `cli networks [<name>] [--json]`: the sandbox engine's, read-only. */
import type { ContainerSummary, SandboxClient } from '../../sandbox/client.js';
import { isValidNetworkName, isValidVolumeName } from '../../sandbox/guard.js';
import { networkFacts, networkJson, volumeFacts, volumeJson } from '../../sandbox/storage.js';
import { withSandboxErrors } from '../../sandbox/userError.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { cliSandbox, parseCli } from './sandboxCli.js';

/** What the two commands differ in: the noun, its name rule, how one or all are read, and a row as text. */
interface StorageSpec<R extends { name: string }> {
  noun: 'volume' | 'network';
  isValid(name: string): boolean;
  /** The named one (or all, without a name) as JSON rows, each with the containers that use it. */
  load(client: SandboxClient, name: string | undefined, containers: ContainerSummary[]): Promise<R[]>;
  line(row: R): string;
}

function storageCli<R extends { name: string }>(spec: StorageSpec<R>): CliCommand {
  const usage = `${spec.noun}s [<name>] [--json]`;
  return {
    name: `${spec.noun}s`,
    usage: [usage],
    async run(argv, io) {
      const { positionals, json } = parseCli(argv);
      const [name, ...extra] = positionals;
      if (extra.length > 0) throw new CliUsageError(`usage: ${usage}`);
      if (name !== undefined && !spec.isValid(name))
        throw new CliUsageError(`not a valid ${spec.noun} name: ${name.slice(0, 100)}`);
      const sandbox = cliSandbox(io);
      const rows = await withSandboxErrors(
        { kind: name === undefined ? 'list' : spec.noun, name: name ?? '' },
        async () => {
          const containers = await sandbox.client.listContainers();
          const loaded = await spec.load(sandbox.client, name, containers);
          return loaded.sort((a, b) => a.name.localeCompare(b.name));
        },
      );
      if (json) writeLine(io.stdout, JSON.stringify(name === undefined ? rows : rows[0]));
      else for (const r of rows) writeLine(io.stdout, spec.line(r));
      return 0;
    },
  };
}

export const volumesCli = storageCli({
  noun: 'volume',
  isValid: isValidVolumeName,
  async load(client, name, containers) {
    const volumes = name === undefined ? await client.listVolumes() : [await client.inspectVolume(name)];
    return volumes.map((v) => volumeJson(volumeFacts(v, containers)));
  },
  line: (r) => `${r.name}  ${r.driver}  ${r.scope}  used by: ${r.usedBy.join(', ') || '-'}`,
});

export const networksCli = storageCli({
  noun: 'network',
  isValid: isValidNetworkName,
  async load(client, name, containers) {
    const networks = name === undefined ? await client.listNetworks() : [await client.inspectNetwork(name)];
    return networks.map((n) => networkJson(networkFacts(n, containers)));
  },
  line: (r) =>
    `${r.name}  ${r.driver}  ${r.subnets.map((s) => `${s.subnet}${s.gateway ? ` via ${s.gateway}` : ''}`).join(', ') || '-'}  containers: ${r.containers.join(', ') || '-'}`,
});
