import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Puente's Prometheus metrics, one set per process. Label values are only
 * route templates, methods, status classes and fixed words of the code: never
 * an id, a name, a query string or anything a person typed.
 */
export const registry = new Registry();

const requestLabels = ['method', 'route', 'status_class'] as const;

const requests = new Counter({
  name: 'puente_http_requests_total',
  help: 'Requests answered, by method, route template and status class',
  labelNames: requestLabels,
  registers: [registry],
});

const requestSeconds = new Histogram({
  name: 'puente_http_request_duration_seconds',
  help: 'Time from a request arriving to its answer, by method, route template and status class',
  labelNames: requestLabels,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const serverErrors = new Counter({
  name: 'puente_http_server_errors_total',
  help: 'Requests answered with a 5xx, by method and route template',
  labelNames: ['method', 'route'] as const,
  registers: [registry],
});

const syncPulls = new Counter({
  name: 'puente_sync_pulls_total',
  help: 'Pages of changes phones pulled',
  registers: [registry],
});

/** This process's places for initial syncs (sync/initial-pulls.ts), read at collection. */
type PlacesReader = () => { inUse: number; limit: number };
let readPlaces: PlacesReader | undefined;
/** Called by the one set of initial-sync places of this process. */
export function watchInitialPulls(read: PlacesReader): void {
  readPlaces = read;
}

export const initialPullsInProgress = new Gauge({
  name: 'puente_sync_initial_pulls_in_progress',
  help: 'Phones holding a place for an initial sync (SYNC_INITIAL_PULLS_AT_ONCE at most, per process)',
  registers: [registry],
  collect() {
    const places = readPlaces?.();
    if (places) this.set(places.inUse);
  },
});
export const initialPullPlaces = new Gauge({
  name: 'puente_sync_initial_pull_places',
  help: 'Initial syncs one process serves at once (SYNC_INITIAL_PULLS_AT_ONCE)',
  registers: [registry],
  collect() {
    const places = readPlaces?.();
    if (places) this.set(places.limit);
  },
});
const initialPullsRefused = new Counter({
  name: 'puente_sync_initial_pulls_refused_total',
  help: 'Initial syncs told to come back later (503 with Retry-After) because every place was taken',
  registers: [registry],
});

/** A phone's initial sync was told to wait: every place was taken. */
export function recordInitialPullRefused(): void {
  initialPullsRefused.inc();
}

const syncPushes = new Counter({
  name: 'puente_sync_pushes_total',
  help: 'Batches of offline changes phones pushed',
  registers: [registry],
});

const syncMutations = new Counter({
  name: 'puente_sync_mutations_total',
  help: 'Offline changes received, by result (applied, duplicate, rejected, failed)',
  labelNames: ['result'] as const,
  registers: [registry],
});

const alertAcknowledgement = new Histogram({
  name: 'puente_alert_acknowledgement_seconds',
  help: 'Time from a risk alert being raised to someone acknowledging it',
  buckets: [60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400],
  registers: [registry],
});

const backupFinished = new Gauge({
  name: 'puente_backup_last_success_timestamp_seconds',
  help: 'When the last backup this process made or saw finished (Unix seconds); 0 until one has',
  registers: [registry],
});

/**
 * Figures of the whole program rather than of one process, read from the
 * database at scrape time by whichever process answers it: kept apart from
 * `registry` so that with several workers (PUENTE_WORKERS) they appear once,
 * without a worker label, instead of once per worker.
 */
export const programRegistry = new Registry();

/** Filled at scrape time from one query (metrics/routes.ts). */
export const outboxPending = new Gauge({
  name: 'puente_outbox_pending_messages',
  help: 'Emails waiting in the outbox, every organization together',
  registers: [programRegistry],
});
export const outboxOldestAge = new Gauge({
  name: 'puente_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest email still waiting in the outbox (0 when none waits)',
  registers: [programRegistry],
});

/** How full a process's PostgreSQL pool is (db/types.ts poolUse). */
type PoolReader = () => { idle: number; total: number; waiting: number; max: number } | undefined;
let readPool: PoolReader | undefined;
/**
 * Reads this process's pool whenever its metrics are collected: with several
 * workers each reports its own pool, also when another worker answers the scrape.
 */
export function watchPool(read: PoolReader): void {
  readPool = read;
}

/** PostgreSQL's connection pool, read at collection; PGlite has no pool and reports none. */
export const poolConnections = new Gauge({
  name: 'puente_db_pool_connections',
  help: 'Connections of the PostgreSQL pool, by state (idle, busy)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const pool = readPool?.();
    if (!pool) return;
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'busy' }, pool.total - pool.idle);
  },
});
export const poolWaiting = new Gauge({
  name: 'puente_db_pool_waiting_queries',
  help: 'Queries waiting for a free connection of the PostgreSQL pool',
  registers: [registry],
  collect() {
    const pool = readPool?.();
    if (pool) this.set(pool.waiting);
  },
});
export const poolMax = new Gauge({
  name: 'puente_db_pool_max_connections',
  help: 'Connections the PostgreSQL pool may open (DATABASE_POOL_SIZE)',
  registers: [registry],
  collect() {
    const pool = readPool?.();
    if (pool) this.set(pool.max);
  },
});

const dbStatements = new Counter({
  name: 'puente_db_statements_total',
  help: 'SQL statements sent to the database, a transaction’s begin and commit included',
  registers: [registry],
});

/** Statements sent to the database (db/counted.ts). */
export function recordStatements(n: number): void {
  dbStatements.inc(n);
}

const replicaReads = new Counter({
  name: 'puente_db_replica_reads_total',
  help: 'Read-mostly requests (sync pulls, reports, extracts, FHIR reads, directory search) by where they read: the replica, or the primary and why (behind: the replica had not replayed the user’s last write in time; down; failed: it refused a statement)',
  labelNames: ['to', 'why'] as const,
  registers: [registry],
});

/** Where one read-mostly request read (db/replica.ts). */
export function recordReplicaRead(to: 'replica' | 'primary', why?: string): void {
  replicaReads.inc({ to, why: why ?? '' });
}

export const info = new Gauge({
  name: 'puente_info',
  help: 'Always 1: the running version and database engine as labels',
  labelNames: ['version', 'database'] as const,
  registers: [programRegistry],
});

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One request answered. `route` must be a template from the code (http/request-log.ts), never the raw path. */
export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  const labels = {
    method: methods.has(method) ? method : 'OTHER',
    route,
    status_class: `${Math.trunc(status / 100)}xx`,
  };
  requests.inc(labels);
  requestSeconds.observe(labels, seconds);
  if (status >= 500) serverErrors.inc({ method: labels.method, route });
}

export function recordSyncPull(): void {
  syncPulls.inc();
}

/** One push and the result of each change in it. */
export function recordSyncPush(
  results: readonly { status: 'applied' | 'duplicate' | 'rejected' | 'failed' }[],
) {
  syncPushes.inc();
  for (const { status } of results) syncMutations.inc({ result: status });
}

/** A risk alert acknowledged, from the times the alert itself records. */
export function recordAlertAcknowledged(raisedAt: string, acknowledgedAt: string): void {
  const seconds = (Date.parse(acknowledgedAt) - Date.parse(raisedAt)) / 1000;
  if (Number.isFinite(seconds) && seconds >= 0) alertAcknowledgement.observe(seconds);
}

/**
 * For the backup feature: call when a backup finished and was checked (and at
 * start with the newest one on disk), so `time() - puente_backup_last_success_timestamp_seconds`
 * is the backup's age and an alert can fire when it passes a day.
 * @example recordBackupFinished(new Date())
 */
export function recordBackupFinished(at: Date): void {
  backupFinished.set(at.getTime() / 1000);
}

let processMetrics = false;
/** CPU, memory, GC and event-loop lag of this process; started once, and only when metrics are on. */
export function startProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}
