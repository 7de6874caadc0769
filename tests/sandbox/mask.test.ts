/** What members may see of the engine's answers (src/sandbox/mask.ts): Env values masked, host paths hidden. */
import { describe, expect, it } from 'vitest';
import { ENV_MASK, HIDDEN, looksLikeHostPath, maskEngineData, maskEnvEntry } from '../../src/sandbox/mask.js';

describe('maskEnvEntry', () => {
  it('keeps the key and masks the value, whatever the value holds', () => {
    expect(ENV_MASK).toBe('•••');
    expect(maskEnvEntry('POSTGRES_PASSWORD=hunter2')).toBe('POSTGRES_PASSWORD=•••');
    expect(maskEnvEntry('URL=postgres://u:p@db/x?a=b')).toBe('URL=•••');
    expect(maskEnvEntry('EMPTY=')).toBe('EMPTY=•••');
    expect(maskEnvEntry('JUST_A_NAME')).toBe('JUST_A_NAME');
  });
});

describe('looksLikeHostPath', () => {
  it.each([
    '/home/alice/app',
    '/',
    '~/app',
    '~',
    'C:\\Users\\alice\\app',
    'c:/users/alice',
    '\\\\server\\share',
    'file:///home/alice',
    '/home/alice/app/docker-compose.yml,/home/alice/app/docker-compose.override.yml',
    'compose.yml;/home/alice/app/other.yml',
    'built from /srv/build on the host',
    '--config=/etc/app.conf',
  ])('%s is a host path', (value) => expect(looksLikeHostPath(value)).toBe(true));

  it.each(['tiny', '1.0', 'https://github.com/acme/app', 'Alice <alice@example.com>', 'a/b', '', 'sha256:abc'])(
    '%s is not',
    (value) => expect(looksLikeHostPath(value)).toBe(false),
  );
});

const CONTAINER = {
  Id: 'c'.repeat(64),
  LogPath: '/var/lib/containers/storage/ctr.log',
  HostsPath: '',
  GraphDriver: { Name: 'overlay2', Data: { UpperDir: '/var/lib/docker/overlay2/x/diff' } },
  Mounts: [{ Type: 'bind', Source: '/home/alice/data', Destination: '/data' }],
  HostConfig: { Binds: ['/home/alice/data:/data'] },
  Config: {
    Env: ['POSTGRES_PASSWORD=hunter2', 'PATH=/usr/bin'],
    Cmd: ['postgres'],
    Labels: {
      'com.docker.compose.project.working_dir': '/home/alice/app',
      'com.docker.compose.project.config_files': 'docker-compose.yml',
      'com.docker.compose.service': 'db',
      'org.opencontainers.image.source': 'https://github.com/acme/app',
    },
  },
  ContainerConfig: { Env: ['TOKEN=abc'], Labels: null },
};

describe('maskEngineData', () => {
  it('masks every Env list and hides host paths, keeping every key and the rest as it was', () => {
    const out = maskEngineData(CONTAINER) as typeof CONTAINER;
    expect(out.Config.Env).toEqual(['POSTGRES_PASSWORD=•••', 'PATH=•••']);
    expect(out.ContainerConfig).toEqual({ Env: ['TOKEN=•••'], Labels: null });
    expect(out.Config.Labels).toEqual({
      'com.docker.compose.project.working_dir': HIDDEN,
      'com.docker.compose.project.config_files': HIDDEN, // a compose path label, even when relative
      'com.docker.compose.service': 'db',
      'org.opencontainers.image.source': 'https://github.com/acme/app',
    });
    expect(out.LogPath).toBe(HIDDEN);
    expect(out.HostsPath).toBe(''); // nothing to hide
    expect(out.GraphDriver).toEqual({ Name: 'overlay2', Data: HIDDEN });
    expect(out.Mounts).toEqual([{ Type: 'bind', Source: HIDDEN, Destination: '/data' }]);
    expect(out.HostConfig.Binds).toBe(HIDDEN);
    expect(out.Config.Cmd).toEqual(['postgres']);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc"|\/home\/alice|\/var\/lib/);
    expect(CONTAINER.Config.Env[0]).toBe('POSTGRES_PASSWORD=hunter2'); // a copy: the input is untouched
  });

  it("keeps an engine's `__proto__` keys as keys, masked like the rest, never as the copy's prototype", () => {
    const answer = JSON.parse(
      '{"Config":{"Labels":{"__proto__":{"x":"y"},"ok":"1"},"__proto__":{"Env":["TOKEN=secret"]},"Env":["A=b"]}}',
    ) as unknown;
    const masked = maskEngineData(answer) as { Config: Record<string, unknown> };
    expect(Object.getPrototypeOf(masked.Config)).toBe(Object.prototype);
    expect(Object.keys(masked.Config)).toEqual(['Labels', '__proto__', 'Env']);
    expect(JSON.stringify(masked)).toBe(
      '{"Config":{"Labels":{"__proto__":{"x":"y"},"ok":"1"},"__proto__":{"Env":["TOKEN=•••"]},"Env":["A=•••"]}}',
    );
  });

  it('shows Env values when the sandbox owner opts in, and still hides host paths', () => {
    const out = maskEngineData(CONTAINER, { showEnv: true }) as typeof CONTAINER;
    expect(out.Config.Env).toEqual(CONTAINER.Config.Env);
    expect(out.ContainerConfig.Env).toEqual(['TOKEN=abc']);
    expect(out.Config.Labels['com.docker.compose.project.working_dir']).toBe(HIDDEN);
    expect(out.LogPath).toBe(HIDDEN);
  });

  it('masks an Env that is not a list of strings as a whole, and lists of answers (images/json) too', () => {
    expect(maskEngineData({ Env: 'A=1' })).toEqual({ Env: ENV_MASK });
    expect(maskEngineData({ Env: ['A=1', 5, null] })).toEqual({ Env: ['A=•••', ENV_MASK, ENV_MASK] });
    expect(maskEngineData({ Env: null })).toEqual({ Env: null });
    expect(maskEngineData([{ Id: 'a', Labels: { dir: '/home/alice' } }, 1, null])).toEqual([
      { Id: 'a', Labels: { dir: HIDDEN } },
      1,
      null,
    ]);
  });
});
