import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import { type Backfill, backfillsPending, backfillTable, queueBackfill, runBackfills } from './backfill.js';
import { companions } from './backfills/index.js';
import {
  buildLateIndexes,
  type LateIndex,
  lateIndexesPending,
  lateIndexTable,
  queueLateIndexes,
} from './late-indexes.js';
import type { Database } from './types.js';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant works; it only has to be the same for every Puente process.
const MIGRATION_LOCK = 7_263_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rows it rewrites after its schema change commits, in short batches (see backfill.ts). */
  backfill?: Backfill | undefined;
  /** Indexes built concurrently after its schema change commits (see late-indexes.ts). */
  indexes?: readonly LateIndex[] | undefined;
  /**
   * Checksums of earlier texts of this migration that databases may have applied, each
   * with why the database is the same: such a database is up to date with it, and never
   * runs its back-fill (the earlier text did that work itself).
   */
  earlierChecksums?: Readonly<Record<string, string>> | undefined;
}

export interface MigrateOptions {
  /** Rows per back-fill batch instead of each back-fill's own (tests use small batches). */
  batchSize?: number;
  /** Where back-fills say how they are getting on (start, progress, end: see backfill.ts). */
  log?: Pick<Logger, 'info'>;
  /** How often a back-fill says how far it got (ten seconds unless told). */
  progressEveryMs?: number;
}

export const checksumOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Whether a database that recorded `checksum` for this migration applied it (this text or an accepted earlier one). */
export const appliedAs = (m: Migration, checksum: string) =>
  checksum === checksumOf(m.sql) || Boolean(m.earlierChecksums?.[checksum]);

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = file.replace(/\.sql$/, '');
      return {
        version: Number(file.slice(0, 4)),
        name,
        sql: await readFile(`${dir}/${file}`, 'utf8'),
        ...companions[name],
      };
    }),
  );
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two
 * servers starting together never race: the second waits, then finds nothing
 * left to do. A migration with a back-fill ends its transaction: once it
 * commits, its back-fill runs in batches (both servers taking turns), and the
 * migrations after it wait until that is done; so does one with late indexes
 * (late-indexes.ts) until they are built. Returns the names applied.
 */
export async function migrate(
  db: Database,
  migrations?: Migration[],
  options: MigrateOptions = {},
): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  const names: string[] = [];
  for (;;) {
    const step = await applySchema(db, all);
    names.push(...step.applied);
    await buildLateIndexes(db, all);
    await runBackfills(db, all, options);
    if (!step.more) return names;
  }
}

/**
 * One schema transaction: pending migrations in order, up to and including the
 * first with a back-fill or late indexes. `more` when it stopped early, so the caller runs the
 * back-fill and comes back; nothing is applied while another back-fill is due.
 */
async function applySchema(db: Database, all: Migration[]): Promise<{ applied: string[]; more: boolean }> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // A restore spread over several connections marks the database until its last step (backup/spread.ts).
    const [restoring] = await tx.query<{ ok: boolean }>(
      `select to_regclass('public.schema_restore') is not null as ok`,
    );
    if (restoring?.ok) {
      throw new Error(
        'A restore into this database started and did not finish, so it holds part of a backup. ' +
          'Run `puente restore FILE` again (it undoes the unfinished one first), or use another database.',
      );
    }
    await tx.query(`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    await tx.query(backfillTable);
    await tx.query(lateIndexTable);
    const done = await tx.query<{ version: number; checksum: string; name: string }>(
      'select version, checksum, name from schema_migration',
    );
    const applied = new Map(done.map((m) => [m.version, m]));
    const names: string[] = [];
    for (const m of all) {
      const previous = applied.get(m.version);
      if (previous) {
        if (!appliedAs(m, previous.checksum)) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied. Add a new migration instead.`,
          );
        }
        continue;
      }
      // A back-fill or late index left unfinished (by a crash, or by a server still at it) comes first.
      if ((await backfillsPending(tx)) || (await lateIndexesPending(tx)))
        return { applied: names, more: true };
      await tx.exec(m.sql);
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        checksumOf(m.sql),
      ]);
      names.push(m.name);
      if (m.backfill) await queueBackfill(tx, m);
      await queueLateIndexes(tx, m);
      if (m.backfill || m.indexes?.length) return { applied: names, more: true };
    }
    return { applied: names, more: false };
  });
}
