import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { startServer } from '../server.js';
import { heardFromPrimary, stopOnce, tell } from './lifecycle.js';

/** An HTTP worker: the server without migrations (the setup process ran them) and without the background work. */
export async function httpWorker(config: Config, log: Logger): Promise<void> {
  const ready = heardFromPrimary('puente:ready');
  const server = await startServer(
    config,
    log,
    // Answers 503 "starting" until the setup process has made the first admin or the demo, as one process does.
    async () => {
      await tell({ type: 'puente:waiting' });
      await ready;
    },
    { migrate: false, background: false },
  );
  stopOnce(server.stop, log);
}
