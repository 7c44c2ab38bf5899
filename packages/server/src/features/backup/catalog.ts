import { ident } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';

export { ident };
/** A catalog name as an SQL string literal. */
export const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;

/**
 * Tables of the migrator's own bookkeeping (`schema_backfill`: a migration's back-fill progress;
 * `schema_late_index`: the indexes built after a migration commits).
 * They are carried like any table, but rows in them alone do not make a database hold data.
 */
export const isBookkeeping = (table: string) => table.startsWith('schema_');

export interface TableInfo {
  name: string;
  /** The columns a backup carries: every column but generated ones and transaction ids (see below). */
  columns: string[];
  /** A foreign key from the table to itself (a merged person points at the one kept): parents go first. */
  selfKey?: { column: string; references: string };
}

/**
 * Puente's tables in an order that restores without breaking a foreign key:
 * every table after the tables it refers to. Left out: `schema_migration`,
 * which the restore rebuilds by migrating; `schema_restore`, the mark of a
 * restore under way (spread.ts); generated columns, which compute
 * themselves; and `xid8` columns, transaction ids that mean something in one
 * database's history only (a sync cursor compares them), which a restore
 * fills with its own transaction's id, so they read as already committed.
 * `xids` keeps them: a move (move.ts) carries the program's history whole, and
 * makes the new database's transaction ids run on past the old ones.
 */
export async function tablesInOrder(tx: Queryable, options: { xids?: boolean } = {}): Promise<TableInfo[]> {
  const tables = await tx.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                     and a.attgenerated = '' and ($1 or a.atttypid <> 'xid8'::regtype)
                   order by a.attnum) as columns
       from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relispartition
        and c.relname not in ('schema_migration', 'schema_restore')
      order by c.relname`,
    [options.xids ?? false],
  );
  const keys = await tx.query<{ child: string; parent: string; columns: string[]; refs: string[] }>(
    `select ch.relname as child, pa.relname as parent,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns,
            array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i)
                    join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as refs
       from pg_constraint k
       join pg_class ch on ch.oid = k.conrelid
       join pg_class pa on pa.oid = k.confrelid
      where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
  const byName = new Map(tables.map((t) => [t.name, { ...t } as TableInfo]));
  const needs = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const k of keys) {
    const table = byName.get(k.child);
    if (!table || !byName.has(k.parent)) continue;
    if (k.child !== k.parent) {
      needs.get(k.child)?.add(k.parent);
      continue;
    }
    const [column, references] = [k.columns[0], k.refs[0]];
    if (k.columns.length !== 1 || !column || !references || table.selfKey) {
      throw new Error(
        `Backups cannot yet order the rows of ${k.child}: it refers to itself in more than one way`,
      );
    }
    table.selfKey = { column, references };
  }
  // Kahn's order, alphabetical among equals, so two backups of one schema list tables alike.
  const ordered: TableInfo[] = [];
  const left = new Set(byName.keys());
  while (left.size > 0) {
    const ready = [...left].filter((name) => [...(needs.get(name) ?? [])].every((p) => !left.has(p))).sort();
    if (ready.length === 0) {
      throw new Error(
        `Backups cannot order tables that refer to each other in a circle: ${[...left].join(', ')}`,
      );
    }
    for (const name of ready) {
      left.delete(name);
      const table = byName.get(name);
      if (table) ordered.push(table);
    }
  }
  return ordered;
}

/** The sequences of Puente's schema, by name. */
export async function sequenceNames(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'S'
      order by relname`,
  );
  return rows.map((r) => r.name);
}
