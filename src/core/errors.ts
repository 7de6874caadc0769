import type { MessageKey, MessageParams } from '../i18n/index.js';

/**
 * An expected failure caused by what the member asked for (bad duration, unknown chapter, sandbox off…).
 * The dispatcher shows it ephemerally, translated into the member's language; it is never logged as a crash.
 */
export class UserError extends Error {
  readonly key: MessageKey;
  readonly params: MessageParams;
  constructor(key: MessageKey, params: MessageParams = {}) {
    super(key);
    this.name = 'UserError';
    this.key = key;
    this.params = params;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** What went wrong, for a warning or a status line: an Error's message, or anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
