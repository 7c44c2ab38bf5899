import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, Queryable } from '../../db/types.js';
import { version } from '../../version.js';
import { TupleBlocks } from './binary-rows.js';
import { ident, sequenceNames, type TableInfo, tablesInOrder } from './catalog.js';
import type { Manifest, SequenceValue, TableLine } from './manifest.js';
import { SealedWriter } from './sealed.js';

/** Rows fetched from the cursor at a time: a few hundred KB, whatever the table. */
const FETCH_ROWS = 500;
// Any constant works; it only has to be the same for every Puente process.
const BACKUP_LOCK = 7_263_003;

/** A backup that cannot be made: said plainly, without a stack. */
export class BackupError extends Error {}

/** The table's rows, columns as the backup carries them; rows that point at another of the same table after it. */
function rowsOf(table: TableInfo): string {
  const t = ident(table.name);
  const cols = table.columns.map((c) => `t.${ident(c)}`).join(', ');
  if (!table.selfKey) return `select ${cols} from ${t} t`;
  // Level by level: a merged person after the one kept.
  const col = ident(table.selfKey.column);
  const ref = ident(table.selfKey.references);
  return `with recursive chain (id, depth) as (
            select ${ref}, 0 from ${t} where ${col} is null
            union all
            select t.${ref}, chain.depth + 1 from ${t} t join chain on t.${col} = chain.id)
          select ${cols} from ${t} t join chain on chain.id = t.${ref} order by chain.depth`;
}

async function counts(tx: Queryable, tables: TableInfo[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const rows = await tx.query<{ name: string; n: number }>(
    tables
      .map((t, i) => `select $${i + 1}::text as name, (select count(*) from ${ident(t.name)})::float8 as n`)
      .join(' union all '),
    tables.map((t) => t.name),
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/**
 * Writes the whole database as JSON lines (see manifest.ts) from one
 * repeatable-read, read-only transaction: every table is read as of one
 * moment while others keep writing (PostgreSQL), or wait their turn on
 * PGlite's single connection. Rows stream through a cursor, so no table is
 * held in memory. With `lock`, only one backup runs at a time across servers;
 * another's running answers undefined.
 */
export async function writeSnapshot(
  db: Database,
  write: (bytes: Buffer) => Promise<void>,
  options: { lock?: boolean; xids?: boolean; textCopy?: boolean } = {},
): Promise<Manifest | undefined> {
  const digest = createHash('sha256');
  const emit = async (text: string | Buffer) => {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    digest.update(bytes);
    await write(bytes);
  };
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    // The same text whichever engine or setting: UTC times, floats to the last digit.
    await tx.query(`set local timezone = 'UTC'`);
    await tx.query('set local extra_float_digits = 1');
    // And COPY's text (see copyRows) in the forms a restore reads back on either engine.
    await tx.query(`set local datestyle = 'ISO, YMD'`);
    await tx.query(`set local intervalstyle = 'postgres'`);
    await tx.query(`set local bytea_output = 'hex'`);
    if (options.lock) {
      const [got] = await tx.query<{ got: boolean }>('select pg_try_advisory_xact_lock($1) as got', [
        BACKUP_LOCK,
      ]);
      if (!got?.got) return undefined;
    }
    const [setUp] = await tx.query<{ ok: boolean }>(
      `select to_regclass('public.schema_migration') is not null as ok`,
    );
    if (!setUp?.ok)
      throw new BackupError('There is nothing to back up: Puente has never started on this database.');
    const tables = await tablesInOrder(tx, { xids: options.xids });
    // The first read fixed the moment; sequences are read after it, so each is at least what any row used.
    const rowCounts = await counts(tx, tables);
    const sequences: SequenceValue[] = [];
    for (const name of await sequenceNames(tx)) {
      const [s] = await tx.query<{ value: string; called: boolean }>(
        `select last_value::text as value, is_called as called from ${ident(name)}`,
      );
      if (s) sequences.push({ name, value: s.value, called: s.called });
    }
    const [meta] = await tx.query<{ at: Date | string; server: string; next: string }>(
      `select now() as at, current_setting('server_version') as server,
              pg_snapshot_xmax(pg_current_snapshot())::text as next`,
    );
    const manifest: Manifest = {
      format: 1,
      puente: version,
      engine: db.kind,
      server: `PostgreSQL ${String(meta?.server ?? '').split(' ')[0]}`,
      createdAt: new Date(meta?.at ?? Date.now()).toISOString(),
      migrations: await tx.query<{ name: string; checksum: string }>(
        'select name, checksum from schema_migration order by version',
      ),
      tables: tables.map((t) => ({ name: t.name, rows: rowCounts.get(t.name) ?? 0 })),
      auditHeads: (
        await tx.query<{ orgId: string; link: number; hash: string }>(
          `select distinct on (org_id) org_id as "orgId", link::float8 as link, hash
             from audit_event where link is not null order by org_id, link desc`,
        )
      ).map((h) => ({ ...h, link: Number(h.link) })),
      ...(options.xids ? { xids: { next: String(meta?.next) } } : {}),
    };
    await emit(`${JSON.stringify({ manifest })}\n`);
    for (const table of tables) {
      const expected = rowCounts.get(table.name) ?? 0;
      // COPY's text only when asked: the backups made before binary, which tests still restore.
      const rowsAs = !tx.copyOut ? 'json' : options.textCopy ? 'copy' : 'binary';
      const line: TableLine = { table: table.name, columns: table.columns, rows: expected, rowsAs };
      await emit(`${JSON.stringify(line)}\n`);
      const seen = !tx.copyOut
        ? await fetchRows(tx, table, emit)
        : rowsAs === 'copy'
          ? await copyText(tx.copyOut, table, emit)
          : await copyRows(tx.copyOut, table, emit);
      // One snapshot cannot disagree with itself; rows a self-reference could not place would show here.
      if (seen !== expected) {
        throw new BackupError(`The backup read ${seen} rows of ${table.name} where it counted ${expected}.`);
      }
    }
    await emit(`${JSON.stringify({ sequences })}\n`);
    await write(Buffer.from(`${JSON.stringify({ end: { sha256: digest.digest('hex') } })}\n`));
    return manifest;
  });
}

/**
 * A table's rows in COPY's binary format, streamed by PostgreSQL, cut into
 * blocks of whole tuples (binary-rows.ts) as they come: nothing is made of
 * the values here, and a restore's COPY reads them back with half the CPU
 * COPY's text format takes. At size L: 47 s through a cursor as JSON before
 * sealing anything, 17 s as JSON through COPY, 11-14 s as COPY's text.
 */
async function copyRows(
  copyOut: NonNullable<Queryable['copyOut']>,
  table: TableInfo,
  emit: (bytes: Buffer) => Promise<void>,
): Promise<number> {
  const tuples = new TupleBlocks();
  const write = async (blocks: Buffer[]) => {
    for (const block of blocks) {
      await emit(Buffer.from(`${block.length}\n`));
      await emit(block);
    }
  };
  await copyOut(`copy ${copySource(table)} to stdout with (format binary)`, (chunk) =>
    write(tuples.push(chunk)),
  );
  await write(tuples.end());
  await emit(Buffer.from('0\n'));
  return tuples.rows;
}

/** A table's rows in COPY's text format, one line per row (newlines in values are escaped). */
async function copyText(
  copyOut: NonNullable<Queryable['copyOut']>,
  table: TableInfo,
  emit: (bytes: Buffer) => Promise<void>,
): Promise<number> {
  let lines = 0;
  await copyOut(`copy ${copySource(table)} to stdout`, async (chunk) => {
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) lines++;
    await emit(chunk);
  });
  return lines;
}

/** What a COPY of the table reads: the table itself, or the query that orders self-references. */
const copySource = (table: TableInfo) =>
  table.selfKey ? `(${rowsOf(table)})` : `${ident(table.name)} (${table.columns.map(ident).join(', ')})`;

/** A table's rows as JSON lines, through a cursor: PGlite, which has no COPY stream. */
async function fetchRows(
  tx: Queryable,
  table: TableInfo,
  emit: (bytes: Buffer) => Promise<void>,
): Promise<number> {
  let seen = 0;
  await tx.query(
    `declare puente_backup no scroll cursor for select row_to_json(x)::text as r from (${rowsOf(table)}) x`,
  );
  // The next rows are asked for before these are sealed, so the database and this process work at once.
  const fetchNext = () => {
    const rows = tx.query<{ r: string }>(`fetch forward ${FETCH_ROWS} from puente_backup`);
    rows.catch(() => {}); // awaited below; a failure while sealing must not leave it unhandled
    return rows;
  };
  for (let pending = fetchNext(); ; ) {
    const batch = await pending;
    if (batch.length === 0) break;
    pending = fetchNext();
    seen += batch.length;
    await emit(Buffer.from(`${batch.map((row) => row.r).join('\n')}\n`));
  }
  await tx.query('close puente_backup');
  return seen;
}

const NAME = /^puente-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.backup$/;

/** puente-2026-11-27T03-15-00-123Z.backup: sorts by time, and says it. */
export const backupFileName = (at: Date) => `puente-${at.toISOString().replace(/[:.]/g, '-')}.backup`;

export interface BackupFile {
  name: string;
  path: string;
  at: Date;
}

/** Puente's backups in a folder, newest first; other files are not Puente's to count or delete. */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (m)
      files.push({ name, path: join(dir, name), at: new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) });
  }
  return files.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}

/** Deletes all but the newest `keep` backups, and pieces a crash left over a day ago; returns the names deleted. */
export async function pruneBackups(dir: string, keep: number, now = new Date()): Promise<string[]> {
  const deleted: string[] = [];
  for (const old of (await listBackups(dir)).slice(keep)) {
    await rm(old.path, { force: true });
    deleted.push(old.name);
  }
  for (const name of await readdir(dir)) {
    if (!/^\.puente-.*\.backup\.partial$/.test(name)) continue;
    const { mtimeMs } = await stat(join(dir, name));
    if (now.getTime() - mtimeMs > 86_400_000) {
      await rm(join(dir, name), { force: true });
      deleted.push(name);
    }
  }
  return deleted;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
}

/**
 * Makes one backup file in `dir`: written under a hidden name, flushed to
 * disk, then renamed, so a file with a backup's name is always whole. Mode
 * 0600, though every byte after the header is sealed. Undefined when another
 * server's backup holds the lock (`lock`).
 */
export async function takeBackup(
  db: Database,
  key: Buffer,
  dir: string,
  options: { lock?: boolean; now?: Date; partBytes?: number; xids?: boolean; textCopy?: boolean } = {},
): Promise<BackupResult | undefined> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = backupFileName(options.now ?? new Date());
  const partial = join(dir, `.${name}.partial`);
  const file = join(dir, name);
  const handle = await open(partial, 'wx', 0o600);
  try {
    const writer = await SealedWriter.start(handle, key, options.partBytes);
    const manifest = await writeSnapshot(db, (bytes) => writer.write(bytes), options);
    if (!manifest) {
      await handle.close();
      await rm(partial, { force: true });
      return undefined;
    }
    const bytes = await writer.finish();
    await handle.sync();
    await handle.close();
    await rename(partial, file);
    const folder = await open(dir, 'r');
    await folder.sync().finally(() => folder.close());
    return { file, bytes, manifest };
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
