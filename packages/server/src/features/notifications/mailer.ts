import { createTransport } from 'nodemailer';
import type { Config } from '../../config.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; throws when the mail server refuses or cannot be reached. */
export interface Mailer {
  send(email: Email): Promise<void>;
}

/** A mailer over SMTP with the server's settings, or undefined when no mail server is set. */
export function smtpMailer(
  config: Pick<Config, 'smtp' | 'mailFrom' | 'smtpAllowPlaintext'>,
): Mailer | undefined {
  const smtp = config.smtp;
  if (!smtp) return undefined;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // Without TLS from the first byte, STARTTLS is required: a server that does not offer it is
    // refused rather than sent the password and the alerts in clear (SMTP_ALLOW_PLAINTEXT lifts this).
    requireTLS: !smtp.secure && !config.smtpAllowPlaintext,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // Fail fast: the outbox retries, so a slow server must not hold up the other emails.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(email) {
      await transport.sendMail({ from: config.mailFrom, ...email });
    },
  };
}
