import type { Logger } from '../log.js';
import { isMessage, type ToPrimary, type ToWorker } from './messages.js';

/** Sends `message` to the primary; settles once it is on its way. */
export const tell = (message: ToPrimary) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

/** Settles when the primary says `type` (the first start made: `ready`; the setup process: `prepare`). */
export const heardFromPrimary = (type: 'puente:ready' | 'puente:prepare') =>
  new Promise<void>((resolve) => {
    const heard = (message: unknown) => {
      if (!isMessage<ToWorker>(message, type)) return;
      process.off('message', heard);
      resolve();
    };
    process.on('message', heard);
  });

/**
 * Calls `stop` once on SIGTERM, SIGINT (Ctrl+C reaches every process of the
 * group), the primary's `stop`, or the primary's end (its channel closes:
 * a worker never outlives it), then exits 0, or 1 if stopping failed.
 * With `signalsWaitMs`, a signal only starts a wait for the primary's `stop`
 * (which the primary sends once the HTTP workers are done), stopping anyway
 * when the wait ends.
 */
export function stopOnce(stop: () => Promise<void>, log: Logger, signalsWaitMs?: number): void {
  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: why }, 'worker shutting down');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const signalled = (signal: string) => {
    if (signalsWaitMs === undefined) shutdown(signal);
    else setTimeout(() => shutdown(signal), signalsWaitMs).unref();
  };
  process.once('SIGTERM', () => signalled('SIGTERM'));
  process.once('SIGINT', () => signalled('SIGINT'));
  process.once('disconnect', () => shutdown('primary gone'));
  process.on('message', (message: unknown) => {
    if (isMessage<ToWorker>(message, 'puente:stop')) shutdown('primary');
  });
}
