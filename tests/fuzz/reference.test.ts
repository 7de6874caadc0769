/** Image references a member types into /inspect and /imageref (`nginx:1.27`, `ghcr.io/org/app@sha256:…`). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/index.js';
import { parseReference, type ParsedReference } from '../../src/sandbox/reference.js';
import { check, hostileString, hugeString, TIMEOUT } from './runs.js';

const TOKENS = [
  'nginx',
  'library/',
  'docker.io/',
  'localhost:5000/',
  '[::1]/',
  ':',
  '@',
  '/',
  'sha256:',
  'a'.repeat(64),
  'A',
  '_',
  '__',
  '-',
  '.',
];
const alnum = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
  minLength: 1,
  maxLength: 6,
});
const component = fc
  .tuple(alnum, fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), alnum), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''));
const label = fc.string({ unit: fc.constantFrom(...'abcXYZ019'), minLength: 1, maxLength: 6 });
const registry = fc.oneof(
  fc.constantFrom('docker.io', 'index.docker.io', 'localhost', 'ghcr.io', '[::1]'),
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
);
const tagArb = fc
  .tuple(fc.constantFrom(...'abcXYZ019_'), fc.string({ unit: fc.constantFrom(...'abcXYZ019_.-'), maxLength: 20 }))
  .map(([a, b]) => a + b);
const digestArb = fc
  .constantFrom(['sha256', 64], ['sha512', 128])
  .chain(([alg, n]) =>
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n as number, maxLength: n as number })
      .map((hex) => `${alg}:${hex}`),
  );

/** References built from the grammar, so most are valid and the normalizer is exercised. */
const grammarRef = fc
  .record({
    registry: fc.option(fc.tuple(registry, fc.option(fc.integer({ min: 1, max: 65535 }))), { nil: undefined }),
    path: fc.array(component, { minLength: 1, maxLength: 3 }),
    tag: fc.option(tagArb, { nil: undefined }),
    digest: fc.option(digestArb, { nil: undefined }),
  })
  .map(
    (r) =>
      (r.registry ? `${r.registry[0]}${r.registry[1] ? `:${r.registry[1]}` : ''}/` : '') +
      r.path.join('/') +
      (r.tag ? `:${r.tag}` : '') +
      (r.digest ? `@${r.digest}` : ''),
  );

const parts = (r: ParsedReference) => ({
  registry: r.registry,
  project: r.project,
  image: r.image,
  tag: r.tag,
  digest: r.digest,
  canonical: r.canonical,
});

describe('fuzz: image references', () => {
  it(
    'never throws; a rejection names a reason with a message in both languages',
    () => {
      check(
        fc.property(fc.oneof(hostileString({ tokens: TOKENS, maxLength: 80 }), grammarRef), (input) => {
          const r = parseReference(input);
          expect(r.input).toBe(input);
          if (r.valid) return;
          for (const locale of ['ko', 'en'] as const) {
            const text = translate(locale, `sandbox.ref.error.${r.code}`, { part: r.part });
            expect(text.trim()).not.toBe('');
            expect(text).not.toMatch(/\{\w+\}/);
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'treats an algorithm named like an Object property as unsupported',
    () => {
      for (const alg of ['constructor', 'toString', 'valueOf']) {
        expect(parseReference(`nginx@${alg}:${'a'.repeat(64)}`)).toMatchObject({
          valid: false,
          code: 'unsupportedDigest',
        });
      }
    },
    TIMEOUT,
  );

  it(
    'parsing the canonical form gives the same parts',
    () => {
      check(
        fc.property(fc.oneof(grammarRef, hostileString({ tokens: TOKENS, maxLength: 80 })), (input) => {
          const r = parseReference(input);
          if (!r.valid) return;
          const again = parseReference(r.canonical);
          expect(again.valid).toBe(true);
          if (again.valid) expect(parts(again)).toEqual(parts(r));
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'huge inputs never throw; a valid one has a path of at most 255 characters, whatever the registry length',
    () => {
      // Docker limits the repository path after normalisation (registry excluded, `library/` included), the tag
      // (128) and the digest (sha512: 128 hex); the registry itself has no limit.
      const hugeRegistry = fc
        .array(label, { minLength: 150, maxLength: 400 })
        .map((labels) => labels.join('.').toLowerCase());
      const anyHuge = fc.oneof(
        hugeString(6000, TOKENS),
        fc.tuple(hugeRegistry, hugeString(600, TOKENS)).map(([host, rest]) => `${host}/${rest}`),
      );
      check(
        fc.property(anyHuge, (input) => {
          const r = parseReference(input);
          if (!r.valid) return;
          const path = r.canonical.slice(r.registry.length + 1).replace(/[:@].*$/, '');
          expect(path.length).toBeLessThanOrEqual(255);
          const host = r.defaulted.registry ? 0 : input.trim().indexOf('/') + 1;
          expect(input.trim().length - host).toBeLessThanOrEqual(255 + 1 + 128 + 1 + 'sha512:'.length + 128);
        }),
        0.05,
      );
    },
    TIMEOUT,
  );

  it(
    'accepts a registry of any length in front of a valid path (over 1000 characters and valid)',
    () => {
      const longRegistry = fc
        .array(label, { minLength: 250, maxLength: 400 })
        .map((labels) => labels.join('.'))
        .filter((host) => host.length > 1000);
      check(
        fc.property(longRegistry, fc.array(component, { minLength: 1, maxLength: 3 }), (host, path) => {
          const input = `${host}/${path.join('/')}:v1`;
          expect(input.length).toBeGreaterThan(1000);
          expect(parseReference(input)).toMatchObject({ valid: true, registry: host, tag: 'v1' });
        }),
        0.05,
      );
    },
    TIMEOUT,
  );
});
