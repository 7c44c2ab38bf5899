import type { Logger } from '../log.js';
import type { Database, Queryable } from './types.js';

/**
 * The rows a migration rewrites, done after its schema change has committed, in
 * batches that are each their own short transaction: a million rows never hold
 * a table's lock for the whole rewrite, and a start that stops halfway goes on
 * from the last batch that committed. See CONTRIBUTING.md, "Batched migrations".
 */
export interface Backfill {
  /** Rows (or people, or whatever the batch walks) per batch: this bounds how long one batch holds its locks. */
  batchSize: number;
  /**
   * Rewrites the batch that starts after `after` (null: from the beginning) and
   * returns where the next batch starts, or null when there is nothing left.
   * It must give the same result when run twice (a batch may be retried after a
   * crash), and it sees the schema as of its own migration: later migrations run
   * only once it is done.
   */
  batch(tx: Queryable, after: string | null, size: number): Promise<string | null>;
}

/** Progress of every back-fill: made with schema_migration, a row per migration that has one. */
export const backfillTable = `create table if not exists schema_backfill (
  version integer primary key references schema_migration (version),
  name text not null,
  -- where the next batch starts (the last one's return), null before the first
  cursor text,
  batches integer not null default 0,
  started_at timestamptz not null default now(),
  done_at timestamptz
)`;

/** Marks a migration's back-fill as due, in the transaction that applies its schema change. */
export async function queueBackfill(tx: Queryable, migration: { version: number; name: string }) {
  await tx.query('insert into schema_backfill (version, name) values ($1, $2)', [
    migration.version,
    migration.name,
  ]);
}

/** Whether any back-fill is due or unfinished (the server is not ready until none is). */
export async function backfillsPending(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ pending: boolean }>(
    'select exists (select 1 from schema_backfill where done_at is null) as pending',
  );
  return row?.pending ?? false;
}

/**
 * One batch of one back-fill, in its own transaction. The progress row is
 * locked first, so servers starting together take turns batch by batch and
 * never do one twice; the new cursor commits with the rows it covers.
 * Returns true when the back-fill is finished.
 */
async function runBatch(db: Database, version: number, backfill: Backfill, size: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ cursor: string | null; done: boolean }>(
      'select cursor, done_at is not null as done from schema_backfill where version = $1 for update',
      [version],
    );
    if (!row || row.done) return true;
    const next = await backfill.batch(tx, row.cursor, size);
    await tx.query(
      `update schema_backfill set cursor = coalesce($2, cursor), batches = batches + 1,
              done_at = case when $3::boolean then now() end
        where version = $1`,
      [version, next, next === null],
    );
    return next === null;
  });
}

/** How often a running back-fill says how far it got. */
const PROGRESS_EVERY_MS = 10_000;

export interface BackfillOptions {
  batchSize?: number | undefined;
  /**
   * Where a back-fill says it started, how far it got (every `progressEveryMs`,
   * ten seconds unless told) and that it ended: a large upgrade is not silent
   * for minutes. Migration names and counts only, never a row's contents.
   */
  log?: Pick<Logger, 'info'> | undefined;
  progressEveryMs?: number | undefined;
}

/**
 * Finishes every back-fill that is due, oldest migration first. A back-fill
 * this version of Puente does not know (a newer version queued it, then was
 * rolled back) stops the start: its rows would be left half rewritten.
 */
export async function runBackfills(
  db: Database,
  migrations: readonly { version: number; name: string; backfill?: Backfill | undefined }[],
  options: BackfillOptions = {},
): Promise<string[]> {
  const due = await db.query<{ version: number; name: string }>(
    'select version, name from schema_backfill where done_at is null order by version',
  );
  for (const { version, name } of due) {
    const backfill = migrations.find((m) => m.version === version)?.backfill;
    if (!backfill) {
      throw new Error(
        `Migration ${name} left a back-fill this version of Puente cannot finish: start the version that applied it.`,
      );
    }
    const size = options.batchSize ?? backfill.batchSize;
    const every = options.progressEveryMs ?? PROGRESS_EVERY_MS;
    const started = performance.now();
    let said = started;
    let batches = 0;
    // A start after a crash goes on from the last batch that committed: say so.
    const [before] = await db.query<{ batches: number }>(
      'select batches from schema_backfill where version = $1',
      [version],
    );
    options.log?.info(
      { migration: name, batchSize: size, batchesBefore: before?.batches ?? 0 },
      'back-fill started',
    );
    for (let done = false; !done; ) {
      done = await runBatch(db, version, backfill, size);
      batches++;
      const now = performance.now();
      if (!done && now - said >= every) {
        said = now;
        // Rows: batches times the batch size, at most (the last batch of a walk may hold fewer).
        options.log?.info(
          { migration: name, batches, rows: batches * size, seconds: Math.round((now - started) / 1000) },
          'back-fill progress',
        );
      }
    }
    options.log?.info(
      {
        migration: name,
        batches,
        seconds: Math.round((performance.now() - started) / 1000),
      },
      'back-fill done',
    );
  }
  return due.map((d) => d.name);
}
