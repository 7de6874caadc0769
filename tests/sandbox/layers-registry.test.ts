/**
 * /layers, /volumes, /volume, /networks, /network and /registry against real parts: podman serving the Docker API
 * (a two-layer image built from a FROM scratch Dockerfile, its linux/arm64 twin, a labelled volume and network and a
 * container using both) and Debian's docker-registry, to which the test pushes the image, eleven more repositories
 * and a multi-platform index. Recording proxies in front of both prove that only GETs reach them.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, runAutocomplete, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import type { Reply } from '../../src/core/reply.js';
import { translator } from '../../src/i18n/index.js';
import { createSandboxClient } from '../../src/sandbox/client.js';
import { registryFromConfig } from '../../src/sandbox/registry.js';
import { createSandbox } from '../../src/sandbox/service.js';
import { runCliCaptured } from '../support/cli.js';
import { testEnv, type TestEnv } from '../support/context.js';
import {
  BIG_FILE_BYTES,
  LAYERS_ARM_IMAGE,
  LAYERS_IMAGE,
  podmanOrSkip,
  seedStudyResources,
  startPodman,
  STUDY_CONTAINER,
  STUDY_NETWORK,
  STUDY_SUBNET,
  STUDY_VOLUME,
  type PodmanEngine,
} from '../support/podman.js';
import { registryOrSkip, startRegistry, type LocalRegistry } from '../support/registry.js';
import { notesFixture } from './notesFixture.js';

const podman = podmanOrSkip();
const reg = registryOrSkip();
const commands = createRegistry(sandboxCommands as Command[], sandboxComponents);
const ko = translator('ko');

/** Written apart from src/sandbox/guard.ts, so the test does not trust the code it checks. */
const ENGINE_READ_ONLY =
  /^\/(v\d+\.\d+\/)?(_ping|version|images\/json|containers\/json(\?all=true)?|volumes|networks|images\/[a-z0-9._/:@-]+\/(json|history)|containers\/[a-zA-Z0-9_.-]+\/json|volumes\/[a-zA-Z0-9_.-]+|networks\/[a-zA-Z0-9_.-]+)$/;
const REGISTRY_READ_ONLY =
  /^\/v2\/(|_catalog\?n=\d+(&last=[\w.%-]+)?|[a-z0-9._/-]+\/(tags\/list\?n=\d+|manifests\/[\w.:-]+|blobs\/sha256:[a-f0-9]{64}))$/;

const byName = (reply: Reply) => new Map((reply.embeds?.[0]?.fields ?? []).map((f) => [f.name, f.value]));

describe.skipIf(podman.skip || reg.skip)(
  'layers, volumes, networks and a real registry (podman + docker-registry)',
  () => {
    let engine: PodmanEngine;
    let registry: LocalRegistry;
    let env: TestEnv;
    let imageId: string;
    let engineProxy: http.Server;
    let registryProxy: http.Server;
    let proxyUrl: string;
    const engineReached: { method: string; url: string }[] = [];
    const registryReached: { method: string; url: string }[] = [];
    const EXTRA_REPOS = 11; // with study/layers and study/multi: 13 repositories, two pages of ten

    const ref = (repo: string) => `${registry.host}/${repo}`;
    const push = (image: string, repo: string) =>
      engine.podman('push', '--tls-verify=false', '--quiet', image, `docker://${ref(repo)}`);

    beforeAll(async () => {
      if (podman.missing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
      if (reg.missing) throw new Error('docker-registry is required when CI=true (apt-get install -y docker-registry)');
      [engine, registry] = await Promise.all([startPodman(), startRegistry()]);
      ({ imageId } = await seedStudyResources(engine));
      await push(LAYERS_IMAGE, 'study/layers:1.0');
      for (let i = 0; i < EXTRA_REPOS; i++) await push(LAYERS_IMAGE, `page/repo-${String(i).padStart(2, '0')}:v${i}`);
      await engine.podman('manifest', 'create', 'localhost/studybot-multi:1.0');
      await engine.podman('manifest', 'add', 'localhost/studybot-multi:1.0', `containers-storage:${LAYERS_IMAGE}`);
      await engine.podman('manifest', 'add', 'localhost/studybot-multi:1.0', `containers-storage:${LAYERS_ARM_IMAGE}`);
      await engine.podman(
        'manifest',
        'push',
        '--all',
        '--tls-verify=false',
        '--quiet',
        'localhost/studybot-multi:1.0',
        `docker://${ref('study/multi:1.0')}`,
      );
      // The engine pulls the two-layer image back, so its RepoDigests name the registry's digest.
      await engine.podman('pull', '--tls-verify=false', '--quiet', ref('study/layers:1.0'));

      // Recording proxies: every request that reaches the engine or the registry is kept.
      const engineSocket = path.join(engine.dir, 'proxy.sock');
      engineProxy = http.createServer((req, res) => {
        engineReached.push({ method: req.method ?? '', url: req.url ?? '' });
        const up = http.request({
          socketPath: engine.socketPath,
          method: req.method,
          path: req.url,
          headers: req.headers,
        });
        up.on('response', (r) => (res.writeHead(r.statusCode ?? 502, r.headers), r.pipe(res)));
        up.on('error', () => res.destroy());
        req.pipe(up);
      });
      registryProxy = http.createServer((req, res) => {
        registryReached.push({ method: req.method ?? '', url: req.url ?? '' });
        const up = http.request(`${registry.url}${req.url ?? '/'}`, { method: req.method, headers: req.headers });
        up.on('response', (r) => (res.writeHead(r.statusCode ?? 502, r.headers), r.pipe(res)));
        up.on('error', () => res.destroy());
        req.pipe(up);
      });
      await new Promise<void>((resolve) => engineProxy.listen(engineSocket, resolve));
      await new Promise<void>((resolve) => registryProxy.listen(0, '127.0.0.1', resolve));
      const address = registryProxy.address();
      proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

      env = testEnv({ notes: notesFixture({}, true).index });
      env.services.sandbox = createSandbox(createSandboxClient({ socketPath: engineSocket }), {
        clock: env.clock,
        limit: 1000,
      });
      // The registry is reached directly (its host is what references name); the proxy session is the last test.
      env.services.registry = registryFromConfig(
        { SANDBOX_REGISTRY_URL: registry.url },
        { clock: env.clock, limit: 1000 },
      );
    });

    afterAll(async () => {
      for (const server of [engineProxy, registryProxy]) {
        server?.closeAllConnections();
        await new Promise((r) => (server ? server.close(r) : r(undefined)));
      }
      env?.cleanup();
      await Promise.all([engine?.stop(), registry?.stop()]);
    });

    it('/layers lists each build step with its size, empty steps, diff ids, sharing and a chart', async () => {
      const reply = await runCommand(commands, env.ctx(), { name: 'layers', options: { image: LAYERS_IMAGE } });
      const embed = reply.embeds?.[0];
      expect(embed?.title).toBe(ko('sandbox.layers.title', { name: LAYERS_IMAGE }));
      const lines = (embed?.description ?? '').split('\n').filter((l) => /^\*\*\d+\.\*\*/.test(l));
      expect(lines).toHaveLength(4);
      expect(lines[0]).toContain('`COPY file:');
      expect(lines[0]).toContain('in /a.txt`');
      expect(lines[1]).toContain('in /data/b.bin`');
      expect(lines[1]).toContain(ko('sandbox.layers.largest'));
      expect(lines[2]).toContain('`ENV STAGE=study`');
      expect(lines[2]).toContain(ko('sandbox.layers.emptyRow'));
      expect(lines[3]).toContain('`CMD ["/a.txt"]`');
      // The arm64 build copied the same first file: that layer (same diff id) is shared with it. The second differs
      // (its /data folder was made at another time), so it is not.
      const shared = `\n\u3000↳ ${ko('sandbox.layers.sharedRow', { images: LAYERS_ARM_IMAGE })}`;
      expect(embed?.description).toContain(`${lines[0]}${shared}`);
      expect(embed?.description).not.toContain(`${lines[1]}${shared}`);
      const fields = byName(reply);
      expect(fields.get(ko('sandbox.layers.total'))).toContain('파일 시스템 레이어 2개 / 단계 4개');
      expect(fields.get(ko('sandbox.layers.shared'))).toContain('레이어 1개');
      expect(fields.get(ko('sandbox.layers.shared'))).toContain('다른 이미지 1개');
      // The notes' sections on a layer, copy-on-write and the build cache, found through the knowledge base.
      const notes = fields.get(ko('sandbox.notes.field')) ?? '';
      expect(notes).toContain('레이어');
      expect(notes).toContain('Copy-on-Write');
      expect(notes).toContain('빌드 캐시');
      expect(reply.buttons?.[0]).toHaveLength(3);
      const [chart, json] = reply.files ?? [];
      expect(embed?.image).toBe(chart?.name);
      expect(chart?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const parsed = JSON.parse(json!.data.toString()) as { layers: { diffId: string | null; size: number }[] };
      const rootfs = JSON.parse(
        await engine.podman('image', 'inspect', '--format', '{{json .RootFS.Layers}}', LAYERS_IMAGE),
      );
      expect(parsed.layers.map((l) => l.diffId)).toEqual([...(rootfs as string[]), null, null]);
      expect(parsed.layers[1]!.size).toBeGreaterThan(BIG_FILE_BYTES);
    });

    it("the CLI prints the layers in the issue's JSON shape and exits 2 on a bad name", async () => {
      const vars = { DOCKER_SANDBOX_HOST: `unix://${engine.socketPath}`, SANDBOX_REGISTRY_URL: registry.url };
      const out = await withEnv(vars, () => runCliCaptured(['layers', LAYERS_IMAGE, '--json']));
      expect(out.code).toBe(0);
      const json = JSON.parse(out.out) as Record<string, unknown> & { layers: Record<string, unknown>[] };
      expect(Object.keys(json)).toEqual(['image', 'id', 'layers', 'totalSize']);
      expect(json.id).toBe(`sha256:${imageId.replace(/^sha256:/, '')}`);
      expect(json.layers.map((l) => Object.keys(l))).toEqual(Array(4).fill(['createdBy', 'size', 'empty', 'diffId']));
      expect(json.layers.map((l) => l.empty)).toEqual([false, false, true, true]);
      expect(json.totalSize).toBe(json.layers.reduce((s, l) => s + (l.size as number), 0));
      const bad = await withEnv(vars, () => runCliCaptured(['layers', 'Bad//Name']));
      expect(bad.code).toBe(2);
      expect(bad.out).toBe('');
      const missing = await withEnv(vars, () => runCliCaptured(['layers', 'localhost/nope:1']));
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('no image');

      const volumes = await withEnv(vars, () => runCliCaptured(['volumes', '--json']));
      expect(JSON.parse(volumes.out)).toEqual([
        {
          name: STUDY_VOLUME,
          driver: 'local',
          scope: 'local',
          mountpoint: '(hidden)',
          createdAt: expect.any(String),
          labels: { purpose: 'study', backup: '(hidden)' },
          usedBy: [STUDY_CONTAINER],
        },
      ]);
      const networks = JSON.parse((await withEnv(vars, () => runCliCaptured(['networks', '--json']))).out) as {
        name: string;
      }[];
      expect(networks.find((n) => n.name === STUDY_NETWORK)).toEqual({
        name: STUDY_NETWORK,
        id: expect.stringMatching(/^[a-f0-9]{64}$/),
        driver: 'bridge',
        scope: 'local',
        internal: false,
        subnets: [{ subnet: STUDY_SUBNET, gateway: '10.89.77.1' }],
        labels: { team: 'study', compose: '(hidden)' },
        containers: [STUDY_CONTAINER],
      });
      expect((await withEnv(vars, () => runCliCaptured(['volumes', '../x']))).code).toBe(2);

      const reg = await withEnv(vars, () => runCliCaptured(['registry', ref('study/layers:1.0'), '--json']));
      expect(reg.code).toBe(0);
      const r = JSON.parse(reg.out) as Record<string, unknown>;
      expect(Object.keys(r)).toEqual(['registry', 'repository', 'tag', 'digest', 'mediaType', 'platforms', 'layers']);
      expect(r).toMatchObject({ registry: registry.host, repository: 'study/layers', tag: '1.0' });
      expect(r.digest).toBe(await registryDigest('study/layers', '1.0'));
      expect((r.layers as unknown[]).length).toBe(2);
      expect((await withEnv(vars, () => runCliCaptured(['registry', 'Bad::ref']))).code).toBe(2);
      expect((await withEnv(vars, () => runCliCaptured(['registry', 'other.example.com/x:1']))).code).toBe(2);
    });

    it('/volumes and /volume show the driver, a masked mountpoint and labels, and the container using it', async () => {
      const list = await runCommand(commands, env.ctx(), { name: 'volumes', options: {} });
      expect(list.embeds?.[0]?.description).toContain(`\`${STUDY_VOLUME}\` · local · 사용: ${STUDY_CONTAINER}`);
      const reply = await runCommand(commands, env.ctx(), { name: 'volume', options: { name: STUDY_VOLUME } });
      const fields = byName(reply);
      expect(fields.get('Driver')).toContain('`local`');
      expect(fields.get('Mountpoint')).toContain('`(hidden)`');
      expect(fields.get('Labels')).toContain('backup=(hidden)');
      expect(fields.get('Labels')).toContain('purpose=study');
      expect(fields.get(ko('sandbox.volume.field.usedBy'))).toContain(STUDY_CONTAINER);
      expect(fields.get(ko('sandbox.notes.field'))).toContain('도커 볼륨');
      const file = reply.files?.[0]?.data.toString() ?? '';
      expect(file).not.toContain(engine.dir);
      expect(file).not.toContain('/home/alice');
      const missing = await runCommand(commands, env.ctx(), { name: 'volume', options: { name: 'nope' } });
      expect(missing).toEqual({ content: ko('sandbox.error.notFoundVolume', { name: 'nope' }), ephemeral: true });
      const choices = await runAutocomplete(
        commands,
        env.ctx(),
        { name: 'volume', options: {} },
        { name: 'name', value: 'study' },
      );
      expect(choices.map((c) => c.value)).toEqual([STUDY_VOLUME]);
    });

    it('/networks and /network show the driver, subnet and gateway, labels masked and attached containers', async () => {
      const list = await runCommand(commands, env.ctx({ locale: 'en' }), { name: 'networks', options: {} });
      expect(list.embeds?.[0]?.description).toContain(`\`${STUDY_NETWORK}\` · bridge · ${STUDY_SUBNET} · 1 containers`);
      const reply = await runCommand(commands, env.ctx(), { name: 'network', options: { name: STUDY_NETWORK } });
      const fields = byName(reply);
      expect(fields.get('Driver')).toContain(ko('sandbox.network.driver.bridge'));
      expect(fields.get(ko('sandbox.network.field.subnets'))).toContain(`${STUDY_SUBNET} · 게이트웨이 10.89.77.1`);
      expect(fields.get('Labels')).toContain('compose=(hidden)');
      expect(fields.get(ko('sandbox.network.field.containers'))).toContain(STUDY_CONTAINER);
      expect(fields.get(ko('sandbox.notes.field'))).toContain('도커 네트워크');
      const bad = await runCommand(commands, env.ctx(), { name: 'network', options: { name: '../containers/x' } });
      expect(bad.ephemeral).toBe(true);
    });

    it('/registry lists the repositories with their tags, paged with buttons', async () => {
      const first = await runCommand(commands, env.ctx(), { name: 'registry', options: {} });
      const text = first.embeds?.[0]?.description ?? '';
      expect(text.match(/^• /gm)).toHaveLength(10);
      expect(text).toContain('• **page/repo-00** — `v0`');
      const next = first.buttons?.[0]?.[1];
      expect(next?.disabled).toBe(false);
      const second = await runComponent(commands, env.ctx(), next!.customId!);
      expect(second.update).toBe(true);
      const rest = second.embeds?.[0]?.description ?? '';
      expect(rest).toContain('• **study/layers** — `1.0`');
      expect(rest).toContain('• **study/multi** — `1.0`');
      expect(rest.match(/^• /gm)).toHaveLength(3);
      expect(second.buttons?.[0]?.[1]?.disabled).toBe(true);
    });

    it('/registry <reference> follows the naming rule to the digest, the layers and the local image', async () => {
      const reply = await runCommand(commands, env.ctx(), {
        name: 'registry',
        options: { reference: ref('study/layers:1.0') },
      });
      const fields = byName(reply);
      expect(fields.get('레지스트리 주소')).toBe(`\`${registry.host}\``);
      expect(fields.get('프로젝트명')).toBe('`study`');
      expect(fields.get('이미지명')).toBe('`layers`');
      expect(fields.get('이미지 태그')).toBe('`1.0`');
      const digest = await registryDigest('study/layers', '1.0');
      expect(fields.get(ko('sandbox.registry.step.digest'))).toContain(`\`1.0\` → \`${digest}\``);
      expect(fields.get(ko('sandbox.registry.step.platform'))).toContain('`linux/amd64`');
      const layers = [...fields.entries()].find(([k]) => k.startsWith('③'))?.[1] ?? '';
      expect(layers.match(/^\d\. `sha256:[a-f0-9]{12}…` · /gm)).toHaveLength(2);
      expect(fields.get(ko('sandbox.registry.step.config'))).toContain(imageId.replace(/^sha256:/, '').slice(0, 12));
      expect(fields.get(ko('sandbox.registry.step.local'))).toContain('✅');
      expect(fields.get(ko('sandbox.registry.step.local'))).toContain('digest가 같아요');

      // A reference without the registry is read against the configured one.
      const short = await runCommand(commands, env.ctx({ locale: 'en' }), {
        name: 'registry',
        options: { reference: 'study/multi:1.0' },
      });
      const multi = byName(short);
      const platforms = multi.get('② Platforms (2)') ?? '';
      expect(platforms).toContain('linux/amd64 → sha256:');
      expect(platforms).toContain('linux/arm64 → sha256:');
      expect(multi.get('① Tag → digest')).toContain(await registryDigest('study/multi', '1.0'));
      expect(multi.get('① Tag → digest')).toContain('OCI image index');
      // Not pulled under that name, but its amd64 manifest is the one the local two-layer image was pulled by.
      expect(multi.get("⑤ Compared with the sandbox engine's image")).toContain(
        `✅ The sandbox's \`${ref('study/layers:1.0')}\` has the registry's digest`,
      );

      // A local image of the same name that is another image: the digests differ.
      await engine.podman('tag', LAYERS_ARM_IMAGE, ref('page/repo-00:v0'));
      const differs = await runCommand(commands, env.ctx(), {
        name: 'registry',
        options: { reference: ref('page/repo-00:v0') },
      });
      expect(byName(differs).get(ko('sandbox.registry.step.local'))).toContain('⚠️');

      const other = await runCommand(commands, env.ctx(), {
        name: 'registry',
        options: { reference: 'quay.io/x/y:1' },
      });
      expect(other.ephemeral).toBe(true);
      expect(other.content).toContain(registry.host);
      const absent = await runCommand(commands, env.ctx(), {
        name: 'registry',
        options: { reference: 'study/none:1' },
      });
      expect(absent.content).toBe(ko('sandbox.registry.error.notFound', { name: 'study/none:1' }));

      // /imageref points at /registry for a name in the configured registry.
      const imageref = await runCommand(commands, env.ctx(), {
        name: 'imageref',
        options: { reference: ref('study/layers:1.0') },
      });
      expect(byName(imageref).get(ko('sandbox.registry.hintField'))).toContain(`/registry ${ref('study/layers:1.0')}`);
    });

    it('only GETs reach the engine and the registry, whatever is asked', async () => {
      env.services.registry = registryFromConfig({ SANDBOX_REGISTRY_URL: proxyUrl }, { clock: env.clock, limit: 1000 });
      const ctx = env.ctx();
      const run = (name: string, options: Record<string, string>) => runCommand(commands, ctx, { name, options });
      const proxied = (repo: string) => `${new URL(proxyUrl).host}/${repo}`;
      const replies = [
        await run('layers', { image: LAYERS_IMAGE }),
        await run('layers', { image: '../containers/x/kill' }),
        await run('volumes', {}),
        await run('volume', { name: STUDY_VOLUME }),
        await run('volume', { name: 'x/../../containers/create' }),
        await run('networks', {}),
        await run('network', { name: STUDY_NETWORK }),
        await run('registry', {}),
        await run('registry', { reference: proxied('study/layers:1.0') }),
        await run('registry', { reference: proxied('study/multi:1.0') }),
        await run('registry', { reference: `${proxied('study/layers')}@sha256:${'0'.repeat(64)}` }),
      ];
      expect(replies[0]?.embeds?.[0]?.title).toContain(LAYERS_IMAGE);
      expect(replies[8]?.embeds?.[0]?.fields?.length).toBeGreaterThan(5);
      await runComponent(commands, ctx, 'v1:sandbox.registry:1');
      const d = env.services.sandbox!.client.docker;
      const attempts = await Promise.allSettled([
        d.createVolume({ Name: 'evil' }),
        d.getVolume(STUDY_VOLUME).remove(),
        d.createNetwork({ Name: 'evil' }),
        d.getNetwork(STUDY_NETWORK).remove(),
        d.getNetwork(STUDY_NETWORK).connect({ Container: STUDY_CONTAINER }),
        d.pruneVolumes(),
        d.pruneNetworks(),
        d.getImage(LAYERS_IMAGE).push({}),
      ]);
      expect(attempts.every((r) => r.status === 'rejected')).toBe(true);

      expect(engineReached.some((r) => r.url.endsWith('/history'))).toBe(true);
      expect(engineReached.some((r) => r.url.endsWith(`/volumes/${STUDY_VOLUME}`))).toBe(true);
      expect(engineReached.some((r) => r.url.endsWith(`/networks/${STUDY_NETWORK}`))).toBe(true);
      for (const r of engineReached) {
        expect(r.method).toBe('GET');
        expect(r.url).toMatch(ENGINE_READ_ONLY);
      }
      expect(registryReached.some((r) => r.url.includes('/manifests/'))).toBe(true);
      expect(registryReached.some((r) => r.url.includes('/blobs/'))).toBe(true);
      for (const r of registryReached) {
        expect(r.method).toBe('GET');
        expect(r.url).toMatch(REGISTRY_READ_ONLY);
      }
      // Nothing changed on either side.
      expect(await engine.podman('volume', 'ls', '--format', '{{.Name}}')).toBe(STUDY_VOLUME);
      expect((await engine.podman('network', 'ls', '--format', '{{.Name}}')).split('\n').sort()).toEqual(
        ['podman', STUDY_NETWORK].sort(),
      );
      const catalog = (await (await fetch(`${registry.url}/v2/_catalog?n=100`)).json()) as { repositories: string[] };
      expect(catalog.repositories).toHaveLength(EXTRA_REPOS + 2);
    });

    /** The digest the registry itself names for a tag (its Docker-Content-Digest), checked against the bytes. */
    async function registryDigest(repo: string, tag: string): Promise<string> {
      const res = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, {
        headers: {
          accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json',
        },
      });
      const body = Buffer.from(await res.arrayBuffer());
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      expect(res.headers.get('docker-content-digest')).toBe(digest);
      return digest;
    }
  },
);

async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
