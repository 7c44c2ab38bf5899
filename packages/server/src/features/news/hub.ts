import { EventEmitter } from 'node:events';
import pg from 'pg';
import { HANG_BOUNDS, writableUrl } from '../../db/hosts.js';
import type { Database } from '../../db/types.js';

/** What changed, never how: the phone pulls and sync's policy decides what it may see. */
/** `intake`: a referral from a clinic given to the CHW changed on the clinic's side (it was cancelled). */
export type NewsKind = 'referral' | 'alert' | 'caseload' | 'message' | 'intake';

/**
 * One piece of news as it travels between server processes: the organization,
 * the users it concerns and an opaque id. No names, no statuses, no notes, so
 * a NOTIFY payload or a stream read by the wrong eyes gives nothing away.
 */
export interface News {
  org: string;
  to: string[];
  kind: NewsKind;
  id: string;
}

/** A stream's ear: the user it belongs to and what to do with news for them or a reset. */
export interface Listener {
  userId: string;
  orgId: string;
  /** The session the stream was opened with: signing out of it ends the stream. */
  sessionHash: string;
  hear(news: { kind: NewsKind; id: string }): void;
  /** The hub lost news (a dropped LISTEN connection) or is closing: end the stream, the phone pulls on reconnect. */
  end(): void;
}

/** A user's open streams beyond this close oldest first: a reloaded tab's old stream may linger until its socket times out. */
export const STREAMS_PER_USER = 3;
const CHANNEL = 'puente_news';

export interface NewsHub {
  /** Call after the change has committed. */
  publish(news: News): Promise<void>;
  listen(listener: Listener): () => void;
  /** Settles once news can reach this process's streams (PostgreSQL: its LISTEN is in place). */
  listening(): Promise<void>;
  /** Ends this process's streams of a session that signed out; other processes' find out at their next heartbeat. */
  endSession(sessionHash: string): void;
  close(): Promise<void>;
  /** Streams open now, for tests and metrics. */
  open(): number;
}

/** Streams of this process by user; delivers only to the users news names, in the news' organization. */
class Listeners {
  private byUser = new Map<string, Listener[]>();

  add(listener: Listener): () => void {
    const mine = this.byUser.get(listener.userId) ?? [];
    mine.push(listener);
    this.byUser.set(listener.userId, mine);
    while (mine.length > STREAMS_PER_USER) mine.shift()?.end();
    return () => {
      const now = (this.byUser.get(listener.userId) ?? []).filter((l) => l !== listener);
      if (now.length) this.byUser.set(listener.userId, now);
      else this.byUser.delete(listener.userId);
    };
  }

  deliver(news: News): void {
    for (const userId of new Set(news.to)) {
      for (const l of this.byUser.get(userId) ?? []) {
        if (l.orgId === news.org) l.hear({ kind: news.kind, id: news.id });
      }
    }
  }

  endSession(sessionHash: string): void {
    for (const list of [...this.byUser.values()])
      for (const l of [...list]) if (l.sessionHash === sessionHash) l.end();
  }

  endAll(): void {
    for (const list of [...this.byUser.values()]) for (const l of [...list]) l.end();
    this.byUser.clear();
  }

  count(): number {
    let n = 0;
    for (const list of this.byUser.values()) n += list.length;
    return n;
  }
}

/** PGlite is one process: an emitter is the whole channel. */
function localHub(): NewsHub {
  const listeners = new Listeners();
  const emitter = new EventEmitter();
  emitter.on('news', (news: News) => listeners.deliver(news));
  return {
    publish: async (news) => {
      emitter.emit('news', news);
    },
    listen: (l) => listeners.add(l),
    listening: async () => {},
    endSession: (hash) => listeners.endSession(hash),
    close: async () => listeners.endAll(),
    open: () => listeners.count(),
  };
}

const isNews = (value: unknown): value is News => {
  const v = value as Partial<News> | null;
  return (
    typeof v?.org === 'string' &&
    typeof v.id === 'string' &&
    typeof v.kind === 'string' &&
    Array.isArray(v.to) &&
    v.to.every((u) => typeof u === 'string')
  );
};

/**
 * PostgreSQL: several server processes share the database, so news goes out
 * with NOTIFY and every process LISTENs on one connection of its own (a
 * pooled connection would lose its LISTEN when handed back). If that
 * connection drops, news may have been missed: every stream ends, phones
 * reconnect and pull, and the next stream opens a new connection.
 */
function postgresHub(db: Database, connectionString: string): NewsHub {
  const listeners = new Listeners();
  let client: Promise<pg.Client> | undefined;
  let closed = false;

  const listenOn = async (url: string, made: () => Promise<pg.Client>): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: url,
      application_name: 'puente-news',
      // Its only statements are LISTEN and the check below: quick on a host that answers.
      connectionTimeoutMillis: HANG_BOUNDS.answerMs,
      query_timeout: HANG_BOUNDS.answerMs,
    });
    let alive: NodeJS.Timeout | undefined;
    const lost = () => {
      clearInterval(alive);
      if (client === made()) client = undefined;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      listeners.endAll();
    };
    c.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const news: unknown = JSON.parse(message.payload);
        if (isNews(news)) listeners.deliver(news);
      } catch {
        // Not ours: ignore rather than end every stream.
      }
    });
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    // A primary that hangs (db/hosts.ts HangBounds) never ends this connection, and news would stop
    // without a word after a failover: it is asked now and then, and no answer counts as a lost connection.
    alive = setInterval(() => {
      c.query('select 1').catch(lost);
    }, HANG_BOUNDS.stallMs);
    alive.unref();
    return c;
  };
  // With several hosts (db/hosts.ts), LISTEN goes to the one that takes writes: NOTIFY is sent there.
  const connect = (): Promise<pg.Client> => {
    const made: Promise<pg.Client> = writableUrl(connectionString).then((url) => listenOn(url, () => made));
    made.catch(() => {
      if (client === made) client = undefined;
    });
    return made;
  };

  return {
    publish: async (news) => {
      await db.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(news)]);
    },
    listen: (l) => {
      if (closed) {
        l.end();
        return () => {};
      }
      if (!client) client = connect();
      // A stream that opens while the connection is being made waits for it; a failed connection ends it.
      client.catch(() => l.end());
      return listeners.add(l);
    },
    // A failed connection has already ended the streams that waited for it (above).
    listening: () =>
      (client ?? Promise.resolve()).then(
        () => {},
        () => {},
      ),
    endSession: (hash) => listeners.endSession(hash),
    close: async () => {
      closed = true;
      listeners.endAll();
      const c = client;
      client = undefined;
      // A host that hangs never answers the goodbye: closing waits for it only so long.
      const givenUp = new Promise<void>((resolve) => setTimeout(resolve, HANG_BOUNDS.answerMs).unref());
      if (c) await Promise.race([c.then((x) => x.end()).catch(() => {}), givenUp]);
    },
    open: () => listeners.count(),
  };
}

const hubs = new WeakMap<Database, NewsHub>();

/** Where news is listened for: the primary itself, never through a transaction pooler (DATABASE_DIRECT_URL). */
export const newsUrl = (config: { directUrl?: string | undefined; databaseUrl?: string | undefined }) =>
  config.directUrl ?? config.databaseUrl;

// With a read replica a request's database is the user's own (db/replica.ts): the hub is the process's.
const keyOf = (db: Database) => db.base ?? db;

/** The one hub of this database in this process, made on first use. */
export function newsHub(db: Database, databaseUrl: string | undefined): NewsHub {
  const key = keyOf(db);
  let hub = hubs.get(key);
  if (!hub) {
    hub = key.kind === 'postgres' && databaseUrl ? postgresHub(key, databaseUrl) : localHub();
    hubs.set(key, hub);
  }
  return hub;
}

/** Ends every stream and the LISTEN connection: the server is stopping. */
export async function closeNews(db: Database): Promise<void> {
  const hub = hubs.get(keyOf(db));
  hubs.delete(keyOf(db));
  await hub?.close();
}

/** A session signed out: its streams in this process end now, not at their next heartbeat. */
export function endSessionStreams(db: Database, sessionHash: string): void {
  hubs.get(keyOf(db))?.endSession(sessionHash);
}
