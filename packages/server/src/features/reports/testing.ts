// A small program with known figures, shared by the report and FHIR tests (not used by the server).
import { gad7, phq2, phq9, type RawReportFigures, type ReportFilters, uuidv7 } from '@puente/core';
import type { Actor } from '../../http/env.js';
import type { Harness, TestOrg } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { byPoints } from '../screenings/testing.js';
import { reportFigures } from './figures.js';
import { resolveScope } from './scope.js';

export interface ProgramWorld extends CaseloadWorld {
  /** Ana and Beto are on the team's CHW's caseload; Carla on the CHW outside any team. */
  ana: string;
  beto: string;
  carla: string;
  /** Every name and note typed into the program: none may appear where managers or evaluators look. */
  secrets: string[];
}

export const CLINIC = 'Clínica del Valle';

/**
 * The report's figures as its queries count them for one of the org's users, before
 * small counts are hidden: what tests of the counting itself compare with.
 */
export async function countedFigures(
  h: Harness,
  org: TestOrg,
  as: 'manager' | 'supervisor' | 'admin',
  filters: ReportFilters,
): Promise<RawReportFigures> {
  const actor: Actor = {
    userId: org.ids[org[as]] ?? '',
    orgId: org.orgId,
    role: as,
    locale: 'en',
    sessionHash: '',
  };
  return reportFigures(h.db, await resolveScope(h.db, actor, filters));
}

async function ok(reply: Promise<{ status: number; body: unknown }>, what: string) {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * January and February 2026 of a small program. Expected figures for
 * 2026-01-01..2026-02-28 (whole organization): 3 people reached one-to-one in
 * 4 encounters; PHQ-9 done 4 (1 positive), GAD-7 1 (1), PHQ-2 1 (1); PHQ-9
 * screened twice: 2 people, both responding, 1 in remission (15→6, 8→3);
 * 2 alerts acknowledged after 30 and 90 minutes (median 60); 1 safety plan.
 */
export async function programWorld(h: Harness, slug: string): Promise<ProgramWorld> {
  const w = await caseloadWorld(h, slug);
  const { chw, chw2 } = w.cookie;
  const ana = (
    await register(h, chw, {
      givenName: 'Anastasia',
      familyName: 'Quintero',
      neighborhood: 'Centro',
      birthDate: '1990-05-01',
      phone: '4155550123',
    })
  ).id;
  const beto = (
    await register(h, chw, {
      givenName: 'Bartolomeo',
      familyName: 'Zubizarreta',
      preferredLanguage: 'en',
      neighborhood: 'Norte',
      ageRange: '25-34',
    })
  ).id;
  const carla = (
    await register(h, chw2, { givenName: 'Carlota', familyName: 'Villaseñor', neighborhood: 'Centro' })
  ).id;
  const consent = (cookie: string, id: string, body: Record<string, unknown>) =>
    ok(
      call(h.app, 'POST', `/api/clients/${id}/consents`, {
        cookie,
        body: { method: 'verbal', givenOn: '2026-01-02', ...body },
      }),
      'consent',
    );
  for (const [cookie, id] of [
    [chw, ana],
    [chw, beto],
    [chw2, carla],
  ] as const)
    await consent(cookie, id, { kind: 'service' });
  await consent(chw, ana, { kind: 'share', partnerName: CLINIC });
  await consent(chw, beto, { kind: 'share', partnerCategory: 'health-clinic' });

  const visit = (cookie: string, id: string, occurredAt: string) =>
    ok(
      call(h.app, 'POST', `/api/clients/${id}/encounters`, {
        cookie,
        body: {
          kind: 'home-visit',
          occurredAt,
          language: 'es',
          durationMinutes: 40,
          note: 'Habló de su hermana Rocío',
        },
      }),
      'visit',
    );
  await visit(chw, ana, '2025-06-01T18:00:00Z');
  await visit(chw, ana, '2026-01-05T18:00:00Z');
  await visit(chw, ana, '2026-02-10T18:00:00Z');
  await visit(chw, beto, '2026-01-20T18:00:00Z');
  await visit(chw2, carla, '2026-02-15T18:00:00Z');

  const screen = (cookie: string, id: string, body: object, authored: string) =>
    ok(
      call(h.app, 'POST', `/api/clients/${id}/screenings`, { cookie, body: { ...body, authored } }),
      'screen',
    );
  await screen(chw, ana, byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 0, 0, 0, 0]), '2026-01-05T18:30:00Z');
  await screen(chw, ana, byPoints(gad7, 'gad7', [2, 2, 2, 2, 2, 0, 0]), '2026-01-05T18:40:00Z');
  await screen(chw, ana, byPoints(phq9, 'phq9', [2, 2, 1, 1, 0, 0, 0, 0, 0]), '2026-02-10T18:30:00Z');
  await screen(chw, beto, byPoints(phq9, 'phq9', [2, 2, 2, 2, 0, 0, 0, 0, 0]), '2026-01-20T18:30:00Z');
  await screen(chw, beto, byPoints(phq9, 'phq9', [1, 1, 1, 0, 0, 0, 0, 0, 0]), '2026-02-20T18:30:00Z');
  await screen(chw2, carla, byPoints(phq2, 'phq2', [2, 2]), '2026-02-15T18:30:00Z');

  // Alerts are stamped by the server's clock: set the moments (and the acknowledgement) the figures are checked against.
  for (const [cookie, id, raised, minutes] of [
    [chw, ana, '2026-01-05T19:00:00Z', 30],
    [chw2, carla, '2026-02-15T19:00:00Z', 90],
  ] as const) {
    const alertId = uuidv7();
    await ok(
      call(h.app, 'POST', '/api/alerts', {
        cookie,
        body: { id: alertId, clientId: id, note: 'Dijo algo preocupante' },
      }),
      'alert',
    );
    await h.db.query(
      `update risk_alert set status = 'acknowledged', raised_at = $2,
              acknowledged_at = $2::timestamptz + make_interval(mins => $3) where id = $1`,
      [alertId, raised, minutes],
    );
  }
  const plan = {
    warningSigns: ['No duermo'],
    copingOnMyOwn: ['Caminar'],
    peopleAndPlaces: [],
    peopleToAsk: ['Rocío'],
    professionals: [],
    safeSurroundings: [],
  };
  await ok(
    call(h.app, 'PUT', `/api/clients/${ana}/safety-plan`, {
      cookie: chw,
      body: { language: 'es', content: plan },
    }),
    'plan',
  );
  await h.db.query(`update safety_plan set saved_at = '2026-01-06T18:00:00Z' where client_id = $1`, [ana]);
  await ok(
    call(h.app, 'POST', `/api/clients/${ana}/goals`, {
      cookie: chw,
      body: { text: 'Dormir mejor', needArea: 'behavioral-health' },
    }),
    'goal',
  );
  return {
    ...w,
    ana,
    beto,
    carla,
    secrets: [
      'Anastasia',
      'Quintero',
      'Bartolomeo',
      'Zubizarreta',
      'Carlota',
      'Villaseñor',
      'Rocío',
      '4155550123',
    ],
  };
}

/** The rows of a CSV file the reports write (CRLF lines, `#` comment lines), as objects by column name. */
export function csvRows(text: string): Record<string, string | undefined>[] {
  const [head = '', ...lines] = text
    .trim()
    .split('\r\n')
    .filter((l) => !l.startsWith('#'));
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}
