import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from './mailer.js';

// A mail server that offers no STARTTLS: what a downgrade attacker in the middle looks like.
let received = 0;
const plain = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onAuth(_auth, _session, done) {
    done(null, { user: 'puente' });
  },
  onData(stream, _session, done) {
    stream.resume();
    stream.on('end', () => {
      received += 1;
      done();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  port = (plain.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => plain.close(() => resolve())));

const mailer = (smtpAllowPlaintext: boolean) =>
  smtpMailer({
    smtp: { host: '127.0.0.1', port, secure: false, user: 'puente', password: 'secret password' },
    mailFrom: 'Puente <alerts@puente.test>',
    smtpAllowPlaintext,
  });
const email = { to: 'someone@puente.test', subject: 'Alert', text: 'Open Puente' };

describe('SMTP requires TLS', () => {
  it('refuses a mail server that offers no STARTTLS, sending nothing in clear', async () => {
    await expect(mailer(false)?.send(email)).rejects.toThrow();
    expect(received).toBe(0);
  });

  it('sends in clear only when SMTP_ALLOW_PLAINTEXT says so', async () => {
    await mailer(true)?.send(email);
    expect(received).toBe(1);
  });
});
