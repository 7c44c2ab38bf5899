import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { openPglite } from '../../packages/server/src/db/pglite.js';
import { openPostgres } from '../../packages/server/src/db/postgres.js';
import type { Database } from '../../packages/server/src/db/types.js';

export type Engine = 'pglite' | 'postgres';

/** A fresh, migrated database for one benchmark run, removed afterwards. */
export interface BenchDatabase {
  db: Database;
  /** How a server process reaches the same data: DATA_DIR for PGlite, DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

export async function benchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'puente-bench-'));
    const db = await openPglite(dir);
    await migrate(db);
    return {
      db,
      env: { DATA_DIR: dir },
      drop: async () => {
        await db.close().catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const admin =
    process.env.PUENTE_BENCH_PG ??
    process.env.PUENTE_TEST_PG ??
    'postgres://puente:puente@127.0.0.1:5432/postgres';
  const name = `puente_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 10);
  await migrate(db);
  return {
    db,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await db.close().catch(() => {});
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
