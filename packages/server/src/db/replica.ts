import { PuenteError } from '@puente/core';
import { changeUnconfirmed, databaseSwitching } from './hosts.js';
import type { Sql } from './sql/sql.js';
import type { Database, Queryable } from './types.js';

/**
 * Read routing to a streaming replica (DATABASE_READ_URL). Sync pulls, reports,
 * extracts, FHIR reads and directory search read there; everything else, and
 * every write, stays on the primary.
 *
 * A user never reads older than their own writes: after each of their
 * transactions commits, the primary's WAL position is remembered for them, and
 * their next replica read first waits (a short bound, DATABASE_READ_WAIT_MS)
 * until the replica has replayed that far; a replica still behind, down or
 * refusing a statement leaves the read to the primary, never to a 5xx.
 */

export interface ReplicaEvents {
  /** The replica stopped answering (reads go to the primary until it is back), or came back. */
  changed(state: 'down' | 'up', reason?: string): void;
  /** Where one read-mostly piece of work went: the replica, or the primary and why. */
  routed(to: 'replica' | 'primary', why?: 'behind' | 'down' | 'failed'): void;
}

export interface ReplicaOptions {
  /** Opens the replica's pool; called again after it failed, at most every `retryMs`. */
  open: () => Promise<Database>;
  /** How long a user's read waits for the replica to replay their last write. */
  waitMs: number;
  /** How often it looks while waiting. */
  pollMs?: number;
  /** How long a replica that failed is left alone before it is tried again. */
  retryMs?: number;
  events?: Partial<ReplicaEvents>;
}

/** A WAL position `X/Y` as one number, to compare. */
export function lsnNumber(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** A statement that writes or locks rows: never sent to the replica. */
const WRITES =
  /\b(insert\s+into|update\s+[\w."]+\s+(\w+\s+)?set|delete\s+from|merge\s+into|for\s+(no\s+key\s+)?update|for\s+(key\s+)?share|nextval|setval|pg_advisory)/i;
export const writes = (text: string): boolean => WRITES.test(text);

/** An error of the replica's, so the work is run again on the primary instead of answered with a 5xx. */
class ReplicaFailure extends Error {
  constructor(readonly failure: unknown) {
    super('replica read failed');
  }
}

/**
 * The connection or the server went away, not the statement: no SQLSTATE (a
 * socket's ECONNREFUSED, a connection ended) or one of the classes that say so.
 */
const gone = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || /^(08|57P|53)/.test(code);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a user's last write is remembered: far longer than any replica a read would use lags. */
const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 100_000;

export interface ReadRouting {
  /**
   * Runs `work` for `userId` with the replica, once it has replayed their last
   * write, else with `undefined` (read the primary). A statement the replica
   * fails runs the whole work again with `undefined`: work must write nothing
   * outside the primary transaction it may open, before its reads are done.
   */
  reading<T>(
    userId: string,
    work: (replica: Database | undefined) => Promise<T>,
    fresh?: boolean,
  ): Promise<T>;
  /** After a commit of `userId`'s: remembers the primary's WAL position for their next replica read. */
  wrote(userId: string): Promise<void>;
  /** Another process's word that the user wrote up to `lsn` (several workers share one user). */
  heard(userId: string, lsn: string): void;
  close(): Promise<void>;
}

/** What the replica's own pool says when its host is gone (hosts.ts): the replica's failure, not the user's. */
const hostGone = (error: unknown) => databaseSwitching(error) || changeUnconfirmed(error);

const asReplicaFailure = (error: unknown) =>
  error instanceof ReplicaFailure || (error instanceof PuenteError && !hostGone(error))
    ? error
    : new ReplicaFailure(error);

/** The replica's statements and transactions, their failures marked as the replica's. */
function failingAsReplica(db: Database): Database {
  const tagged = (q: Queryable): Queryable => ({
    query: <Row>(sql: string | Sql, params?: readonly unknown[]) =>
      q.query<Row>(sql, params).catch((error: unknown) => {
        throw asReplicaFailure(error);
      }),
    exec: () => Promise.reject(new Error('the replica runs no scripts')),
  });
  return {
    kind: db.kind,
    ...tagged(db),
    transaction: (work) =>
      db
        .transaction((tx) => work(tagged(tx)))
        .catch((error: unknown) => {
          throw asReplicaFailure(error);
        }),
    close: () => Promise.resolve(),
  };
}

/**
 * Reads on the replica until the work's first write; from then on every
 * statement goes to the primary's transaction, which sees what it wrote.
 */
export function stickySplit(replica: Queryable, tx: Queryable): Queryable {
  let written = false;
  return {
    query: <Row>(sql: string | Sql, params?: readonly unknown[]) => {
      if (!written && writes(typeof sql === 'string' ? sql : sql.text)) written = true;
      return (written ? tx : replica).query<Row>(sql, params);
    },
    exec: (sql) => {
      written = true;
      return tx.exec(sql);
    },
  };
}

export function readRouting(
  primary: Database,
  options: ReplicaOptions,
  tell?: (userId: string, lsn: string) => void,
): ReadRouting {
  const pollMs = options.pollMs ?? 10;
  const retryMs = options.retryMs ?? 5000;
  const lastWrite = new Map<string, { lsn: bigint; at: number }>();
  let replica: Promise<Database> | undefined;
  let downUntil = 0;
  let down = false;
  /** The furthest the replica was seen to have replayed: a user whose write is older needs no look. */
  let replayed = -1n;

  const markDown = (error: unknown) => {
    downUntil = Date.now() + retryMs;
    const failed = replica;
    replica = undefined;
    failed?.then((db) => db.close()).catch(() => {});
    if (!down) {
      down = true;
      // Only the kind of failure: never a statement or a value.
      const reason = (error as { code?: string }).code ?? (error as Error).name ?? 'error';
      options.events?.changed?.('down', String(reason));
    }
  };
  const up = () => {
    if (down) {
      down = false;
      options.events?.changed?.('up');
    }
  };

  async function replicaDb(): Promise<Database | undefined> {
    if (Date.now() < downUntil) return undefined;
    replica ??= options.open();
    try {
      return await replica;
    } catch (error) {
      markDown(error);
      return undefined;
    }
  }

  /** Whether the replica has replayed `lsn`, looking until `waitMs` has passed. */
  async function caughtUp(db: Database, lsn: bigint): Promise<boolean> {
    const until = Date.now() + options.waitMs;
    for (;;) {
      const [row] = await db.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn');
      // Null: not a standby (a pooler in front of the primary itself): everything committed is there.
      if (!row?.lsn) return true;
      const at = lsnNumber(row.lsn);
      if (at > replayed) replayed = at;
      if (at >= lsn) return true;
      if (Date.now() >= until) return false;
      await sleep(pollMs);
    }
  }

  const routing: ReadRouting = {
    async reading(userId, work, fresh = false) {
      const db = await replicaDb();
      if (!db) {
        options.events?.routed?.('primary', 'down');
        return work(undefined);
      }
      let target = lastWrite.get(userId)?.lsn ?? -1n;
      if (fresh) {
        // Everything committed before this request, anyone's: a consent withdrawn a moment ago counts.
        const [now] = await primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
        if (now && lsnNumber(now.lsn) > target) target = lsnNumber(now.lsn);
      }
      try {
        if (target > replayed && !(await caughtUp(db, target))) {
          options.events?.routed?.('primary', 'behind');
          return await work(undefined);
        }
      } catch (error) {
        markDown(error);
        options.events?.routed?.('primary', 'down');
        return work(undefined);
      }
      up();
      try {
        const result = await work(failingAsReplica(db));
        options.events?.routed?.('replica');
        return result;
      } catch (error) {
        if (!(error instanceof ReplicaFailure)) throw error;
        // What the work wrote on the primary was rolled back with the throw: all of it runs again there.
        if (gone(error.failure)) markDown(error.failure);
        options.events?.routed?.('primary', gone(error.failure) ? 'down' : 'failed');
        return work(undefined);
      }
    },
    async wrote(userId) {
      const [row] = await primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
      if (!row) return;
      remember(userId, lsnNumber(row.lsn));
      tell?.(userId, row.lsn);
    },
    heard(userId, lsn) {
      remember(userId, lsnNumber(lsn));
    },
    async close() {
      const open = replica;
      replica = undefined;
      await open?.then((db) => db.close()).catch(() => {});
    },
  };

  function remember(userId: string, lsn: bigint) {
    const now = Date.now();
    const known = lastWrite.get(userId);
    if (known && known.lsn >= lsn) return;
    lastWrite.delete(userId);
    lastWrite.set(userId, { lsn, at: now });
    // Oldest first (insertion order): forget what the replica has long replayed.
    if (lastWrite.size > MAX_REMEMBERED) {
      for (const [user, entry] of lastWrite) {
        if (lastWrite.size <= MAX_REMEMBERED && now - entry.at < REMEMBER_MS) break;
        lastWrite.delete(user);
      }
    }
  }

  return routing;
}

/**
 * The database for one signed-in user's request: its transactions remember
 * their commit's position for the user, and `readMostly` routes their reads.
 */
export function forUser(primary: Database, routing: ReadRouting, userId: string): Database {
  return {
    ...primary,
    async query<Row>(sql: string | Sql, params?: readonly unknown[]) {
      const rows = await primary.query<Row>(sql, params);
      if (writes(typeof sql === 'string' ? sql : sql.text)) await routing.wrote(userId).catch(() => {});
      return rows;
    },
    async transaction(work) {
      const result = await primary.transaction(work);
      // Committed: a failover in the moment after must not turn the answer into "nothing was
      // written". Only the user's next replica reads lose their wait, and go to the primary.
      await routing.wrote(userId).catch(() => {});
      return result;
    },
    reading: (work, options) => routing.reading(userId, work, options?.fresh),
  };
}
