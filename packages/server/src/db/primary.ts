import pg from 'pg';
import { firstWritable, HANG_BOUNDS, type HangBounds, noPrimary, parseHosts, takesWrites } from './hosts.js';

/**
 * The pool that writes, kept on whichever host of a multi-host URL takes
 * writes (hosts.ts finds it), and the watch for a host that hangs instead of
 * failing. What may be retried is decided by the caller (postgres.ts).
 */

/** A failed search is shared for this long, so a burst of requests does not probe every host each. */
const FAILED_SEARCH_KEPT_MS = 250;

export interface Primary {
  /** The pool on the current primary, found first if there is none. Throws noPrimary() when none answers. */
  pool(): Promise<pg.Pool>;
  /**
   * A connection of `pool`. A caller still waiting for one when the pool is dropped fails as after a
   * crash (pg-pool never answers the callers it had queued when it is ended).
   */
  connect(pool: pg.Pool): Promise<pg.PoolClient>;
  /** Says this pool's host stopped taking writes: its connections are closed and the next pool() searches. */
  lost(pool: pg.Pool): void;
  /** The pool in use, if one is (for metrics). */
  current(): pg.Pool | undefined;
  /** Which host of the list the pool is on (its index), for logs and tests. */
  host(): number | undefined;
  end(): Promise<void>;
}

/** A client whose opening gives up after `ms`: waiting for a free connection in a busy pool is not bounded. */
const openingWithin = (ms: number) =>
  class OpeningWithin extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: ms });
    }
  };

/** The watch is this often: a hung host is found at most this long after `stallMs`. */
const WATCH_EVERY_MS = 1000;
/** A host found hung is asked last for this long (a search would wait `answerMs` on it first). */
const HUNG_ASKED_LAST_MS = 60_000;
/** How long closing waits for pools left on a host that went away. */
const RETIRED_WAIT_MS = 2000;

/** One pool, with its connections and since when each busy one has been out. */
interface Watched {
  pool: pg.Pool;
  url: string;
  since: Map<pg.PoolClient, number>;
  answeredAt: number;
  /** Fails the callers waiting for one of its connections. */
  drop(): void;
  dropped: Promise<never>;
}

function watchedPool(url: string, poolSize: number, Client: typeof pg.Client): Watched {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client });
  // A broken idle connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  const since = new Map<pg.PoolClient, number>();
  pool.on('acquire', (client) => since.set(client, Date.now()));
  pool.on('release', (_error, client) => since.delete(client));
  pool.on('remove', (client) => since.delete(client as pg.PoolClient));
  let drop = () => {};
  const dropped = new Promise<never>((_, reject) => {
    // pg-pool's own words for a pool that was ended: lostPrimary and refusedBeforeRunning know them.
    drop = () => reject(new Error('Cannot use a pool after calling end on the pool'));
  });
  dropped.catch(() => {});
  return { pool, url, since, answeredAt: 0, drop, dropped };
}

/**
 * Keeps a pool on whichever host of the list takes writes, and watches for a
 * host that hangs: when a statement has been out for `stallMs` (at most once
 * per `stallMs` per pool), or at once on a pool already dropped that still
 * has work out, the host is asked on a new connection whether it answers at
 * all; if it does not within `answerMs`, every busy connection to it is cut
 * (its work fails as in a crash: retried if it never reached COMMIT, 503 if
 * it did) and the primary is looked for. A long report on a host that
 * answers is left alone.
 */
export function primaryOf(url: string, poolSize: number, bounds: HangBounds = HANG_BOUNDS): Primary {
  const { stallMs, answerMs } = bounds;
  const list = parseHosts(url);
  const Client = openingWithin(answerMs);
  let pool: pg.Pool | undefined;
  let at: number | undefined;
  let searching: Promise<pg.Pool> | undefined;
  let failedAt = 0;
  let closed = false;
  const retired = new Set<Promise<void>>();
  const watching = new Map<pg.Pool, Watched>();
  const hungAt = new Map<string, number>();
  const hungLately = (hostUrl: string) => Date.now() - (hungAt.get(hostUrl) ?? 0) < HUNG_ASKED_LAST_MS;

  const search = async (): Promise<pg.Pool> => {
    const found = await firstWritable(list, answerMs, hungLately);
    if (!found || closed) {
      failedAt = Date.now();
      throw noPrimary();
    }
    const next = watchedPool(found.url, poolSize, Client);
    watching.set(next.pool, next);
    pool = next.pool;
    at = found.index;
    return next.pool;
  };

  const due = (w: Watched, now: number) => {
    if (now - w.answeredAt < stallMs || w.since.size === 0) return false;
    return w.pool !== pool || now - Math.min(...w.since.values()) >= stallMs;
  };
  let looking = false;
  const look = async () => {
    if (looking) return;
    const now = Date.now();
    for (const w of watching.values()) if (w.pool !== pool && w.since.size === 0) watching.delete(w.pool);
    const asked = [...watching.values()].filter((w) => due(w, now));
    if (asked.length === 0) return;
    looking = true;
    try {
      for (const hostUrl of new Set(asked.map((w) => w.url))) {
        // 'any': whether it answers at all; a host that turned read-only refuses the work by itself.
        const answers = await takesWrites(hostUrl, 'any', answerMs);
        const on = asked.filter((w) => w.url === hostUrl);
        if (answers) {
          for (const w of on) w.answeredAt = Date.now();
          continue;
        }
        hungAt.set(hostUrl, Date.now());
        for (const w of on) {
          primary.lost(w.pool);
          // end() breaks off a query in flight, so the work waiting on it fails now, as after a crash.
          for (const client of w.since.keys()) client.end().catch(() => {});
        }
      }
    } finally {
      looking = false;
    }
  };
  const watch = setInterval(() => void look(), WATCH_EVERY_MS);
  watch.unref();

  const primary: Primary = {
    pool() {
      if (pool) return Promise.resolve(pool);
      if (!searching) {
        if (Date.now() - failedAt < FAILED_SEARCH_KEPT_MS) return Promise.reject(noPrimary());
        searching = search().finally(() => {
          searching = undefined;
        });
      }
      return searching;
    },
    connect(from) {
      const w = watching.get(from);
      if (!w) return from.connect();
      let late = false;
      const got = from.connect();
      // A connection handed over after the caller gave up goes back at once.
      got.then(
        (client) => late && client.release(),
        () => {},
      );
      return Promise.race([got, w.dropped]).catch((error: unknown) => {
        late = true;
        throw error;
      });
    },
    lost(gone) {
      if (gone !== pool) return;
      pool = undefined;
      at = undefined;
      watching.get(gone)?.drop();
      // Idle connections close now, busy ones as they are given back (or when the watch finds the host hung).
      const ending = gone.end().catch(() => {});
      retired.add(ending);
      void ending.finally(() => retired.delete(ending));
    },
    current: () => pool,
    host: () => at,
    async end() {
      closed = true;
      await searching?.catch(() => {});
      const last = pool;
      pool = undefined;
      // A pool left on a frozen host may never finish closing (its server never answers the goodbye).
      const givenUp = new Promise<void>((resolve) => setTimeout(resolve, RETIRED_WAIT_MS).unref());
      // The watch goes on until the last pool has closed: a statement out on a host that froze
      // is cut as after a crash, so the pool's end (which waits for it) ends too. A host that
      // answers keeps its statement, and closing waits for it.
      try {
        await Promise.all([last?.end(), Promise.race([Promise.all(retired), givenUp])]);
      } finally {
        clearInterval(watch);
      }
    },
  };
  return primary;
}
