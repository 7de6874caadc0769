/** SandboxError kinds → the member's translated message; the engine's own text never reaches the member. */
import { UserError } from '../core/errors.js';
import { isSandboxError } from './errors.js';
import { DEFAULT_TIMEOUT_MS } from './modem.js';

export type SandboxTarget = {
  kind: 'image' | 'container' | 'volume' | 'network' | 'list' | 'registry';
  name?: string;
};

const NOT_FOUND = {
  image: 'sandbox.error.notFoundImage',
  list: 'sandbox.error.notFoundImage',
  container: 'sandbox.error.notFoundContainer',
  volume: 'sandbox.error.notFoundVolume',
  network: 'sandbox.error.notFoundNetwork',
  registry: 'sandbox.registry.error.notFound',
} as const;

const BAD_NAME = {
  image: 'sandbox.error.badImageName',
  list: 'sandbox.error.badImageName',
  registry: 'sandbox.error.badImageName',
  container: 'sandbox.error.badContainerName',
  volume: 'sandbox.error.badResourceName',
  network: 'sandbox.error.badResourceName',
} as const;

export function sandboxUserError(err: unknown, target: SandboxTarget): unknown {
  if (!isSandboxError(err)) return err;
  const name = (target.name ?? '').slice(0, 100);
  const registry = target.kind === 'registry';
  switch (err.code) {
    case 'notFound':
      return new UserError(NOT_FOUND[target.kind], { name });
    case 'badName':
      return new UserError(BAD_NAME[target.kind], { name });
    case 'timeout':
      return new UserError(registry ? 'sandbox.registry.error.timeout' : 'sandbox.error.timeout', {
        seconds: Math.max(1, Math.round((err.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)),
      });
    case 'refused':
      return new UserError('sandbox.error.refused');
    case 'unreachable':
      return new UserError(registry ? 'sandbox.registry.error.unreachable' : 'sandbox.error.unreachable');
    case 'tooLarge':
      return registry
        ? new UserError('sandbox.registry.error.tooLarge', { max: megabytes(err.part) })
        : new UserError('sandbox.error.tooLarge');
    case 'badResponse':
      return new UserError(registry ? 'sandbox.registry.error.badResponse' : 'sandbox.error.badResponse');
    case 'engine':
      return new UserError(registry ? 'sandbox.registry.error.server' : 'sandbox.error.engine');
    case 'unauthorized':
      return new UserError('sandbox.registry.error.unauthorized');
    case 'redirect':
      return new UserError('sandbox.registry.error.redirect', { host: err.part ?? '' });
    case 'mediaType':
      return new UserError('sandbox.registry.error.mediaType', { type: err.part ?? '' });
  }
}

/** The size cap in MB for the message (`4`), from the byte count the error carries. */
function megabytes(part: string | undefined): string {
  const bytes = Number(part);
  return Number.isFinite(bytes) && bytes > 0 ? String(Math.round((bytes / 1024 / 1024) * 10) / 10) : '4';
}

/** Runs an engine call, turning its failure into the UserError the dispatcher shows. */
export async function withSandboxErrors<T>(target: SandboxTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw sandboxUserError(err, target);
  }
}
