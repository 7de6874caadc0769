/** Handler-level behaviour of /inspect, /images and /imageref with a stub engine (no podman needed). */
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { IMAGES_PAGE_SIZE, sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import type { SandboxClient } from '../../src/sandbox/client.js';
import { SandboxError } from '../../src/sandbox/errors.js';
import { createSandbox } from '../../src/sandbox/service.js';
import { testEnv, type TestEnv } from '../support/context.js';
import { notesFixture } from './notesFixture.js';

const registry = createRegistry(sandboxCommands as Command[], sandboxComponents);
const DAY = 86_400_000;

function stubClient(overrides: Partial<SandboxClient> = {}, imageCount = 1): SandboxClient & { calls: string[] } {
  const calls: string[] = [];
  const now = Date.UTC(2026, 10, 28, 3, 0, 0);
  const images = Array.from({ length: imageCount }, (_, i) => ({
    Id: `sha256:${String(i).padStart(2, '0')}${'a'.repeat(62)}`,
    RepoTags: [`localhost/img${i}:1`],
    Size: 11_372,
    Created: (now - (i + 1) * DAY) / 1000,
  }));
  return {
    calls,
    docker: null as never,
    ping: async () => void calls.push('ping'),
    listImages: async () => (calls.push('listImages'), images as never),
    listContainers: async () => (calls.push('listContainers'), []),
    inspectImage: async (name) => {
      calls.push(`inspectImage ${name}`);
      return {
        Id: images[0]!.Id,
        RepoTags: [name],
        RepoDigests: [],
        Created: new Date(now - 3 * DAY).toISOString(),
        Size: 11_372,
        Architecture: 'amd64',
        Os: 'linux',
        Config: { Env: ['GREETING=hello'], Cmd: ['/bin/hello'], Entrypoint: null, WorkingDir: '', Labels: null },
        RootFS: { Type: 'layers', Layers: ['sha256:' + 'b'.repeat(64), 'sha256:' + 'c'.repeat(64)] },
        GraphDriver: { Name: 'overlay2', Data: { UpperDir: '/var/lib/docker/overlay2/xyz/diff' } },
      } as never;
    },
    inspectContainer: async (name) => {
      calls.push(`inspectContainer ${name}`);
      return {
        Id: 'c'.repeat(64),
        Name: `/${name}`,
        State: { Status: 'paused' },
        Config: { Image: 'nginx:latest' },
        Image: 'sha256:' + 'd'.repeat(64),
        Created: new Date(now - DAY).toISOString(),
        Mounts: [
          {
            Type: 'volume',
            Name: 'data',
            Source: '/var/lib/docker/volumes/data/_data',
            Destination: '/data',
            RW: true,
          },
        ],
        NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] } },
        LogPath: '/var/lib/docker/containers/ccc/ccc-json.log',
      } as never;
    },
    imageHistory: async (name) => (calls.push(`imageHistory ${name}`), []),
    listVolumes: async () => (calls.push('listVolumes'), []),
    inspectVolume: async (name) => (calls.push(`inspectVolume ${name}`), { Name: name } as never),
    listNetworks: async () => (calls.push('listNetworks'), []),
    inspectNetwork: async (name) => (calls.push(`inspectNetwork ${name}`), { Name: name, Id: name } as never),
    ...overrides,
  };
}

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

function setup(client: SandboxClient | null, notes = notesFixture()) {
  env = testEnv({ notes: notes.index });
  env.services.sandbox = client && createSandbox(client, { clock: env.clock });
  return { env, notes };
}

const inspectImage = (name: string) => ({ name: 'inspect', subcommand: 'image', options: { name } });

describe('sandbox commands', () => {
  it('say the demo is off, and how to turn it on, when no engine is configured', async () => {
    const { env } = setup(null);
    const reply = await runCommand(registry, env.ctx(), inspectImage('nginx'));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('DOCKER_SANDBOX_HOST');
    const en = await runCommand(registry, env.ctx({ locale: 'en' }), { name: 'images', options: {} });
    expect(en.content).toMatch(/^The Docker sandbox demo is off/);
  });

  it("/imageref works with no engine and sits beside the notes' naming rule", async () => {
    const { env, notes } = setup(null);
    const reply = await runCommand(registry, env.ctx(), { name: 'imageref', options: { reference: 'nginx' } });
    const embed = reply.embeds?.[0];
    expect(embed?.description).toContain('${레지스트리주소}/${프로젝트명}/${이미지명}:${이미지태그}');
    expect(embed?.description).toContain('`docker.io/library/nginx:latest`');
    expect(embed?.fields?.map((f) => [f.name, f.value]).slice(0, 4)).toEqual([
      ['레지스트리 주소', '`docker.io` _(생략 → 기본값)_'],
      ['프로젝트명', '`library` _(생략 → 기본값)_'],
      ['이미지명', '`nginx`'],
      ['이미지 태그', '`latest` _(생략 → 기본값)_'],
    ]);
    expect(notes.queries).toContain('이미지 이름 규칙');
    expect(reply.buttons?.[0]?.[0]?.customId).toMatch(/^v1:explain\.open:/);
  });

  it('/imageref explains why a reference is invalid', async () => {
    const { env } = setup(null);
    const ko = await runCommand(registry, env.ctx(), { name: 'imageref', options: { reference: 'Nginx' } });
    expect(ko.embeds?.[0]?.description).toContain('저장소 이름에는 대문자를 쓸 수 없어요');
    const en = await runCommand(registry, env.ctx({ locale: 'en' }), {
      name: 'imageref',
      options: { reference: `a:${'t'.repeat(129)}` },
    });
    expect(en.embeds?.[0]?.description).toContain('tag too long (129 characters, at most 128)');
  });

  it('/inspect image links whatever section the knowledge base answers, not a fixed heading', async () => {
    const { env, notes } = setup(stubClient(), notesFixture({ metadata: '이미지 메타데이터 보는 법' }));
    const reply = await runCommand(registry, env.ctx(), inspectImage('localhost/img0:1'));
    const notesField = reply.embeds?.[0]?.fields?.find((f) => f.name === '📖 노트에서 더 보기');
    expect(notesField?.value).toContain('이미지 메타데이터 보는 법');
    expect(notes.queries.some((q) => q.includes('이미지 메타데이터'))).toBe(true);
  });

  it('/inspect image shows size in human units, created relative and absolute, short layer digests', async () => {
    const { env } = setup(stubClient());
    const reply = await runCommand(registry, env.ctx({ locale: 'en' }), inspectImage('localhost/img0:1'));
    const byName = new Map(reply.embeds?.[0]?.fields?.map((f) => [f.name, f.value]));
    expect(byName.get('Size')).toMatch(/^11\.4 ?kB\n/);
    expect(byName.get('Created')).toMatch(/^3 days ago · 2026-11-25 12:00 \(Asia\/Seoul\)/);
    expect(byName.get('RootFS.Layers (2)')).toContain('`bbbbbbbbbbbb`');
    expect(byName.get('Entrypoint')).toMatch(/^\(none\)/);
    const json = reply.files?.[0]?.data.toString() ?? '';
    expect(json).toContain('GREETING=•••');
    expect(json).not.toContain('GREETING=hello');
    expect(json).not.toContain('/var/lib/docker');
  });

  it('/inspect container places a paused container on the lifecycle: Memory only', async () => {
    const { env } = setup(stubClient());
    const reply = await runCommand(registry, env.ctx(), {
      name: 'inspect',
      subcommand: 'container',
      options: { name: 'web' },
    });
    const byName = new Map(reply.embeds?.[0]?.fields?.map((f) => [f.name, f.value]));
    expect(byName.get('State.Status')).toContain('**paused**');
    expect(byName.get('사용하는 자원')).toBe('CPU — · Memory ✅ · Storage ✅');
    expect(byName.get('Ports')).toContain('0.0.0.0:8080 → 80/tcp');
    expect(byName.get('Mounts')).toContain('volume data → /data');
    expect(reply.files?.[0]?.data.toString()).not.toContain('/var/lib/docker');
  });

  it('rate limits a member to a few inspects a minute, then lets them in again', async () => {
    const client = stubClient();
    const { env } = setup(client);
    for (let i = 0; i < 5; i++)
      expect((await runCommand(registry, env.ctx(), inspectImage('nginx'))).embeds).toBeDefined();
    const limited = await runCommand(registry, env.ctx(), inspectImage('nginx'));
    expect(limited).toEqual({
      content: '조회가 너무 잦아요. 60초 뒤에 다시 시도해 주세요 (한 사람당 1분에 5번).',
      ephemeral: true,
    });
    expect(client.calls.filter((c) => c.startsWith('inspectImage'))).toHaveLength(5);
    const other = await runCommand(registry, env.ctx({ user: { id: 'u2', name: 'm2' } }), inspectImage('nginx'));
    expect(other.embeds).toBeDefined();
    env.clock.advance(60_000);
    expect((await runCommand(registry, env.ctx(), inspectImage('nginx'))).embeds).toBeDefined();
  });

  it.each([
    ['unreachable', '샌드박스 도커 엔진에 연결할 수 없어요'],
    ['timeout', '3초 안에 답하지 않았어요'],
    ['engine', '요청을 처리하지 못했어요'],
  ] as const)('maps an engine that is %s to a clear message', async (code, text) => {
    const { env } = setup(
      stubClient({ inspectImage: () => Promise.reject(new SandboxError(code, '/var/run/docker.sock')) }),
    );
    const reply = await runCommand(registry, env.ctx(), inspectImage('nginx'));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(text);
    expect(reply.content).not.toContain('/var/run');
  });

  it('rejects a bad image name without calling the engine', async () => {
    const client = stubClient();
    const { env } = setup(client);
    const reply = await runCommand(registry, env.ctx(), inspectImage('Bad Name'));
    expect(reply.content).toContain('올바른 이미지 이름이 아니에요');
    expect(client.calls).toEqual([]);
  });

  it('/images pages ten at a time with buttons that edit the message', async () => {
    const client = stubClient({}, 23);
    const { env } = setup(client);
    const first = await runCommand(registry, env.ctx(), { name: 'images', options: {} });
    expect(first.embeds?.[0]?.title).toBe('🐳 샌드박스 이미지 (23개)');
    expect(first.embeds?.[0]?.description?.split('\n')).toHaveLength(IMAGES_PAGE_SIZE);
    expect(first.embeds?.[0]?.description).toContain('localhost/img0:1');
    const [prev, next] = first.buttons?.[0] ?? [];
    expect(prev?.disabled).toBe(true);
    const last = await runComponent(registry, env.ctx(), 'v1:sandbox.images:2');
    expect(last.update).toBe(true);
    expect(last.embeds?.[0]?.description?.split('\n')).toHaveLength(3);
    expect(last.buttons?.[0]?.[1]?.disabled).toBe(true);
    const second = await runComponent(registry, env.ctx(), next!.customId!);
    expect(second.embeds?.[0]?.description).toContain('localhost/img10:1');
    expect(client.calls.filter((c) => c === 'listImages')).toHaveLength(1); // pages reuse the short-lived list
  });
});
