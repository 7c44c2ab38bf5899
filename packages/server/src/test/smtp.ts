import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { type Mailer, smtpMailer } from '../features/notifications/mailer.js';

/** One email as the server received it: envelope recipients and the raw message, soft line breaks undone. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  inbox: ReceivedMail[];
  /** A mailer sending to this server (set once the file's `beforeAll` ran). */
  mailer(): Mailer;
  /** The next message is refused with a temporary failure (451), as a busy provider would. */
  failNext(): void;
}

/**
 * A real SMTP server on a free port for one test file, and a mailer that sends
 * to it: emails are read as they arrived, never from a stand-in.
 * @example const mail = useTestSmtp('alerts@puente.test'); … deliverOutbox(h.db, mail.mailer(), …)
 */
export function useTestSmtp(from: string): TestSmtp {
  const inbox: ReceivedMail[] = [];
  let refuseNext = false;
  let mailer: Mailer | undefined;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (refuseNext) {
          refuseNext = false;
          done(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, '') });
        done();
      });
    },
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    mailer = smtpMailer({
      smtp: { host: '127.0.0.1', port, secure: false, user: undefined, password: undefined },
      mailFrom: `Puente <${from}>`,
      // The test's mail server speaks no TLS.
      smtpAllowPlaintext: true,
    });
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  return {
    inbox,
    mailer: () => {
      if (!mailer) throw new Error('the test mail server is not listening yet');
      return mailer;
    },
    failNext: () => {
      refuseNext = true;
    },
  };
}
