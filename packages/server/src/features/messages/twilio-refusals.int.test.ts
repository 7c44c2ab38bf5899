import { describe, expect, it } from 'vitest';
import { register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { PUBLIC, SENDER, SID, TOKEN, today, useTwilioProgram } from '../../test/twilio-program.js';
import { twilioCallback } from './testing.js';

const twilio = useTwilioProgram();
const { h, textablePerson, countRows } = twilio;

describe('refusals', () => {
  it('refuses an unsigned or wrongly signed callback with 403 and stores nothing', async () => {
    const rows = await countRows();
    const params = {
      AccountSid: SID,
      MessageSid: 'SMforged000000000000000000000001',
      From: '+15552013344',
      To: SENDER,
      Body: 'STOP',
    };
    const unsigned = await twilioCallback(h.app, PUBLIC, '/hooks/messages/twilio/inbound', params, TOKEN, '');
    expect(unsigned.status).toBe(403);
    const wrongKey = await twilioCallback(
      h.app,
      PUBLIC,
      '/hooks/messages/twilio/inbound',
      params,
      'another-token-0123456789',
    );
    expect(wrongKey.status).toBe(403);
    // Signed for another URL (a status callback replayed at the inbound hook).
    const otherUrl = await twilioCallback(
      h.app,
      'https://elsewhere.test',
      '/hooks/messages/twilio/inbound',
      params,
      TOKEN,
    );
    expect(otherUrl.status).toBe(403);
    const status = await twilioCallback(
      h.app,
      PUBLIC,
      '/hooks/messages/twilio/status',
      { ...params, MessageStatus: 'delivered' },
      'nope-nope-nope-nope',
    );
    expect(status.status).toBe(403);
    expect(await countRows()).toBe(rows);
    expect((await h.db.query('select 1 from text_opt_out where phone = $1', ['+15552013344'])).length).toBe(
      0,
    );
  });

  it('limits guessing a signature per address: 429 before any check once 20 are wrong, a right one counts nothing', async () => {
    await h.db.query(`delete from auth_limit where key like 'text-hook:%'`);
    const params = {
      AccountSid: SID,
      MessageSid: 'SMguess0000000000000000000000001',
      MessageStatus: 'delivered',
    };
    const path = '/hooks/messages/twilio/status';
    try {
      // Right ones give their attempt back: many of them never reach the limit.
      for (let i = 0; i < 25; i++)
        expect((await twilioCallback(h.app, PUBLIC, path, params, TOKEN)).status).toBe(200);
      for (let i = 0; i < 20; i++)
        expect((await twilioCallback(h.app, PUBLIC, path, params, 'guess-guess-guess-guess')).status).toBe(
          403,
        );
      const blocked = await twilioCallback(h.app, PUBLIC, path, params, 'guess-guess-guess-guess');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Refused before the signature is read, so a right one from that address waits too.
      expect((await twilioCallback(h.app, PUBLIC, path, params, TOKEN)).status).toBe(429);
    } finally {
      await h.db.query(`delete from auth_limit where key like 'text-hook:%'`);
    }
  });

  it('refuses a wrong number, a message over 10 segments and an unknown placeholder in the caller’s language', async () => {
    const p = await textablePerson('Larga', '555-201-1212');
    const long = await call(h.app, 'POST', `/api/clients/${p.client.id}/messages`, {
      cookie: twilio.w.cookie.chw,
      body: { text: 'á'.repeat(671) },
    });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ code: 'textTooLong' });
    expect(String(long.body.title)).toContain('máximo es 10');

    // A number kept from before phones were checked at registration.
    const bad = await register(h, twilio.w.cookie.chw, { givenName: 'Corto', phone: '555-201-4747' });
    await h.db.query('update client set phone = $2 where id = $1', [bad.id, '12345']);
    for (const kind of ['service', 'text']) {
      await call(h.app, 'POST', `/api/clients/${bad.id}/consents`, {
        cookie: twilio.w.cookie.chw,
        body: { kind, method: 'verbal', givenOn: today() },
      });
    }
    const wrong = await call(h.app, 'POST', `/api/clients/${bad.id}/messages`, {
      cookie: twilio.w.cookie.chw,
      body: { text: 'Hola' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'textBadNumber' });

    const noConsent = await register(h, twilio.w.cookie.chw, { givenName: 'Sin', phone: '555-201-3131' });
    const refused = await call(h.app, 'POST', `/api/clients/${noConsent.id}/messages`, {
      cookie: twilio.w.cookie.chw,
      body: { text: 'Hola' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'noServiceConsent' });

    const template = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: twilio.w.cookie.admin,
      headers: { 'accept-language': 'es' },
      body: {
        kind: 'reminder',
        name: 'Cita',
        language: 'es',
        body: 'Hola {name}, su {diagnosis} es el {date}',
      },
    });
    expect(template.status).toBe(422);
    expect(template.body).toMatchObject({ code: 'textUnknownPlaceholder' });
    expect(String(template.body.title)).toContain('{diagnosis}');
  });
});
