/**
 * A hostile registry (node:http on 127.0.0.1) plays what the bot must survive: a huge manifest (declared and not),
 * a redirect to another host, a slow drip, the wrong media type, JSON nested too deep. Each gets a clear translated
 * ephemeral message and never the registry's own text. It also plays the token flow: a 401 with a Bearer challenge,
 * a token endpoint that checks the configured credentials, and the rate limit that covers /registry too.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, runCommand } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import { translator } from '../../src/i18n/index.js';
import { INSPECTS_PER_MINUTE } from '../../src/sandbox/service.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/sandbox/modem.js';
import { registryFromConfig } from '../../src/sandbox/registry.js';
import { testEnv, type TestEnv } from '../support/context.js';
import { notesFixture } from './notesFixture.js';

const commands = createRegistry(sandboxCommands as Command[], sandboxComponents);
const ko = translator('ko');
const en = translator('en');
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const TIMEOUT_MS = 400;
const LEAK = /hunter2|secret-pass|tok-/;

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { diff_ids: [] } }));
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(Buffer.from('l')), size: 1234 }],
  }),
);

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
    }),
  );
}

describe('a hostile registry', () => {
  let server: http.Server;
  let elsewhere: http.Server;
  let url: string;
  let env: TestEnv;
  let elsewhereHits = 0;
  const tokenRequests: { method: string; auth: string; query: string }[] = [];
  let hugeClosedEarly: Promise<boolean>;
  let markHuge: (closedEarly: boolean) => void = () => undefined;
  const drips: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    elsewhere = http.createServer((_req, res) => {
      elsewhereHits++;
      res.end('{}');
    });
    const elsewhereUrl = (await listen(elsewhere)).replace('127.0.0.1', 'localhost');
    hugeClosedEarly = new Promise((resolve) => (markHuge = resolve));
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, type: string, body: Buffer | string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (u.pathname === '/v2/') return send(200, 'application/json', '{}');
      if (u.pathname === '/token') {
        tokenRequests.push({ method: req.method ?? '', auth: req.headers.authorization ?? '', query: u.search });
        const ok = req.headers.authorization === `Basic ${Buffer.from('robot:secret-pass').toString('base64')}`;
        return ok
          ? send(200, 'application/json', JSON.stringify({ token: 'tok-123', expires_in: 300 }))
          : send(401, 'text/plain', 'no');
      }
      const [, repo, kind] = /^\/v2\/([a-z]+)\/(manifests|blobs)\//.exec(u.pathname) ?? [];
      if (repo === 'private' && req.headers.authorization !== 'Bearer tok-123') {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${url}/token",service="hostile",scope="repository:private:pull"`,
        });
        return res.end('{"errors":[{"message":"password=hunter2"}]}');
      }
      if (kind === 'blobs') return send(200, 'application/octet-stream', config);
      switch (repo) {
        case 'good':
        case 'private':
          return send(200, OCI, manifest);
        case 'same':
          res.writeHead(307, { location: '/v2/good/manifests/1' });
          return res.end();
        case 'redirect':
          res.writeHead(302, { location: `${elsewhereUrl}/v2/good/manifests/1` });
          return res.end();
        case 'declared':
          res.writeHead(200, { 'content-type': OCI, 'content-length': String(50 * 1024 * 1024) });
          return res.write('{');
        case 'huge': {
          // 64 MB streamed without a length: the bot must stop reading at its cap and close the connection (far more
          // than the socket buffers hold, so the server can only finish if the whole answer was read).
          res.writeHead(200, { 'content-type': OCI });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          let sent = 0;
          const pump = () => {
            while (sent < 64 * 1024 * 1024) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => markHuge(sent < 64 * 1024 * 1024 || !res.writableFinished));
          return pump();
        }
        case 'drip': {
          res.writeHead(200, { 'content-type': OCI });
          res.write('{');
          const timer = setInterval(() => res.write(' '), 50);
          drips.push(timer);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case 'html':
          return send(200, 'text/html; charset=utf-8', '<html>password=hunter2</html>');
        case 'deep':
          return send(200, OCI, '['.repeat(100_000));
        default:
          return send(404, 'application/json', '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      }
    });
    url = await listen(server);
    env = testEnv({ notes: notesFixture().index });
    env.services.registry = registryFromConfig(
      { SANDBOX_REGISTRY_URL: url, SANDBOX_REGISTRY_USERNAME: 'robot', SANDBOX_REGISTRY_PASSWORD: 'secret-pass' },
      { clock: env.clock, timeoutMs: TIMEOUT_MS, limit: 1000 },
    );
  });

  afterAll(async () => {
    drips.forEach(clearInterval);
    for (const s of [server, elsewhere]) {
      s?.closeAllConnections();
      await new Promise((r) => (s ? s.close(r) : r(undefined)));
    }
    env?.cleanup();
  });

  const lookUp = (repo: string, locale: 'ko' | 'en' = 'ko') =>
    runCommand(commands, env.ctx({ locale }), {
      name: 'registry',
      options: { reference: `${new URL(url).host}/${repo}:1` },
    });

  it('reads a well-behaved manifest, and follows a redirect that stays on the registry', async () => {
    for (const repo of ['good', 'same']) {
      const reply = await lookUp(repo);
      expect(reply.ephemeral).toBeUndefined();
      const digest = reply.embeds?.[0]?.fields?.find((f) => f.name === ko('sandbox.registry.step.digest'));
      expect(digest?.value).toContain(sha(manifest));
    }
  });

  it('stops reading a huge manifest at the size cap, declared or not', async () => {
    const max = String(Math.round((DEFAULT_MAX_RESPONSE_BYTES / 1024 / 1024) * 10) / 10);
    expect(await lookUp('declared')).toEqual({
      content: ko('sandbox.registry.error.tooLarge', { max }),
      ephemeral: true,
    });
    expect(await lookUp('huge', 'en')).toEqual({
      content: en('sandbox.registry.error.tooLarge', { max }),
      ephemeral: true,
    });
    expect(await hugeClosedEarly).toBe(true);
  });

  it('refuses a redirect to another host without following it', async () => {
    const reply = await lookUp('redirect');
    expect(reply).toEqual({
      content: ko('sandbox.registry.error.redirect', {
        host: `localhost:${(elsewhere.address() as { port: number }).port}`,
      }),
      ephemeral: true,
    });
    expect(elsewhereHits).toBe(0);
  });

  it('times out a registry that drips its answer', async () => {
    expect(await lookUp('drip')).toEqual({
      content: ko('sandbox.registry.error.timeout', { seconds: 1 }),
      ephemeral: true,
    });
  });

  it('names the wrong media type, and refuses JSON nested too deep', async () => {
    const html = await lookUp('html');
    expect(html).toEqual({ content: ko('sandbox.registry.error.mediaType', { type: 'text/html' }), ephemeral: true });
    expect(html.content).not.toMatch(LEAK);
    expect(await lookUp('deep')).toEqual({ content: ko('sandbox.registry.error.badResponse'), ephemeral: true });
  });

  it('gets a bearer token with the configured credentials when challenged, once per scope', async () => {
    const first = await lookUp('private');
    expect(first.embeds?.[0]?.fields?.find((f) => f.name === ko('sandbox.registry.step.digest'))?.value).toContain(
      sha(manifest),
    );
    await lookUp('private');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatchObject({ method: 'GET' });
    expect(new URLSearchParams(tokenRequests[0]!.query).get('scope')).toBe('repository:private:pull');
    expect(new URLSearchParams(tokenRequests[0]!.query).get('service')).toBe('hostile');
    expect(JSON.stringify(first)).not.toMatch(LEAK);

    const wrong = testEnv({ notes: notesFixture().index });
    try {
      wrong.services.registry = registryFromConfig(
        { SANDBOX_REGISTRY_URL: url, SANDBOX_REGISTRY_USERNAME: 'robot', SANDBOX_REGISTRY_PASSWORD: 'nope' },
        { clock: wrong.clock, timeoutMs: TIMEOUT_MS },
      );
      const reply = await runCommand(commands, wrong.ctx(), {
        name: 'registry',
        options: { reference: `${new URL(url).host}/private:1` },
      });
      expect(reply).toEqual({ content: ko('sandbox.registry.error.unauthorized'), ephemeral: true });
      // The per-member rate limit covers /registry: the limit's worth of lookups, then a wait.
      for (let i = 1; i < INSPECTS_PER_MINUTE; i++)
        await runCommand(commands, wrong.ctx(), {
          name: 'registry',
          options: { reference: `${new URL(url).host}/good:1` },
        });
      const limited = await runCommand(commands, wrong.ctx(), {
        name: 'registry',
        options: { reference: `${new URL(url).host}/good:1` },
      });
      expect(limited.content).toBe(ko('sandbox.error.rateLimited', { seconds: 60, limit: INSPECTS_PER_MINUTE }));
    } finally {
      wrong.cleanup();
    }
  });

  it('says /registry is off when no registry is configured', async () => {
    const off = testEnv({ notes: notesFixture().index });
    try {
      const reply = await runCommand(commands, off.ctx(), { name: 'registry', options: {} });
      expect(reply).toEqual({ content: ko('sandbox.registry.off'), ephemeral: true });
    } finally {
      off.cleanup();
    }
  });
});
