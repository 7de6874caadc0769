/**
 * The pure parts behind /layers, /volume, /network and the registry client: shortening `created_by` as Docker,
 * BuildKit and podman write it, pairing history rows with RootFS.Layers, what the masking hides, the WWW-Authenticate
 * parser and where a reference points in the configured registry.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ImageInspect } from '../../src/sandbox/client.js';
import { layerFacts, layersJson, shortInstruction } from '../../src/sandbox/layers.js';
import { maskEngineData } from '../../src/sandbox/mask.js';
import { parseReference, type ParsedReference } from '../../src/sandbox/reference.js';
import { compareLocal, locate, referenceHost, type Resolution } from '../../src/sandbox/registry.js';
import { parseChallenge } from '../../src/sandbox/registryHttp.js';

const diff = (c: string) => `sha256:${c.repeat(64)}`;
const image = (id: string, layers: string[], tags: string[] = []) =>
  ({
    Id: `sha256:${id.repeat(64)}`,
    RepoTags: tags,
    RootFS: { Type: 'layers', Layers: layers },
  }) as unknown as ImageInspect;

describe('shortInstruction', () => {
  it.each([
    ['/bin/sh -c #(nop)  ENV X=1', 'ENV X=1'],
    ['/bin/sh -c #(nop) COPY file:' + 'e'.repeat(64) + ' in /a.txt ', `COPY file:${'e'.repeat(12)}… in /a.txt`],
    ['/bin/sh -c apt-get update &&     apt-get install -y curl', 'RUN apt-get update && apt-get install -y curl'],
    ['|1 VERSION=2 /bin/sh -c make', 'RUN make'],
    ['RUN /bin/sh -c npm ci # buildkit', 'RUN npm ci'],
    ['COPY . /app # buildkit', 'COPY . /app'],
    ['WORKDIR /app', 'WORKDIR /app'],
  ])('%s → %s', (raw, short) => {
    expect(shortInstruction(raw)).toBe(short);
  });

  it('cuts a long instruction to 80 characters with an ellipsis', () => {
    const s = shortInstruction(`/bin/sh -c ${'x'.repeat(200)}`);
    expect([...s]).toHaveLength(80);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('layerFacts', () => {
  // Docker's history: newest first; a RUN that changed nothing still made a layer (size 0).
  const history: HistoryEntry[] = [
    { CreatedBy: '/bin/sh -c #(nop)  CMD ["node"]', Size: 0 },
    { CreatedBy: '/bin/sh -c touch /nothing-new', Size: 0 },
    { CreatedBy: '/bin/sh -c #(nop) COPY dir:' + 'a'.repeat(64) + ' in /app ', Size: 5_000 },
    { CreatedBy: '/bin/sh -c #(nop)  ENV NODE_ENV=production', Size: 0 },
    { CreatedBy: '/bin/sh -c #(nop) ADD file:' + 'b'.repeat(64) + ' in / ', Size: 70_000 },
  ];
  const self = image('1', [diff('a'), diff('b'), diff('c')], ['app:1']);

  it('pairs the non-metadata steps with the layers, base first, and finds the largest', () => {
    const f = layerFacts('app:1', self, history);
    expect(f.rows.map((r) => [r.createdBy.split(' ')[0], r.empty, r.diffId])).toEqual([
      ['ADD', false, diff('a')],
      ['ENV', true, null],
      ['COPY', false, diff('b')],
      ['RUN', false, diff('c')],
      ['CMD', true, null],
    ]);
    expect(f.largest).toBe(0);
    expect(f.totalSize).toBe(75_000);
    expect(layersJson(f).layers[3]).toEqual({
      createdBy: 'RUN touch /nothing-new',
      size: 0,
      empty: false,
      diffId: diff('c'),
    });
  });

  it('names the other images that hold a layer, not the image itself under another tag', () => {
    const f = layerFacts('app:1', self, history, {
      inspected: [
        image('2', [diff('a')], ['node:20']),
        image('1', [diff('a')], ['app:latest']),
        image('3', [diff('z')]),
      ],
      total: 4,
    });
    expect(f.rows[0]?.sharedWith).toEqual(['node:20']);
    expect(f.rows[2]?.sharedWith).toEqual([]);
    expect([f.compared, f.others]).toEqual([2, 4]);
  });

  it('falls back to the sized steps when the instructions do not account for the layers', () => {
    const odd: HistoryEntry[] = [
      { CreatedBy: 'custom step two', Size: 10 },
      { CreatedBy: 'custom metadata', Size: 0 },
      { CreatedBy: 'custom step one', Size: 20 },
    ];
    const f = layerFacts('x', image('4', [diff('d'), diff('e')]), odd);
    expect(f.rows.map((r) => r.diffId)).toEqual([diff('d'), null, diff('e')]);
  });
});

describe('masking volumes and networks', () => {
  it("hides a volume's mountpoint and host-path labels and options", () => {
    const masked = maskEngineData({
      Name: 'db',
      Mountpoint: '/var/lib/docker/volumes/db/_data',
      Labels: { backup: '/home/alice/x', team: 'study' },
      Options: { device: '/srv/data', o: 'bind', type: 'none' },
    });
    expect(masked).toEqual({
      Name: 'db',
      Mountpoint: '(hidden)',
      Labels: { backup: '(hidden)', team: 'study' },
      Options: { device: '(hidden)', o: 'bind', type: 'none' },
    });
  });
});

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted values, commas inside quotes kept', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:a/b:pull,push',
      },
    });
    expect(parseChallenge('Basic realm=Registry')).toEqual({ scheme: 'basic', params: { realm: 'Registry' } });
    expect(parseChallenge(null)).toBeNull();
  });
});

describe('locate', () => {
  const parsed = (s: string) => parseReference(s) as ParsedReference;
  it('reads a reference without a registry against the configured one, without Docker Hub defaults', () => {
    expect(locate(parsed('study/app:1'), 'harbor.example.com')).toEqual({
      repository: 'study/app',
      tag: '1',
      digest: null,
    });
    expect(locate(parsed('app'), 'harbor.example.com')).toEqual({ repository: 'app', tag: 'latest', digest: null });
    expect(locate(parsed('nginx'), 'docker.io')).toEqual({ repository: 'library/nginx', tag: 'latest', digest: null });
    expect(locate(parsed('harbor.example.com/p/app:2'), 'harbor.example.com')?.repository).toBe('p/app');
    expect(locate(parsed('quay.io/p/app:2'), 'harbor.example.com')).toBeNull();
    expect(referenceHost(new URL('https://registry-1.docker.io'))).toBe('docker.io');
    expect(referenceHost(new URL('http://127.0.0.1:5000'))).toBe('127.0.0.1:5000');
  });

  it('compares the local image by RepoDigests, then by image id', () => {
    const res = {
      digest: diff('a'),
      chosen: null,
      config: { digest: diff('c') },
    } as unknown as Resolution;
    expect(compareLocal(res, { Id: diff('c'), RepoDigests: [`r/x@${diff('a')}`] }, 'x').state).toBe('same');
    expect(compareLocal(res, { Id: 'c'.repeat(64), RepoDigests: [] }, 'x').state).toBe('sameImage');
    expect(compareLocal(res, { Id: diff('9'), RepoDigests: [`r/x@${diff('b')}`] }, 'x')).toEqual({
      state: 'different',
      image: 'x',
      localDigests: [diff('b')],
    });
    expect(compareLocal(res, null, 'x').state).toBe('absent');
  });
});
