import { pino } from 'pino';

/**
 * Structured JSON logs. Never log a person's data: log ids and codes only.
 * Request bodies and cookies are never passed to the logger; the redaction
 * list is a second line of defence.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'puente' },
    redact: {
      paths: ['password', '*.password', 'email', '*.email', 'req.headers.cookie', 'headers.cookie', 'token'],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
