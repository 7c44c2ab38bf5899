import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, openPglite, openPostgres } from '@puente/server';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';

/** A migrated database for one benchmark run: fresh and removed afterwards, unless kept or reused. */
export interface BenchDatabase {
  db: Database;
  /** How a server process reaches the same data: DATA_DIR for PGlite, DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  /** The database's name (PostgreSQL) or directory (PGlite): what `--reuse` takes. */
  name: string;
  /** True when the database held a previous run's data: scenarios that support it skip generating. */
  reused: boolean;
  drop: () => Promise<void>;
}

export interface BenchDatabaseOptions {
  /** Open this database (a name from an earlier `--keep` run) instead of making one; never dropped. */
  reuse?: string;
  /** Leave the database in place after the run, to `--reuse` it. */
  keep?: boolean;
  /** The PostgreSQL server to make it on (its `postgres` database), instead of PUENTE_BENCH_PG's. */
  admin?: string;
}

const isEmptyDir = async (dir: string) => (await readdir(dir).catch(() => [])).length === 0;

export async function benchDatabase(
  engine: Engine,
  options: BenchDatabaseOptions = {},
): Promise<BenchDatabase> {
  const keep = Boolean(options.keep || options.reuse);
  if (engine === 'pglite') {
    const dir = options.reuse ?? (await mkdtemp(join(tmpdir(), 'puente-bench-')));
    const reused = options.reuse !== undefined && !(await isEmptyDir(dir));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const db = await openPglite(dir);
    // Pending migrations apply to a reused database too, back-fills included.
    await migrate(db);
    return {
      db,
      env: { DATA_DIR: dir },
      name: dir,
      reused,
      drop: async () => {
        await db.close().catch(() => {});
        if (!keep) await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const admin =
    options.admin ??
    process.env.PUENTE_BENCH_PG ??
    process.env.PUENTE_TEST_PG ??
    'postgres://puente:puente@127.0.0.1:5432/postgres';
  const name = options.reuse ?? `puente_bench_${randomBytes(4).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a database name: ${name}`);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 10);
  await migrate(db);
  return {
    db,
    env: { DATABASE_URL: url.toString() },
    name,
    reused: exists,
    drop: async () => {
      await db.close().catch(() => {});
      if (keep) return;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
