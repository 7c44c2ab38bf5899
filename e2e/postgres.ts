import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** The PostgreSQL a run was given (scripts/with-postgres.mjs sets it), with a role that may create databases. */
export const postgresAdmin = process.env.PUENTE_TEST_PG;

/** Runs one statement as the run's PostgreSQL role, on its admin database. */
async function adminSql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdmin });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Makes an empty database named `${prefix}_<random>` on the run's PostgreSQL: its address, and
 * how to drop it. Fails in words when the run has none (a file that needs PostgreSQL says so).
 * @example const db = await newPostgresDatabase('puente_e2e_x'); … await db.drop();
 */
export async function newPostgresDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!postgresAdmin)
    throw new Error(
      'PUENTE_TEST_PG is not set: run this through `npm run test:e2e`, which checks PostgreSQL.',
    );
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  await adminSql(`create database ${database}`);
  const url = new URL(postgresAdmin);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => adminSql(`drop database if exists ${database} with (force)`) };
}

/**
 * When the run has PostgreSQL (PUENTE_TEST_PG), an empty database of the file's own: its
 * address goes into `env.DATABASE_URL` before the server starts (call this before
 * useServerAndBrowser(env)) and it is dropped after the file. Without it, `env` is left
 * alone and the server keeps its embedded PGlite, so the file runs on either.
 */
export function usePostgresWhenAsked(env: Record<string, string>, prefix: string): void {
  if (!postgresAdmin) return;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await newPostgresDatabase(prefix);
    drop = database.drop;
    env.DATABASE_URL = database.url;
  });
  afterAll(() => drop?.());
}
