import pino from 'pino';
import type { Logger } from './core/context.js';

/**
 * JSON logs (pino). The token never reaches a log line: known secret paths are redacted, and the adapter
 * never logs option values that could hold it.
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      base: undefined,
    },
    pino.destination({ fd: destination === 'stdout' ? 1 : 2, sync: false }),
  );
}
