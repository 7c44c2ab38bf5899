import { refuseIfMoved } from './moved.js';
import { openPostgres } from './postgres.js';
import { forUser, type ReplicaEvents, readRouting } from './replica.js';
import type { Database } from './types.js';

export interface DatabaseConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
  /** A statement out this long makes Puente ask its host whether it hung (db/hosts.ts HangBounds). */
  stallMs?: number;
  /** How long opening a connection to the primary, or asking a host, may take. */
  connectTimeoutMs?: number;
  /** A streaming replica for read-mostly work (db/replica.ts); PostgreSQL only. */
  databaseReadUrl?: string | undefined;
  /** How long a user's replica read waits for their last write to be replayed there. */
  readWaitMs?: number;
  /** How long a replica that failed is left alone before it is tried again (tests shorten it). */
  readRetryMs?: number;
  /** `transaction`: a pooler (PgBouncer) that cannot keep named prepared statements sits in front. */
  pooler?: 'none' | 'session' | 'transaction';
}

/** What the database tells the server about its replica (logs, metrics) and other workers. */
export interface DatabaseEvents extends Partial<ReplicaEvents> {
  /** A user's write reached `lsn`: other processes serving them must not read older. */
  tell?(userId: string, lsn: string): void;
  /** Gives the way to hear what other processes tell. */
  listen?(heard: (userId: string, lsn: string) => void): void;
}

/** PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir`, unless that program moved (moved.ts). */
export async function openDatabase(config: DatabaseConfig, events: DatabaseEvents = {}): Promise<Database> {
  if (config.databaseUrl) {
    const namedStatements = config.pooler !== 'transaction';
    const primary = await openPostgres(config.databaseUrl, config.poolSize, {
      namedStatements,
      ...(config.stallMs ? { stallMs: config.stallMs } : {}),
      ...(config.connectTimeoutMs ? { connectTimeoutMs: config.connectTimeoutMs } : {}),
    });
    const readUrl = config.databaseReadUrl;
    if (!readUrl) return primary;
    const routing = readRouting(
      primary,
      {
        open: () =>
          // A replica that stops answering is given up sooner than the primary: the primary can do its reads.
          openPostgres(readUrl, config.poolSize, {
            namedStatements,
            connectTimeoutMs: Math.min(2000, config.connectTimeoutMs ?? 2000),
            ...(config.stallMs ? { stallMs: config.stallMs } : {}),
            standby: true,
          }),
        waitMs: config.readWaitMs ?? 200,
        ...(config.readRetryMs ? { retryMs: config.readRetryMs } : {}),
        events,
      },
      events.tell,
    );
    events.listen?.((userId, lsn) => routing.heard(userId, lsn));
    const shared: Database = {
      ...primary,
      forUser: (userId) => ({ ...forUser(primary, routing, userId), base: shared }),
      async close() {
        await routing.close();
        await primary.close();
      },
    };
    return shared;
  }
  await refuseIfMoved(config.dataDir);
  // Loaded only for the embedded database: processes on PostgreSQL never hold PGlite's module.
  const { openPglite } = await import('./pglite.js');
  return openPglite(config.dataDir);
}
