import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { useTestSmtp } from '../../test/smtp.js';
import { passwordChosen } from '../../test/users.js';
import { runJobsOnce } from '../notifications/jobs.js';
import { cssrsResponse } from '../screenings/testing.js';

const mail = useTestSmtp('alerts@puente.test');
const { inbox } = mail;

const h = useApp({ alertAckMinutes: 15, publicUrl: 'https://puente.test' });
let w: CaseloadWorld;
let supervisor2: string;
/** The test's clock: set just after the alert is raised, then moved forward by hand. */
let t0 = new Date();
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const jobs = (now: Date) =>
  runJobsOnce({ db: h.db, config: h.config, log: createLogger('silent'), mailer: mail.mailer() }, now);

beforeAll(async () => {
  w = await caseloadWorld(h, 'alerts');
  const made = await call(h.app, 'POST', '/api/users', {
    cookie: w.cookie.admin,
    body: {
      email: 'sup2@alerts.test',
      displayName: 'Second Supervisor',
      role: 'supervisor',
      password: 'long enough password',
    },
  });
  supervisor2 = String(made.body.id);
  await passwordChosen(h.db, supervisor2);
  await passwordChosen(h.db, supervisor2);
  const settings = await call(h.app, 'PUT', '/api/program/crisis-response', {
    cookie: w.cookie.admin,
    body: {
      crisisLines: [{ label: '988 Lifeline', phone: '988', sms: '988', language: 'en' }],
      onCall: [{ userId: w.org.ids[w.org.supervisor], phone: '+1 555 0100' }, { userId: supervisor2 }],
      rescreenDays: 28,
      rescreenFromTotal: 10,
    },
  });
  expect(settings.status).toBe(200);
});

describe('risk alerts reach a person who acts, by email through the outbox', () => {
  let alertId: string;

  it('shows the CHW the crisis lines and who is on call', async () => {
    const reply = await call(h.app, 'GET', '/api/crisis-protocol', { cookie: w.cookie.chw });
    expect(reply.body).toMatchObject({
      crisisLines: [{ label: '988 Lifeline', phone: '988' }],
      onCall: { name: 'supervisor of alerts', phone: '+1 555 0100' },
    });
  });

  it('a high-risk C-SSRS emails the first on-call supervisor, with no name and no answers', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Marisol', familyName: 'Quintero' });
    const reply = await call(h.app, 'POST', `/api/clients/${client.id}/screenings`, {
      cookie: w.cookie.chw,
      body: cssrsResponse(['1', '2', '3', '4'], ['5', '6']),
    });
    expect(reply.status).toBe(201);
    alertId = String(reply.body.alertId);
    t0 = new Date();
    expect(await jobs(at(0))).toMatchObject({ sent: 1, failed: 0 });
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail?.to).toEqual([w.org.supervisor]);
    expect(mail?.raw).toContain(`https://puente.test/alerts/${alertId}`);
    expect(mail?.raw).toMatch(/risk alert needs you/);
    expect(mail?.raw).not.toMatch(/Marisol|Quintero|C-SSRS|suicid/i);
  });

  it('shows the alert in the app to the team’s supervisor, not to another supervisor, and not to a CHW to acknowledge', async () => {
    const mine = await call(h.app, 'GET', '/api/alerts', { cookie: w.cookie.supervisor });
    expect(mine.body.alerts).toEqual([
      expect.objectContaining({
        id: alertId,
        status: 'open',
        reason: 'cssrs-high',
        clientName: 'Marisol Quintero',
      }),
    ]);
    const sup2 = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: 'sup2@alerts.test', password: 'long enough password' },
    });
    const sup2Cookie = (sup2.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call(h.app, 'GET', '/api/alerts', { cookie: sup2Cookie })).body.alerts).toEqual([]);
    expect((await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: sup2Cookie })).status).toBe(404);
    const chw = await call(h.app, 'POST', `/api/alerts/${alertId}/acknowledge`, {
      cookie: w.cookie.chw,
      body: { actionTaken: 'Called' },
    });
    expect(chw.status).toBe(403);
  });

  it('escalates to the next on-call person, then the managers, when nobody acknowledges', async () => {
    expect(await jobs(at(10))).toMatchObject({ escalated: 0, sent: 0 });
    expect(await jobs(at(16))).toMatchObject({ escalated: 1, sent: 1 });
    expect(inbox.at(-1)?.to).toEqual(['sup2@alerts.test']);
    expect(await jobs(at(32))).toMatchObject({ escalated: 1, sent: 1 });
    expect(inbox.at(-1)?.to).toEqual([w.org.manager]);
  });

  it('acknowledging with the action taken stops the escalation, and every step is timestamped and audited', async () => {
    const empty = await call(h.app, 'POST', `/api/alerts/${alertId}/acknowledge`, {
      cookie: w.cookie.manager,
      body: { actionTaken: '  ' },
    });
    expect(empty.status).toBe(400);
    const ack = await call(h.app, 'POST', `/api/alerts/${alertId}/acknowledge`, {
      cookie: w.cookie.manager,
      body: { actionTaken: 'Called the CHW; mobile crisis team on the way.' },
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      clientName: null,
      acknowledgedBy: 'manager of alerts',
    });
    const again = await call(h.app, 'POST', `/api/alerts/${alertId}/acknowledge`, {
      cookie: w.cookie.supervisor,
      body: { actionTaken: 'Me too' },
    });
    expect(again.status).toBe(409);
    const sent = inbox.length;
    expect(await jobs(at(120))).toMatchObject({ escalated: 0, sent: 0 });
    expect(inbox).toHaveLength(sent);
    const detail = await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: w.cookie.supervisor });
    const kinds = (detail.body.events as { kind: string }[]).map((e) => e.kind);
    // 'delivered': the supervisor's app fetched the alert above (the log used to say "shown" at raising).
    expect(kinds).toEqual([
      'raised',
      'notified',
      'emailed',
      'delivered',
      'escalated',
      'notified',
      'emailed',
      'escalated',
      'notified',
      'emailed',
      'acknowledged',
    ]);
    const audited = await h.db.query<{ action: string }>(
      `select action from audit_event where subject_type = 'risk_alert' and subject_id = $1 order by seq`,
      [alertId],
    );
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set([
        'alert.raised',
        'alert.notified',
        'alert.emailed',
        'alert.delivered',
        'alert.escalated',
        'alert.acknowledged',
        'alert.viewed',
      ]),
    );
  });

  it('retries an email the mail server refused, after a backoff', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Ana' });
    const raised = await call(h.app, 'POST', '/api/alerts', {
      cookie: w.cookie.chw,
      body: {
        id: '01900000-0000-7000-8000-00000000a1e7',
        clientId: client.id,
        note: 'Said goodbye to family',
      },
    });
    expect(raised.status).toBe(201);
    const resent = await call(h.app, 'POST', '/api/alerts', {
      cookie: w.cookie.chw,
      body: { id: '01900000-0000-7000-8000-00000000a1e7', clientId: client.id },
    });
    expect(resent.status).toBe(200);
    const now = new Date();
    const before = inbox.length;
    mail.failNext();
    expect(await jobs(now)).toMatchObject({ sent: 0, failed: 1 });
    expect(await jobs(now)).toMatchObject({ sent: 0, failed: 0 });
    expect(await jobs(new Date(now.getTime() + 31_000))).toMatchObject({ sent: 1 });
    expect(inbox).toHaveLength(before + 1);
    expect(inbox.at(-1)?.raw).not.toMatch(/goodbye|Ana/);
    const [row] = await h.db.query<{ attempts: number; status: string }>(
      `select attempts, status from outbox where alert_id = $1`,
      [raised.body.id],
    );
    expect(row).toEqual({ attempts: 2, status: 'sent' });
  });
});
