import { phq9, uuidv7, weekTime } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lifeline988 } from '../../setup/demo-crisis.js';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { engine } from '../../test/database.js';
import { call } from '../../test/http.js';
import { byPoints, cssrsResponse } from '../screenings/testing.js';
import { programSettings } from '../settings/queries.js';
import { systemActor } from './events.js';
import { escalateOverdue, raiseAlert } from './raise.js';

// Raising and escalating under pressure: triggers at the same moment, an escalation that ran out,
// an on-call rota that changes while an alert waits (split from safety-net.int.test.ts).
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

/** The alert's timeline as kind:user, in the order written. */
const eventsOf = async (alertId: string) =>
  (
    await h.db.query<{ kind: string; userId: string | null }>(
      'select kind, user_id as "userId" from alert_event where alert_id = $1 order by seq',
      [alertId],
    )
  ).map((r) => `${r.kind}:${r.userId ?? '-'}`);

beforeAll(async () => {
  w = await caseloadWorld(h, 'escalation');
});

describe('two triggers for one person at the same moment', () => {
  // Only PostgreSQL runs two transactions at once; PGlite has one connection.
  it.skipIf(engine !== 'postgres')(
    'make one open alert: the second waits for the first and joins it',
    async () => {
      await put(w.cookie.admin, settings());
      const client = await register(h, w.cookie.chw, { givenName: 'Paralelo' });
      const by = systemActor(w.org.orgId);
      const clock = { now: new Date(), ackMinutes: 15, publicUrl: 'https://puente.test' };
      const trigger = (reason: 'phq9-item9' | 'chw-judgement') => ({
        id: uuidv7(),
        orgId: w.org.orgId,
        clientId: client.id,
        raisedBy: w.org.ids[w.org.chw] ?? '',
        reason,
        evidence: {
          cssrsRisk: null,
          phq9Item9: reason === 'phq9-item9',
          chwJudgement: reason === 'chw-judgement',
        },
      });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstRaised = () => {};
      const raised = new Promise<void>((resolve) => {
        firstRaised = resolve;
      });
      // The first trigger raises its alert and keeps its transaction open.
      const first = h.db.transaction(async (tx) => {
        const made = await raiseAlert(tx, by, trigger('phq9-item9'), clock);
        firstRaised();
        await held;
        return made;
      });
      await raised;
      // The second starts while the first is not yet committed.
      let secondDone = false;
      const second = h.db
        .transaction((tx) => raiseAlert(tx, by, trigger('chw-judgement'), clock))
        .finally(() => {
          secondDone = true;
        });
      // Let the second run until it either finished or waits on a lock, then let the first commit.
      const waiting = async () =>
        (
          await h.db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        )[0]?.n ?? 0;
      while (!secondDone && (await waiting()) === 0) await new Promise((r) => setTimeout(r, 10));
      release();
      const [a, b] = await Promise.all([first, second]);
      expect(a.created).toBe(true);
      expect(b).toEqual({ alertId: a.alertId, created: false });
      const open = await h.db.query<{ id: string }>(
        `select id from risk_alert where client_id = $1 and status = 'open'`,
        [client.id],
      );
      expect(open).toEqual([{ id: a.alertId }]);
      // The one alert knows both triggers.
      const [row] = await h.db.query<{ phq9: boolean; chw: boolean }>(
        'select phq9_item9 as phq9, chw_judgement as chw from risk_alert where id = $1',
        [a.alertId],
      );
      expect(row).toEqual({ phq9: true, chw: true });
    },
  );
});

describe('an alert whose escalation ran out', () => {
  it('pages again from the first step when a new trigger joins it, nobody having acknowledged', async () => {
    await put(w.cookie.admin, settings());
    const client = await register(h, w.cookie.chw, { givenName: 'Agotada' });
    const first = await call(h.app, 'POST', `/api/clients/${client.id}/screenings`, {
      cookie: w.cookie.chw,
      body: byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]),
    });
    const alertId = String(first.body.alertId);
    const { ids, chw, supervisor, manager } = w.org;
    // The team's supervisor, then the managers, then nobody is left: exhausted.
    const t = Date.now();
    const clock = (minutes: number) => ({
      now: new Date(t + minutes * 60_000),
      ackMinutes: 15,
      publicUrl: 'https://puente.test',
    });
    await escalateOverdue(h.db, clock(8));
    await escalateOverdue(h.db, clock(16));
    const before = await eventsOf(alertId);
    expect(before).toEqual([
      `raised:${ids[chw]}`,
      `notified:${ids[supervisor]}`,
      'escalated:-',
      `notified:${ids[manager]}`,
      'escalated:-',
      'exhausted:-',
    ]);
    // Later, the person screens at imminent risk: the alert is paged again, from its first step.
    const high = await call(h.app, 'POST', `/api/clients/${client.id}/screenings`, {
      cookie: w.cookie.chw,
      body: cssrsResponse(['1', '2', '3', '4'], ['5', '6']),
    });
    expect(high.body.alertId).toBe(alertId);
    expect((await eventsOf(alertId)).slice(before.length)).toEqual([
      `repeated:${ids[chw]}`,
      `notified:${ids[supervisor]}`,
    ]);
    const [row] = await h.db.query<{ escalateAt: Date | null }>(
      'select escalate_at as "escalateAt" from risk_alert where id = $1',
      [alertId],
    );
    expect(row?.escalateAt).not.toBeNull();
    const mails = await h.db.query<{ to: string }>(
      `select recipient_id as "to" from outbox where alert_id = $1 and status = 'pending'`,
      [alertId],
    );
    expect(mails.filter((m) => m.to === ids[supervisor])).toHaveLength(2);
    // And escalates again when nobody acknowledges this time either.
    await escalateOverdue(h.db, { ...clock(0), now: new Date(new Date(row?.escalateAt ?? 0).getTime() + 1) });
    expect((await eventsOf(alertId)).at(-1)).toBe(`notified:${ids[manager]}`);
  });
});

describe('escalation when the on-call rota changes while an alert waits', () => {
  it('an alert raised near the end of an on-call shift still reaches the managers after the shift', async () => {
    const { orgId, ids, chw2, supervisor, manager } = w.org;
    // A fixed moment, daytime in the Americas and Europe, so the shift below never wraps midnight.
    const t = Date.UTC(2026, 0, 7, 18, 0);
    const clock = (minutes: number) => ({
      now: new Date(t + minutes * 60_000),
      ackMinutes: 15,
      publicUrl: 'https://puente.test',
    });
    const { timeZone } = await programSettings(h.db, orgId);
    // The supervisor is on call until 10 minutes after the alert, every day.
    const hours = {
      days: [0, 1, 2, 3, 4, 5, 6],
      from: weekTime(clock(-60).now, timeZone).time,
      to: weekTime(clock(10).now, timeZone).time,
    };
    expect(
      (await put(w.cookie.admin, settings({ onCall: [{ userId: ids[supervisor], hours }] }))).status,
    ).toBe(200);
    // chw2 is on no team: once the shift ends the order is the managers alone.
    const client = await register(h, w.cookie.chw2, { givenName: 'Turno' });
    const alertId = uuidv7();
    await h.db.transaction((tx) =>
      raiseAlert(
        tx,
        systemActor(orgId),
        {
          id: alertId,
          orgId,
          clientId: client.id,
          raisedBy: ids[chw2] ?? '',
          reason: 'cssrs-high',
          evidence: { cssrsRisk: 'high', phq9Item9: false, chwJudgement: false },
        },
        clock(0),
      ),
    );
    expect(await eventsOf(alertId)).toEqual([`raised:${ids[chw2]}`, `notified:${ids[supervisor]}`]);
    // Nobody acknowledges; the shift ends at +10; the job runs at +20, then again when that step runs out.
    await escalateOverdue(h.db, clock(20));
    await escalateOverdue(h.db, clock(40));
    expect(await eventsOf(alertId)).toEqual([
      `raised:${ids[chw2]}`,
      `notified:${ids[supervisor]}`,
      'escalated:-',
      `notified:${ids[manager]}`,
      'escalated:-',
      'exhausted:-',
    ]);
  });
});
