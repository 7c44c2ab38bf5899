import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../db/migrate.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import type { Database } from '../db/types.js';
import { pgliteTemplate } from './pglite-template.js';

/**
 * Which engine the integration tests run on: PostgreSQL when
 * PUENTE_TEST_PG names a server (an admin URL allowed to create databases),
 * otherwise PGlite in memory. The README's test command runs both.
 */
export const testPgUrl = process.env.PUENTE_TEST_PG;
export const engine = testPgUrl ? 'postgres' : 'pglite';

export interface TestDatabase {
  db: Database;
  /** The database's URL on PostgreSQL (for a pool of the test's own); absent on PGlite. */
  url?: string;
  /** Opens another connection to the same database (a second server process). */
  openAnother(): Promise<Database>;
  /** Opens a connection to the same database that logs in as another role (PostgreSQL only). */
  openAs(role: { user: string; password: string }): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of its own for one test file. */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (!testPgUrl) {
    const template = migrated ? await pgliteTemplate() : undefined;
    const db = await openPglite(undefined, template);
    if (migrated && !template) await migrate(db);
    return {
      db,
      openAnother: () => Promise.reject(new Error('PGlite has one connection; use PostgreSQL for this test')),
      openAs: () => Promise.reject(new Error('PGlite has one role that logs in; use SET ROLE')),
      drop: () => db.close(),
    };
  }
  const name = `puente_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const open = async (as?: { user: string; password: string }) => {
    const target = new URL(url);
    if (as) {
      target.username = as.user;
      target.password = as.password;
    }
    const pool = await openPostgres(target.toString(), 5);
    // Closing twice is harmless, so a test may close a connection itself (a server restart) before drop.
    let closed: Promise<void> | undefined;
    const db: Database = { ...pool, close: () => (closed ??= pool.close()) };
    opened.push(db);
    return db;
  };
  const db = await open();
  if (migrated) await migrate(db);
  return {
    db,
    url: url.toString(),
    openAnother: () => open(),
    openAs: open,
    async drop() {
      await Promise.all(opened.map((d) => d.close()));
      const cleanup = new pg.Client({ connectionString: testPgUrl });
      await cleanup.connect();
      try {
        // An autovacuum worker may still be in the database: try again briefly before giving up.
        for (let attempt = 1; ; attempt++) {
          try {
            await cleanup.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (error) {
            if (attempt >= 5) throw error;
            await new Promise((r) => setTimeout(r, 200 * attempt));
          }
        }
      } finally {
        await cleanup.end();
      }
    },
  };
}
