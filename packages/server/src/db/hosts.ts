import { PuenteError } from '@puente/core';
import pg from 'pg';

/**
 * node-postgres connects to one host. PostgreSQL's own clients take a list
 * (`postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=read-write`) and
 * keep the host that takes writes, so an operator can promote the standby
 * without touching Puente's settings. This module does that for the pool:
 * it finds the primary, drops every connection when the primary goes away or
 * turns read-only, and finds the new one. What may be retried is decided by
 * the caller (postgres.ts): only work that never reached COMMIT.
 */

export interface Host {
  host: string;
  port: number;
}

/** libpq's values that make sense for the pool that writes. */
type SessionAttrs = 'any' | 'read-write' | 'primary';

export interface HostList {
  hosts: Host[];
  attrs: SessionAttrs;
  /** A single-host URL for node-postgres, everything else (user, database, options) kept. */
  urlFor(host: Host): string;
}

/** Splits `h1:5432,[::1]:5433,h3` into hosts; a host without a port takes 5432. */
function splitHosts(list: string): Host[] {
  return list.split(',').map((part) => {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
    const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(part);
    const match = bracketed ?? plain;
    if (!match?.[1]) throw new Error('DATABASE_URL: a host in the list cannot be read');
    const port = Number(match[2] ?? 5432);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error('DATABASE_URL: a port is out of range');
    return { host: match[1], port };
  });
}

/**
 * Reads a PostgreSQL URL with one host or several. Errors never quote the
 * URL: it holds the password.
 */
export function parseHosts(url: string): HostList {
  const at = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/?]*)(.*)$/.exec(url);
  if (!at) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const [, scheme, userinfo, hostList, rest = ''] = at;
  const hosts = splitHosts(hostList || 'localhost');
  const [path = '', query = ''] = rest.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const said = params.get('target_session_attrs') ?? (hosts.length > 1 ? 'read-write' : 'any');
  if (said !== 'any' && said !== 'read-write' && said !== 'primary')
    throw new Error(
      'DATABASE_URL: target_session_attrs must be read-write, primary or any for the pool that writes',
    );
  // node-postgres would pass an unknown parameter to the server as a setting: it is ours alone.
  params.delete('target_session_attrs');
  const kept = params.toString();
  return {
    hosts,
    attrs: said,
    urlFor: ({ host, port }) =>
      `${scheme}${userinfo ? `${userinfo}@` : ''}${host.includes(':') ? `[${host}]` : host}:${port}${path}${kept ? `?${kept}` : ''}`,
  };
}

/**
 * Errors that mean this server can no longer write here: the connection is
 * gone (a crash, a stop, a network cut), the server is shutting down or
 * starting, or it has become a standby (read-only).
 */
export function lostPrimary(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['25006', '57P01', '57P02', '57P03'].includes(code) || code.startsWith('08')) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
      return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|is not queryable|Cannot use a pool after calling end|timeout expired|Query read timeout/.test(
      message,
    )
  );
}

/** The statement was refused before it ran: retrying it cannot do anything twice. */
export function refusedBeforeRunning(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '25006' || code === '57P03' || code === 'ECONNREFUSED') return true;
  // Another request found the host gone and closed this pool before the statement was sent.
  return typeof message === 'string' && message.includes('Cannot use a pool after calling end');
}

/** How long the caller should wait before trying again, while a standby is promoted. */
export const RETRY_AFTER_SECONDS = 5;

/** No primary answers now: nothing was written. */
export const noPrimary = () =>
  new PuenteError(503, 'errors.databaseSwitching', {}, { retryAfterSeconds: RETRY_AFTER_SECONDS });

/** The primary went away while COMMIT was on its way: kept or not, nobody can say yet. */
export const commitUnknown = () =>
  new PuenteError(503, 'errors.changeNotConfirmed', {}, { retryAfterSeconds: RETRY_AFTER_SECONDS });

/** A failed search is shared for this long, so a burst of requests does not probe every host each. */
const FAILED_SEARCH_KEPT_MS = 250;
const PROBE_TIMEOUT_MS = 3000;

export interface Primary {
  /** The pool on the current primary, found first if there is none. Throws noPrimary() when none answers. */
  pool(): Promise<pg.Pool>;
  /** Says this pool's host stopped taking writes: its connections are closed and the next pool() searches. */
  lost(pool: pg.Pool): void;
  /** The pool in use, if one is (for metrics). */
  current(): pg.Pool | undefined;
  /** Which host of the list the pool is on (its index), for logs and tests. */
  host(): number | undefined;
  end(): Promise<void>;
}

/** Whether the host answers and takes writes as `attrs` asks (`any`: answers at all); any error means no. */
async function takesWrites(url: string, attrs: SessionAttrs): Promise<boolean> {
  // Bounded twice: a frozen host may take the connection and never answer the query.
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    if (attrs === 'any') return (await client.query('select 1')).rowCount === 1;
    const [row] = (
      await client.query<{ read_only: string; standby: boolean }>(
        "select current_setting('transaction_read_only') as read_only, pg_is_in_recovery() as standby",
      )
    ).rows;
    return row?.read_only === 'off' && !(attrs === 'primary' && row.standby);
  } catch {
    return false;
  } finally {
    // Not awaited: a frozen host never says goodbye, and the answer is known already.
    void client.end().catch(() => {});
  }
}

/**
 * A machine that dies without closing its sockets (power cut, network cut)
 * would leave a new connection waiting for minutes; after this long it
 * counts as gone and the next request looks for the primary again. Only the
 * opening is bounded: waiting for a free connection in a busy pool is not.
 */
const OPEN_TIMEOUT_MS = 10_000;
/** A client whose opening gives up after `ms` (a read replica that stops answering: sooner). */
const openingWithin = (ms: number) =>
  class OpeningWithin extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: ms });
    }
  };

/** The first host of the list that takes writes, as a one-host URL, with its place in the list. */
async function firstWritable(list: HostList): Promise<{ url: string; index: number } | undefined> {
  for (const [index, host] of list.hosts.entries()) {
    const url = list.urlFor(host);
    // One host and nothing asked of it: connected to as before, without a probe.
    if (list.hosts.length === 1 && list.attrs === 'any') return { url, index };
    if (await takesWrites(url, list.attrs)) return { url, index };
  }
  return undefined;
}

/**
 * The one-host URL of the host that takes writes now, for a connection of
 * its own outside the pool (LISTEN must be on the primary, where NOTIFY is
 * sent). Throws noPrimary() when none does.
 */
export async function writableUrl(url: string): Promise<string> {
  const found = await firstWritable(parseHosts(url));
  if (!found) throw noPrimary();
  return found.url;
}

/**
 * A host that freezes (a hung machine, a network cut that leaves sockets
 * open) fails nothing: its queries just never answer. When the pool's
 * connections has been out for STALL_MS, the host is asked again on a new
 * connection (at most once per STALL_MS); if it does not answer, its connections
 * are closed (their work fails as for a crash) and the primary is looked for.
 * A long report alone is asked about, found alive, and left alone.
 */
const STALL_MS = 10_000;
const WATCH_EVERY_MS = 2000;
/** How long closing waits for pools left on a host that went away. */
const RETIRED_WAIT_MS = 2000;

/** Keeps a pool on whichever host of the list takes writes. */
export function primaryOf(url: string, poolSize: number, openTimeoutMs = OPEN_TIMEOUT_MS): Primary {
  const list = parseHosts(url);
  const Client = openingWithin(openTimeoutMs);
  let pool: pg.Pool | undefined;
  let at: number | undefined;
  let searching: Promise<pg.Pool> | undefined;
  let failedAt = 0;
  let closed = false;
  const retired = new Set<Promise<void>>();

  const search = async (): Promise<pg.Pool> => {
    const found = await firstWritable(list);
    if (!found || closed) {
      failedAt = Date.now();
      throw noPrimary();
    }
    const next = new pg.Pool({ connectionString: found.url, max: poolSize, Client });
    // A broken idle connection must not crash the server; the pool replaces it.
    next.on('error', () => {});
    const clients = new Set<pg.PoolClient>();
    const since = new Map<pg.PoolClient, number>();
    next.on('connect', (client) => clients.add(client));
    next.on('acquire', (client) => since.set(client, Date.now()));
    next.on('release', (_error, client) => since.delete(client));
    next.on('remove', (client) => {
      clients.delete(client as pg.PoolClient);
      since.delete(client as pg.PoolClient);
    });
    answeredAt = 0;
    pool = next;
    watched = { pool: next, url: found.url, clients, since };
    at = found.index;
    return next;
  };

  let answeredAt = 0;
  let watched:
    | { pool: pg.Pool; url: string; clients: Set<pg.PoolClient>; since: Map<pg.PoolClient, number> }
    | undefined;
  let looking = false;
  const look = async () => {
    const seen = watched;
    if (!seen || seen.pool !== pool || looking || seen.since.size === 0) return;
    const now = Date.now();
    const oldest = Math.min(...seen.since.values());
    if (now - oldest < STALL_MS || now - answeredAt < STALL_MS) return;
    looking = true;
    try {
      if (await takesWrites(seen.url, list.attrs)) {
        answeredAt = Date.now();
        return;
      }
      if (seen.pool !== pool) return;
      primary.lost(seen.pool);
      // end() breaks off a connection's query in flight, so the work waiting on it fails now.
      for (const client of seen.clients) client.end().catch(() => {});
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
    lost(gone) {
      if (gone !== pool) return;
      pool = undefined;
      at = undefined;
      // Idle connections close now, busy ones as they are given back.
      const ending = gone.end().catch(() => {});
      retired.add(ending);
      void ending.finally(() => retired.delete(ending));
    },
    current: () => pool,
    host: () => at,
    async end() {
      closed = true;
      clearInterval(watch);
      await searching?.catch(() => {});
      const last = pool;
      pool = undefined;
      // A pool left on a frozen host may never finish closing (its server never answers the goodbye).
      const givenUp = new Promise<void>((resolve) => setTimeout(resolve, RETIRED_WAIT_MS).unref());
      await Promise.all([last?.end(), Promise.race([Promise.all(retired), givenUp])]);
    },
  };
  return primary;
}
