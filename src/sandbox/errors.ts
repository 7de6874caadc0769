/**
 * Failures of the sandbox, by kind. The message is only the kind: it never carries the engine's own text, which can
 * name host paths, socket locations or registry credentials. Handlers map each kind to a translated UserError.
 */
export type SandboxErrorCode =
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'tooLarge'
  | 'notFound'
  | 'engine'
  | 'badName'
  | 'badResponse'
  // The registry's (registry*.ts): credentials refused or missing, a redirect to another host, a wrong media type.
  | 'unauthorized'
  | 'redirect'
  | 'mediaType';

export class SandboxError extends Error {
  override name = 'SandboxError';
  readonly code: SandboxErrorCode;
  /** HTTP status from the engine, or the socket error code (ECONNREFUSED…), for logs only. */
  readonly detail: string | undefined;
  /** For `timeout`: the deadline that passed, so the member is told the real figure. */
  readonly timeoutMs: number | undefined;
  /**
   * A short, already sanitised part the member may see: the other host of a refused redirect, the media type a
   * registry sent instead of a manifest, the size cap that was passed.
   */
  readonly part: string | undefined;
  constructor(code: SandboxErrorCode, detail?: string, extra: { timeoutMs?: number; part?: string } = {}) {
    super(`docker sandbox: ${code}`);
    this.code = code;
    this.detail = detail;
    this.timeoutMs = extra.timeoutMs;
    this.part = extra.part;
  }
}

export function isSandboxError(err: unknown): err is SandboxError {
  return err instanceof SandboxError;
}
