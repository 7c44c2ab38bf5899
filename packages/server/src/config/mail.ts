import { z } from 'zod';
import { about, flag, whole } from './values.js';

/** The mail server for risk-alert emails, spread into the one list of environment variables in config.ts. */
export const mailEnv = {
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
};

/** The mail server's password: never printed. */
export const mailSecrets = ['SMTP_PASSWORD'];

export function mailSettings(env: z.infer<z.ZodObject<typeof mailEnv>>) {
  return {
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
  };
}
