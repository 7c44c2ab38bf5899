import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));
const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/**
 * Every environment variable Puente reads, with its default. The README's
 * table of variables is written from this list.
 */
const Env = z.object({
  PORT: whole(1, 65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  DATABASE_POOL_SIZE: whole(1, 200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60).default(60),
  SESSION_MAX_HOURS: whole(1, 24 * 30).default(12),
  SIGNIN_SLOW_AFTER: whole(1, 100).default(3),
  SIGNIN_LOCK_AFTER: whole(2, 100).default(6),
  SIGNIN_LOCK_MINUTES: whole(1, 24 * 60).default(15),
  SIGNIN_ADDRESS_LIMIT: whole(5, 100_000).default(30),
  SIGNIN_GLOBAL_LIMIT: whole(10, 1_000_000).default(120),
  TRUST_PROXY: flag.default(false),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
    .default('auto'),
  WEB_DIR: z.string().min(1).optional(),
  SHUTDOWN_GRACE_SECONDS: whole(1, 600).default(10),
  // Alert emails: without SMTP_HOST they wait in the outbox and alerts are in-app only.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: whole(1, 65_535).default(587),
  SMTP_SECURE: flag.default(false),
  // Without TLS the mail server receives the password and the alerts in clear: refused unless asked.
  SMTP_ALLOW_PLAINTEXT: flag.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Puente <no-reply@localhost>'),
  PUBLIC_URL: z.url({ message: 'must be a URL such as https://puente.example.org' }).optional(),
  ALERT_ACK_MINUTES: whole(1, 24 * 60).default(15),
  JOBS_INTERVAL_SECONDS: whole(1, 3600).default(5),
  // Seals TOTP secrets at rest: 32 bytes in base64. Without it, a key file in DATA_DIR is made once.
  TWO_FACTOR_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes in base64' })
    .optional(),
  STEP_UP_MINUTES: whole(1, 60).default(5),
  // The audit chain's key, kept outside the database: from here, else from AUDIT_KEY_FILE (made on first start).
  AUDIT_KEY: z
    .string()
    .min(32, { message: 'must be at least 32 characters (openssl rand -base64 32)' })
    .optional(),
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof Env>) {
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
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
          name === 'SMTP_PASSWORD' ||
          name === 'TWO_FACTOR_KEY' ||
          name === 'AUDIT_KEY'
            ? '(hidden)'
            : JSON.stringify(present[name]);
        return `${name}=${value} ${issue.message}`;
      }),
    );
  }
  const config = toConfig(parsed.data);
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
