/**
 * A real Docker registry for tests: Debian's `docker-registry` (distribution's registry:2) serving on 127.0.0.1 at a
 * free port, without TLS, with its storage in a temp folder. Tests skip where it is missing and fail when CI=true.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REGISTRY_BIN = 'docker-registry';

export function registryInstalled(): boolean {
  return spawnSync('sh', ['-c', `command -v ${REGISTRY_BIN}`], { stdio: 'ignore' }).status === 0;
}

/** Like podmanOrSkip: skip without the binary, unless CI=true (then the caller's beforeAll throws). */
export function registryOrSkip(): { skip: boolean; missing: boolean } {
  const missing = !registryInstalled();
  if (missing && process.env.CI !== 'true') {
    console.warn('SKIP registry tests: docker-registry is not installed (apt-get install -y docker-registry).');
    return { skip: true, missing };
  }
  return { skip: false, missing };
}

/** A port the kernel just handed out and released (the registry binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalRegistry {
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  url: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    // 401 is an answer too: a registry with token auth challenges even `GET /v2/`.
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

/**
 * Starts `docker-registry serve` and waits until `GET /v2/` answers: the registry gives no readiness event, so this
 * is a bounded poll (50 ms apart, 20 s at most) that also stops if the process exits.
 */
export async function startRegistry(
  options: {
    /** Distribution's token auth: the registry sends clients to `realm` and trusts tokens signed by `certPath`'s key. */
    token?: { realm: string; service: string; issuer: string; certPath: string };
  } = {},
): Promise<LocalRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-registry-'));
  const port = await freePort();
  const token = options.token;
  const auth = token
    ? [
        'auth:',
        '  token:',
        `    realm: ${JSON.stringify(token.realm)}`,
        `    service: ${JSON.stringify(token.service)}`,
        `    issuer: ${JSON.stringify(token.issuer)}`,
        `    rootcertbundle: ${JSON.stringify(token.certPath)}`,
      ]
    : [];
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${JSON.stringify(path.join(dir, 'data'))}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ...auth,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`docker-registry did not start: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: `127.0.0.1:${port}`,
    url,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
