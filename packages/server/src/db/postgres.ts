import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { commitUnknown, HANG_BOUNDS, lostPrimary, noPrimary, refusedBeforeRunning } from './hosts.js';
import { primaryOf } from './primary.js';
import { writes } from './replica.js';
import { Sql, statement } from './sql/sql.js';
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
  /** Give up on a new connection, or on asking a host whether it answers, after this long (hosts.ts HangBounds). */
  connectTimeoutMs?: number;
  /** A statement out this long makes Puente ask its host whether it still answers (hosts.ts HangBounds). */
  stallMs?: number;
  /**
   * A read replica: its "read-only transaction" (25006) is the statement's refusal, not a sign
   * that the server stopped being the primary, so its pool is kept and the caller hears why.
   */
  standby?: boolean;
}

/**
 * Queries on one connection that remember whether one of them found the
 * primary gone: a service may catch an error and go on, but its transaction
 * is then lost and must not be committed (on a standby, COMMIT of an aborted
 * transaction answers ROLLBACK without an error).
 */
function watched(q: Queryable, lost: (error: unknown) => boolean): Queryable & { lost: boolean } {
  const watch =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args);
      } catch (error) {
        if (lost(error)) on.lost = true;
        throw error;
      }
    };
  const { copyOut, copyIn } = q;
  const on: Queryable & { lost: boolean } = {
    lost: false,
    query: watch(q.query) as Queryable['query'],
    exec: watch(q.exec),
    ...(copyOut ? { copyOut: watch(copyOut) } : {}),
    ...(copyIn ? { copyIn: watch(copyIn) } : {}),
  };
  return on;
}

/** Whether a statement on its own (a query's or exec's first argument) may have written. */
const mayWrite = (sql: unknown) =>
  typeof sql === 'string' ? writes(sql) : sql instanceof Sql && writes(sql.text);

/**
 * A connection pool to a PostgreSQL ≥ 15 server, or to whichever host of a
 * multi-host URL takes writes (hosts.ts). When the primary goes away, work
 * that never reached COMMIT runs once more on the new one; a COMMIT cut off
 * is never repeated (503, the outcome unknown), nor is a statement that may
 * have run.
 */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: PostgresOptions = {},
): Promise<Database> {
  const primary = primaryOf(url, poolSize, {
    stallMs: options.stallMs ?? HANG_BOUNDS.stallMs,
    answerMs: options.connectTimeoutMs ?? HANG_BOUNDS.answerMs,
  });
  const nameOf = options.namedStatements === false ? () => undefined : statementName;
  const lost = options.standby
    ? (error: unknown) => lostPrimary(error) && (error as { code?: unknown }).code !== '25006'
    : lostPrimary;
  const first = await primary.pool().catch(() => {
    throw new Error('the database URL: no host in the list answers and takes writes');
  });
  await first.query('select 1');
  const run =
    (client: pg.PoolClient): Queryable['query'] =>
    async (sql, params) => {
      const { text, values } = statement(sql, params);
      const name = nameOf(text);
      return (await client.query(name ? { name, text, values } : { text, values })).rows;
    };
  const exec = (client: pg.PoolClient) => async (sql: string) => {
    await client.query(sql);
  };
  /**
   * A statement on its own: tried again only when the server refused it before it ran. Run on a
   * connection taken by primary.connect (not pool.query), so a wait for one ends when the pool is dropped.
   */
  const alone =
    <A extends unknown[], R>(f: (client: pg.PoolClient) => (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      for (let attempt = 1; ; attempt++) {
        const pool = await primary.pool();
        let client: pg.PoolClient | undefined;
        let broken = false;
        // A connection that breaks says so as an event too, which would end the process if no one listened.
        const broke = () => {
          broken = true;
        };
        try {
          client = await primary.connect(pool);
          client.on('error', broke);
          return await f(client)(...args);
        } catch (error) {
          if (!lost(error)) throw error;
          broken = true;
          primary.lost(pool);
          if (attempt === 1 && refusedBeforeRunning(error)) continue;
          // A statement that writes is its own transaction: cut off, it may have committed or not.
          throw mayWrite(args[0]) ? commitUnknown() : noPrimary();
        } finally {
          client?.off('error', broke);
          client?.release(broken);
        }
      }
    };
  return {
    kind: 'postgres',
    query: alone(run) as Queryable['query'],
    exec: alone(exec),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const pool = await primary.pool();
        let client: pg.PoolClient;
        try {
          client = await primary.connect(pool);
        } catch (error) {
          if (!lost(error)) throw error;
          primary.lost(pool);
          if (attempt === 1) continue;
          throw noPrimary();
        }
        const tx = watched(
          {
            query: run(client),
            exec: exec(client),
            copyOut: copyOutOn(client),
            copyIn: copyInOn(client),
          },
          lost,
        );
        // The connection may break between two statements, while the work awaits something else: the
        // client then says so as an event, which would end the process if no one listened.
        const broke = () => {
          tx.lost = true;
        };
        client.on('error', broke);
        let committing = false;
        try {
          // Begin and commit as simple queries: one message each instead of a prepared statement's
          // bind, describe, execute and sync, for two of every transaction's statements.
          await tx.exec('begin');
          const result = await work(inTurn(tx));
          if (tx.lost) throw noPrimary();
          committing = true;
          await tx.exec('commit');
          return result;
        } catch (error) {
          if (!tx.lost) {
            await client.query('rollback').catch(() => {});
            throw error;
          }
          primary.lost(pool);
          if (committing) throw commitUnknown();
          // Nothing of it was kept: the whole transaction runs once more, on the new primary.
          if (attempt === 1) continue;
          throw noPrimary();
        } finally {
          client.off('error', broke);
          client.release(tx.lost);
        }
      }
    },
    async session(work) {
      const client = await primary.connect(await primary.pool());
      let broken = false;
      const broke = () => {
        broken = true;
      };
      client.on('error', broke);
      try {
        return await work(inTurn({ query: run(client), exec: exec(client) }));
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        // A session lock must not stay with the connection in the pool: let go, or close it.
        if (!broken) await client.query('select pg_advisory_unlock_all()').catch(() => (broken = true));
        client.off('error', broke);
        client.release(broken);
      }
    },
    close: () => primary.end(),
    poolUse: () => {
      const pool = primary.current();
      return {
        total: pool?.totalCount ?? 0,
        idle: pool?.idleCount ?? 0,
        waiting: pool?.waitingCount ?? 0,
        max: poolSize,
      };
    },
  };
}
