import { PuenteError } from '@puente/core';
import pg from 'pg';

/**
 * node-postgres connects to one host. PostgreSQL's own clients take a list
 * (`postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=read-write`) and
 * keep the host that takes writes, so an operator can promote the standby
 * without touching Puente's settings. This module reads the list, tells
 * which errors mean the primary is gone and finds the host that takes writes;
 * primary.ts keeps the pool on it and finds the new one when it goes. What
 * may be retried is decided by the caller (postgres.ts): only work that never
 * reached COMMIT.
 */

export interface Host {
  host: string;
  port: number;
}

/** libpq's values that make sense for the pool that writes. */
export type SessionAttrs = 'any' | 'read-write' | 'primary';

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

/** Whether an error is noPrimary's: nothing was saved, no host takes writes yet. */
export const databaseSwitching = (error: unknown): boolean =>
  error instanceof PuenteError && error.key === 'errors.databaseSwitching';

/** Whether an error is commitUnknown's: a change that may or may not have been kept. */
export const changeUnconfirmed = (error: unknown): boolean =>
  error instanceof PuenteError && error.key === 'errors.changeNotConfirmed';

/**
 * How long Puente waits on a host before it counts as hung. A frozen host
 * (a stopped machine, a network cut that leaves sockets open) fails nothing:
 * the kernel may keep its connections and even accept new ones, so every wait
 * must be bounded by Puente itself. Not `query_timeout` nor
 * `statement_timeout`: the first would also kill a report, a backup's COPY or
 * a back-fill that is slow on a host that answers (and leaves the connection
 * busy), the second is the frozen server's own clock. Nor TCP keepalive: a
 * stopped process's kernel still answers it, and a dead machine's socket is
 * given up only after minutes. Instead a statement out for `stallMs`
 * makes Puente ask the host, on a new connection, whether it answers at all
 * (within `answerMs`); only a host that does not has its connections cut.
 */
export interface HangBounds {
  /** A statement out this long makes Puente ask its host whether it still answers (DATABASE_STALL_MS). */
  stallMs: number;
  /** Opening a connection, or asking a host whether it takes writes, gives up after this long (DATABASE_CONNECT_TIMEOUT_MS). */
  answerMs: number;
}

/**
 * 5 s each: a healthy PostgreSQL opens a connection and answers `select 1` in
 * milliseconds even when busy, so 5 s leaves a wide margin before a sound host
 * is taken for hung, and a hung one is found within 5 + 5 s, well inside the
 * 30 s a failover may take (issue 21). A report out for 5 s costs one probe.
 */
export const HANG_BOUNDS: HangBounds = { stallMs: 5000, answerMs: 5000 };

/** Whether the host answers and takes writes as `attrs` asks (`any`: answers at all); any error means no. */
export async function takesWrites(url: string, attrs: SessionAttrs, timeoutMs: number): Promise<boolean> {
  // Bounded twice: a frozen host may take the connection and never answer the query.
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
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
 * The first host of the list that takes writes, as a one-host URL, with its
 * place in the list. Hosts in `later` (found hung a moment ago) are asked
 * last: each would cost the whole bound before the promoted standby is asked.
 */
export async function firstWritable(
  list: HostList,
  timeoutMs: number,
  later: (url: string) => boolean = () => false,
): Promise<{ url: string; index: number } | undefined> {
  const urls = list.hosts.map((host, index) => ({ url: list.urlFor(host), index }));
  // One host and nothing asked of it: connected to as before, without a probe.
  if (urls.length === 1 && list.attrs === 'any') return urls[0];
  const ordered = [...urls.filter((h) => !later(h.url)), ...urls.filter((h) => later(h.url))];
  for (const host of ordered) if (await takesWrites(host.url, list.attrs, timeoutMs)) return host;
  return undefined;
}

/**
 * The one-host URL of the host that takes writes now, for a connection of
 * its own outside the pool (LISTEN must be on the primary, where NOTIFY is
 * sent). Throws noPrimary() when none does.
 */
export async function writableUrl(url: string, timeoutMs = HANG_BOUNDS.answerMs): Promise<string> {
  const found = await firstWritable(parseHosts(url), timeoutMs);
  if (!found) throw noPrimary();
  return found.url;
}
