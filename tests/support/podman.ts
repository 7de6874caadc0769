/**
 * A real Docker Engine API for tests: Debian's podman serving `podman system service` on a unix socket, with its
 * storage in a temp folder (`--root`/`--runroot`, vfs driver) so tests never touch the machine's images.
 * Tests skip with a clear line where podman is missing, and fail instead when CI=true (see `podmanOrSkip`).
 */
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function podmanInstalled(): boolean {
  return spawnSync('podman', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether this file's podman tests should be skipped. In CI a missing podman is a failure, not a skip:
 * the caller's `beforeAll` then throws with this message.
 */
export function podmanOrSkip(): { skip: boolean; missing: boolean } {
  const missing = !podmanInstalled();
  if (missing && process.env.CI !== 'true') {
    console.warn('SKIP sandbox engine tests: podman is not installed (apt-get install -y podman).');
    return { skip: true, missing };
  }
  return { skip: false, missing };
}

export const TINY_IMAGE = 'localhost/studybot-tiny:1.0';
export const TINY_CONTAINER = 'studybot-tiny-1';

export interface PodmanEngine {
  dir: string;
  socketPath: string;
  /** Runs the podman CLI on this engine's storage. */
  podman(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** A minimal POSIX ustar archive (a couple of files is all a test image needs; Node has no tar of its own). */
export function tarball(files: { name: string; content: string; mode?: number }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const data = Buffer.from(f.content);
    const header = Buffer.alloc(512);
    const put = (value: string, offset: number, length: number) => header.write(value, offset, length, 'utf8');
    const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
    put(f.name, 0, 100);
    put(octal(f.mode ?? 0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(data.length, 12), 124, 12);
    put(octal(0, 12), 136, 12);
    put('        ', 148, 8);
    put('0', 156, 1);
    put('ustar\u000000', 257, 8);
    const sum = header.reduce((a, b) => a + b, 0);
    put(`${octal(sum, 7)}\u0000 `, 148, 8);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

/**
 * Starts `podman system service` in a temp root and waits until `_ping` answers. podman gives no readiness
 * event, so this is a bounded poll on `_ping` (50 ms apart, 30 s at most) that also stops if podman exits.
 */
export async function startPodman(): Promise<PodmanEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-podman-'));
  const socketPath = path.join(dir, 'docker.sock');
  // Networks live in containers.conf's network_config_dir (/etc/containers/networks for root by default): kept in
  // the temp folder too, so `podman network create` in a test never touches the machine's networks.
  const networksDir = path.join(dir, 'networks');
  mkdirSync(networksDir);
  const confPath = path.join(dir, 'containers.conf');
  writeFileSync(confPath, `[network]\nnetwork_config_dir = ${JSON.stringify(networksDir)}\n`);
  const env = { ...process.env, CONTAINERS_CONF: confPath };
  const globals = [
    '--root',
    path.join(dir, 'root'),
    '--runroot',
    path.join(dir, 'run'),
    '--storage-driver=vfs',
    '--cgroup-manager=cgroupfs',
    '--events-backend=file',
  ];
  const child: ChildProcess = spawn('podman', [...globals, 'system', 'service', '--time=0', `unix://${socketPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = Date.now() + 30_000;
  while (!(await ping(socketPath))) {
    if (exited || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`podman system service did not start: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    dir,
    socketPath,
    async podman(...args) {
      const { stdout } = await run('podman', [...globals, ...args], { maxBuffer: 10 * 1024 * 1024, env });
      return stdout.trim();
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The test image (CMD, ENV, a label, a port) and one container made from it, in state `created`. */
export async function seedTinyImage(engine: PodmanEngine): Promise<{ imageId: string; containerId: string }> {
  const tarPath = path.join(engine.dir, 'rootfs.tar');
  writeFileSync(
    tarPath,
    tarball([
      { name: 'bin/hello', content: '#!/bin/sh\necho hello\n', mode: 0o755 },
      { name: 'etc/motd', content: 'docker study sandbox\n' },
    ]),
  );
  const imageId = (
    await engine.podman(
      'import',
      '--change',
      'CMD ["/bin/hello"]',
      '--change',
      'ENV GREETING=hello',
      '--change',
      'WORKDIR /srv',
      '--change',
      'EXPOSE 8080/tcp',
      '--change',
      'LABEL org.opencontainers.image.title=tiny',
      tarPath,
      TINY_IMAGE,
    )
  )
    .split('\n')
    .pop()!;
  const containerId = (await engine.podman('create', '--name', TINY_CONTAINER, TINY_IMAGE)).split('\n').pop()!;
  return { imageId, containerId };
}

export const LAYERS_IMAGE = 'localhost/studybot-layers:1.0';
export const LAYERS_ARM_IMAGE = 'localhost/studybot-layers:arm64';
export const STUDY_VOLUME = 'studybot-data';
export const STUDY_NETWORK = 'studybot-net';
export const STUDY_SUBNET = '10.89.77.0/24';
export const STUDY_CONTAINER = 'studybot-app-1';
/** Bytes of the second COPY's file (random, so it does not compress away: the largest layer). */
export const BIG_FILE_BYTES = 20_000;

/**
 * A two-layer image built from a `FROM scratch` Dockerfile (two COPY steps, then ENV and CMD, which add no layer),
 * the same build for linux/arm64 (its layers have the same diff ids: the same files), a labelled volume and network,
 * and a container (created, not started) that mounts the volume and joins the network.
 */
export async function seedStudyResources(engine: PodmanEngine): Promise<{ imageId: string }> {
  const ctx = path.join(engine.dir, 'build');
  mkdirSync(ctx);
  writeFileSync(path.join(ctx, 'a.txt'), 'docker study\n');
  writeFileSync(path.join(ctx, 'b.bin'), randomBytes(BIG_FILE_BYTES));
  writeFileSync(
    path.join(ctx, 'Dockerfile'),
    'FROM scratch\nCOPY a.txt /a.txt\nCOPY b.bin /data/b.bin\nENV STAGE=study\nCMD ["/a.txt"]\n',
  );
  const imageId = (await engine.podman('build', '-q', '-t', LAYERS_IMAGE, ctx)).split('\n').pop()!;
  await engine.podman('build', '-q', '--no-cache', '--platform', 'linux/arm64', '-t', LAYERS_ARM_IMAGE, ctx);
  await engine.podman(
    'volume',
    'create',
    '--label',
    'purpose=study',
    '--label',
    'backup=/home/alice/backups',
    STUDY_VOLUME,
  );
  await engine.podman(
    'network',
    'create',
    '--label',
    'team=study',
    '--label',
    'compose=/srv/compose.yaml',
    '--subnet',
    STUDY_SUBNET,
    STUDY_NETWORK,
  );
  await engine.podman(
    'create',
    '--name',
    STUDY_CONTAINER,
    '-v',
    `${STUDY_VOLUME}:/data`,
    '--network',
    STUDY_NETWORK,
    LAYERS_IMAGE,
  );
  return { imageId };
}
