import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { auditEnv, auditSecrets, auditSettings } from './config/audit.js';
import {
  databaseEnv,
  databaseSecrets,
  databaseSettings,
  databaseSettingsProblem,
} from './config/database.js';
import { mailEnv, mailSecrets, mailSettings } from './config/mail.js';
import {
  signInEnv,
  signInSettings,
  signInSettingsProblem,
  twoFactorEnv,
  twoFactorSecrets,
  twoFactorSettings,
} from './config/sign-in.js';
import { about, flag, whole } from './config/values.js';
import { backupEnv, backupSettings } from './features/backup/settings.js';
import {
  textEnv,
  textProviderSettings,
  textSecrets,
  textSettingsProblems,
} from './features/messages/settings.js';
import { syncEnv } from './features/sync/settings.js';

/**
 * Every environment variable Puente reads, with its default and meaning.
 * `.env.example` and the README's table of variables are written from this
 * list (`npm run docs:env`; a test fails if either drifts). Settings of one
 * concept live beside it (config/, a feature’s settings.ts) and are spread in
 * here; their order here is the order of the documents.
 */
export const Env = z.object({
  PORT: whole(1, 65_535).default(8080).meta(about('HTTP port for the app and the API')),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .meta(about('address to listen on; `0.0.0.0` to serve phones on the local network')),
  ...databaseEnv,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .meta(
      about(
        '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON and never hold personal data; `info` writes one access line per request',
      ),
    ),
  ...signInEnv,
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
  ...mailEnv,
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
  ...twoFactorEnv,
  ...auditEnv,
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
    ...databaseSettings(env),
    logLevel: env.LOG_LEVEL,
    ...signInSettings(env),
    trustProxy: env.TRUST_PROXY,
    cookieSecure: env.COOKIE_SECURE,
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : undefined,
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    ...mailSettings(env),
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    alertAckMinutes: env.ALERT_ACK_MINUTES,
    jobsIntervalSeconds: env.JOBS_INTERVAL_SECONDS,
    ...twoFactorSettings(env),
    ...auditSettings(env, env.DATA_DIR),
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

/** Settings whose value a message must never print: passwords, keys, tokens. */
const secrets = [
  ...databaseSecrets,
  ...mailSecrets,
  ...twoFactorSecrets,
  ...auditSecrets,
  'PUENTE_METRICS_TOKEN',
  'PUENTE_BACKUP_KEY',
  ...textSecrets,
];

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
        const value = secrets.includes(name) ? '(hidden)' : JSON.stringify(present[name]);
        return `${name}=${value} ${issue.message}`;
      }),
    );
  }
  const textProblems = textSettingsProblems(parsed.data);
  if (textProblems.length > 0) throw new ConfigError(textProblems);
  const config = toConfig(parsed.data);
  const problem = databaseSettingsProblem(config) ?? signInSettingsProblem(config);
  if (problem) throw new ConfigError([problem]);
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
