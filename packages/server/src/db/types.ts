import type { Sql } from './sql/sql.js';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one statement: text with its `$n` parameters, or one composed with the `sql` tag (db/sql/). */
  query<Row = Record<string, unknown>>(sql: string | Sql, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `copy … to stdout` and hands its bytes over as they stream, each
   * chunk taken before the next is read. Only where the engine streams COPY
   * (PostgreSQL's transactions); elsewhere read with a cursor.
   */
  copyOut?(sql: string, take: (chunk: Buffer) => Promise<void>): Promise<void>;
  /**
   * Loads rows in COPY's text format into `target` (a table and its columns,
   * `"t" ("a", "b")`), from batches of whole lines. Where the engine has it
   * (PostgreSQL streams them; PGlite copies each batch as it comes).
   * `freeze` writes the rows already frozen (the table must have been made or
   * emptied with truncate in the same transaction). Resolves with how many
   * rows the database took.
   */
  copyIn?(target: string, batches: AsyncIterable<Buffer>, options?: CopyInOptions): Promise<number>;
}

export interface CopyInOptions {
  freeze?: boolean;
  /** The batches are one stream in COPY's binary format (header, tuples, trailer). */
  binary?: boolean;
}

/** The `with (…)` of a `copy … from`, for the options given. */
export function copyWith(options: CopyInOptions | undefined): string {
  const said = [options?.binary && 'format binary', options?.freeze && 'freeze'].filter(Boolean);
  return said.length > 0 ? ` with (${said.join(', ')})` : '';
}

/**
 * The one database interface of the server. Both engines speak the same
 * PostgreSQL dialect, so every query and migration serves both.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Set where every call joins one open transaction (within()): nothing can run outside it. */
  readonly inTransaction?: boolean;
  /** Runs `work` in one transaction: all of it is kept, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Runs `work` on one connection outside any transaction (each statement on
   * its own), for what a transaction cannot hold: a concurrent index build and
   * the session lock around it, let go at the end. PostgreSQL only.
   */
  session?<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * With a read replica (DATABASE_READ_URL, db/replica.ts): the database for
   * one signed-in user's request, whose commits are remembered so the user's
   * replica reads never go back before them.
   */
  forUser?(userId: string): Database;
  /**
   * On a user's database (`forUser`): the process's database it belongs to.
   * What is kept per database (the news hub) is kept under this one, not per request.
   */
  readonly base?: Database;
  /**
   * Set on a user's database (`forUser`): runs read-mostly work with the
   * replica once it has replayed the user's last write, else with `undefined`
   * (read the primary); a replica that fails mid-way runs it again so.
   * `fresh`: the replica must also have replayed everything anyone committed
   * before the call (what leaves for another organization: a consent just
   * withdrawn must hold at once).
   */
  reading?<T>(work: (replica: Database | undefined) => Promise<T>, options?: { fresh?: boolean }): Promise<T>;
  /** The connection pool's use, for metrics; absent where the engine has no pool (PGlite). */
  poolUse?(): PoolUse;
}

export interface PoolUse {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  max: number;
}
