/** /imageref's parser against Docker's reference grammar (distribution/reference), table-driven. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReference, REFERENCE_REGEXP, type ReferenceErrorCode } from '../../src/sandbox/reference.js';
import { runCliCaptured } from '../support/cli.js';

const H64 = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
type Valid = [
  input: string,
  canonical: string,
  parts: { registry: string; project: string | null; image: string; tag: string | null; digest?: string },
];

const VALID: Valid[] = [
  [
    'nginx',
    'docker.io/library/nginx:latest',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'latest' },
  ],
  [
    'nginx:1.27',
    'docker.io/library/nginx:1.27',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: '1.27' },
  ],
  [
    'library/nginx',
    'docker.io/library/nginx:latest',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'latest' },
  ],
  [
    'docker.io/nginx',
    'docker.io/library/nginx:latest',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'latest' },
  ],
  [
    'docker.io/library/nginx:alpine',
    'docker.io/library/nginx:alpine',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'alpine' },
  ],
  [
    'index.docker.io/nginx',
    'docker.io/library/nginx:latest',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'latest' },
  ],
  [
    'bitnami/redis:7.2',
    'docker.io/bitnami/redis:7.2',
    { registry: 'docker.io', project: 'bitnami', image: 'redis', tag: '7.2' },
  ],
  [
    'localhost:5000/foo/bar:v1',
    'localhost:5000/foo/bar:v1',
    { registry: 'localhost:5000', project: 'foo', image: 'bar', tag: 'v1' },
  ],
  ['localhost/app', 'localhost/app:latest', { registry: 'localhost', project: null, image: 'app', tag: 'latest' }],
  [
    'localhost:5000',
    'docker.io/library/localhost:5000',
    { registry: 'docker.io', project: 'library', image: 'localhost', tag: '5000' },
  ],
  [
    'harbor.example.com/project/app:1.0',
    'harbor.example.com/project/app:1.0',
    { registry: 'harbor.example.com', project: 'project', image: 'app', tag: '1.0' },
  ],
  [
    'ghcr.io/org/team/tool:v2',
    'ghcr.io/org/team/tool:v2',
    { registry: 'ghcr.io', project: 'org/team', image: 'tool', tag: 'v2' },
  ],
  [
    'quay.io/coreos/etcd',
    'quay.io/coreos/etcd:latest',
    { registry: 'quay.io', project: 'coreos', image: 'etcd', tag: 'latest' },
  ],
  [
    'registry-1.docker.io:443/a/b',
    'registry-1.docker.io:443/a/b:latest',
    { registry: 'registry-1.docker.io:443', project: 'a', image: 'b', tag: 'latest' },
  ],
  ['[::1]:5000/x', '[::1]:5000/x:latest', { registry: '[::1]:5000', project: null, image: 'x', tag: 'latest' }],
  [
    '[2001:db8::1]/ns/img:t',
    '[2001:db8::1]/ns/img:t',
    { registry: '[2001:db8::1]', project: 'ns', image: 'img', tag: 't' },
  ],
  [
    'Example.com/app',
    'Example.com/app:latest',
    { registry: 'Example.com', project: null, image: 'app', tag: 'latest' },
  ],
  [
    `ubuntu@sha256:${H64}`,
    `docker.io/library/ubuntu@sha256:${H64}`,
    { registry: 'docker.io', project: 'library', image: 'ubuntu', tag: null, digest: `sha256:${H64}` },
  ],
  [
    `ubuntu:22.04@sha256:${H64}`,
    `docker.io/library/ubuntu:22.04@sha256:${H64}`,
    { registry: 'docker.io', project: 'library', image: 'ubuntu', tag: '22.04', digest: `sha256:${H64}` },
  ],
  [
    'a_b/c__d/e-f/g.h',
    'docker.io/a_b/c__d/e-f/g.h:latest',
    { registry: 'docker.io', project: 'a_b/c__d/e-f', image: 'g.h', tag: 'latest' },
  ],
  [
    'foo---bar',
    'docker.io/library/foo---bar:latest',
    { registry: 'docker.io', project: 'library', image: 'foo---bar', tag: 'latest' },
  ],
  [
    'nginx:Latest_V1.x-2',
    'docker.io/library/nginx:Latest_V1.x-2',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'Latest_V1.x-2' },
  ],
  [
    `nginx:${'t'.repeat(128)}`,
    `docker.io/library/nginx:${'t'.repeat(128)}`,
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 't'.repeat(128) },
  ],
  ['0/1/2', 'docker.io/0/1/2:latest', { registry: 'docker.io', project: '0/1', image: '2', tag: 'latest' }],
  // The 255-character limit is on the normalised path, registry excluded (distribution/reference v0.6
  // reference_test.go and the issue): a registry of any length, `library/` counted for a bare Docker Hub name.
  [
    `example.com/${'a'.repeat(255)}:tag`,
    `example.com/${'a'.repeat(255)}:tag`,
    { registry: 'example.com', project: null, image: 'a'.repeat(255), tag: 'tag' },
  ],
  [
    `${'a/'.repeat(127)}a:tag-puts-this-over-max`,
    `docker.io/${'a/'.repeat(127)}a:tag-puts-this-over-max`,
    { registry: 'docker.io', project: 'a/'.repeat(126) + 'a', image: 'a', tag: 'tag-puts-this-over-max' },
  ],
  [
    'a'.repeat(247),
    `docker.io/library/${'a'.repeat(247)}:latest`,
    { registry: 'docker.io', project: 'library', image: 'a'.repeat(247), tag: 'latest' },
  ],
  [
    `team/${'a'.repeat(250)}`,
    `docker.io/team/${'a'.repeat(250)}:latest`,
    { registry: 'docker.io', project: 'team', image: 'a'.repeat(250), tag: 'latest' },
  ],
  [
    `${'r'.repeat(63)}.${'e'.repeat(63)}.${'g'.repeat(63)}.example:5000/${'a'.repeat(255)}`,
    `${'r'.repeat(63)}.${'e'.repeat(63)}.${'g'.repeat(63)}.example:5000/${'a'.repeat(255)}:latest`,
    {
      registry: `${'r'.repeat(63)}.${'e'.repeat(63)}.${'g'.repeat(63)}.example:5000`,
      project: null,
      image: 'a'.repeat(255),
      tag: 'latest',
    },
  ],
  [
    '  nginx  ',
    'docker.io/library/nginx:latest',
    { registry: 'docker.io', project: 'library', image: 'nginx', tag: 'latest' },
  ],
];

const INVALID: [input: string, code: ReferenceErrorCode][] = [
  ['', 'empty'],
  ['Nginx', 'uppercase'],
  ['library/Nginx', 'uppercase'],
  ['localhost:5000/Foo/bar', 'uppercase'],
  ['foo//bar', 'emptyComponent'],
  ['/foo', 'emptyComponent'],
  ['foo/', 'emptyComponent'],
  [':tag', 'empty'],
  ['nginx:', 'emptyTag'],
  ['a:b:c', 'badComponent'],
  ['foo_-bar', 'badComponent'],
  ['foo___bar', 'badComponent'],
  ['-foo', 'badComponent'],
  ['foo.', 'badComponent'],
  ['fo o', 'badComponent'],
  ['이미지', 'badComponent'],
  ['-bad.host/app', 'badRegistry'],
  ['host:port/app', 'badRegistry'],
  [`nginx:${'t'.repeat(129)}`, 'tagTooLong'],
  ['nginx:.hidden', 'badTag'],
  ['nginx:-dash', 'badTag'],
  ['nginx:tag!', 'badTag'],
  [`${'a'.repeat(256)}`, 'nameTooLong'],
  ['a'.repeat(248), 'nameTooLong'], // library/ + 248 = 256
  [`docker.io/${'a'.repeat(248)}`, 'nameTooLong'], // docker.io/x is docker.io/library/x
  [`index.docker.io/${'a'.repeat(248)}:tag`, 'nameTooLong'],
  [`team/${'a'.repeat(251)}`, 'nameTooLong'],
  [`example.com/${'a'.repeat(256)}`, 'nameTooLong'],
  [`domain/${'a'.repeat(256)}:tag`, 'nameTooLong'],
  [`localhost:5000/${'a/'.repeat(127)}ab`, 'nameTooLong'],
  [`${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255'.repeat(4)}/docker`, 'nameTooLong'],
  ['ubuntu@sha256:abc', 'badDigest'],
  [`ubuntu@sha256:${H64.toUpperCase()}`, 'badDigest'],
  [`ubuntu@md5:${'a'.repeat(32)}`, 'unsupportedDigest'],
  [`ubuntu@sha256:${'a'.repeat(63)}`, 'digestLength'],
  [`ubuntu@sha256:${H64}@sha256:${H64}`, 'badFormat'],
  [H64, 'hexIdentifier'],
];

describe('parseReference (Docker reference grammar)', () => {
  it('has a table of at least 40 references', () => {
    expect(VALID.length + INVALID.length).toBeGreaterThanOrEqual(40);
  });

  it.each(VALID)('%s → %s', (input, canonical, parts) => {
    const r = parseReference(input);
    expect(r).toMatchObject({ valid: true, input, canonical, digest: null, ...parts });
  });

  it.each(INVALID)('rejects %j (%s)', (input, code) => {
    expect(parseReference(input)).toMatchObject({ valid: false, code });
  });

  it('marks which parts Docker filled in', () => {
    expect(parseReference('nginx')).toMatchObject({ defaulted: { registry: true, project: true, tag: true } });
    expect(parseReference('quay.io/a/b:1')).toMatchObject({
      defaulted: { registry: false, project: false, tag: false },
    });
  });

  it("agrees with distribution/reference's ReferenceRegexp on arbitrary strings", () => {
    const alphabet = fc.constantFrom(...'abcZ09._-/:@[]'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')),
        (s) => {
          const r = parseReference(s);
          // Docker adds rules beyond the regexp (64-hex names, digest algorithms), so a valid parse implies a
          // regexp match, and a regexp match without a digest implies a valid parse.
          if (r.valid) expect(REFERENCE_REGEXP.test(s.trim())).toBe(true);
          // Two known corners where normalize.go and the bare regexp disagree: `[0]/x` matches the regexp as an IPv6
          // host, but normalize.go only takes a first component with `.`/`:` as a host, so `docker pull` rejects it
          // too; `a_b.c/x` is taken as a host by normalize.go yet matches only as a path (Docker then keeps an empty
          // registry), which we reject as a bad registry host: see reference.ts.
          const first = s.split('/')[0] ?? '';
          const corner = s.includes('/') && (/^\[[^:]*\]$/.test(first) || (first.includes('.') && first.includes('_')));
          if (!corner && REFERENCE_REGEXP.test(s) && !s.includes('@')) expect(r).toMatchObject({ valid: true });
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('cli imageref: a reference that starts with `-`', () => {
  const cli = (args: string[]) => runCliCaptured(args);

  it('answers `imageref -app` (invalid, with the reason) instead of calling it an unknown option', async () => {
    const { code, out, err } = await cli(['imageref', '-app']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^invalid: `-app`: path components are lowercase/);
  });

  it.each([[['imageref', '-app', '--json']], [['imageref', '--json', '-app']], [['imageref', '--json', '--', '-app']]])(
    '%j prints the JSON answer',
    async (args) => {
      const { code, out } = await cli(args);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ input: '-app', valid: false, error: expect.stringContaining('`-app`') });
    },
  );

  it('still refuses an unknown long option and a second reference', async () => {
    expect(await cli(['imageref', '--bogus', 'nginx'])).toMatchObject({ code: 2, out: '' });
    expect(await cli(['imageref', '-a', 'nginx'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('exactly one'),
    });
  });
});
