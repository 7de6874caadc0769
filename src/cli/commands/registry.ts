/** `cli registry [<reference>] [--json]`: the configured registry (SANDBOX_REGISTRY_URL), read-only. */
import { systemClock } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import { resolveReference } from '../../commands/registry.js';
import { translator } from '../../i18n/index.js';
import { platformName, registryFromConfig, resolutionJson, CATALOG_PAGE_SIZE } from '../../sandbox/registry.js';
import { withSandboxErrors } from '../../sandbox/userError.js';
import { CliUsageError, writeLine, type CliCommand } from '../types.js';
import { parseCli } from './sandboxCli.js';

export const registryCli: CliCommand = {
  name: 'registry',
  usage: ['registry [<reference>] [--json]'],
  async run(argv, io) {
    const { positionals, json } = parseCli(argv);
    const [input, ...extra] = positionals;
    if (extra.length > 0) throw new CliUsageError('usage: registry [<reference>] [--json]');
    const registry = registryFromConfig(io.config, { clock: systemClock });
    if (!registry) throw new UserError('sandbox.registry.off');
    if (input === undefined) {
      // Every page of the catalog (bounded by MAX_CATALOG_PAGES), each repository with its tags.
      const repos: { repository: string; tags: string[] }[] = [];
      await withSandboxErrors({ kind: 'registry', name: registry.host }, async () => {
        for (let page = 0; ; page++) {
          const listed = await registry.catalogPage(page);
          if (listed.page !== page) break;
          for (const repository of listed.repositories)
            repos.push({ repository, tags: (await registry.client.tags(repository)).tags });
          if (!listed.hasNext || listed.repositories.length < CATALOG_PAGE_SIZE) break;
        }
      });
      if (json) writeLine(io.stdout, JSON.stringify({ registry: registry.host, repositories: repos }));
      else for (const r of repos) writeLine(io.stdout, `${registry.host}/${r.repository}  ${r.tags.join(' ') || '-'}`);
      return 0;
    }
    const { res } = await resolveReference(registry, input, translator('en'));
    const out = resolutionJson(res);
    if (json) {
      writeLine(io.stdout, JSON.stringify(out));
      return 0;
    }
    writeLine(io.stdout, `${out.registry}/${out.repository}${out.tag ? `:${out.tag}` : ''}`);
    writeLine(io.stdout, `  digest     ${out.digest}`);
    writeLine(io.stdout, `  mediaType  ${out.mediaType}`);
    for (const p of out.platforms) writeLine(io.stdout, `  platform   ${platformName(p)}  ${p.digest}`);
    for (const l of out.layers) writeLine(io.stdout, `  layer      ${l.digest}  ${l.size}  ${l.mediaType}`);
    return 0;
  },
};
