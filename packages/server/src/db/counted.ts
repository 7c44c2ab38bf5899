import type { Sql } from './sql/sql.js';
import type { Database, Queryable } from './types.js';

/**
 * The database, telling `count` of every statement sent to it: each query, and
 * a transaction's begin and commit (round trips like any other). What a request
 * costs the database starts with how many statements it sends: the load
 * benchmark divides the count by the requests of each route (metrics:
 * puente_db_statements_total). Everything else passes through unchanged.
 */
export function countingStatements(db: Database, count: (statements: number) => void): Database {
  const counted = <Q extends Queryable>(q: Q): Q => ({
    ...q,
    query: <Row>(sql: string | Sql, params?: readonly unknown[]) => {
      count(1);
      return q.query<Row>(sql, params);
    },
  });
  const { forUser, reading } = db;
  const self: Database = {
    ...counted(db),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => {
      count(2);
      return db.transaction((tx) => work(counted(tx)));
    },
    // With a replica: a user's database and its reads are counted the same way.
    ...(forUser
      ? { forUser: (userId: string) => ({ ...countingStatements(forUser(userId), count), base: self }) }
      : {}),
    ...(reading
      ? {
          reading: <T>(work: (replica: Database | undefined) => Promise<T>, options?: { fresh?: boolean }) =>
            reading((replica) => work(replica && countingStatements(replica, count)), options),
        }
      : {}),
  };
  return self;
}
