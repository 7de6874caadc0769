/**
 * A docker-modem whose every request passes the read-only guard, a deadline and a response size cap.
 *
 * docker-modem funnels all of dockerode's calls (list, inspect, but also create, exec, build, attach…) through
 * `Modem.prototype.buildRequest(options, context, data, callback)`, where `options.method` and `options.path` are
 * final. We replace that one function on our instance, so no dockerode method can reach the engine without passing
 * `checkRequest`. The replacement also does the HTTP itself (docker-modem's own buffers without limit), and bounds
 * the answer's size and its JSON nesting (depth.ts) before parsing it.
 */
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Agent, RequestOptions } from 'node:http';
import type Modem from 'docker-modem';
import { exceedsJsonDepth } from './depth.js';
import { checkRequest } from './guard.js';
import { SandboxError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 3_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

type Callback = (err: Error | null, result: unknown) => void;
type BuildRequest = (
  options: RequestOptions & { path?: string; method?: string },
  context: Modem.DialOptions,
  data: unknown,
  callback: Callback,
) => void;

export interface GuardedModemOptions extends Modem.ConstructorOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Called with every refusal (method and path), for logs and tests. */
  onRefused?: (method: string | undefined, path: string | undefined, reason: string) => void;
}

/** docker-modem's ssh agent (`docker system dial-stdio` over ssh2); it ships no types. */
function sshAgent(opts: object): Agent {
  const make = createRequire(import.meta.url)('docker-modem/lib/ssh.js') as (o: object) => Agent;
  return make(opts);
}

export function guardedModem(options: GuardedModemOptions): Modem {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, onRefused, ...rest } = options;
  // Loaded only when a sandbox is configured: docker-modem pulls in ssh2 and more, which a bot without a
  // sandbox should not carry in memory.
  const ModemClass = createRequire(import.meta.url)('docker-modem') as typeof Modem;
  const modem = new ModemClass(rest);
  const protocol = rest.protocol ?? 'http';

  const buildRequest: BuildRequest = (reqOptions, context, data, callback) => {
    const verdict = checkRequest({
      method: reqOptions.method,
      path: reqOptions.path,
      hasBody: data !== undefined && data !== null,
      upgrade: Boolean(context.hijack || context.openStdin || context.isStream),
    });
    if (!verdict.ok) {
      onRefused?.(reqOptions.method, reqOptions.path, verdict.reason);
      callback(new SandboxError('refused', verdict.reason), null);
      return;
    }
    let done = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (err: Error | null, result: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(err, result);
    };
    const requestOptions: RequestOptions = { ...reqOptions, method: 'GET' };
    if (protocol === 'ssh') {
      requestOptions.agent = sshAgent({
        ...rest.sshOptions,
        host: rest.host,
        port: rest.port,
        username: rest.username,
      });
    }
    const transport = protocol === 'https' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(requestOptions);
    } catch {
      finish(new SandboxError('unreachable', 'request'), null);
      return;
    }
    // Settle first, then tear the connection down, so the member's answer never waits on the socket closing.
    const fail = (err: SandboxError) => {
      finish(err, null);
      req.destroy();
    };
    timer = setTimeout(() => fail(new SandboxError('timeout', `${timeoutMs}ms`, { timeoutMs })), timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish(err instanceof SandboxError ? err : new SandboxError('unreachable', err.code ?? 'error'), null);
    });
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxResponseBytes) {
        fail(new SandboxError('tooLarge', `${declared} bytes`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) fail(new SandboxError('tooLarge', `>${maxResponseBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', (err) => finish(err instanceof SandboxError ? err : new SandboxError('unreachable'), null));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        if (context.statusCodes?.[status] !== true) {
          finish(new SandboxError(status === 404 ? 'notFound' : 'engine', `HTTP ${status}`), null);
          return;
        }
        if (verdict.endpoint === '_ping') {
          finish(null, text);
          return;
        }
        // Bounded before parsing: what reads the parsed answer (shape check, masking) recurses.
        if (exceedsJsonDepth(text)) {
          finish(new SandboxError('badResponse', 'nested too deep'), null);
          return;
        }
        try {
          finish(null, JSON.parse(text) as unknown);
        } catch {
          finish(new SandboxError('badResponse', 'not JSON'), null);
        }
      });
    });
    req.end();
  };

  (modem as unknown as { buildRequest: BuildRequest }).buildRequest = buildRequest;
  return modem;
}
