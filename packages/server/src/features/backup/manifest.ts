/**
 * What a backup says about itself, the first line of its payload. The payload
 * is lines, and either engine restores what either wrote:
 *
 *   {"manifest": {...}}
 *   {"table": "client", "columns": [...], "rows": 2}   then one line per row: row_to_json, or
 *                                                       COPY's text format with "rowsAs": "copy",
 *                                                       or blocks of COPY's binary tuples with
 *                                                       "rowsAs": "binary" (binary-rows.ts)
 *   {"sequences": [{"name": "...", "value": "41", "called": true}]}
 *   {"end": {"sha256": "..."}}                          the digest of every line before it
 */
export interface Manifest {
  format: 1;
  /** The Puente version that wrote it. */
  puente: string;
  engine: 'pglite' | 'postgres';
  /** The database server's version, e.g. "PostgreSQL 15.18". */
  server: string;
  /** The moment the backup shows: its transaction's start. */
  createdAt: string;
  /** Migrations applied in the database backed up, in order; a restore migrates to these, then to its own. */
  migrations: { name: string; checksum: string }[];
  /** Rows per table, in the order they follow. */
  tables: { name: string; rows: number }[];
  /** Each organization's audit chain head (linked events only; newer ones are linked after a restore). */
  auditHeads: { orgId: string; link: number; hash: string }[];
  /**
   * Only in a move's snapshot (move.ts), which carries the transaction ids of
   * `xid8` columns: the first id not yet handed out when it was taken.
   */
  xids?: { next: string };
}

export interface TableLine {
  table: string;
  columns: string[];
  rows: number;
  /**
   * How its rows are written: JSON objects (row_to_json, PGlite's backups),
   * COPY's own text format (PostgreSQL's before binary), or COPY's binary
   * format (PostgreSQL's: written and read by the database itself, with no
   * JSON to make or parse on either side, and the least CPU to load).
   */
  rowsAs?: 'json' | 'copy' | 'binary';
}

export interface SequenceValue {
  name: string;
  /** bigint as text: JSON numbers lose digits past 2^53. */
  value: string;
  called: boolean;
}

export const totalRows = (m: Pick<Manifest, 'tables'>) => m.tables.reduce((n, t) => n + t.rows, 0);
