import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { backupEnv, backupSettings } from './features/backup/settings.js';
import {
  textEnv,
  textProviderSettings,
  textSecrets,
  textSettingsProblems,
} from './features/messages/settings.js';
import { syncEnv } from './features/sync/settings.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));
const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/** What a setting means, for `.env.example` and the README; `shown` stands in for a default computed from other settings. */
const about = (description: string, shown?: string) => ({ description, ...(shown ? { shown } : {}) });

/**
 * Every environment variable Puente reads, with its default and meaning.
 * `.env.example` and the README's table of variables are written from this
 * list (`npm run docs:env`; a test fails if either drifts).
 */
/** A PostgreSQL address, as DATABASE_URL, DATABASE_READ_URL and DATABASE_DIRECT_URL take it. */
const postgresUrl = () =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional();

export const Env = z.object({
  PORT: whole(1, 65_535).default(8080).meta(about('HTTP port for the app and the API')),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .meta(about('address to listen on; `0.0.0.0` to serve phones on the local network')),
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
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .meta(
      about(
        '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON and never hold personal data; `info` writes one access line per request',
      ),
    ),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60)
    .default(60)
    .meta(about('a session ends after this long without use')),
  SESSION_MAX_HOURS: whole(1, 24 * 30)
    .default(12)
    .meta(about('a session ends this long after sign-in, used or not')),
  SIGNIN_SLOW_AFTER: whole(1, 100)
    .default(3)
    .meta(about('failed sign-ins after which each next attempt must wait (1 s, 2 s, 4 s …)')),
  SIGNIN_LOCK_AFTER: whole(2, 100).default(6).meta(about('failed sign-ins that lock the account')),
  SIGNIN_LOCK_MINUTES: whole(1, 24 * 60)
    .default(15)
    .meta(about('how long a locked account stays locked (an admin can unlock it sooner)')),
  SIGNIN_ADDRESS_LIMIT: whole(5, 100_000)
    .default(30)
    .meta(
      about(
        'failed password checks (sign-in or current password) one client address may cause per 15 minutes',
      ),
    ),
  SIGNIN_GLOBAL_LIMIT: whole(10, 1_000_000)
    .default(120)
    .meta(about('failed password checks all addresses together may cause per minute')),
  TRUST_PROXY: flag
    .default(false)
    .meta(
      about(
        '`true` behind one reverse proxy: client address (rightmost `X-Forwarded-For`), host and TLS from `X-Forwarded-*`',
      ),
    ),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
    .default('auto')
    .meta(about('`auto` marks the session cookie Secure when the request came over TLS; or `true`/`false`')),
  WEB_DIR: z.string().min(1).optional().meta(about('folder of the built web app', 'packages/web/dist')),
  SHUTDOWN_GRACE_SECONDS: whole(1, 600)
    .default(10)
    .meta(about('on SIGTERM/SIGINT, how long requests in flight may take before connections are closed')),
  // Alert emails: without SMTP_HOST they wait in the outbox and alerts are in-app only.
  SMTP_HOST: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        'mail server for risk-alert emails; without it alerts are in-app only and emails wait in the outbox',
      ),
    ),
  SMTP_PORT: whole(1, 65_535).default(587).meta(about('mail server port')),
  SMTP_SECURE: flag
    .default(false)
    .meta(
      about('`true` for TLS from the first byte (port 465); otherwise STARTTLS, which the server must offer'),
    ),
  // Without TLS the mail server receives the password and the alerts in clear: refused unless asked.
  SMTP_ALLOW_PLAINTEXT: flag
    .default(false)
    .meta(
      about(
        '`true` to send mail to a server that offers no TLS at all (password and alerts travel in clear)',
      ),
    ),
  SMTP_USER: z.string().min(1).optional().meta(about('mail server user name, if it asks for one')),
  SMTP_PASSWORD: z.string().min(1).optional().meta(about('mail server password')),
  SMTP_FROM: z.string().min(3).default('Puente <no-reply@localhost>').meta(about('sender of alert emails')),
  PUBLIC_URL: z
    .url({ message: 'must be a URL such as https://puente.example.org' })
    .optional()
    .meta(
      about(
        'address people use to reach Puente: links in emails and shared safety plans',
        'http://HOST:PORT',
      ),
    ),
  ALERT_ACK_MINUTES: whole(1, 24 * 60)
    .default(15)
    .meta(about('a risk alert nobody acknowledges within this time goes to the next person on call')),
  JOBS_INTERVAL_SECONDS: whole(1, 3600)
    .default(5)
    .meta(about('how often the server sends queued emails and escalates unacknowledged alerts')),
  // Seals TOTP secrets at rest: 32 bytes in base64. Without it, a key file in DATA_DIR is made once.
  TWO_FACTOR_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes in base64' })
    .optional()
    .meta(
      about(
        'the key that seals authenticator-app secrets: 32 bytes in base64 (`openssl rand -base64 32`); without it a key file is made once in the data folder (`two-factor.key`)',
      ),
    ),
  STEP_UP_MINUTES: whole(1, 60)
    .default(5)
    .meta(
      about(
        'break-the-glass, person-level extracts and FHIR client secrets ask for the password or a code again unless it was given within this time',
      ),
    ),
  // The audit chain's key, kept outside the database: from here, else from AUDIT_KEY_FILE (made on first start).
  AUDIT_KEY: z
    .string()
    .min(32, { message: 'must be at least 32 characters (openssl rand -base64 32)' })
    .optional()
    .meta(
      about(
        "the audit chain's HMAC key (≥ 32 characters, e.g. `openssl rand -base64 32`); kept outside the database",
      ),
    ),
  AUDIT_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        'without `AUDIT_KEY`, the key file: made with 32 random bytes and mode 0600 on first start, next to (not in) the data folder; refused if others can read it. Back it up apart from the database',
        '<DATA_DIR>-audit.key',
      ),
    ),
  AUDIT_CHECKPOINT_FILE: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        'append-only file of signed audit-chain heads (also logged as `auditCheckpoint`, for shipping elsewhere)',
        '<DATA_DIR>-audit-checkpoints.log',
      ),
    ),
  // Metrics name people nowhere, but they show a program's activity: only to a scraper that knows the token.
  PUENTE_METRICS_TOKEN: z
    .string()
    .min(32, { message: 'must be at least 32 characters (openssl rand -hex 32)' })
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable characters without spaces' })
    .optional()
    .meta(
      about(
        'bearer token Prometheus sends to read `/metrics` (≥ 32 characters, e.g. `openssl rand -hex 32`); without it `/metrics` answers 404',
      ),
    ),
  ...backupEnv,
  ...textEnv,
  ...syncEnv,
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof Env>) {
  return {
    port: env.PORT,
    host: env.HOST,
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
    logLevel: env.LOG_LEVEL,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    signInSlowAfter: env.SIGNIN_SLOW_AFTER,
    signInLockAfter: env.SIGNIN_LOCK_AFTER,
    signInLockMinutes: env.SIGNIN_LOCK_MINUTES,
    signInAddressLimit: env.SIGNIN_ADDRESS_LIMIT,
    signInGlobalLimit: env.SIGNIN_GLOBAL_LIMIT,
    trustProxy: env.TRUST_PROXY,
    cookieSecure: env.COOKIE_SECURE,
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : undefined,
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE,
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
        }
      : undefined,
    mailFrom: env.SMTP_FROM,
    smtpAllowPlaintext: env.SMTP_ALLOW_PLAINTEXT,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    alertAckMinutes: env.ALERT_ACK_MINUTES,
    jobsIntervalSeconds: env.JOBS_INTERVAL_SECONDS,
    twoFactorKey: env.TWO_FACTOR_KEY ? Buffer.from(env.TWO_FACTOR_KEY, 'base64') : undefined,
    stepUpMinutes: env.STEP_UP_MINUTES,
    /** Filled from AUDIT_KEY, or from the key file by `withAuditKey` when the server or a command starts. */
    auditKey: env.AUDIT_KEY as string | undefined,
    auditKeyFile: resolve(env.AUDIT_KEY_FILE ?? `${resolve(env.DATA_DIR)}-audit.key`),
    /** Signed heads of every audit chain, appended outside the database; undefined only in tests. */
    auditCheckpointFile: resolve(
      env.AUDIT_CHECKPOINT_FILE ?? `${resolve(env.DATA_DIR)}-audit-checkpoints.log`,
    ) as string | undefined,
    /** Bearer token of `/metrics`; without it the endpoint answers 404. */
    metricsToken: env.PUENTE_METRICS_TOKEN,
    /** Backups: the key that seals them, and the schedule (features/backup/settings.ts). */
    backup: backupSettings(env, env.DATA_DIR),
    /** The text-message provider (features/messages/settings.ts); undefined: texts are off. */
    texts: textProviderSettings(env),
    /** Initial pulls one process serves at once (features/sync/initial-pulls.ts). */
    syncInitialPullsAtOnce: env.SYNC_INITIAL_PULLS_AT_ONCE,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Puente cannot start because of its settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws one error naming every wrong value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const value =
          name === 'DATABASE_URL' ||
          name === 'DATABASE_READ_URL' ||
          name === 'DATABASE_DIRECT_URL' ||
          name === 'SMTP_PASSWORD' ||
          name === 'TWO_FACTOR_KEY' ||
          name === 'AUDIT_KEY' ||
          name === 'PUENTE_METRICS_TOKEN' ||
          name === 'PUENTE_BACKUP_KEY' ||
          textSecrets.includes(name)
            ? '(hidden)'
            : JSON.stringify(present[name]);
        return `${name}=${value} ${issue.message}`;
      }),
    );
  }
  const textProblems = textSettingsProblems(parsed.data);
  if (textProblems.length > 0) throw new ConfigError(textProblems);
  const config = toConfig(parsed.data);
  // PGlite is a database inside one process: a second process opening DATA_DIR would corrupt it.
  if (!config.databaseUrl && config.workers > 1) {
    throw new ConfigError([
      `PUENTE_WORKERS=${config.workers} needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only, so it runs one worker. Remove PUENTE_WORKERS, or move to PostgreSQL (puente move-to-postgres)`,
    ]);
  }
  // A replica and a pooler are PostgreSQL's: the embedded database has neither, and saying so beats ignoring it.
  if (!config.databaseUrl && (config.databaseReadUrl || config.pooler !== 'none')) {
    throw new ConfigError([
      `${config.databaseReadUrl ? 'DATABASE_READ_URL' : `DATABASE_POOLER=${config.pooler}`} needs PostgreSQL (DATABASE_URL): the embedded database has no replica and no pooler. Remove it, or move to PostgreSQL (puente move-to-postgres)`,
    ]);
  }
  // A list of hosts looks for the one that takes writes (db/hosts.ts), which a replica never is:
  // every read would go to the primary without a word.
  if (config.databaseReadUrl && /^postgres(ql)?:\/\/[^/?#]*,/.test(config.databaseReadUrl)) {
    throw new ConfigError([
      'DATABASE_READ_URL names one replica (one host): a list of hosts is for DATABASE_URL, where Puente looks for the one that takes writes',
    ]);
  }
  // LISTEN through a transaction pooler listens on a connection handed to someone else: news would stop, silently.
  if (config.databaseUrl && config.pooler === 'transaction' && !config.directUrl) {
    throw new ConfigError([
      'DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL, the primary without the pooler: live news waits on one connection per process (LISTEN), which a transaction pooler would hand to others',
    ]);
  }
  if (config.signInLockAfter <= config.signInSlowAfter) {
    throw new ConfigError([
      `SIGNIN_LOCK_AFTER=${config.signInLockAfter} must be greater than SIGNIN_SLOW_AFTER=${config.signInSlowAfter}`,
    ]);
  }
  return config;
}

/** Settings for tests: everything default, nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // A key of the test's own, so no test writes a key file into the working folder.
  // A fixed audit key and no checkpoint file: tests that check checkpoints name their own file.
  return {
    ...loadConfig({}),
    twoFactorKey: randomBytes(32),
    auditKey: 'test-audit-key-0123456789abcdef0123456789',
    auditCheckpointFile: undefined,
    ...overrides,
  };
}
