import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { type RunningServer, startServer } from '../server.js';
import { announceFirstStart, type FirstStartMade } from './announce.js';
import { prepareFirstStart } from './prepare.js';

/**
 * `puente start [--demo]`: takes the port first, then makes the first admin
 * (or loads the demo, into a database that holds only the demo), and prints
 * the one-time password only once the server answers. A start that fails
 * leaves nothing made and prints no password.
 */
export async function startPuente(
  config: Config,
  log: Logger,
  options: { demo: boolean },
  say: (line: string) => void,
): Promise<RunningServer> {
  let made: FirstStartMade = {};
  const server = await startServer(config, log, async (db) => {
    made = await prepareFirstStart(db, options);
  });
  announceFirstStart(made, server.url, `database: ${server.db.kind}`, say);
  return server;
}
