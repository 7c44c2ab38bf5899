import type { Logger } from './log.js';

/**
 * Runs `pass` every `everyMs` beside the requests, in this process. A pass
 * never overlaps the previous one; `stop` waits for the pass in progress.
 * Failures are logged by kind only: a database error message can quote values.
 */
export function every(
  everyMs: number,
  pass: () => Promise<void>,
  log: Logger,
  what: string,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = pass()
      .catch((error: unknown) => log.error({ err: { name: (error as Error).name } }, `${what} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
