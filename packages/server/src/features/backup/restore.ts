import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { appliedAs, loadMigrations, type Migration, migrate } from '../../db/migrate.js';
import type { Database, Queryable } from '../../db/types.js';
import { within } from '../../db/within.js';
import { ident, isBookkeeping, literal, tablesInOrder } from './catalog.js';
import type { Manifest, SequenceValue, TableLine } from './manifest.js';
import { BackupFileError, linesOf, openSealed } from './sealed.js';

/** A restore refused before anything changed: said plainly, without a stack. */
export class RestoreError extends Error {}

/** Rows per insert: a few MB of JSON, parsed by the database into rows of the table's own type. */
const BATCH_ROWS = 2000;
const BATCH_BYTES = 4 << 20;
const NEWLINE = Buffer.from('\n');

export interface RestoreReport {
  manifest: Manifest;
  /** Rows restored per table, beside the manifest's count. */
  tables: { name: string; rows: number; expected: number }[];
  /** Whether the database held data that the restore replaced (--into-nonempty). */
  replaced: boolean;
  /** Migrations applied after the restore, bringing an older backup up to this version. */
  upgraded: string[];
  /** Phones that will download their whole copy again at their next sync (see `startPhonesOver`). */
  phonesStartingOver: number;
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

/** Triggers that would act on the rows a restore inserts (sync log, roll-ups): the backup already holds their work. */
async function insertTriggers(tx: Queryable): Promise<{ table: string; name: string }[]> {
  return tx.query<{ table: string; name: string }>(
    `select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = 'public'::regnamespace and not t.tgisinternal and t.tgenabled <> 'D'
        and (t.tgtype & (4 | 32)) <> 0
      order by 1, 2`,
  );
}

/** Indexes of Puente's tables that back no constraint (primary keys, uniques and foreign keys keep theirs). */
async function secondaryIndexes(tx: Queryable): Promise<{ name: string; definition: string }[]> {
  return tx.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relnamespace = 'public'::regnamespace and t.relname <> 'schema_migration'
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by 1`,
  );
}

/**
 * The keys of Puente's tables, as `alter table … add constraint` takes them
 * back: foreign keys first (they need the others' indexes), then primary keys
 * and unique ones. Dropped in that order and added back in the reverse.
 */
async function keysOf(tx: Queryable): Promise<{ table: string; name: string; definition: string }[]> {
  return tx.query<{ table: string; name: string; definition: string }>(
    `select t.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
       from pg_constraint k join pg_class t on t.oid = k.conrelid
      where k.contype in ('f', 'p', 'u') and k.connamespace = 'public'::regnamespace
        and t.relname not in ('schema_backfill', 'schema_migration')
      order by k.contype = 'f' desc, 1, 2`,
  );
}

function parseLine<T>(line: Buffer | undefined, file: string): T {
  try {
    if (!line) throw new Error('end');
    return JSON.parse(line.toString('utf8')) as T;
  } catch {
    throw new BackupFileError(
      `${file} is damaged: its contents end or break off unexpectedly. Nothing was restored.`,
    );
  }
}

/**
 * Restores a backup file into `db`, in one transaction: the schema is brought
 * to the backup's own migrations, every row goes back with its table's
 * triggers off (their work is in the backup), sequences are set, the digest
 * and every count are checked, and only then is it committed. Then this
 * version's newer migrations run, so an older backup comes up to date. A
 * wrong key, a changed byte, a newer backup or a database that holds data
 * (unless `intoNonEmpty`) is refused with nothing changed.
 */
export async function restoreBackup(
  db: Database,
  path: string,
  key: Buffer,
  options: { intoNonEmpty?: boolean } = {},
): Promise<RestoreReport> {
  const file = basename(path);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new RestoreError(`There is no file ${path}.`);
    throw error;
  }
  try {
    const { parts } = await openSealed(handle, key, file);
    const lines = linesOf(parts);
    const next = async () => {
      const r = await lines.next();
      return r.done ? undefined : r.value;
    };
    const digest = createHash('sha256');
    const hashed = (line: Buffer) => {
      digest.update(line);
      digest.update('\n');
    };
    /** A table's `rows` lines, hashed, in batches of whole lines of a few MB. */
    async function* batchesOf(table: string, rows: number): AsyncGenerator<Buffer> {
      let parts: Buffer[] = [];
      let bytes = 0;
      const batch = () => {
        const whole = Buffer.concat(parts, bytes);
        digest.update(whole);
        parts = [];
        bytes = 0;
        return whole;
      };
      for (let i = 0; i < rows; i++) {
        const row = await next();
        if (!row) throw new BackupFileError(`${file} is damaged: ${table} ends early. Nothing was restored.`);
        parts.push(row, NEWLINE);
        bytes += row.length + 1;
        if (bytes >= BATCH_BYTES) yield batch();
      }
      if (bytes > 0) yield batch();
    }
    const first = await next();
    const { manifest } = parseLine<{ manifest?: Manifest }>(first, file);
    if (!first || !manifest || manifest.format !== 1 || !Array.isArray(manifest.tables)) {
      throw new BackupFileError(`${file} does not begin with a Puente manifest.`);
    }
    hashed(first);
    const migrations = migrationsOf(manifest, await loadMigrations(), file);
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
    const tables = await db.transaction(async (tx) => {
      // Index builds after the load sort in memory rather than on disk,
      // and foreign keys are checked with hash joins that fit too (at size L on PostgreSQL: keys and
      // indexes 22 s → 15 s). PGlite's whole memory is a WebAssembly heap of a few GB: less there.
      const large = db.kind === 'postgres';
      await tx.query(`set local maintenance_work_mem = '${large ? '1GB' : '128MB'}'`);
      if (large) await tx.query(`set local work_mem = '256MB'`);
      // COPY's text reads back as the backup wrote it (backup.ts sets the same).
      await tx.query(`set local datestyle = 'ISO, YMD'`);
      await tx.query(`set local intervalstyle = 'postgres'`);
      await tx.query(`set local timezone = 'UTC'`);
      await migrate(within(db, tx), migrations);
      const triggers = await insertTriggers(tx);
      for (const t of triggers)
        await tx.exec(`alter table ${ident(t.table)} disable trigger ${ident(t.name)}`);
      // Transaction-id columns count as present: a move's snapshot carries them (catalog.ts).
      const present = new Map((await tablesInOrder(tx, { xids: true })).map((t) => [t.name, t]));
      // The backup is the whole truth: what was here (with --into-nonempty) goes, and so do rows
      // the migrations just made themselves, such as their back-fills' progress. Only tables that
      // hold rows: truncating makes each table new on disk, which costs even when it is empty.
      const [filled] = await tx.query<{ names: string[] | null }>(
        `select array[${[...present.keys()].map((t) => `case when exists (select 1 from ${ident(t)}) then ${literal(t)} end`).join(', ')}]::text[] as names`,
      );
      const full = (filled?.names ?? []).filter((t): t is string => t !== null);
      // cascade: a table that refers to one of them goes too, empty or not (truncate requires it).
      if (full.length > 0) await tx.exec(`truncate ${full.map(ident).join(', ')} cascade`);
      // Indexes no constraint needs are made again after the load, in one pass each, as pg_restore
      // does: about half of an insert's cost otherwise. Unique ones check the rows as they are made.
      const deferred = await secondaryIndexes(tx);
      for (const index of deferred) await tx.exec(`drop index ${ident(index.name)}`);
      // Keys too, as pg_restore does: each primary or unique key is built in one sort after the load
      // rather than one random insert per row (at size L two thirds of the load), and each foreign
      // key checks every row in one query instead of one per row.
      const keys = await keysOf(tx);
      for (const k of keys) await tx.exec(`alter table ${ident(k.table)} drop constraint ${ident(k.name)}`);
      const restored: RestoreReport['tables'] = [];
      for (;;) {
        const line = await next();
        const control = parseLine<
          Partial<TableLine> & { sequences?: SequenceValue[]; end?: { sha256: string } }
        >(line, file);
        if (control.end) {
          if (control.end.sha256 !== digest.digest('hex')) {
            throw new BackupFileError(
              `${file} is damaged: its checksum does not match. Nothing was restored.`,
            );
          }
          break;
        }
        hashed(line as Buffer);
        if (control.sequences) {
          for (const s of control.sequences) {
            await tx.query('select setval($1::regclass, $2::bigint, $3::boolean)', [
              `public.${ident(s.name)}`,
              s.value,
              s.called,
            ]);
          }
          continue;
        }
        const { table, columns, rows, rowsAs = 'json' } = control;
        const here = table ? present.get(table) : undefined;
        if (!table || !here || !Array.isArray(columns) || typeof rows !== 'number') {
          throw new BackupFileError(`${file} names a table this version does not have (${String(table)}).`);
        }
        const missing = columns.find((c) => !here.columns.includes(c));
        if (missing)
          throw new BackupFileError(`${file} has a column ${table}.${missing} this version does not.`);
        const cols = columns.map(ident).join(', ');
        if (rowsAs === 'copy' && tx.copyIn) {
          // Lines in COPY's text format (a PostgreSQL backup): the database reads them as they are.
          await tx.copyIn(`${ident(table)} (${cols})`, batchesOf(table, rows));
          const expected = manifest.tables.find((t) => t.name === table)?.rows ?? -1;
          restored.push({ name: table, rows, expected });
          continue;
        }
        if (rowsAs !== 'json') {
          throw new BackupFileError(
            `${file} holds rows written in a way this version cannot read (${String(rowsAs)}).`,
          );
        }
        // One text of lines, split by the database and read a row at a time: no escaping on the way
        // in, and four times faster than json_populate_recordset over one big array.
        const picked = columns.map((c) => `r.${ident(c)}`).join(', ');
        const insert = `insert into ${ident(table)} (${cols}) overriding system value
                        select ${picked} from unnest(string_to_array($1::text, E'\\n')) as l(line),
                             lateral json_populate_record(null::${ident(table)}, l.line::json) as r`;
        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await tx.query(insert, [batch.join('\n')]);
          batch = [];
          bytes = 0;
        };
        for (let i = 0; i < rows; i++) {
          const row = await next();
          if (!row)
            throw new BackupFileError(`${file} is damaged: ${table} ends early. Nothing was restored.`);
          hashed(row);
          batch.push(row.toString('utf8'));
          bytes += row.length;
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        }
        await flush();
        const expected = manifest.tables.find((t) => t.name === table)?.rows ?? -1;
        restored.push({ name: table, rows, expected });
      }
      if ((await next()) !== undefined) {
        throw new BackupFileError(`${file} is damaged: something follows its end. Nothing was restored.`);
      }
      for (const index of deferred) await tx.exec(index.definition);
      for (const k of keys.toReversed()) {
        await tx.exec(`alter table ${ident(k.table)} add constraint ${ident(k.name)} ${k.definition}`);
      }
      for (const t of triggers)
        await tx.exec(`alter table ${ident(t.table)} enable trigger ${ident(t.name)}`);
      await checkRestored(tx, manifest, restored, file);
      // A move carries the sync log's transaction ids (move.ts); a plain restore does not.
      const phones = manifest.xids ? 0 : await startPhonesOver(tx);
      return { restored, phones };
    });
    const upgraded = await migrate(db);
    return {
      manifest,
      tables: tables.restored,
      replaced: target.holdsData,
      upgraded,
      phonesStartingOver: tables.phones,
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
    await handle.close();
  }
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

/** Counts what is now in the database against the manifest: every table, and each audit chain's head. */
async function checkRestored(
  tx: Queryable,
  manifest: Manifest,
  restored: RestoreReport['tables'],
  file: string,
): Promise<void> {
  for (const t of manifest.tables) {
    const [row] = await tx.query<{ n: number }>(`select count(*)::float8 as n from ${ident(t.name)}`);
    const r = restored.find((x) => x.name === t.name);
    if (!r || Number(row?.n) !== t.rows || r.rows !== t.rows) {
      throw new BackupFileError(
        `${file} does not hold what its manifest says: ${t.name} has ${Number(row?.n ?? 0)} rows where the manifest counts ${t.rows}. Nothing was restored.`,
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
}
