import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { statement } from './sql/sql.js';
import { type CopyInOptions, copyWith, type Database, type Queryable } from './types.js';

// int8 (counts, sums) arrive as numbers; Puente's counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * One connection runs one query at a time; code inside a transaction may still
 * start several at once (Promise.all), so they are queued here in order.
 */
function inTurn(q: Queryable): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = last.then(task, task);
    last = next.catch(() => {});
    return next;
  };
  const { copyOut, copyIn } = q;
  return {
    query: (sql, params) => queue(() => q.query(sql, params)),
    exec: (sql) => queue(() => q.exec(sql)),
    // The copy holds the connection until its last byte: what comes after waits its turn.
    ...(copyOut ? { copyOut: (sql: string, take) => queue(() => copyOut(sql, take)) } : {}),
    ...(copyIn
      ? { copyIn: (target: string, batches, options) => queue(() => copyIn(target, batches, options)) }
      : {}),
  } satisfies Queryable;
}

/** Streams batches into `copy … from stdin` on one connection, as fast as the server takes them. */
const copyInOn =
  (client: pg.PoolClient) =>
  async (target: string, batches: AsyncIterable<Buffer>, options?: CopyInOptions): Promise<number> => {
    const copy = client.query(copyFrom(`copy ${target} from stdin${copyWith(options)}`));
    await pipeline(Readable.from(batches), copy);
    return copy.rowCount;
  };

/** Streams a `copy … to stdout` on one connection; `for await` reads the next chunk only after `take`. */
const copyOutOn = (client: pg.PoolClient) => async (sql: string, take: (chunk: Buffer) => Promise<void>) => {
  for await (const chunk of client.query(copyTo(sql))) await take(chunk as Buffer);
};

/**
 * A SQL text run often gets a prepared-statement name, so every connection
 * parses and plans it once instead of on every call (+13 % requests/s under
 * the 200-CHW load). Only after its third run: texts built at run time (a
 * directory search's depth, its filters) are many and mostly rare, and each
 * name stays prepared on every connection; the caps keep both maps bounded.
 */
const named = new Map<string, string>();
const runs = new Map<string, number>();
const NAME_AFTER_RUNS = 3;
const MAX_NAMED = 1000;
const MAX_COUNTED = 5000;
function statementName(sql: string): string | undefined {
  const known = named.get(sql);
  if (known || named.size >= MAX_NAMED) return known;
  const count = (runs.get(sql) ?? 0) + 1;
  if (count < NAME_AFTER_RUNS) {
    if (runs.has(sql) || runs.size < MAX_COUNTED) runs.set(sql, count);
    return undefined;
  }
  runs.delete(sql);
  const name = `p${named.size}`;
  named.set(sql, name);
  return name;
}

export interface PostgresOptions {
  /**
   * Off behind a pooler in transaction mode (PgBouncer, DATABASE_POOLER): each
   * transaction may land on another server connection, which never saw the
   * name prepared on the first, so every statement goes unnamed.
   */
  namedStatements?: boolean;
  /** Give up on a new connection after this long (a read replica that stopped answering). */
  connectTimeoutMs?: number;
}

/** A connection pool to a PostgreSQL ≥ 15 server. */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: PostgresOptions = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
  });
  const nameOf = options.namedStatements === false ? () => undefined : statementName;
  // A broken idle connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  const run =
    (client: pg.Pool | pg.PoolClient): Queryable['query'] =>
    async (sql, params) => {
      const { text, values } = statement(sql, params);
      const name = nameOf(text);
      return (await client.query(name ? { name, text, values } : { text, values })).rows;
    };
  const exec = (client: pg.Pool | pg.PoolClient) => async (sql: string) => {
    await client.query(sql);
  };
  return {
    kind: 'postgres',
    query: run(pool),
    exec: exec(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(
          inTurn({
            query: run(client),
            exec: exec(client),
            copyOut: copyOutOn(client),
            copyIn: copyInOn(client),
          }),
        );
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async session(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        return await work(inTurn({ query: run(client), exec: exec(client) }));
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        // A session lock must not stay with the connection in the pool: let go, or close it.
        if (!broken) await client.query('select pg_advisory_unlock_all()').catch(() => (broken = true));
        client.release(broken);
      }
    },
    close: () => pool.end(),
    poolUse: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: poolSize,
    }),
  };
}
