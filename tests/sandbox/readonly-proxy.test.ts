/**
 * A recording proxy between dockerode and podman's socket: during a full session of commands, including attempts
 * to make the engine do more, only GETs on the eleven read-only endpoints reach the engine, and nothing changes.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, runAutocomplete, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import { createSandboxClient } from '../../src/sandbox/client.js';
import { createSandbox } from '../../src/sandbox/service.js';
import { testEnv, type TestEnv } from '../support/context.js';
import {
  podmanOrSkip,
  seedTinyImage,
  startPodman,
  TINY_CONTAINER,
  TINY_IMAGE,
  type PodmanEngine,
} from '../support/podman.js';
import { notesFixture } from './notesFixture.js';

const { skip, missing } = podmanOrSkip();
const registry = createRegistry(sandboxCommands as Command[], sandboxComponents);

/** Written independently of src/sandbox/guard.ts, so this test does not trust the code it checks. */
const READ_ONLY =
  /^\/(v\d+\.\d+\/)?(_ping|version|images\/json|containers\/json(\?all=true)?|volumes|networks|images\/[a-z0-9._/:-]+\/(json|history)|containers\/[a-zA-Z0-9_.-]+\/json|volumes\/[a-zA-Z0-9_.-]+|networks\/[a-zA-Z0-9_.-]+)$/;

describe.skipIf(skip)('read-only proxy session against podman', () => {
  let engine: PodmanEngine;
  let proxy: http.Server;
  let env: TestEnv;
  const reached: { method: string; url: string }[] = [];

  beforeAll(async () => {
    if (missing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
    engine = await startPodman();
    await seedTinyImage(engine);
    const proxySocket = path.join(engine.dir, 'proxy.sock');
    proxy = http.createServer((req, res) => {
      reached.push({ method: req.method ?? '', url: req.url ?? '' });
      const upstream = http.request(
        { socketPath: engine.socketPath, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(proxySocket, resolve));
    env = testEnv({ notes: notesFixture().index });
    env.services.sandbox = createSandbox(createSandboxClient({ socketPath: proxySocket }), {
      clock: env.clock,
      limit: 100,
    });
  });

  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    env?.cleanup();
    await engine?.stop();
  });

  it('lets only GETs on the allowed endpoints through, whatever is asked', async () => {
    const ctx = env.ctx();
    const sandbox = env.services.sandbox!;
    await runAutocomplete(
      registry,
      ctx,
      { name: 'inspect', subcommand: 'image', options: {} },
      { name: 'name', value: '' },
    );
    await runAutocomplete(
      registry,
      ctx,
      { name: 'inspect', subcommand: 'container', options: {} },
      { name: 'name', value: '' },
    );
    const replies = [
      await runCommand(registry, ctx, { name: 'inspect', subcommand: 'image', options: { name: TINY_IMAGE } }),
      await runCommand(registry, ctx, { name: 'inspect', subcommand: 'container', options: { name: TINY_CONTAINER } }),
      await runCommand(registry, ctx, { name: 'images', options: {} }),
      await runComponent(registry, ctx, 'v1:sandbox.images:1'),
      await runCommand(registry, ctx, { name: 'imageref', options: { reference: TINY_IMAGE } }),
      await runCommand(registry, ctx, { name: 'layers', options: { image: TINY_IMAGE } }),
      await runCommand(registry, ctx, { name: 'volumes', options: {} }),
      await runCommand(registry, ctx, { name: 'networks', options: {} }),
      await runCommand(registry, ctx, { name: 'network', options: { name: 'podman' } }),
      await runCommand(registry, ctx, { name: 'volume', options: { name: 'nope' } }),
      // Names that try to walk to other endpoints.
      await runCommand(registry, ctx, {
        name: 'inspect',
        subcommand: 'image',
        options: { name: '../containers/x/kill' },
      }),
      await runCommand(registry, ctx, {
        name: 'inspect',
        subcommand: 'container',
        options: { name: `${TINY_CONTAINER}/../kill` },
      }),
      await runCommand(registry, ctx, { name: 'inspect', subcommand: 'image', options: { name: 'a%2F..%2Fkill' } }),
    ];
    expect(replies[0]?.embeds?.[0]?.title).toContain(TINY_IMAGE);
    expect(replies[1]?.embeds?.[0]?.fields?.[0]?.value).toContain('created');
    expect(replies[5]?.embeds?.[0]?.title).toContain(TINY_IMAGE);
    expect(replies[8]?.embeds?.[0]?.title).toContain('podman');
    expect(replies.slice(9).every((r) => r.ephemeral === true)).toBe(true);

    const d = sandbox.client.docker;
    const attempts = [
      d.createContainer({ Image: TINY_IMAGE, name: 'evil' }),
      d.getContainer(TINY_CONTAINER).start(),
      d.getContainer(TINY_CONTAINER).remove({ force: true }),
      d.getContainer(TINY_CONTAINER).exec({ Cmd: ['/bin/hello'] }),
      d.getImage(TINY_IMAGE).remove({ force: true }),
      d.getImage(TINY_IMAGE).tag({ repo: 'localhost/evil', tag: 'x' }),
      d.buildImage(Buffer.alloc(1024) as never, { t: 'evil' }),
      d.pruneContainers(),
      d.createVolume({ Name: 'evil' }),
      d.getVolume('evil').remove(),
      d.createNetwork({ Name: 'evil' }),
      d.getNetwork('podman').remove(),
      d.pruneVolumes(),
      d.pruneNetworks(),
    ];
    const results = await Promise.allSettled(attempts);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);

    expect(reached.length).toBeGreaterThan(0);
    for (const r of reached) {
      expect(r.method).toBe('GET');
      expect(r.url).toMatch(READ_ONLY);
    }
    // The engine is as it was: one image, one container, still created.
    expect(await engine.podman('ps', '-a', '--format', '{{.Names}} {{.State}}')).toBe(`${TINY_CONTAINER} Created`);
    expect(await engine.podman('images', '--format', '{{.Repository}}:{{.Tag}}')).toBe(TINY_IMAGE);
  });
});
