/**
 * Faults of the sandbox's Docker engine: one that drops the connection mid-request, one that never answers, and one
 * that answers garbage. A misbehaving engine (node:http on a unix socket in a temp folder) plays each fault; the
 * commands must answer with a clear translated ephemeral message, never the engine's own text, never crash, and
 * keep answering once the engine behaves again. Last, a real engine (podman) is killed while a request is in flight.
 */
import dc from 'node:diagnostics_channel';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, runCommand, type RawInvocation } from '../../src/commands/dispatch.js';
import { sandboxCommands, sandboxComponents } from '../../src/commands/sandbox.js';
import type { Command } from '../../src/commands/types.js';
import type { Reply } from '../../src/core/reply.js';
import { translator, type MessageKey } from '../../src/i18n/index.js';
import { createSandboxClient, type ClientLimits } from '../../src/sandbox/client.js';
import { MAX_JSON_DEPTH } from '../../src/sandbox/depth.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/sandbox/modem.js';
import { createSandbox } from '../../src/sandbox/service.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock, testEnv, type TestEnv } from '../support/context.js';
import type { InteractionResponse } from '../support/fake-discord.js';
import { podmanOrSkip, startPodman, type PodmanEngine } from '../support/podman.js';
import { notesFixture } from './notesFixture.js';

const ko = translator('ko');
const en = translator('en');
const registry = createRegistry(sandboxCommands as Command[], sandboxComponents);

/** What an engine's error text may carry; none of it may reach a member. */
const SECRET = 'open /var/lib/docker/overlay2/l/ABC: permission denied (registry password=hunter2)';
const LEAK = /var\/lib|hunter2|password|overlay2|<html/i;

const IMAGE = 'localhost/tiny:1';
const CONTAINER = 'tiny-1';
const IMAGE_ID = 'sha256:' + 'a'.repeat(64);
const GOOD = {
  image: {
    Id: IMAGE_ID,
    RepoTags: [IMAGE],
    RepoDigests: null,
    Created: '2026-11-25T03:00:00Z',
    Size: 11_372,
    Architecture: 'amd64',
    Os: 'linux',
    Config: { Env: ['A=1'], Cmd: ['/bin/hello'], Entrypoint: null, WorkingDir: '/srv', Labels: null },
    RootFS: { Type: 'layers', Layers: ['sha256:' + 'b'.repeat(64)] },
  },
  container: {
    Id: 'c'.repeat(64),
    Name: `/${CONTAINER}`,
    State: { Status: 'exited' },
    Config: { Image: IMAGE },
    Image: IMAGE_ID,
    Created: '2026-11-27T03:00:00Z',
    Mounts: [],
    NetworkSettings: { Ports: {} },
  },
  images: [{ Id: IMAGE_ID, RepoTags: [IMAGE], Size: 11_372, Created: 1_795_000_000 }],
};

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const json =
  (status: number, body: unknown, type = 'application/json'): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/** A healthy engine: the right answer for each read endpoint. */
const healthy: Behaviour = (req, res) => {
  const url = req.url ?? '';
  if (url.startsWith('/images/json')) json(200, GOOD.images)(req, res);
  else if (url.startsWith('/images/')) json(200, GOOD.image)(req, res);
  else if (url.startsWith('/containers/')) json(200, GOOD.container)(req, res);
  else json(404, { message: 'page not found' })(req, res);
};

/** Bytes written straight on the socket (for what node:http would never send), then the connection closed. */
const raw =
  (text: string): Behaviour =>
  (req) =>
    void req.socket.end(text);

const CAP = 10_000;

/** The faults, each with the command that meets it and the message the member must get. */
const faults: {
  fault: string;
  behaviour: Behaviour;
  command: 'image' | 'container' | 'images';
  key: MessageKey;
  params?: Record<string, string | number>;
}[] = [
  // Engine stopped mid-request.
  {
    fault: 'closes the connection before answering',
    behaviour: (req) => req.socket.destroy(),
    command: 'image',
    key: 'sandbox.error.unreachable',
  },
  {
    fault: 'dies halfway through a body it promised 5000 bytes of',
    behaviour: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write(`{"Id":"${IMAGE_ID}","RepoTags":[`);
      setImmediate(() => req.socket.destroy());
    },
    command: 'image',
    key: 'sandbox.error.unreachable',
  },
  {
    fault: 'stops a chunked answer before its last chunk',
    behaviour: raw(
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{"Id\r\n',
    ),
    command: 'images',
    key: 'sandbox.error.unreachable',
  },
  {
    fault: 'answers HTTP/1.0 without a length and closes after half the JSON',
    behaviour: raw(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"Id":"${IMAGE_ID}","RepoTa`),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  // Slow engine.
  {
    fault: 'never answers',
    behaviour: () => {},
    command: 'container',
    key: 'sandbox.error.timeout',
    params: { seconds: 1 },
  },
  {
    fault: 'sends the headers, then nothing',
    behaviour: (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders(),
    command: 'images',
    key: 'sandbox.error.timeout',
    params: { seconds: 1 },
  },
  // Garbage.
  {
    fault: 'answers invalid JSON',
    behaviour: json(200, `{"message": "${SECRET}",`),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  { fault: 'answers an empty body', behaviour: json(200, ''), command: 'container', key: 'sandbox.error.badResponse' },
  {
    fault: 'answers [] for an image inspect',
    behaviour: json(200, []),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers {"Id": 5} for an image inspect',
    behaviour: json(200, { Id: 5 }),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers null for an image inspect',
    behaviour: json(200, null),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers RepoTags as a string and Config as a list',
    behaviour: json(200, { ...GOOD.image, RepoTags: SECRET, Config: [SECRET] }),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers a container with State a string and Mounts an object',
    behaviour: json(200, { ...GOOD.container, State: 'running', Mounts: { a: SECRET } }),
    command: 'container',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers an object instead of the image list',
    behaviour: json(200, { images: [] }),
    command: 'images',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers a list of nulls',
    behaviour: json(200, [null, 1, SECRET]),
    command: 'images',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers a body over the cap, declared in content-length',
    behaviour: json(200, `["${'x'.repeat(CAP * 2)}"]`),
    command: 'images',
    key: 'sandbox.error.tooLarge',
  },
  {
    fault: 'streams a chunked body over the cap',
    behaviour: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 30; i++) res.write(`"${'x'.repeat(1000)}",`);
      res.end('"x"]');
    },
    command: 'image',
    key: 'sandbox.error.tooLarge',
  },
  {
    fault: 'answers a 200 HTML page (a proxy in front, wrong content-type)',
    behaviour: json(200, `<html><body>${SECRET}</body></html>`, 'text/html'),
    command: 'image',
    key: 'sandbox.error.badResponse',
  },
  {
    fault: 'answers 500 with a host path and a password',
    behaviour: json(500, { message: SECRET }),
    command: 'container',
    key: 'sandbox.error.engine',
  },
  {
    fault: 'answers 502 with an HTML page',
    behaviour: json(502, `<html>${SECRET}</html>`, 'text/html'),
    command: 'images',
    key: 'sandbox.error.engine',
  },
  {
    fault: 'answers 404 with a body that is not JSON',
    behaviour: json(404, `no such image: ${SECRET}`, 'text/plain'),
    command: 'image',
    key: 'sandbox.error.notFoundImage',
    params: { name: IMAGE },
  },
];

const invocation = (command: 'image' | 'container' | 'images'): RawInvocation =>
  command === 'images'
    ? { name: 'images', options: {} }
    : { name: 'inspect', subcommand: command, options: { name: command === 'image' ? IMAGE : CONTAINER } };

let dir: string;
let socketPath: string;
let server: http.Server;
let behaviour: Behaviour = healthy;
const seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-faults-'));
  socketPath = path.join(dir, 'engine.sock');
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    behaviour(req, res);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

let env: TestEnv | undefined;
afterEach(() => {
  env?.cleanup();
  env = undefined;
  behaviour = healthy;
  seen.splice(0);
});

/** A context whose sandbox talks to the misbehaving engine; tests of the deadline pass 100 ms instead of 3 s. */
function setup(limits: ClientLimits = {}) {
  env = testEnv({ notes: notesFixture().index });
  const client = createSandboxClient({ socketPath }, { timeoutMs: 2_000, maxResponseBytes: CAP, ...limits });
  env.services.sandbox = createSandbox(client, { clock: env.clock, limit: 1_000_000 });
  return env;
}

/** The whole reply as text, to look for anything the engine said. */
const textOf = (reply: Reply) => JSON.stringify({ ...reply, files: reply.files?.map((f) => f.data.toString()) });

describe('the sandbox commands facing a faulty engine', () => {
  it.each(faults)(
    'engine $fault → $key, ephemeral, nothing of its text',
    async ({ behaviour: b, command, key, params }) => {
      const e = setup(key === 'sandbox.error.timeout' ? { timeoutMs: 100 } : {});
      behaviour = b;
      const reply = await runCommand(registry, e.ctx(), invocation(command));
      expect(reply).toEqual({ content: ko(key, params), ephemeral: true });
      expect(textOf(reply)).not.toMatch(LEAK);
      expect(seen).toHaveLength(1); // it did reach the engine

      const english = await runCommand(registry, e.ctx({ locale: 'en' }), invocation(command));
      expect(english.content).toBe(en(key, params));

      // The engine recovers: the very next command answers normally (no failed list is cached, no socket reused).
      behaviour = healthy;
      const after = await runCommand(registry, e.ctx(), invocation(command));
      expect(after.ephemeral).toBeFalsy();
      expect(after.embeds?.[0]?.title).toBeTruthy();
    },
  );

  it('reads an HTTP/1.0 answer without a length to the end of the connection', async () => {
    const e = setup();
    behaviour = raw(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(GOOD.image)}`);
    const reply = await runCommand(registry, e.ctx(), invocation('image'));
    expect(reply.embeds?.[0]?.title).toBe(ko('sandbox.image.title', { name: IMAGE }));
  });

  it('takes well-formed JSON whatever content-type the engine labels it with', async () => {
    const e = setup();
    behaviour = json(200, GOOD.images, 'text/plain; charset=utf-8');
    const reply = await runCommand(registry, e.ctx(), invocation('images'));
    expect(reply.embeds?.[0]?.title).toBe(ko('sandbox.images.title', { count: 1 }));
  });

  it('renders an inspect whose Created is past what a Date can hold, without its date', async () => {
    const e = setup();
    behaviour = json(200, { Id: '0', Created: 8640000000000.001 }); // found by the property below
    const reply = await runCommand(registry, e.ctx(), invocation('image'));
    const created = reply.embeds?.[0]?.fields?.find((f) => f.name === ko('sandbox.field.created'));
    expect(created?.value.startsWith(ko('sandbox.none'))).toBe(true);
  });

  it('renders a minimal but well-formed inspect (only an Id, nulls everywhere) without throwing', async () => {
    const e = setup();
    behaviour = (req, res) =>
      req.url?.startsWith('/images/')
        ? json(200, { Id: 'ab12', RepoTags: null, Config: null, RootFS: null, Created: null })(req, res)
        : json(200, { Id: 'cd34', State: null, Mounts: null, NetworkSettings: { Ports: { '80/tcp': null } } })(
            req,
            res,
          );
    const image = await runCommand(registry, e.ctx(), invocation('image'));
    expect(image.embeds?.[0]?.title).toBe(ko('sandbox.image.title', { name: IMAGE }));
    const container = await runCommand(registry, e.ctx(), invocation('container'));
    expect(container.embeds?.[0]?.fields?.[0]?.value).toBe(ko('sandbox.status.unknown', { status: 'unknown' }));
  });

  it('never fails with an internal error whatever JSON the inspect endpoints answer', async () => {
    const e = setup();
    const id = fc.oneof(fc.constant(IMAGE_ID), fc.stringMatching(/^[0-9a-f]{1,64}$/), fc.jsonValue());
    const loose = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.jsonValue());
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          Id: id,
          Name: loose(fc.string()),
          RepoTags: loose(fc.array(fc.string())),
          Created: loose(fc.oneof(fc.integer(), fc.string())),
          Config: loose(
            fc.record({
              Env: loose(fc.array(fc.string())),
              Cmd: loose(fc.string()),
              Labels: loose(fc.dictionary(fc.string(), fc.string())),
            }),
          ),
          State: loose(fc.record({ Status: loose(fc.string()) })),
          Mounts: loose(fc.array(fc.record({ Type: loose(fc.string()), RW: loose(fc.boolean()) }))),
          NetworkSettings: loose(
            fc.record({
              Ports: loose(fc.dictionary(fc.string(), loose(fc.array(fc.record({ HostPort: loose(fc.string()) }))))),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const allowed = new Set([ko('sandbox.error.badResponse')]);
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('image' as const, 'container' as const), async (value, command) => {
        behaviour = json(200, JSON.stringify(value));
        const reply = await runCommand(registry, e.ctx(), invocation(command));
        if (reply.ephemeral) expect(allowed).toContain(reply.content);
        else expect(reply.embeds?.[0]?.title).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});

/** JSON nested `depth` deep: `[[[…]]]` or `{"a":{"a":…1}}`. */
const nested = (kind: '[' | '{"a":', depth: number) =>
  kind === '[' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const DEEP = 200_000;

/**
 * Answers nested far deeper than any Docker answer, well-formed and under the 4 MiB cap, each where the shape
 * check lets it through (a field it does not read): JSON.parse copes, but the recursive readers after it would
 * overflow the stack.
 */
const deepAnswers: { what: string; command: 'image' | 'container' | 'images'; body: string }[] = [
  {
    what: `an image inspect with ${DEEP} [ deep in a field`,
    command: 'image',
    body: `{"Id":"${IMAGE_ID}","Deep":${nested('[', DEEP)}}`,
  },
  {
    what: `a container inspect with {"a": nested ${DEEP} deep in a field`,
    command: 'container',
    body: `{"Id":"${'c'.repeat(64)}","State":{"Status":"exited"},"Deep":${nested('{"a":', DEEP)}}`,
  },
  {
    what: `an image list whose entry has {"a": nested ${DEEP} deep in a field`,
    command: 'images',
    body: `[{"Id":"${IMAGE_ID}","RepoTags":["${IMAGE}"],"Labels":{},"Deep":${nested('{"a":', DEEP)}}]`,
  },
];

describe('the sandbox commands facing an engine whose JSON nests absurdly deep', () => {
  it.each(deepAnswers)('$what → badResponse, and the next command answers', async ({ command, body }) => {
    expect(body.length).toBeLessThan(DEFAULT_MAX_RESPONSE_BYTES);
    const e = setup({ maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    behaviour = json(200, body);
    const reply = await runCommand(registry, e.ctx(), invocation(command));
    expect(reply).toEqual({ content: ko('sandbox.error.badResponse'), ephemeral: true });
    expect(seen).toHaveLength(1);
    // The process is fine: the engine behaves again and the same command answers normally.
    behaviour = healthy;
    const after = await runCommand(registry, e.ctx(), invocation(command));
    expect(after.ephemeral).toBeFalsy();
    expect(after.embeds?.[0]?.title).toBeTruthy();
  });

  it(`takes an answer nested exactly ${MAX_JSON_DEPTH} deep`, async () => {
    const e = setup();
    // The object itself is level 1, so the field holds MAX_JSON_DEPTH - 1 more levels.
    behaviour = json(200, `{"Id":"${IMAGE_ID}","Deep":${nested('[', MAX_JSON_DEPTH - 1)}}`);
    const reply = await runCommand(registry, e.ctx(), invocation('image'));
    expect(reply.embeds?.[0]?.title).toBe(ko('sandbox.image.title', { name: IMAGE }));
  });
});

describe('the bot through the fake Discord, facing a faulty engine', () => {
  let h: BotHarness;
  let n = 0;
  /** Each command from a new member, so the per-member rate limit never interferes. */
  const member = () => ({ id: `5000000000000000${String(++n).padStart(2, '0')}`, username: `member${n}` });
  const ephemeralText = (r: InteractionResponse) =>
    ((r.message?.flags as number | undefined) ?? 0) & 64 ? String(r.message?.content ?? '') : '';

  beforeAll(async () => {
    h = await startBotAgainstFake({
      env: { DOCKER_SANDBOX_HOST: `unix://${socketPath}`, DOCKER_SANDBOX_TIMEOUT_MS: '300' },
      bot: { clock: manualClock(), deferAfterMs: 100 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const send = (command: 'image' | 'container' | 'images') =>
    h.fake.sendCommand({ ...(invocation(command) as { name: string }), user: member() });

  it('answers garbage, a dropped connection and a silent engine with ephemeral messages, then answers as usual', async () => {
    const cases: [Behaviour, 'image' | 'container' | 'images', string][] = [
      [json(200, { Id: 5, Config: SECRET }), 'image', ko('sandbox.error.badResponse')],
      [(req) => req.socket.destroy(), 'container', ko('sandbox.error.unreachable')],
      [json(500, { message: SECRET }), 'images', ko('sandbox.error.engine')],
      [json(200, `{"Id":"${IMAGE_ID}","Deep":${nested('[', DEEP)}}`), 'image', ko('sandbox.error.badResponse')],
      [() => {}, 'image', ko('sandbox.error.timeout', { seconds: 1 })],
    ];
    const kinds: string[] = [];
    for (const [b, command, message] of cases) {
      behaviour = b;
      const ix = await send(command);
      const r = await ix.waitForReply((x) => ephemeralText(x) !== '');
      expect(ephemeralText(r)).toBe(message);
      expect(JSON.stringify(ix.responses)).not.toMatch(LEAK);
      kinds.push(ix.responses.map((x) => `${x.kind}${x.callbackType ?? ''}`).join(' '));
    }
    // The silent engine outlived the 100 ms defer: the public "thinking…" was removed for the private answer.
    expect(kinds.at(-1)).toMatch(/^callback5 .*delete-original/);
    behaviour = healthy;
    const good = await send('image');
    const r = await good.waitForReply();
    expect((r.message?.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe(
      ko('sandbox.image.title', { name: IMAGE }),
    );
    const ref = await h.fake.sendCommand({ name: 'imageref', options: { reference: 'nginx' }, user: member() });
    expect((await ref.waitForReply()).ok).toBe(true);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });
});

const { skip } = podmanOrSkip();

/** The ids of the processes serving this socket (our own podman service, found by its unique temp path). */
function pidsServing(socket: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`unix://${socket}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Thread states of a process (R, S, T…), from /proc. */
function threadStates(pid: number): string[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  });
}

/**
 * Resolves once every thread of every process is stopped. SIGSTOP is delivered asynchronously and the kernel gives
 * no event for "stopped", so this checks /proc on each turn of the event loop (bounded to 5 s), never on a timer.
 */
async function stopped(pids: number[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!pids.every((pid) => threadStates(pid).every((s) => s === 'T'))) {
    if (Date.now() > deadline) throw new Error(`podman did not stop: ${pids.map(threadStates).join(' ')}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.skipIf(skip)('a real engine (podman) killed while a request is in flight', () => {
  let engine: PodmanEngine;
  let pids: number[] = [];
  beforeAll(async () => {
    engine = await startPodman();
    pids = pidsServing(engine.socketPath);
  }, 60_000);
  afterAll(async () => {
    // If the test failed while podman was frozen, SIGTERM would never be handled: end our own podman here.
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await engine?.stop();
  });

  it('answers "unreachable", then keeps answering', async () => {
    expect(pids.length).toBeGreaterThan(0);
    env = testEnv({ notes: notesFixture().index });
    const client = createSandboxClient({ socketPath: engine.socketPath }, { timeoutMs: 10_000 });
    env.services.sandbox = createSandbox(client, { clock: env.clock });

    // Frozen, the engine still accepts the connection (the kernel queues it) but cannot answer: once the request
    // is fully written it is in flight, and killing the engine then is deterministic.
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    await stopped(pids);
    const written = new Promise<void>((resolve) => {
      const onStart = (message: unknown) => {
        const { request } = message as { request: http.ClientRequest };
        if (!request.path.includes('/images/')) return;
        dc.unsubscribe('http.client.request.start', onStart);
        request.once('finish', () => resolve());
      };
      dc.subscribe('http.client.request.start', onStart);
    });
    const answer = runCommand(registry, env.ctx(), invocation('image'));
    await written;
    for (const pid of pids) process.kill(pid, 'SIGKILL');

    expect(await answer).toEqual({ content: ko('sandbox.error.unreachable'), ephemeral: true });
    // Gone for good: the next lookup fails fast with the same message; commands without the engine still work.
    expect(await runCommand(registry, env.ctx(), invocation('images'))).toEqual({
      content: ko('sandbox.error.unreachable'),
      ephemeral: true,
    });
    const ref = await runCommand(registry, env.ctx(), { name: 'imageref', options: { reference: 'nginx' } });
    expect(ref.embeds?.[0]?.title).toBe(ko('sandbox.ref.title', { input: 'nginx' }));
  }, 30_000);
});
