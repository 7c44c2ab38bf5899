import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { countingStatements } from '../db/counted.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { closeNews } from '../features/news/hub.js';
import { createLogger } from '../log.js';
import type { Harness } from './app.js';
import { type StreamingPair, startStreamingPair } from './streaming-pair.js';

export type Routed = [to: 'replica' | 'primary', why?: string];

export interface ReplicaHarness extends Harness {
  pair: StreamingPair;
  /** Where each read-mostly request read, in order (emptied by the test when it likes). */
  routed: Routed[];
  /** Waits until the replica has replayed everything the primary has written so far. */
  replicaCaughtUp(): Promise<void>;
}

/**
 * The whole server on a throwaway primary and a streaming replica of it
 * (DATABASE_READ_URL), made before the file's tests and stopped after them,
 * as `useApp` does on one database. PostgreSQL only.
 */
export function useReplicaApp(): ReplicaHarness {
  const h = { routed: [] as Routed[] } as unknown as ReplicaHarness;
  h.replicaCaughtUp = async () => {
    const [now] = await h.db.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
    const replica = await openDatabase({
      databaseUrl: h.pair.replicaUrl,
      dataDir: '/nonexistent',
      poolSize: 1,
    });
    try {
      for (let i = 0; i < 200; i++) {
        const [row] = await replica.query<{ ok: boolean }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
          [now?.lsn],
        );
        if (row?.ok) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the replica did not catch up');
    } finally {
      await replica.close();
    }
  };
  beforeAll(async () => {
    h.pair = await startStreamingPair();
    const config = { databaseUrl: h.pair.primaryUrl, databaseReadUrl: h.pair.replicaUrl };
    h.db = countingStatements(
      await openDatabase(
        { ...config, dataDir: '/nonexistent', poolSize: 5 },
        { routed: (to, why) => h.routed.push(why ? [to, why] : [to]) },
      ),
      () => {},
    );
    await migrate(h.db);
    h.config = testConfig(config);
    h.app = buildApp({ db: h.db, config: h.config, log: createLogger('silent') });
  }, 60_000);
  afterAll(async () => {
    if (h.db) await closeNews(h.db);
    await h.db?.close();
    await h.pair?.stop();
  });
  return h;
}
