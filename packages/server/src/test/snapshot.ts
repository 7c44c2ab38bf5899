import type { Queryable } from '../db/types.js';

/** The tables of the public schema and their stored columns (not generated ones), by name. */
export async function tablesAndColumns(db: Queryable): Promise<Map<string, string[]>> {
  const rows = await db.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
      order by c.relname`,
  );
  return new Map(rows.map((r) => [r.name, r.columns]));
}

/**
 * How many rows a table holds and a digest of them over the given columns: the
 * same digest later means the same rows with the same values in those columns.
 * `where` narrows it (a log others append to: the rows that were there before).
 */
export async function fingerprint(
  db: Queryable,
  table: string,
  columns: string[],
  where = 'true',
): Promise<{ rows: number; digest: string }> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const [row] = await db.query<{ rows: number; digest: string }>(
    `select count(*)::int as rows, md5(coalesce(string_agg(r, E'\\n' order by r), '')) as digest
       from (select row(${list})::text as r from "${table}" where ${where}) x`,
  );
  return row ?? { rows: -1, digest: '' };
}
