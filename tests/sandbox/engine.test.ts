/**
 * /inspect image, /inspect container and /images against a real engine (podman's Docker API), through the
 * sandbox client (dockerode), the dispatcher and the CLI.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { createRegistry, runAutocomplete, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import { notesFixture } from './notesFixture.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/service.js';
import { createSandboxClient } from '../../src/sandbox/client.js';
import { testEnv, type TestEnv } from '../support/context.js';
import {
  podmanOrSkip,
  seedTinyImage,
  startPodman,
  TINY_CONTAINER,
  TINY_IMAGE,
  type PodmanEngine,
} from '../support/podman.js';

const { skip, missing } = podmanOrSkip();
const registry = createRegistry(sandboxCommands as Command[], sandboxComponents);

describe.skipIf(skip)('sandbox against a real engine (podman)', () => {
  let engine: PodmanEngine;
  let seeded: { imageId: string; containerId: string };
  let env: TestEnv;
  let sandbox: Sandbox;

  beforeAll(async () => {
    if (missing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
    engine = await startPodman();
    seeded = await seedTinyImage(engine);
    env = testEnv({ notes: notesFixture().index });
    sandbox = createSandbox(createSandboxClient({ socketPath: engine.socketPath }), { clock: env.clock });
    env.services.sandbox = sandbox;
  });

  afterAll(async () => {
    env?.cleanup();
    await engine?.stop();
  });

  it('reads the imported image through dockerode: CMD, ENV, layers', async () => {
    const info = await sandbox.client.inspectImage(TINY_IMAGE);
    expect(info.Id).toContain(seeded.imageId.replace(/^sha256:/, '').slice(0, 12));
    expect(info.Config.Cmd).toEqual(['/bin/hello']);
    expect(info.Config.Env).toEqual(['GREETING=•••']); // the sandbox's client masks Env values (mask.ts)
    expect(info.RootFS.Layers?.length).toBe(1);
    const containers = await sandbox.client.listContainers();
    expect(containers.map((c) => c.State)).toEqual(['created']);
  });

  it('/inspect image teaches each field and attaches the full JSON', async () => {
    const reply = await runCommand(registry, env.ctx(), {
      name: 'inspect',
      subcommand: 'image',
      options: { name: TINY_IMAGE },
    });
    const embed = reply.embeds?.[0];
    expect(embed?.title).toContain(TINY_IMAGE);
    const byName = new Map(embed?.fields?.map((f) => [f.name, f.value]));
    expect(byName.get('Id')).toContain(seeded.imageId.replace(/^sha256:/, '').slice(0, 12));
    expect(byName.get('Env')).toContain('GREETING=•••');
    expect(byName.get('Cmd')).toContain('["/bin/hello"]');
    expect(byName.get('WorkingDir')).toContain('/srv');
    expect(byName.get('ExposedPorts')).toContain('8080/tcp');
    expect(byName.get('Labels')).toContain('org.opencontainers.image.title=tiny');
    expect(byName.get('RootFS.Layers (1개)')).toMatch(/`[0-9a-f]{12}`/);
    expect(byName.get('Architecture / Os')).toMatch(/\/linux/);
    expect(byName.get('📖 노트에서 더 보기')).toContain('이미지의 메타데이터');
    const file = reply.files?.[0];
    expect(JSON.parse(file!.data.toString()).Config.Cmd).toEqual(['/bin/hello']);
    expect(file!.data.toString()).not.toContain(engine.dir);
  });

  it('/inspect container maps State.Status "created" onto the lifecycle', async () => {
    const reply = await runCommand(registry, env.ctx({ locale: 'en' }), {
      name: 'inspect',
      subcommand: 'container',
      options: { name: TINY_CONTAINER },
    });
    const byName = new Map(reply.embeds?.[0]?.fields?.map((f) => [f.name, f.value]));
    expect(byName.get('State.Status')).toContain('**created**');
    expect(byName.get('Resources used')).toBe('CPU — · Memory — · Storage ✅');
    expect(byName.get('Image')).toContain(TINY_IMAGE);
    expect(byName.get('📖 More in the notes')).toContain('컨테이너의 라이프 사이클');
    expect(reply.files?.[0]?.data.toString()).not.toContain(engine.dir);
  });

  it('/images lists the image and autocomplete offers its tag and the container', async () => {
    const reply = await runCommand(registry, env.ctx({ user: { id: 'u2', name: 'm2' } }), {
      name: 'images',
      options: {},
    });
    expect(reply.embeds?.[0]?.description).toContain(TINY_IMAGE);
    const imageChoices = await runAutocomplete(
      registry,
      env.ctx(),
      { name: 'inspect', subcommand: 'image', options: {} },
      { name: 'name', value: 'tiny' },
    );
    expect(imageChoices.map((c) => c.value)).toEqual([TINY_IMAGE]);
    const containerChoices = await runAutocomplete(
      registry,
      env.ctx(),
      { name: 'inspect', subcommand: 'container', options: {} },
      { name: 'name', value: '' },
    );
    expect(containerChoices.map((c) => c.value)).toEqual([TINY_CONTAINER]);
    const page = await runComponent(registry, env.ctx(), 'v1:sandbox.images:0');
    expect(page.update).toBe(true);
    expect(page.embeds?.[0]?.description).toContain(TINY_IMAGE);
  });

  it('an unknown image answers "not found" in the member\'s language', async () => {
    const reply = await runCommand(registry, env.ctx({ user: { id: 'u3', name: 'm3' } }), {
      name: 'inspect',
      subcommand: 'image',
      options: { name: 'localhost/nope:1' },
    });
    expect(reply).toEqual({
      content: '샌드박스에 `localhost/nope:1` 이미지가 없어요. `/images`로 목록을 확인해 보세요.',
      ephemeral: true,
    });
  });

  it("the CLI prints the issue's JSON shapes for inspect image and images", async () => {
    const cli = async (...argv: string[]) => cliWith({}, ...argv);
    const cliWith = async (extraEnv: Record<string, string>, ...argv: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (d: Buffer) => void (out += d.toString()));
      const vars = { DOCKER_SANDBOX_HOST: `unix://${engine.socketPath}`, ...extraEnv };
      const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
      Object.assign(process.env, vars);
      try {
        const code = await runCli(argv, { stdin: new PassThrough(), stdout, stderr });
        return { code, out };
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    };
    const inspect = await cli('inspect', 'image', TINY_IMAGE, '--json');
    expect(inspect.code).toBe(0);
    const json = JSON.parse(inspect.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'id',
      'repoTags',
      'created',
      'size',
      'architecture',
      'os',
      'env',
      'cmd',
      'entrypoint',
      'layers',
    ]);
    expect(json).toMatchObject({
      repoTags: [TINY_IMAGE],
      os: 'linux',
      env: ['GREETING=•••'],
      cmd: ['/bin/hello'],
      entrypoint: null,
    });
    const shown = await cliWith({ DOCKER_SANDBOX_SHOW_ENV: 'true' }, 'inspect', 'image', TINY_IMAGE, '--json');
    expect((JSON.parse(shown.out) as { env: string[] }).env).toEqual(['GREETING=hello']);
    const images = await cli('images', '--json');
    expect(images.code).toBe(0);
    const rows = JSON.parse(images.out) as { id: string; repoTags: string[] }[];
    expect(rows.map((r) => r.repoTags)).toEqual([[TINY_IMAGE]]);
  });
});
