/**
 * The bearer token flow against a real registry: docker-registry with distribution's token auth, a token server that
 * checks Basic credentials and signs JWTs the registry trusts, and an image pushed with `podman push --creds`. The
 * bot follows the `WWW-Authenticate: Bearer` challenge to the token endpoint (GET, with the configured credentials),
 * and a wrong or missing password gets a clear message that never shows the credentials.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, runCommand } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import { translator } from '../../src/i18n/index.js';
import { registryFromConfig } from '../../src/sandbox/registry.js';
import { testEnv, type TestEnv } from '../support/context.js';
import { LAYERS_IMAGE, podmanOrSkip, seedStudyResources, startPodman, type PodmanEngine } from '../support/podman.js';
import { registryOrSkip, startRegistry, type LocalRegistry } from '../support/registry.js';
import { opensslInstalled, startTokenServer, type TokenServer } from '../support/registry-token.js';
import { notesFixture } from './notesFixture.js';

const commands = createRegistry(sandboxCommands as Command[], sandboxComponents);
const ko = translator('ko');
const podman = podmanOrSkip();
const reg = registryOrSkip();
const noOpenssl = !opensslInstalled();
if (noOpenssl && process.env.CI !== 'true') console.warn('SKIP registry token tests: openssl is not installed.');
const PASSWORD = 'robot-secret-7f3a';

describe.skipIf(podman.skip || reg.skip || (noOpenssl && process.env.CI !== 'true'))(
  'the bearer token flow against docker-registry with token auth',
  () => {
    let dir: string;
    let engine: PodmanEngine;
    let tokens: TokenServer;
    let registry: LocalRegistry;
    let env: TestEnv;

    beforeAll(async () => {
      if (podman.missing || reg.missing || noOpenssl)
        throw new Error('podman, docker-registry and openssl are required when CI=true');
      dir = mkdtempSync(path.join(tmpdir(), 'studybot-token-'));
      tokens = await startTokenServer(dir, { robot: PASSWORD });
      [engine, registry] = await Promise.all([
        startPodman(),
        startRegistry({
          token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certPath: tokens.certPath },
        }),
      ]);
      await seedStudyResources(engine);
      await engine.podman(
        'push',
        '--tls-verify=false',
        '--quiet',
        '--creds',
        `robot:${PASSWORD}`,
        LAYERS_IMAGE,
        `docker://${registry.host}/study/layers:1.0`,
      );
      tokens.requests.length = 0;
      env = testEnv({ notes: notesFixture().index });
    });

    afterAll(async () => {
      env?.cleanup();
      await Promise.all([engine?.stop(), registry?.stop(), tokens?.close()]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const withCreds = (password?: string) =>
      registryFromConfig(
        {
          SANDBOX_REGISTRY_URL: registry.url,
          ...(password ? { SANDBOX_REGISTRY_USERNAME: 'robot', SANDBOX_REGISTRY_PASSWORD: password } : {}),
        },
        { clock: env.clock, limit: 100 },
      );

    it('gets a token for the catalog and for the repository, then reads them', async () => {
      env.services.registry = withCreds(PASSWORD);
      const list = await runCommand(commands, env.ctx(), { name: 'registry', options: {} });
      expect(list.embeds?.[0]?.description).toContain('• **study/layers** — `1.0`');
      const reply = await runCommand(commands, env.ctx(), {
        name: 'registry',
        options: { reference: `${registry.host}/study/layers:1.0` },
      });
      const fields = new Map(reply.embeds?.[0]?.fields?.map((f) => [f.name, f.value]));
      expect(fields.get(ko('sandbox.registry.step.digest'))).toMatch(/`1\.0` → `sha256:[a-f0-9]{64}`/);
      expect(fields.get(ko('sandbox.registry.step.config'))).toMatch(/[a-f0-9]{12}/);
      expect(tokens.requests.every((r) => r.method === 'GET' && r.user === 'robot')).toBe(true);
      const scopes = tokens.requests.flatMap((r) => r.scopes);
      expect(scopes).toContain('registry:catalog:*');
      expect(scopes).toContain('repository:study/layers:pull');
      expect(scopes.some((s) => /push|delete|\*$/.test(s) && !s.startsWith('registry:catalog'))).toBe(false);
      expect(JSON.stringify([list, reply])).not.toContain(PASSWORD);
    });

    it('says the registry refused reading, without the credentials, for a wrong or missing password', async () => {
      for (const password of ['wrong-password', undefined]) {
        env.services.registry = withCreds(password);
        const reply = await runCommand(commands, env.ctx(), {
          name: 'registry',
          options: { reference: 'study/layers:1.0' },
        });
        expect(reply).toEqual({ content: ko('sandbox.registry.error.unauthorized'), ephemeral: true });
      }
    });
  },
);
