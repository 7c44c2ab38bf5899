import type { Logger } from '../../log.js';

/** A background import's failure, logged by kind only: its message may quote a row of a person's data. */
export function logStopped(log: Logger, error: unknown, message: string): void {
  log.error({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, message);
}
