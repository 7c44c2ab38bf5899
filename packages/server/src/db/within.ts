import type { Database, Queryable } from './types.js';

/**
 * A Database that runs everything in an open transaction, so feature
 * services (which open their own transactions) join the caller's instead:
 * a mutation's record and its effects are kept together or not at all.
 */
export function within(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    inTransaction: true,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (work) => work(tx),
    close: () => Promise.resolve(),
  };
}
