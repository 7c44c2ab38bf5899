import { ahcHrsn, canonicalOf, shareableKinds, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { call, type Reply } from '../../test/http.js';
import { ORG_ID, sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { type ProgramWorld, programWorld } from '../reports/testing.js';
import { r4Validator } from './testing.js';

// Referrals through the FHIR API: made and moved through the app's own routes, read by the
// system of the partner they are addressed to (a clinic reads only those; see fhir-policy.test.ts).
const PARTNER = 'Red Comunitaria';
const h = useApp();
let w: ProgramWorld;
let secret = '';
let clientId = '';
let goalId = '';
const screeningId = uuidv7();
const fhir = r4Validator();
/** Ana's referrals by the status each is left in; Beto's and Carla's one each. */
const made: Record<string, string> = {};

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Bundle = { resourceType: 'Bundle'; total: number; entry: { resource: Resource }[] };
const get = (path: string): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${secret}` } });
const search = async (path: string) => {
  const reply = await get(path);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as Bundle;
};
const read = async (path: string) => {
  const reply = await get(path);
  expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body as Resource;
};
const ok = async (reply: Promise<Reply>, status = 200) => {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};

async function refer(cookie: string, person: string, body: Record<string, unknown> = {}) {
  const reply = await ok(
    call(h.app, 'POST', `/api/clients/${person}/referrals`, {
      cookie,
      body: {
        serviceId: serviceId(0),
        need: 'food-insecurity',
        reason: 'Runs out of food before payday',
        ...body,
      },
    }),
    201,
  );
  return String(reply.body.id);
}
const answer = (id: string, body: Record<string, unknown>) =>
  ok(call(h.app, 'POST', `/api/partner/referrals/${id}/status`, { cookie: w.cookie.partner, body }));
const withdraw = (id: string, body: Record<string, unknown>) =>
  ok(call(h.app, 'POST', `/api/referrals/${id}/status`, { cookie: w.cookie.chw, body }));

beforeAll(async () => {
  w = await programWorld(h, 'fhir-referrals');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  // Ana and Beto share everything with the food bank by name; Carla shares with food help in general.
  for (const [cookie, person, to] of [
    [w.cookie.chw, w.ana, { partnerName: PARTNER, dataKinds: shareableKinds }],
    [w.cookie.chw, w.beto, { partnerName: PARTNER, dataKinds: shareableKinds }],
    [w.cookie.chw2, w.carla, { partnerCategory: 'food' }],
  ] as const) {
    await ok(
      call(h.app, 'POST', `/api/clients/${person}/consents`, {
        cookie,
        body: { method: 'verbal', givenOn: '2026-03-01', kind: 'share', ...to },
      }),
      201,
    );
  }
  const goal = await ok(
    call(h.app, 'POST', `/api/clients/${w.ana}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Comer bien', needArea: 'food-insecurity' },
    }),
    201,
  );
  goalId = String(goal.body.id);
  const answered = (code: string) => [{ valueCoding: { system: 'http://loinc.org', code } }];
  await ok(
    call(h.app, 'POST', `/api/clients/${w.ana}/screenings`, {
      cookie: w.cookie.chw,
      body: {
        resourceType: 'QuestionnaireResponse',
        id: screeningId,
        questionnaire: canonicalOf(ahcHrsn),
        status: 'completed',
        authored: '2026-03-01T18:00:00Z',
        item: [{ linkId: 'food-worry', answer: answered('LA28397-0') }],
      },
    }),
    201,
  );
  const registered = await ok(
    call(h.app, 'POST', '/api/fhir-clients', {
      cookie: w.cookie.admin,
      body: { name: 'Food bank case system', partnerName: PARTNER },
    }),
    201,
  );
  secret = String(registered.body.secret);
  clientId = String(registered.body.id);
  // The food bank answers in Puente itself.
  await ok(
    call(h.app, 'PUT', `/api/partners/${w.org.ids[w.org.partner]}`, {
      cookie: w.cookie.admin,
      body: { organizationId: ORG_ID },
    }),
  );

  made.requested = await refer(w.cookie.chw, w.ana, { goalId, urgency: 'urgent', doNotContact: true });
  made.completed = await refer(w.cookie.chw, w.ana, { screeningId });
  await answer(made.completed, { status: 'accepted', capacity: 'has-capacity' });
  await answer(made.completed, { status: 'in-progress', enrollment: 'enrolled' });
  await answer(made.completed, { status: 'completed', result: 'Groceries for the month' });
  made.rejected = await refer(w.cookie.chw, w.ana);
  await answer(made.rejected, { status: 'rejected', reason: 'Outside our area', outcome: 'no-capacity' });
  made['on-hold'] = await refer(w.cookie.chw, w.ana);
  await answer(made['on-hold'], { status: 'on-hold', reason: 'Waiting for documents' });
  made.failed = await refer(w.cookie.chw, w.ana);
  await answer(made.failed, { status: 'failed', outcome: 'not-eligible' });
  made.cancelled = await refer(w.cookie.chw, w.ana);
  await withdraw(made.cancelled, { status: 'cancelled', reason: 'Moved away' });
  made['entered-in-error'] = await refer(w.cookie.chw, w.ana);
  await withdraw(made['entered-in-error'], { status: 'entered-in-error' });
  made.beto = await refer(w.cookie.chw, w.beto);
  made.carla = await refer(w.cookie.chw2, w.carla);
});

const anas = ['requested', 'completed', 'rejected', 'on-hold', 'failed', 'cancelled', 'entered-in-error'];

describe('referrals in the FHIR API', () => {
  it('serves each referral of a consenting person as a ServiceRequest and its Task, all valid R4', async () => {
    for (const type of ['ServiceRequest', 'Task']) {
      const bundle = await search(`/fhir/r4/${type}?patient=${w.ana}`);
      expect(bundle.entry.map((e) => e.resource.id).sort(), type).toEqual(anas.map((s) => made[s]).sort());
      expect(fhir.validate(bundle), type).toEqual([]);
      for (const { resource } of bundle.entry) expect(fhir.validate(resource), resource.id).toEqual([]);
      // The CHW's words for the partner stay between them.
      expect(JSON.stringify(bundle)).not.toContain('Runs out of food');
    }
    const task = await read(`/fhir/r4/Task/${made.beto}`);
    expect(task).toMatchObject({
      intent: 'order',
      code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
      focus: { reference: `ServiceRequest/${made.beto}` },
      for: { reference: `Patient/${w.beto}` },
      owner: { display: 'Red Comunitaria' },
    });
    expect((await read(`/fhir/r4/ServiceRequest/${made.beto}`)).subject).toEqual({
      reference: `Patient/${w.beto}`,
    });
  });

  it('maps each status as documented, with the reasons in words', async () => {
    const table: [string, string, string | undefined][] = [
      ['requested', 'active', undefined],
      ['completed', 'completed', undefined],
      ['rejected', 'revoked', 'Outside our area'],
      ['on-hold', 'active', 'Waiting for documents'],
      ['failed', 'revoked', 'Not eligible'],
      ['cancelled', 'revoked', 'Moved away'],
      ['entered-in-error', 'entered-in-error', undefined],
    ];
    for (const [status, requestStatus, reason] of table) {
      const task = await read(`/fhir/r4/Task/${made[status]}`);
      expect(task.status, status).toBe(status);
      expect((task.statusReason as { text?: string } | undefined)?.text, status).toBe(reason);
      expect((await read(`/fhir/r4/ServiceRequest/${made[status]}`)).status, status).toBe(requestStatus);
    }
  });

  it('says what a completed referral resulted in, and the enrollment the partner reported', async () => {
    const task = await read(`/fhir/r4/Task/${made.completed}`);
    expect(task.output).toMatchObject([
      {
        type: { coding: [{ code: 'resulting-activity' }] },
        valueCodeableConcept: { text: 'Groceries for the month' },
      },
    ]);
    expect(task.businessStatus).toMatchObject({ coding: [{ code: 'is-enrolled' }] });
  });

  it('links the request to its goal, its screening finding and its consent, and flags do not contact', async () => {
    const open = await read(`/fhir/r4/ServiceRequest/${made.requested}`);
    expect(open).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      code: { text: 'Community Food Pantry' },
      performer: [{ display: 'Red Comunitaria' }],
      orderDetail: [{ coding: [{ code: 'contacting-subject-prohibited' }] }],
      extension: [{ valueReference: { reference: `Goal/${goalId}` } }],
    });
    expect(JSON.stringify(open.category)).toContain('"code":"food-insecurity"');
    await read(`/fhir/r4/Goal/${goalId}`);
    const [consent] = await h.db.query<{ id: string }>(
      'select consent_id as id from referral where id = $1',
      [made.requested],
    );
    expect((open.supportingInfo as { reference: string }[])[0]?.reference).toBe(`Consent/${consent?.id}`);

    const fromScreen = await read(`/fhir/r4/ServiceRequest/${made.completed}`);
    expect(fromScreen.orderDetail).toBeUndefined();
    const [finding] = (await search(`/fhir/r4/Observation?patient=${w.ana}&category=food-insecurity`)).entry;
    expect(finding?.resource.id.startsWith(screeningId)).toBe(true);
    expect(fromScreen.reasonReference).toEqual([{ reference: `Observation/${finding?.resource.id}` }]);
  });

  it('searches by status, date, category, priority, business status and focus', async () => {
    const total = async (path: string) => (await search(path)).total;
    expect(await total('/fhir/r4/ServiceRequest?status=revoked')).toBe(3);
    expect(await total(`/fhir/r4/ServiceRequest?subject=Patient/${w.ana}&status=active`)).toBe(2);
    expect(await total('/fhir/r4/ServiceRequest?category=food-insecurity')).toBe(8);
    expect(await total('/fhir/r4/ServiceRequest?category=homelessness')).toBe(0);
    expect(await total('/fhir/r4/ServiceRequest?priority=urgent')).toBe(1);
    expect(await total('/fhir/r4/ServiceRequest?authored=ge2026-01-01')).toBe(8);
    expect(await total('/fhir/r4/ServiceRequest?authored=lt2026-01-01')).toBe(0);
    expect(await total('/fhir/r4/Task?status=completed,failed')).toBe(2);
    expect(await total('/fhir/r4/Task?business-status=is-enrolled')).toBe(1);
    expect(await total(`/fhir/r4/Task?focus=ServiceRequest/${made.failed}`)).toBe(1);
    expect(await total('/fhir/r4/Task?modified=ge2026-01-01&authored-on=ge2026-01-01')).toBe(8);
    // R4 Task has no `date` parameter: refused, never ignored.
    const refused = await get('/fhir/r4/Task?date=ge2026-01-01');
    expect(refused.status).toBe(400);
    const [issue] = refused.body.issue as { code: string; diagnostics: string }[];
    expect(issue?.diagnostics).toContain('"date" is not supported for Task');
  });

  it('never shows the referrals of a person who did not consent to share with this partner', async () => {
    expect((await search(`/fhir/r4/Task?patient=${w.carla}`)).total).toBe(0);
    for (const type of ['ServiceRequest', 'Task']) {
      expect((await get(`/fhir/r4/${type}/${made.carla}`)).status).toBe(404);
      const all = await search(`/fhir/r4/${type}`);
      expect(all.entry.map((e) => e.resource.id)).not.toContain(made.carla);
    }
  });

  it('exports referrals in the group’s bulk export', async () => {
    const kickoff = await call(h.app, 'GET', `/fhir/r4/Group/${clientId}/$export?_type=ServiceRequest,Task`, {
      headers: { authorization: `Bearer ${secret}`, prefer: 'respond-async' },
    });
    expect(kickoff.status).toBe(202);
    const manifest = await read(new URL(kickoff.headers.get('content-location') ?? '').pathname);
    const output = manifest.output as { type: string; url: string; count: number }[];
    expect(output.map((o) => [o.type, o.count])).toEqual([
      ['ServiceRequest', 8],
      ['Task', 8],
    ]);
    for (const file of output) {
      const reply = await h.app.request(new URL(file.url).pathname, {
        headers: { authorization: `Bearer ${secret}` },
      });
      const lines = (await reply.text()).trim().split('\n');
      for (const line of lines) expect(fhir.validate(JSON.parse(line))).toEqual([]);
    }
  });

  it('loses sight of a person’s referrals when their consent to share with the partner is revoked', async () => {
    const [share] = await h.db.query<{ id: string }>(
      `select id from consent where client_id = $1 and kind = 'share' and partner_name = $2`,
      [w.ana, PARTNER],
    );
    await ok(
      call(h.app, 'POST', `/api/clients/${w.ana}/consents/${share?.id}/revoke`, {
        cookie: w.cookie.chw,
        body: {},
      }),
    );
    expect((await search(`/fhir/r4/ServiceRequest?patient=${w.ana}`)).total).toBe(0);
    expect((await get(`/fhir/r4/Task/${made.completed}`)).status).toBe(404);
    expect((await search('/fhir/r4/Task')).total).toBe(1);
  });
});
