import { availableParallelism } from 'node:os';
import type { Migration } from '../../db/migrate.js';
import type { Database, Queryable } from '../../db/types.js';
import { Builders } from './builders.js';
import { ident, tablesInOrder } from './catalog.js';
import type { Manifest } from './manifest.js';
import type { BackupReader } from './rows.js';
import {
  checkCount,
  type Dropped,
  emptyTables,
  indexAgain,
  keyAgain,
  prepare,
  type RestoredTable,
  restoreSettings,
  setSequences,
  settle,
  triggersOn,
} from './steps.js';

/** A restore that did not finish could not be undone either: said plainly. */
export class UnfinishedRestoreError extends Error {}

/**
 * The mark of a restore under way, committed before its first row: while it
 * is there the server does not start (db/migrate.ts), and the next `puente
 * restore` first undoes what it finds. It keeps what the restore took off the
 * schema, so the undo can put it back even after a crash.
 */
const MARK = 'schema_restore';

/**
 * A restore into an empty PostgreSQL database, spread over several
 * connections as pg_restore's --jobs does: one reads the file and loads table
 * after table, each in its own transaction, while the others count each
 * loaded table and build its keys and indexes; then the foreign keys are
 * checked side by side, and a last transaction turns the triggers on, checks
 * the audit chain heads and removes the mark. At size L the keys and indexes
 * were a third of a restore run in one transaction (one backend).
 *
 * Not one transaction, so not atomic by itself: the mark makes it so. A
 * failure (a damaged file found half-way) empties the database again and puts
 * back what was taken off, as it was before; if even that fails, or the
 * process dies, the mark stays and the server refuses to start on a
 * half-restored database.
 */
export async function restoreSpread(
  db: Database,
  backup: BackupReader,
  manifest: Manifest,
  migrations: Migration[],
  file: string,
  fresh: boolean,
): Promise<{ restored: RestoredTable[]; phones: number }> {
  const jobs = Math.max(2, Math.min(4, availableParallelism()));
  const { dropped, present } = await db.transaction(async (tx) => {
    // Into a database Puente never set up, an undo takes away everything the restore made.
    const before = fresh ? await objectsOf(tx) : null;
    const ready = await prepare(db, tx, migrations);
    await tx.query(
      `create table ${MARK} (started_at timestamptz not null default now(), dropped jsonb not null, before jsonb)`,
    );
    await tx.query(`insert into ${MARK} (dropped, before) values ($1::jsonb, $2::jsonb)`, [
      JSON.stringify(ready.dropped),
      JSON.stringify(before),
    ]);
    return ready;
  });
  // The reader holds one connection; the rest build, all of them once the rows are in.
  const builders = new Builders(jobs - 1);
  const build = (tables: string[], sql: string) =>
    builders.add(tables, () =>
      db.transaction(async (tx) => {
        await restoreSettings(tx, db.kind);
        // The jobs already keep the cores busy: a build's own parallel workers would only queue behind them.
        await tx.query('set local max_parallel_maintenance_workers = 0');
        await tx.exec(sql);
      }),
    );
  const counted = new Map<string, RestoredTable>();
  const loaded = new Set<string>();
  const foreign = dropped.keys.filter((k) => k.foreign);
  try {
    for (;;) {
      const control = await backup.control();
      if (builders.failure !== undefined) throw builders.failure;
      if ('end' in control) break;
      if ('sequences' in control) {
        await setSequences(db, control.sequences);
        continue;
      }
      const { table, rows } = control.table;
      const taken = await db.transaction(async (tx) => {
        await restoreSettings(tx, db.kind);
        // Each table was emptied when the restore began and nothing reads it before this commits.
        return backup.load(tx, present.get(table), control, { fresh: rows > 0 });
      });
      if (taken === undefined) {
        builders.add([table], async () => {
          counted.set(table, await checkCount(db, manifest, table, rows, undefined, file));
        });
      } else {
        counted.set(table, await checkCount(db, manifest, table, rows, taken, file));
      }
      for (const k of dropped.keys) if (!k.foreign && k.table === table) build([table], keyAgain(k));
      for (const index of dropped.indexes) if (index.table === table) build([table], indexAgain(index));
      loaded.add(table);
      // A foreign key is checked once both its tables are in; queued after their keys, it runs after them.
      for (const k of foreign.filter((f) => loaded.has(f.table) && loaded.has(f.parent ?? f.table))) {
        foreign.splice(foreign.indexOf(k), 1);
        build([k.table, k.parent ?? k.table], keyAgain(k));
      }
    }
    builders.limit = jobs;
    // Keys between tables the backup does not hold rows for (none in a whole backup).
    for (const k of foreign) build([k.table, k.parent ?? k.table], keyAgain(k));
    await builders.done();
    const restored = manifest.tables.flatMap((t) => counted.get(t.name) ?? []);
    const phones = await db.transaction(async (tx) => {
      await triggersOn(tx, dropped.triggers);
      const phones = await settle(tx, manifest, restored, file);
      await tx.exec(`drop table ${MARK}`);
      return phones;
    });
    return { restored, phones };
  } catch (error) {
    await builders.stopped();
    await undoRestore(db).catch((undo: unknown) => {
      throw new UnfinishedRestoreError(
        `${errorText(error)} The restore stopped half-way and could not be undone (${errorText(undo)}): ` +
          'the database is marked as unfinished and Puente will not start on it. Run `puente restore` again (it starts over) or restore into a new database.',
      );
    });
    throw error;
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether a restore into this database started and did not finish. */
export async function unfinishedRestore(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ ok: boolean }>(`select to_regclass('public.${MARK}') is not null as ok`);
  return Boolean(row?.ok);
}

/** What a database holds in Puente's schema, by kind (the extensions' own parts left out). */
interface Objects {
  tables: string[];
  sequences: string[];
  functions: string[];
  extensions: string[];
}

async function objectsOf(q: Queryable): Promise<Objects> {
  const [row] = await q.query<Objects>(
    `select array(select c.relname::text from pg_class c where c.relnamespace = 'public'::regnamespace
                    and c.relkind = any($1) and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
                  order by 1) as tables,
            array(select c.relname::text from pg_class c where c.relnamespace = 'public'::regnamespace
                    and c.relkind = 'S' and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('e', 'a', 'i'))
                  order by 1) as sequences,
            array(select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace
                    and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
                  order by 1) as functions,
            array(select extname::text from pg_extension order by 1) as extensions`,
    [['r', 'p', 'v', 'm', 'f']],
  );
  return row ?? { tables: [], sequences: [], functions: [], extensions: [] };
}

/**
 * Undoes an unfinished restore, in one transaction. Into a database Puente
 * never set up, everything it made goes, so it is as it was. Otherwise every
 * row goes and the triggers, keys and indexes it took off come back: the
 * database is as a newly migrated one. Nothing when there is no mark.
 */
export async function undoRestore(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await unfinishedRestore(tx))) return false;
    const [mark] = await tx.query<{ dropped: Dropped; before: Objects | null }>(
      `select dropped, before from ${MARK}`,
    );
    if (mark?.before) {
      const { before } = mark;
      const now = await objectsOf(tx);
      const added = (kind: keyof Objects) => now[kind].filter((name) => !before[kind].includes(name));
      const tables = added('tables');
      if (tables.length > 0) await tx.exec(`drop table ${tables.map(ident).join(', ')} cascade`);
      for (const name of added('sequences')) await tx.exec(`drop sequence if exists ${ident(name)}`);
      // regprocedure's text is already quoted as needed, with its argument types.
      for (const fn of added('functions')) await tx.exec(`drop function if exists ${fn}`);
      for (const name of added('extensions')) await tx.exec(`drop extension if exists ${ident(name)}`);
      return true;
    }
    const tables = (await tablesInOrder(tx, { xids: true })).map((t) => t.name);
    await emptyTables(tx, tables);
    if (mark) {
      const { indexes, keys, triggers } = mark.dropped;
      for (const index of indexes) {
        const [there] = await tx.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [
          `public.${ident(index.name)}`,
        ]);
        if (!there?.ok) await tx.exec(indexAgain(index));
      }
      for (const k of keys.toReversed()) {
        const [there] = await tx.query<{ ok: boolean }>(
          `select exists (select 1 from pg_constraint where conname = $1 and conrelid = $2::regclass) as ok`,
          [k.name, `public.${ident(k.table)}`],
        );
        if (!there?.ok) await tx.exec(keyAgain(k));
      }
      await triggersOn(tx, triggers);
    }
    await tx.exec(`drop table ${MARK}`);
    return true;
  });
}
