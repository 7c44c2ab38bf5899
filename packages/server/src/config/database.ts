import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { about, whole } from './values.js';

/** A PostgreSQL address, as DATABASE_URL, DATABASE_READ_URL and DATABASE_DIRECT_URL take it. */
const postgresUrl = () =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional();

/**
 * Where the data lives, how PostgreSQL is reached, and how many processes share it,
 * spread into the one list of environment variables in config.ts.
 */
export const databaseEnv = {
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .meta(
      about(
        'folder of the embedded PGlite database (ignored with `DATABASE_URL`); made 0700, and Puente refuses to start if group or others can open it',
      ),
    ),
  DATABASE_URL: postgresUrl().meta(
    about(
      '`postgres://…` to use PostgreSQL instead of PGlite; several hosts (`postgres://u:p@db1:5432,db2:5432/puente`) make Puente write to whichever one takes writes and follow a promoted standby (see Failover to a standby)',
    ),
  ),
  DATABASE_READ_URL: postgresUrl().meta(
    about(
      '`postgres://…` of a streaming replica (PostgreSQL only): sync pulls, reports, extracts, FHIR reads and directory search read there; a user reads there only once it has replayed their own last write (else from the primary), and a replica that is down leaves every read to the primary',
    ),
  ),
  DATABASE_READ_WAIT_MS: whole(0, 5000)
    .default(200)
    .meta(
      about(
        'how long a replica read waits for the replica to replay the same user’s last write before it reads from the primary instead',
      ),
    ),
  DATABASE_DIRECT_URL: postgresUrl().meta(
    about(
      '`postgres://…` of the primary itself, not through a pooler: each process’s one connection that waits for live news (LISTEN) uses it; needed with `DATABASE_POOLER=transaction`, whose pooler hands a connection to others between statements',
      'DATABASE_URL',
    ),
  ),
  DATABASE_POOLER: z
    .enum(['none', 'session', 'transaction'])
    .default('none')
    .meta(
      about(
        '`transaction` when `DATABASE_URL` or `DATABASE_READ_URL` goes through PgBouncer in transaction mode: statements are sent unnamed, since another server connection would not know a prepared name (see the README on PgBouncer); `session` or `none` keep them',
      ),
    ),
  DATABASE_POOL_SIZE: whole(1, 200).default(10).meta(about('connections per server process (PostgreSQL)')),
  // A hung primary (stopped machine, network cut) fails nothing by itself: these bound the wait (db/hosts.ts HangBounds).
  DATABASE_STALL_MS: whole(1000, 600_000)
    .default(5000)
    .meta(
      about(
        'a statement on PostgreSQL out this long makes Puente ask its host, on a new connection, whether it still answers; a host that does not (within `DATABASE_CONNECT_TIMEOUT_MS`) counts as hung: its connections are cut and the primary is looked for among the hosts of `DATABASE_URL`. A slow statement (a report, a backup) on a host that answers is never cut',
      ),
    ),
  DATABASE_CONNECT_TIMEOUT_MS: whole(500, 60_000)
    .default(5000)
    .meta(
      about(
        'how long opening a connection to a PostgreSQL host, or asking it whether it answers and takes writes, may take before the host counts as not answering; raise it for a database far away over a slow network',
      ),
    ),
  // One Node process keeps one core busy: on PostgreSQL the default is one HTTP process per core.
  PUENTE_WORKERS: whole(1, 256)
    .optional()
    .meta(
      about(
        'HTTP server processes sharing the port (PostgreSQL only; 1 on the embedded database). Above 1 a small primary process forks them and restarts any that dies, a short-lived one migrates at start, and one more low-priority process runs the background jobs; each process has its own pool of `DATABASE_POOL_SIZE`',
        'the number of cores (PostgreSQL), 1 (PGlite)',
      ),
    ),
};

/** Addresses that may carry the database password: never printed. */
export const databaseSecrets = ['DATABASE_URL', 'DATABASE_READ_URL', 'DATABASE_DIRECT_URL'];

type DatabaseEnv = z.infer<z.ZodObject<typeof databaseEnv>>;

export function databaseSettings(env: DatabaseEnv) {
  return {
    dataDir: resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    /** When a statement's host is asked whether it hung, and how long a host may take to answer (db/hosts.ts). */
    stallMs: env.DATABASE_STALL_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    /** A streaming replica for read-mostly work (db/replica.ts). */
    databaseReadUrl: env.DATABASE_READ_URL,
    readWaitMs: env.DATABASE_READ_WAIT_MS,
    pooler: env.DATABASE_POOLER,
    /** The primary without a pooler, where each process LISTENs for live news (features/news/hub.ts newsUrl). */
    directUrl: env.DATABASE_DIRECT_URL,
    /** HTTP processes `puente start` runs (cluster/); 1 is one plain process, as before the setting. */
    workers: env.PUENTE_WORKERS ?? (env.DATABASE_URL ? availableParallelism() : 1),
  };
}

/** The first setting that does not fit the database chosen, in words; undefined when they all do. */
export function databaseSettingsProblem(settings: ReturnType<typeof databaseSettings>): string | undefined {
  const { databaseUrl, databaseReadUrl, pooler, workers, directUrl } = settings;
  // PGlite is a database inside one process: a second process opening DATA_DIR would corrupt it.
  if (!databaseUrl && workers > 1) {
    return `PUENTE_WORKERS=${workers} needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only, so it runs one worker. Remove PUENTE_WORKERS, or move to PostgreSQL (puente move-to-postgres)`;
  }
  // A replica and a pooler are PostgreSQL's: the embedded database has neither, and saying so beats ignoring it.
  if (!databaseUrl && (databaseReadUrl || pooler !== 'none')) {
    return `${databaseReadUrl ? 'DATABASE_READ_URL' : `DATABASE_POOLER=${pooler}`} needs PostgreSQL (DATABASE_URL): the embedded database has no replica and no pooler. Remove it, or move to PostgreSQL (puente move-to-postgres)`;
  }
  // A list of hosts looks for the one that takes writes (db/hosts.ts), which a replica never is:
  // every read would go to the primary without a word.
  if (databaseReadUrl && /^postgres(ql)?:\/\/[^/?#]*,/.test(databaseReadUrl)) {
    return 'DATABASE_READ_URL names one replica (one host): a list of hosts is for DATABASE_URL, where Puente looks for the one that takes writes';
  }
  // LISTEN through a transaction pooler listens on a connection handed to someone else: news would stop, silently.
  if (databaseUrl && pooler === 'transaction' && !directUrl) {
    return 'DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL, the primary without the pooler: live news waits on one connection per process (LISTEN), which a transaction pooler would hand to others';
  }
  return undefined;
}
