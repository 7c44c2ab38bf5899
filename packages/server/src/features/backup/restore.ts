import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { appliedAs, loadMigrations, type Migration, migrate } from '../../db/migrate.js';
import type { Database, Queryable } from '../../db/types.js';
import { ident, isBookkeeping, tablesInOrder } from './catalog.js';
import type { Manifest } from './manifest.js';
import { BackupReader } from './rows.js';
import { openSealed } from './sealed.js';
import { restoreSpread, undoRestore } from './spread.js';
import {
  checkCount,
  indexAgain,
  keyAgain,
  prepare,
  type RestoredTable,
  setSequences,
  settle,
  triggersOn,
} from './steps.js';

/** A restore refused before anything changed: said plainly, without a stack. */
export class RestoreError extends Error {}

export interface RestoreReport {
  manifest: Manifest;
  /** Rows restored per table, beside the manifest's count. */
  tables: RestoredTable[];
  /** Whether the database held data that the restore replaced (--into-nonempty). */
  replaced: boolean;
  /** Migrations applied after the restore, bringing an older backup up to this version. */
  upgraded: string[];
  /** Phones that will download their whole copy again at their next sync (see steps.ts `settle`). */
  phonesStartingOver: number;
  /** Whether an earlier restore into this database had stopped half-way and was undone first. */
  undidUnfinished: boolean;
}

/** Which of this version's migrations the backup had applied; refused when it had others. */
function migrationsOf(manifest: Manifest, known: Migration[], file: string): Migration[] {
  const byName = new Map(known.map((m) => [m.name, m]));
  return manifest.migrations.map(({ name, checksum }) => {
    const mine = byName.get(name);
    if (!mine) {
      throw new RestoreError(
        `${file} was made by a newer Puente (${manifest.puente}, migration ${name}): restore it with that version or a later one.`,
      );
    }
    // An earlier text of a migration that a database may have applied (see migrate.ts) is the same migration.
    if (!appliedAs(mine, checksum)) {
      throw new RestoreError(`${file} was made with a different migration ${name} than this Puente has.`);
    }
    return mine;
  });
}

/** What the database to restore into holds: the migrations applied and whether any table has a row. */
export async function targetState(
  db: Queryable,
): Promise<{ applied: string[]; organizations: number; holdsData: boolean }> {
  const [setUp] = await db.query<{ ok: boolean }>(
    `select to_regclass('public.schema_migration') is not null as ok`,
  );
  const applied = setUp?.ok
    ? (await db.query<{ name: string }>('select name from schema_migration order by version')).map(
        (m) => m.name,
      )
    : [];
  const tables = (await tablesInOrder(db)).filter((t) => !isBookkeeping(t.name));
  if (tables.length === 0) return { applied, organizations: 0, holdsData: false };
  const [held] = await db.query<{ any: boolean }>(
    `select ${tables.map((t) => `exists (select 1 from ${ident(t.name)})`).join(' or ')} as any`,
  );
  const organizations = tables.some((t) => t.name === 'organization')
    ? Number((await db.query<{ n: number }>('select count(*)::int as n from organization'))[0]?.n ?? 0)
    : 0;
  return { applied, organizations, holdsData: Boolean(held?.any) };
}

/**
 * Restores a backup file into `db`: the schema is brought to the backup's own
 * migrations, every row goes back with its table's triggers off (their work
 * is in the backup), sequences are set, the digest and every count are
 * checked, and only then is it kept. Then this version's newer migrations
 * run, so an older backup comes up to date. A wrong key, a changed byte, a
 * newer backup or a database that holds data (unless `intoNonEmpty`) is
 * refused with nothing changed.
 *
 * Into an empty PostgreSQL database the work is spread over several
 * connections (spread.ts), kept all-or-nothing by a mark; elsewhere (PGlite,
 * or replacing data that must survive a failure) it is one transaction.
 */
export async function restoreBackup(
  db: Database,
  path: string,
  key: Buffer,
  options: { intoNonEmpty?: boolean } = {},
): Promise<RestoreReport> {
  const file = basename(path);
  let release = async () => {};
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new RestoreError(`There is no file ${path}.`);
    throw error;
  }
  try {
    const { parts } = await openSealed(handle, key, file);
    const backup = new BackupReader(parts, file);
    const manifest = await backup.manifest();
    const migrations = migrationsOf(manifest, await loadMigrations(), file);
    if (db.kind === 'postgres') release = await holdRestoreLock(db);
    // A restore that stopped half-way (the process died) left a mark: what it loaded goes first.
    const undidUnfinished = db.kind === 'postgres' && (await undoRestore(db));
    const target = await targetState(db);
    const newer = target.applied.filter((name) => !manifest.migrations.some((m) => m.name === name));
    if (newer.length > 0) {
      throw new RestoreError(
        `This database was set up by a newer Puente than the backup (it has migration ${newer[0]}). ` +
          'Restore into an empty database (a new DATA_DIR, or a new PostgreSQL database made with createdb): ' +
          'the restore brings the backup up to this version afterwards.',
      );
    }
    if (target.holdsData && !options.intoNonEmpty) {
      throw new RestoreError(
        `This database already holds data (${target.organizations} organization${target.organizations === 1 ? '' : 's'}). ` +
          'Restore into an empty database, or add --into-nonempty to replace everything in it with the backup.',
      );
    }
    const done =
      db.kind === 'postgres' && !target.holdsData
        ? await restoreSpread(db, backup, manifest, migrations, file, target.applied.length === 0)
        : await restoreInOne(db, backup, manifest, migrations, file);
    const upgraded = await migrate(db);
    return {
      manifest,
      tables: done.restored,
      replaced: target.holdsData,
      upgraded,
      phonesStartingOver: done.phones,
      undidUnfinished,
    };
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501') {
      throw new RestoreError(
        'The database role may not write every table of the backup (on PostgreSQL the audit table may have an owner of its own, see audit-roles): ' +
          'run the restore as the owner of Puente’s tables or a superuser. Nothing was restored.',
      );
    }
    throw error;
  } finally {
    await release();
    await handle.close();
  }
}

const RESTORE_LOCK = 7_263_008;

/**
 * Holds a lock for the whole of a restore on PostgreSQL, in a transaction
 * that does nothing else, so two restores into one database never run at
 * once: the second would take the first's mark for a crashed restore's and
 * undo it under its feet. Refused at once when another holds it. Returns
 * what lets it go.
 */
async function holdRestoreLock(db: Database): Promise<() => Promise<void>> {
  let letGo = () => {};
  const done = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  let told: (held: boolean) => void = () => {};
  const held = new Promise<boolean>((resolve) => {
    told = resolve;
  });
  const holding = db
    .transaction(async (tx) => {
      const [row] = await tx.query<{ got: boolean }>('select pg_try_advisory_xact_lock($1) as got', [
        RESTORE_LOCK,
      ]);
      told(row?.got === true);
      if (row?.got) await done;
    })
    .catch(() => told(false));
  if (!(await held)) {
    await holding;
    throw new RestoreError(
      'Another restore into this database is running: wait for it to finish. Nothing was changed.',
    );
  }
  return async () => {
    letGo();
    await holding;
  };
}

/** The whole restore in one transaction: nothing is kept unless all of it is. */
async function restoreInOne(
  db: Database,
  backup: BackupReader,
  manifest: Manifest,
  migrations: Migration[],
  file: string,
): Promise<{ restored: RestoredTable[]; phones: number }> {
  return db.transaction(async (tx) => {
    const { dropped, present } = await prepare(db, tx, migrations);
    const restored: RestoredTable[] = [];
    for (;;) {
      const control = await backup.control();
      if ('end' in control) break;
      if ('sequences' in control) {
        await setSequences(tx, control.sequences);
        continue;
      }
      const taken = await backup.load(tx, present.get(control.table.table), control);
      restored.push(await checkCount(tx, manifest, control.table.table, control.table.rows, taken, file));
    }
    for (const index of dropped.indexes) await tx.exec(indexAgain(index));
    for (const k of dropped.keys.toReversed()) await tx.exec(keyAgain(k));
    await triggersOn(tx, dropped.triggers);
    return { restored, phones: await settle(tx, manifest, restored, file) };
  });
}
