/** SandboxError kinds → the member's translated message; the engine's own text never reaches the member. */
import { UserError } from '../core/errors.js';
import { isSandboxError } from './errors.js';
import { DEFAULT_TIMEOUT_MS } from './modem.js';

export function sandboxUserError(
  err: unknown,
  target: { kind: 'image' | 'container' | 'list'; name?: string },
): unknown {
  if (!isSandboxError(err)) return err;
  const name = (target.name ?? '').slice(0, 100);
  switch (err.code) {
    case 'notFound':
      return new UserError(
        target.kind === 'container' ? 'sandbox.error.notFoundContainer' : 'sandbox.error.notFoundImage',
        {
          name,
        },
      );
    case 'badName':
      return new UserError(
        target.kind === 'container' ? 'sandbox.error.badContainerName' : 'sandbox.error.badImageName',
        {
          name,
        },
      );
    case 'timeout':
      return new UserError('sandbox.error.timeout', {
        seconds: Math.max(1, Math.round((err.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)),
      });
    case 'refused':
      return new UserError('sandbox.error.refused');
    case 'unreachable':
      return new UserError('sandbox.error.unreachable');
    case 'tooLarge':
      return new UserError('sandbox.error.tooLarge');
    case 'badResponse':
      return new UserError('sandbox.error.badResponse');
    case 'engine':
      return new UserError('sandbox.error.engine');
  }
}

/** Runs an engine call, turning its failure into the UserError the dispatcher shows. */
export async function withSandboxErrors<T>(
  target: { kind: 'image' | 'container' | 'list'; name?: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw sandboxUserError(err, target);
  }
}
