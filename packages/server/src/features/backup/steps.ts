import type { Migration } from '../../db/migrate.js';
import { migrate } from '../../db/migrate.js';
import type { Database, Queryable } from '../../db/types.js';
import { within } from '../../db/within.js';
import { ident, literal, type TableInfo, tablesInOrder } from './catalog.js';
import type { Manifest, SequenceValue } from './manifest.js';
import { BackupFileError } from './sealed.js';

/** What a restore takes off the schema while the rows go in, and puts back after. */
export interface Dropped {
  /** Triggers that would act on the rows inserted (sync log, roll-ups): the backup already holds their work. */
  triggers: { table: string; name: string }[];
  /** Indexes that back no constraint, as `create index` makes them again. */
  indexes: { table: string; name: string; definition: string }[];
  /** Primary, unique and foreign keys, foreign ones first (they need the others' indexes). */
  keys: { table: string; name: string; definition: string; foreign: boolean; parent: string | null }[];
}

/**
 * Settings of one restore transaction. COPY's text reads back as the backup
 * wrote it (backup.ts sets the same). Index builds after the load sort in
 * memory rather than on disk, and foreign keys are checked with hash joins
 * that fit too (at size L on PostgreSQL: keys and indexes 22 s → 15 s).
 * PGlite's whole memory is a WebAssembly heap of a few GB: less there.
 */
export async function restoreSettings(tx: Queryable, kind: Database['kind']): Promise<void> {
  const large = kind === 'postgres';
  await tx.query(`set local maintenance_work_mem = '${large ? '1GB' : '128MB'}'`);
  if (large) await tx.query(`set local work_mem = '256MB'`);
  await tx.query(`set local datestyle = 'ISO, YMD'`);
  await tx.query(`set local intervalstyle = 'postgres'`);
  await tx.query(`set local timezone = 'UTC'`);
}

/**
 * Readies the database for the rows, in the caller's transaction: the schema
 * brought to the backup's own migrations, whatever rows are there removed,
 * and the triggers, indexes and keys taken off (see `Dropped`). Returns the
 * tables as this version has them.
 */
export async function prepare(
  db: Database,
  tx: Queryable,
  migrations: Migration[],
): Promise<{ dropped: Dropped; present: Map<string, TableInfo> }> {
  await restoreSettings(tx, db.kind);
  await migrate(within(db, tx), migrations);
  const triggers = await tx.query<{ table: string; name: string }>(
    `select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = 'public'::regnamespace and not t.tgisinternal and t.tgenabled <> 'D'
        and (t.tgtype & (4 | 32)) <> 0
      order by 1, 2`,
  );
  for (const t of triggers) await tx.exec(`alter table ${ident(t.table)} disable trigger ${ident(t.name)}`);
  // Transaction-id columns count as present: a move's snapshot carries them (catalog.ts).
  const present = new Map((await tablesInOrder(tx, { xids: true })).map((t) => [t.name, t]));
  await emptyTables(tx, [...present.keys()]);
  // Indexes no constraint needs are made again after the load, in one pass each, as pg_restore
  // does: about half of an insert's cost otherwise. Unique ones check the rows as they are made.
  const indexes = await tx.query<{ table: string; name: string; definition: string }>(
    `select t.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relnamespace = 'public'::regnamespace and t.relname not like 'schema\\_%'
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by 2`,
  );
  for (const index of indexes) await tx.exec(`drop index ${ident(index.name)}`);
  // Keys too, as pg_restore does: each primary or unique key is built in one sort after the load
  // rather than one random insert per row (at size L two thirds of the load), and each foreign
  // key checks every row in one query instead of one per row.
  const keys = await tx.query<Dropped['keys'][number]>(
    `select t.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition,
            k.contype = 'f' as foreign, (select p.relname from pg_class p where p.oid = k.confrelid) as parent
       from pg_constraint k join pg_class t on t.oid = k.conrelid
      where k.contype in ('f', 'p', 'u') and k.connamespace = 'public'::regnamespace
        and t.relname not like 'schema\\_%'
      order by k.contype = 'f' desc, 1, 2`,
  );
  for (const k of keys) await tx.exec(`alter table ${ident(k.table)} drop constraint ${ident(k.name)}`);
  return { dropped: { triggers, indexes, keys }, present };
}

/**
 * Removes every row of `tables`. The backup is the whole truth: what was here
 * (with --into-nonempty) goes, and so do rows the migrations just made
 * themselves, such as their back-fills' progress. Only tables that hold rows:
 * truncating makes each table new on disk, which costs even when it is empty.
 */
export async function emptyTables(tx: Queryable, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  const [filled] = await tx.query<{ names: string[] | null }>(
    `select array[${tables.map((t) => `case when exists (select 1 from ${ident(t)}) then ${literal(t)} end`).join(', ')}]::text[] as names`,
  );
  const full = (filled?.names ?? []).filter((t): t is string => t !== null);
  // cascade: a table that refers to one of them goes too, empty or not (truncate requires it).
  if (full.length > 0) await tx.exec(`truncate ${full.map(ident).join(', ')} cascade`);
}

/** Makes a dropped index again. */
export const indexAgain = (index: Dropped['indexes'][number]) => index.definition;

/** Adds a dropped key again. */
export const keyAgain = (k: Dropped['keys'][number]) =>
  `alter table ${ident(k.table)} add constraint ${ident(k.name)} ${k.definition}`;

/** Turns the triggers on again. */
export async function triggersOn(tx: Queryable, triggers: Dropped['triggers']): Promise<void> {
  for (const t of triggers) await tx.exec(`alter table ${ident(t.table)} enable trigger ${ident(t.name)}`);
}

/** A restored table's rows, beside the manifest's count. */
export interface RestoredTable {
  name: string;
  rows: number;
  expected: number;
}

/**
 * A restored table's rows against the manifest: `read` lines were read from
 * the file and the database took `taken` rows (a COPY says how many; counted
 * here otherwise, after the load into the emptied table).
 */
export async function checkCount(
  q: Queryable,
  manifest: Manifest,
  table: string,
  read: number,
  taken: number | undefined,
  file: string,
): Promise<RestoredTable> {
  const expected = manifest.tables.find((t) => t.name === table)?.rows ?? -1;
  const [row] =
    taken === undefined
      ? await q.query<{ n: number }>(`select count(*)::float8 as n from ${ident(table)}`)
      : [{ n: taken }];
  if (Number(row?.n) !== expected || read !== expected) {
    throw new BackupFileError(
      `${file} does not hold what its manifest says: ${table} has ${Number(row?.n ?? 0)} rows where the manifest counts ${expected}. Nothing was restored.`,
    );
  }
  return { name: table, rows: read, expected };
}

/**
 * The last checks and steps of a restore, in its last transaction: every
 * table of the manifest restored, each audit chain's head the manifest's, and
 * (after a plain restore) every phone starting over. Returns how many phones do.
 */
export async function settle(
  tx: Queryable,
  manifest: Manifest,
  restored: RestoredTable[],
  file: string,
): Promise<number> {
  for (const t of manifest.tables) {
    if (!restored.some((r) => r.name === t.name)) {
      throw new BackupFileError(
        `${file} does not hold what its manifest says: ${t.name} has no rows where the manifest counts ${t.rows}. Nothing was restored.`,
      );
    }
  }
  const heads = await tx.query<{ orgId: string; link: number; hash: string }>(
    `select distinct on (org_id) org_id as "orgId", link::float8 as link, hash
       from audit_event where link is not null order by org_id, link desc`,
  );
  for (const head of manifest.auditHeads) {
    const now = heads.find((h) => h.orgId === head.orgId);
    if (!now || Number(now.link) !== head.link || now.hash !== head.hash) {
      throw new BackupFileError(
        `${file} does not hold the audit chain head its manifest names. Nothing was restored.`,
      );
    }
  }
  // A move carries the sync log's transaction ids (move.ts); a plain restore does not.
  return manifest.xids ? 0 : startPhonesOver(tx);
}

/**
 * After a plain restore the sync log's transaction ids are the restore's own,
 * and a phone may hold changes made after the backup's moment that the server
 * no longer has: a position it kept would skip rows or keep ghosts. So every
 * phone forgets its position and, at its next pull, replaces its copy with the
 * restored one; changes still waiting on the phone are kept and sent. Erased
 * (disabled) phones stay erased. Returns how many phones start over.
 */
async function startPhonesOver(tx: Queryable): Promise<number> {
  const [known] = await tx.query<{ ok: boolean }>(
    `select to_regclass('public.sync_device') is not null as ok`,
  );
  if (!known?.ok) return 0;
  await tx.query('delete from sync_holding');
  const moved = await tx.query<{ id: string }>(
    `update sync_device set acked_cursor = null, pending_cursor = null
      where acked_cursor is not null or pending_cursor is not null returning id`,
  );
  return moved.length;
}

/** Sets each sequence where the backup found it. */
export async function setSequences(q: Queryable, sequences: SequenceValue[]): Promise<void> {
  for (const s of sequences) {
    await q.query('select setval($1::regclass, $2::bigint, $3::boolean)', [
      `public.${ident(s.name)}`,
      s.value,
      s.called,
    ]);
  }
}
