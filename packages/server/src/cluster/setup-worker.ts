import type { Config } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import type { Logger } from '../log.js';
import { prepareFirstStart } from '../setup/prepare.js';
import { heardFromPrimary, tell } from './lifecycle.js';

/**
 * The cluster's setup process: migrates the database (under the migration
 * lock, so several servers starting together take turns), then, once every
 * worker holds the port, makes the first admin or the demo, hands what it
 * made to the primary and ends. The primary stays small: it never loads the
 * database layer, and what this process held is given back to the machine.
 */
export async function setupWorker(config: Config, log: Logger, options: { demo: boolean }): Promise<void> {
  // Never outlives the primary: a start stopped halfway leaves no process behind.
  process.once('disconnect', () => process.exit(1));
  const prepare = heardFromPrimary('puente:prepare');
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db, undefined, { log });
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    await tell({ type: 'puente:migrated' });
    await prepare;
    const made = await prepareFirstStart(db, options);
    await tell({ type: 'puente:prepared', made });
  } finally {
    await db.close();
  }
}
