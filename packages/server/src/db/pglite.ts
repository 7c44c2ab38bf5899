import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { secureDataDir } from './data-dir.js';
import { type Sql, statement } from './sql/sql.js';
import { type CopyInOptions, copyWith, type Database, type Queryable } from './types.js';

/**
 * Embedded PostgreSQL in a folder (or in memory when `dataDir` is omitted, for tests).
 * `from` starts it from a copy of another database (`dumpPglite`) instead of an empty one.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<Database> {
  if (dataDir) await secureDataDir(dataDir);
  // pg_trgm (typo-tolerant directory search) is bundled with PGlite but must be loaded
  // before `create extension`; on PostgreSQL it comes with the server's contrib package.
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(from ? { loadDataDir: from } : {}),
    extensions: { pg_trgm },
  });
  const asQueryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async exec(sql: string) {
      await q.exec(sql);
    },
    // PGlite has no COPY stream: each batch (whole lines, a few MB) is one copy from its blob device;
    // a binary stream is one copy (its header and trailer frame the whole of it).
    async copyIn(target: string, batches: AsyncIterable<Buffer>, options?: CopyInOptions) {
      const copy = `copy ${target} from '/dev/blob'${copyWith(options)}`;
      const from = async (parts: Buffer[]) =>
        (await q.query(copy, [], { blob: new Blob(parts.map((p) => new Uint8Array(p))) })).affectedRows ?? 0;
      if (options?.binary) {
        const parts: Buffer[] = [];
        for await (const batch of batches) parts.push(batch);
        return from(parts);
      }
      let took = 0;
      for await (const batch of batches) took += await from([batch]);
      return took;
    },
    async query<Row>(sql: string | Sql, params?: readonly unknown[]) {
      const { text, values } = statement(sql, params);
      const result = await q.query<Row>(text, values);
      return result.rows;
    },
  });
  const db: Database = {
    kind: 'pglite',
    ...asQueryable(pg),
    transaction: (work) => pg.transaction((tx) => work(asQueryable(tx))),
    close: () => pg.close(),
  };
  dumps.set(db, () => pg.dumpDataDir('none'));
  return db;
}

const dumps = new WeakMap<object, () => Promise<Blob>>();

/** A copy of an embedded database's files, which `openPglite(undefined, copy)` starts from. */
export function dumpPglite(db: Database): Promise<Blob> {
  const dump = dumps.get(db);
  if (!dump) throw new Error('Only an embedded (PGlite) database can be copied this way');
  return dump();
}
