import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { migrate } from '../../db/migrate.js';
import { openPglite } from '../../db/pglite.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import type { Harness } from '../../test/app.js';
import { freshDatabase, testPgUrl } from '../../test/database.js';

/** The app on a database that outlives it, for tests that restart the server. */
export interface Server extends Harness {
  /**
   * Stops the app and its database connection and starts them again on the
   * same data, as `npm start` after a crash would: whatever the old process
   * held in memory is gone; only what the database committed is left.
   */
  restart(): Promise<void>;
}

/**
 * On PostgreSQL a restart closes the connection pool and opens a new one.
 * On PGlite (the default, in-process engine) it closes the database, which
 * shuts its embedded PostgreSQL down, and opens the same data folder again:
 * so the folder is on disk here, where the other tests keep PGlite in memory.
 */
export async function startServer(): Promise<Server> {
  // Admission of initial pulls is shown by initial-pulls.test.ts; here every phone of a run (four, and one
  // fresh phone at a time) gets a place, so a pull that the network holds back does not turn another phone away.
  const config = testConfig({ syncInitialPullsAtOnce: 5 });
  const log = createLogger('silent');
  // Each start gets its own copy of the settings, and so its own places for initial pulls, as a new process would.
  const appOn = (db: Database) => buildApp({ db, config: { ...config }, log });

  if (testPgUrl) {
    const testDb = await freshDatabase();
    const server: Server = {
      testDb,
      config,
      db: testDb.db,
      app: appOn(testDb.db),
      async restart() {
        await server.db.close();
        server.db = await testDb.openAnother();
        server.app = appOn(server.db);
      },
    };
    return server;
  }

  const dir = await mkdtemp(join(tmpdir(), 'puente-restart-'));
  const first = await openPglite(dir);
  await migrate(first);
  const server: Server = {
    config,
    db: first,
    app: appOn(first),
    testDb: {
      db: first,
      openAnother: () => Promise.reject(new Error('PGlite has one connection')),
      openAs: () => Promise.reject(new Error('PGlite has one role that logs in')),
      async drop() {
        await server.db.close();
        await rm(dir, { recursive: true, force: true });
      },
    },
    async restart() {
      await server.db.close();
      server.db = await openPglite(dir);
      server.app = appOn(server.db);
    },
  };
  return server;
}
