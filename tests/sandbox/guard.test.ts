/**
 * The read-only guard: the allowlist itself, and the guarded client refusing whatever dockerode is asked to do,
 * with a fake engine on a unix socket that records every request that reaches it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRequest } from '../../src/sandbox/guard.js';
import { createSandboxClient, type SandboxClient } from '../../src/sandbox/client.js';
import { SandboxError } from '../../src/sandbox/errors.js';

describe('checkRequest', () => {
  it.each([
    ['/_ping'],
    ['/version'],
    ['/v1.41/images/json'],
    ['/images/json?all=false&digests=true'],
    ['/containers/json?all=true'],
    ['/images/localhost:5000/foo/bar:v1/json'],
    ['/images/sha256:' + 'a'.repeat(64) + '/json'],
    ['/containers/studybot-tiny-1/json'],
    ['/v1.41/volumes'],
    ['/volumes/studybot-data'],
    ['/networks'],
    ['/v1.41/networks/studybot-net'],
    ['/networks/' + 'f'.repeat(64)],
    ['/images/localhost/studybot-layers:1.0/history'],
    ['/images/sha256:' + 'a'.repeat(64) + '/history'],
  ])('allows GET %s', (p) => {
    expect(checkRequest({ method: 'GET', path: p }).ok).toBe(true);
  });

  it.each([
    ['POST', '/containers/create'],
    ['POST', '/containers/x/start'],
    ['POST', '/containers/x/kill'],
    ['DELETE', '/containers/x'],
    ['DELETE', '/images/nginx'],
    ['POST', '/containers/x/exec'],
    ['POST', '/exec/abc/start'],
    ['POST', '/build'],
    ['PUT', '/containers/x/archive?path=/'],
    ['HEAD', '/_ping'],
    ['GET', '/images/../containers/x/kill'],
    ['GET', '/images/../containers/x/json'],
    ['GET', '/images/a/json/../../containers/x/kill'],
    ['GET', '/images/foo%2F..%2F..%2Fcontainers%2Fx%2Fkill/json'],
    ['GET', '/containers/x%2fjson/json'],
    ['GET', '/containers/x/json/../../y/kill'],
    ['GET', '/images//json'],
    ['GET', '/./_ping'],
    ['GET', '/images/x\\..\\y/json'],
    ['GET', '/containers/x/logs'],
    ['GET', '/containers/x/archive?path=/etc/shadow'],
    ['GET', '/images/nginx/get'],
    ['GET', '/events'],
    ['GET', '/info'],
    ['GET', '/containers/json?size=true'],
    ['GET', '/containers/x/json?size=1'],
    ['GET', 'http://evil/_ping'],
    ['GET', '/_ping#x'],
    ['POST', '/volumes/create'],
    ['DELETE', '/volumes/studybot-data'],
    ['POST', '/volumes/prune'],
    ['POST', '/networks/create'],
    ['POST', '/networks/studybot-net/connect'],
    ['POST', '/networks/studybot-net/disconnect'],
    ['DELETE', '/networks/studybot-net'],
    ['GET', '/volumes?filters={}'],
    ['GET', '/networks/x/connect'],
    ['GET', '/volumes/../containers/x/json'],
    ['GET', '/volumes/a%2F..'],
    ['GET', '/images/nginx/history?x=1'],
    ['GET', '/images/../history'],
    ['GET', '/images/Bad/history'],
    ['POST', '/images/nginx/push'],
    ['GET', '/distribution/nginx/json'],
  ])('refuses %s %s', (method, p) => {
    expect(checkRequest({ method, path: p }).ok).toBe(false);
  });

  it('refuses a GET with a body or an upgraded connection', () => {
    expect(checkRequest({ method: 'GET', path: '/_ping', hasBody: true }).ok).toBe(false);
    expect(checkRequest({ method: 'GET', path: '/_ping', upgrade: true }).ok).toBe(false);
  });
});

/** A fake engine: each test sets how it answers; every request that arrives is recorded. */
let dir: string;
let server: http.Server;
let socketPath: string;
const seen: string[] = [];
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-guard-'));
  socketPath = path.join(dir, 'engine.sock');
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => void seen.splice(0));

const json = (status: number, body: unknown) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function client(limits: Parameters<typeof createSandboxClient>[1] = {}): { c: SandboxClient; refused: string[] } {
  const refused: string[] = [];
  const c = createSandboxClient({ socketPath }, { ...limits, onRefused: (m, p) => refused.push(`${m} ${p}`) });
  return { c, refused };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof SandboxError ? err.code : `foreign: ${String(err)}`;
  }
}

describe('guarded client', () => {
  it('refuses every writing call dockerode offers before anything reaches the engine', async () => {
    answer = json(200, {});
    const { c, refused } = client();
    const d = c.docker;
    const attempts: Promise<unknown>[] = [
      d.createContainer({ Image: 'nginx' }),
      d.getContainer('x').start(),
      d.getContainer('x').kill(),
      d.getContainer('x').remove({ force: true }),
      d.getContainer('x').exec({ Cmd: ['sh'] }),
      d.getImage('nginx').remove(),
      d.buildImage(Buffer.alloc(0) as never, { t: 'x' }),
      d.pull('nginx'),
      d.pruneImages(),
      d.getContainer('x').logs({ stdout: true, follow: false }),
      d.getEvents(),
      d.info(),
      new Promise((resolve, reject) =>
        d.modem.dial({ path: '/images/../containers/x/kill', method: 'GET', statusCodes: { 200: true } }, (e, r) =>
          e ? reject(e) : resolve(r),
        ),
      ),
      new Promise((resolve, reject) =>
        d.modem.dial(
          { path: '/images/foo%2F..%2F..%2Fcontainers%2Fx%2Fkill/json', method: 'GET', statusCodes: { 200: true } },
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      ),
    ];
    const codes = await Promise.all(attempts.map(codeOf));
    expect(codes).toEqual(attempts.map(() => 'refused'));
    expect(refused.length).toBe(attempts.length);
    expect(seen).toEqual([]);
  });

  it('validates names before any request', async () => {
    const { c } = client();
    expect(await codeOf(c.inspectImage('../containers/x/kill'))).toBe('badName');
    expect(await codeOf(c.inspectContainer('x/../../y'))).toBe('badName');
    expect(seen).toEqual([]);
  });

  it('answers reads, and a 404 becomes notFound', async () => {
    answer = (req, res) =>
      req.url?.includes('nope')
        ? json(404, { message: 'no such image' })(req, res)
        : json(200, { Id: 'sha256:ab' })(req, res);
    const { c } = client();
    expect((await c.inspectImage('nginx')).Id).toBe('sha256:ab');
    expect(await codeOf(c.inspectImage('nope'))).toBe('notFound');
    expect(seen).toEqual(['GET /images/nginx/json', 'GET /images/nope/json']);
  });

  it('gives up on a silent engine after the timeout', async () => {
    answer = () => {}; // never answers
    const { c } = client({ timeoutMs: 150 });
    expect(await codeOf(c.listImages())).toBe('timeout');
  });

  it('stops reading an answer larger than the cap', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`[${'"x",'.repeat(20_000)}`);
      res.end('"x"]');
    };
    const { c } = client({ maxResponseBytes: 10_000 });
    expect(await codeOf(c.listImages())).toBe('tooLarge');
  });

  it("never carries the engine's own error text (host paths, credentials)", async () => {
    answer = json(500, { message: 'open /var/lib/docker/secret/path: permission denied; token=hunter2' });
    const { c } = client();
    const err = await c.listContainers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect(String((err as Error).message)).not.toMatch(/var\/lib|hunter2/);
    expect(JSON.stringify(err)).not.toMatch(/var\/lib|hunter2/);
  });

  it('reports an engine that is not there as unreachable', async () => {
    const c = createSandboxClient({ socketPath: path.join(dir, 'missing.sock') });
    expect(await codeOf(c.ping())).toBe('unreachable');
  });
});
