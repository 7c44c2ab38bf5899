import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

/** One email the server sent: its recipients and its decoded text. */
export interface ReceivedEmail {
  to: string[];
  text: string;
}

/** The body of a raw message, undoing the transfer encoding nodemailer chose. */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).toLowerCase();
  const body = raw.slice(split + 4);
  const encoding = /content-transfer-encoding:\s*(\S+)/.exec(headers)?.[1];
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export interface Mailbox {
  /** Environment for the server under test: send its emails here, and send them quickly. */
  env: Record<string, string>;
  received: ReceivedEmail[];
  /** The set-password links emailed to `to`, oldest first, once at least `count` arrived (waits at most 30 s). */
  setPasswordLinks: (to: string, count?: number) => Promise<string[]>;
}

/**
 * A mail server on a free port for one test file, so tests read emails as the
 * person would. Call before useServerAndBrowser(mailbox.env): its port is set
 * in `env` before the server starts. Plain SMTP on 127.0.0.1, so the server
 * under test is told plaintext is allowed.
 * @example const mailbox = useMailbox(); const rig = useServerAndBrowser(mailbox.env);
 */
export function useMailbox(): Mailbox {
  const received: ReceivedEmail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        received.push({ to, text: bodyOf(Buffer.concat(chunks).toString('latin1')) });
        done();
      });
    },
  });
  const env: Record<string, string> = {
    SMTP_HOST: '127.0.0.1',
    SMTP_ALLOW_PLAINTEXT: 'true',
    JOBS_INTERVAL_SECONDS: '1',
  };
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  const setPasswordLinks = async (to: string, count = 1) => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const links = received
        .filter((email) => email.to.includes(to.toLowerCase()))
        .flatMap((email) => email.text.match(/https?:\/\/\S+\/set-password#token=[\w-]{43}/g) ?? []);
      if (links.length >= count) return links;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Fewer than ${count} set-password links reached ${to} within 30 s`);
  };
  return { env, received, setPasswordLinks };
}
