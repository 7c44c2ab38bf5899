import { identifier, type Sql, sql } from './sql.js';

/**
 * A timestamp column as the API writes every instant: ISO 8601 in UTC to the
 * second (`2026-03-01T14:05:00Z`), or to the millisecond where order within a
 * second matters (the audit log, a private link's uses).
 *
 * @example sql`select ${isoColumn('c.created_at')} as "createdAt" from client c`
 */
export function isoColumn(column: string, { milliseconds = false } = {}): Sql {
  return milliseconds
    ? sql`to_char(${identifier(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`to_char(${identifier(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/** The name a person is shown by, from client alias `c`: the name they go by, else their given and family names. */
export const displayName: Sql = sql`coalesce(nullif(c.preferred_name, ''), c.given_name || coalesce(' ' || c.family_name, ''))`;
