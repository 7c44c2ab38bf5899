import { setTimeout as sleep } from 'node:timers/promises';
import { ident } from './sql/index.js';
import type { Database, Queryable } from './types.js';

/**
 * An index a migration builds after its schema change commits, with `create
 * index concurrently`: the table's writers keep writing while it is built. In
 * the migration's own transaction a build holds off every writer of the table
 * for as long as it takes (at 2.4 million audit events, 0014's two held the
 * audit trail for 10 s). Until each is built, no later migration is applied
 * and the server does not start, as for a back-fill.
 */
export interface LateIndex {
  name: string;
  unique?: boolean;
  /** What follows `on`: the table, its columns and any `where`. */
  on: string;
}

interface WithIndexes {
  version: number;
  name: string;
  indexes?: readonly LateIndex[] | undefined;
}

/** Late indexes due or built: a row each, made in the transaction of the migration that wants it. */
export const lateIndexTable = `create table if not exists schema_late_index (
  name text primary key,
  version integer not null references schema_migration (version),
  built_at timestamptz
)`;

// Not the migrations' own lock: a process waiting on that one inside a statement holds a
// snapshot, and a concurrent build waits for every older snapshot to end.
const INDEX_LOCK = 7_263_009;

/** Marks a migration's late indexes as due, in the transaction that applies it. */
export async function queueLateIndexes(tx: Queryable, m: WithIndexes): Promise<void> {
  for (const index of m.indexes ?? []) {
    await tx.query('insert into schema_late_index (name, version) values ($1, $2)', [index.name, m.version]);
  }
}

/** Whether a late index is due. */
export async function lateIndexesPending(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ due: boolean }>(
    'select exists (select 1 from schema_late_index where built_at is null) as due',
  );
  return row?.due ?? false;
}

/**
 * Builds the late indexes that are due, one at a time. On PostgreSQL
 * concurrently, on one connection holding a lock, so one process builds
 * while another waits and then finds them built; an invalid index that a
 * build cut short left behind is dropped and built again. Inside a caller's
 * transaction (a restore's) and on PGlite, whose one connection has no other
 * writer to let through, as plain builds in a transaction. Returns the names built.
 */
export async function buildLateIndexes(db: Database, migrations: readonly WithIndexes[]): Promise<string[]> {
  if (!(await lateIndexesPending(db))) return [];
  if (db.inTransaction) return buildDue(db, migrations, '');
  // In a transaction of its own: two starts sharing PGlite's one connection take turns instead of
  // interleaving their statements (each dropping and building the same index).
  if (db.kind !== 'postgres' || !db.session) return db.transaction((tx) => buildDue(tx, migrations, ''));
  return db.session(async (s) => {
    await takeInTurn(s);
    return buildDue(s, migrations, ' concurrently');
  });
}

/**
 * Asks for the lock until it is given. Not `pg_advisory_lock`: a statement
 * blocked there holds a snapshot, and a concurrent build waits for every
 * older snapshot to end, so the holder, building, would wait on its waiter.
 */
async function takeInTurn(s: Queryable): Promise<void> {
  for (;;) {
    const [row] = await s.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [INDEX_LOCK]);
    if (row?.got) return;
    await sleep(250);
  }
}

async function buildDue(q: Queryable, migrations: readonly WithIndexes[], how: string): Promise<string[]> {
  const due = await q.query<{ name: string; migration: string; valid: boolean }>(
    `select l.name, m.name as migration,
            coalesce((select x.indisvalid from pg_index x
                       where x.indexrelid = to_regclass('public.' || quote_ident(l.name))), false) as valid
       from schema_late_index l join schema_migration m on m.version = l.version
      where l.built_at is null order by l.version, l.name`,
  );
  const built: string[] = [];
  for (const { name, migration, valid } of due) {
    const index = migrations.flatMap((m) => m.indexes ?? []).find((i) => i.name === name);
    if (!index) {
      throw new Error(
        `Migration ${migration} left an index (${name}) this version of Puente cannot build: start the version that applied it.`,
      );
    }
    // Valid already: built by a restore, or by a build whose mark did not commit.
    if (!valid) {
      await q.exec(`drop index${how} if exists public.${ident(name)}`);
      await q.exec(`create ${index.unique ? 'unique ' : ''}index${how} ${ident(name)} on ${index.on}`);
      built.push(name);
    }
    await q.query('update schema_late_index set built_at = now() where name = $1', [name]);
  }
  return built;
}
