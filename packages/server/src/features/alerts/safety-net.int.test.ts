import { phq9 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lifeline988 } from '../../setup/demo-crisis.js';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { byPoints, cssrsResponse } from '../screenings/testing.js';

const h = useApp({ alertAckMinutes: 15, publicUrl: 'https://puente.test' });
let w: CaseloadWorld;

const settings = (over: Record<string, unknown> = {}) => ({
  crisisLines: [lifeline988],
  emergencyNumber: '911',
  onCall: [],
  escalationMinutes: 7,
  rescreenDays: 28,
  rescreenFromTotal: 10,
  ...over,
});
const put = (cookie: string, body: unknown) =>
  call(h.app, 'PUT', '/api/program/crisis-response', { cookie, body });
const kindsOf = async (cookie: string, id: string) => {
  // Read straight from the log: opening the alert through the API would itself deliver it.
  const rows = await h.db.query<{ kind: string }>(
    'select kind from alert_event where alert_id = $1 order by seq',
    [id],
  );
  expect(cookie).toBeTruthy();
  return rows.map((r) => r.kind);
};

beforeAll(async () => {
  w = await caseloadWorld(h, 'safetynet');
});

describe('crisis response settings: validated, admin only', () => {
  it('a fresh program tells the CHW what is missing and who an alert reaches, without contradicting itself', async () => {
    const reply = await call(h.app, 'GET', '/api/crisis-protocol', { cookie: w.cookie.chw });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      crisisLines: [],
      emergencyNumber: null,
      onCall: null,
      missing: ['lines', 'emergencyNumber'],
      // Nobody on call: the alert goes to her team's supervisor, and the screen says so by name.
      alertGoesTo: { target: 'supervisor', names: ['supervisor of safetynet'] },
      admins: ['admin of safetynet'],
    });
    // A CHW on no team: the managers are first.
    const lone = await call(h.app, 'GET', '/api/crisis-protocol', { cookie: w.cookie.chw2 });
    expect(lone.body).toMatchObject({ alertGoesTo: { target: 'manager', names: ['manager of safetynet'] } });
  });

  it('refuses settings that do not hold, naming the field, with problem+json', async () => {
    const bad = [
      settings({ emergencyNumber: 'call the police' }),
      settings({ escalationMinutes: 0 }),
      settings({ crisisLines: [{ label: 'Chat only', chat: 'http://not-secure.example', language: 'en' }] }),
      settings({ crisisLines: [{ label: 'Nothing to reach', hours: '24/7', language: 'en' }] }),
      settings({
        onCall: [{ userId: w.org.ids[w.org.supervisor], hours: { days: [], from: '09:00', to: '17:00' } }],
      }),
      settings({
        onCall: [{ userId: w.org.ids[w.org.supervisor], hours: { days: [1], from: '25:00', to: '17:00' } }],
      }),
    ];
    for (const body of bad) {
      const reply = await put(w.cookie.admin, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    const chw = await put(w.cookie.admin, settings({ onCall: [{ userId: w.org.ids[w.org.chw] }] }));
    expect(chw.status).toBe(400);
    expect(chw.body.code).toBe('onCallNotSupervisor');
  });

  it('only an admin reads or changes them', async () => {
    for (const role of ['chw', 'supervisor', 'manager', 'partner'] as const) {
      expect((await put(w.cookie[role], settings())).status).toBe(403);
      const read = await call(h.app, 'GET', '/api/program/crisis-response', { cookie: w.cookie[role] });
      expect(read.status).toBe(403);
    }
    const other = await call(h.app, 'GET', '/api/program/crisis-response', { cookie: w.cookie.otherAdmin });
    expect(other.body.crisisLines).toEqual([]);
  });

  it('saves lines with hours, chat and languages, the emergency number and the escalation time; GET gives back what PUT takes', async () => {
    const saved = await put(
      w.cookie.admin,
      settings({ onCall: [{ userId: w.org.ids[w.org.supervisor], phone: '+1 555 0100' }] }),
    );
    expect(saved.status).toBe(200);
    const read = await call(h.app, 'GET', '/api/program/crisis-response', { cookie: w.cookie.admin });
    expect(read.body).toEqual(saved.body);
    expect(read.body).toMatchObject({ emergencyNumber: '911', escalationMinutes: 7 });
    expect((await put(w.cookie.admin, read.body)).status).toBe(200);
    const protocol = await call(h.app, 'GET', '/api/crisis-protocol', { cookie: w.cookie.chw });
    expect(protocol.body).toMatchObject({
      emergencyNumber: '911',
      missing: [],
      onCall: { name: 'supervisor of safetynet', phone: '+1 555 0100' },
      alertGoesTo: { target: 'onCall', names: ['supervisor of safetynet'] },
      crisisLines: [{ hours: '24/7', chat: 'https://988lifeline.org/chat/', otherLanguages: ['es'] }],
    });
  });
});

describe('alerts that cannot be missed', () => {
  let alertId: string;
  let clientId: string;

  it('PHQ-9 question 9 raises a moderate alert titled by question 9, escalating after the program’s minutes', async () => {
    await h.db.query(`update app_user set phone = '+1 555 0199' where id = $1`, [w.org.ids[w.org.chw]]);
    const client = await register(h, w.cookie.chw, { givenName: 'Lupe' });
    clientId = client.id;
    const reply = await call(h.app, 'POST', `/api/clients/${clientId}/screenings`, {
      cookie: w.cookie.chw,
      body: byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]),
    });
    expect(reply.status).toBe(201);
    alertId = String(reply.body.alertId);
    const [row] = await h.db.query<{ raised: Date; escalate: Date }>(
      'select raised_at as raised, escalate_at as escalate from risk_alert where id = $1',
      [alertId],
    );
    expect(new Date(row?.escalate ?? 0).getTime() - new Date(row?.raised ?? 0).getTime()).toBe(7 * 60_000);
  });

  it('the log does not say the alert reached anyone before their device fetched it', async () => {
    expect(await kindsOf(w.cookie.supervisor, alertId)).toEqual(['raised', 'notified']);
    // The CHW reading it (she was not told: she raised it) delivers nothing.
    await call(h.app, 'GET', `/api/alerts?clientId=${clientId}`, { cookie: w.cookie.chw });
    expect(await kindsOf(w.cookie.chw, alertId)).not.toContain('delivered');
    const list = await call(h.app, 'GET', '/api/alerts?status=open', { cookie: w.cookie.supervisor });
    expect(list.status).toBe(200);
    expect(await kindsOf(w.cookie.supervisor, alertId)).toEqual(['raised', 'notified', 'delivered']);
    // Once per person: fetching again adds nothing.
    await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: w.cookie.supervisor });
    expect(await kindsOf(w.cookie.supervisor, alertId)).toEqual(['raised', 'notified', 'delivered']);
  });

  it('shows severity, the strongest finding, the CHW’s phone and when it escalates', async () => {
    const list = await call(h.app, 'GET', '/api/alerts?status=open', { cookie: w.cookie.supervisor });
    expect(list.body.alerts).toEqual([
      expect.objectContaining({
        id: alertId,
        reason: 'phq9-item9',
        finding: 'phq9-item9',
        severity: 'moderate',
        raisedBy: { name: 'chw of safetynet', phone: '+1 555 0199' },
        deliveredNames: ['supervisor of safetynet'],
        escalateAt: expect.any(String),
      }),
    ]);
  });

  it('a C-SSRS at high risk after question 9 retitles the joined alert: "C-SSRS: high risk", severity high', async () => {
    const reply = await call(h.app, 'POST', `/api/clients/${clientId}/screenings`, {
      cookie: w.cookie.chw,
      body: cssrsResponse(['1', '2', '3', '4'], ['5', '6']),
    });
    expect(reply.body.alertId).toBe(alertId);
    const alert = await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: w.cookie.supervisor });
    expect(alert.body).toMatchObject({ reason: 'phq9-item9', finding: 'cssrs-high', severity: 'high' });
  });

  it('a later C-SSRS at low risk is recorded on the open alert, but does not lower it', async () => {
    await call(h.app, 'POST', `/api/clients/${clientId}/screenings`, {
      cookie: w.cookie.chw,
      body: cssrsResponse(['1'], ['2']),
    });
    const alert = await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: w.cookie.supervisor });
    expect(alert.body).toMatchObject({ finding: 'cssrs-high', severity: 'high' });
    expect((alert.body.events as { kind: string }[]).map((e) => e.kind)).toContain('assessed');
  });

  it('an older C-SSRS with every answer no, synced late, leaves the alert at high risk', async () => {
    // Done on another phone two hours before the high-risk screen, pushed only now.
    const late = await call(h.app, 'POST', `/api/clients/${clientId}/screenings`, {
      cookie: w.cookie.chw,
      body: {
        ...cssrsResponse([], ['1', '2', '6']),
        authored: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      },
    });
    expect(late.status).toBe(201);
    const alert = await call(h.app, 'GET', `/api/alerts/${alertId}`, { cookie: w.cookie.supervisor });
    expect(alert.body).toMatchObject({ finding: 'cssrs-high', severity: 'high' });
    const [row] = await h.db.query<{ risk: string }>(
      'select cssrs_risk as risk from risk_alert where id = $1',
      [alertId],
    );
    expect(row?.risk).toBe('high');
  });

  it('the CHW sees who acknowledged the alert she raised, and when', async () => {
    const before = await call(h.app, 'GET', `/api/alerts?clientId=${clientId}`, { cookie: w.cookie.chw });
    expect(before.body.alerts).toEqual([expect.objectContaining({ status: 'open', acknowledgedBy: null })]);
    const ack = await call(h.app, 'POST', `/api/alerts/${alertId}/acknowledge`, {
      cookie: w.cookie.supervisor,
      body: { actionTaken: 'Called Rosa; same-day crisis appointment.' },
    });
    expect(ack.status).toBe(200);
    const after = await call(h.app, 'GET', `/api/alerts?clientId=${clientId}`, { cookie: w.cookie.chw });
    expect(after.body.alerts).toEqual([
      expect.objectContaining({
        status: 'acknowledged',
        acknowledgedBy: 'supervisor of safetynet',
        acknowledgedAt: expect.any(String),
        actionTaken: 'Called Rosa; same-day crisis appointment.',
        escalateAt: null,
      }),
    ]);
    // Another CHW's filter on this person finds nothing.
    const other = await call(h.app, 'GET', `/api/alerts?clientId=${clientId}`, { cookie: w.cookie.chw2 });
    expect(other.body.alerts).toEqual([]);
  });
});
