// Helpers for the backup tests (not used by the server).
import type { Database } from '../../db/types.js';
import { ident, tablesInOrder } from './catalog.js';

/**
 * Every table's row count and a digest of all its rows (the columns a backup
 * carries), written the same way on either engine: two databases with equal
 * fingerprints hold the same rows, byte for byte.
 */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await tx.query(`set local timezone = 'UTC'`);
    await tx.query('set local extra_float_digits = 1');
    const out: Record<string, string> = {};
    for (const t of await tablesInOrder(tx)) {
      const cols = t.columns.map((c) => `t.${ident(c)}`).join(', ');
      const [row] = await tx.query<{ n: number; digest: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(x.r, E'\\n' order by x.r collate "C"), '')) as digest
           from (select row_to_json(y)::text as r from (select ${cols} from ${ident(t.name)} t) y) x`,
      );
      out[t.name] = `${row?.n} rows ${row?.digest}`;
    }
    return out;
  });
}

/** Whether Puente's schema is absent: nothing was migrated, nothing was kept. */
export async function untouched(db: Database): Promise<boolean> {
  const [row] = await db.query<{ absent: boolean }>(
    `select to_regclass('public.schema_migration') is null and to_regclass('public.client') is null as absent`,
  );
  return Boolean(row?.absent);
}
