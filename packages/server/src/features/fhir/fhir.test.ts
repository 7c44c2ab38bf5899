import { ahcHrsn, canonicalOf, shareableKinds, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { call, type Reply } from '../../test/http.js';
import { requireConsent } from '../consents/service.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { CLINIC, type ProgramWorld, programWorld } from '../reports/testing.js';
import { r4Validator } from './testing.js';

const CLINIC_ORG = 'f0000000-0000-4000-8000-0000000000cc';
const h = useApp();
let w: ProgramWorld;
let secret = '';
let clientId = '';
const fhir = r4Validator();

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Bundle = { resourceType: 'Bundle'; total: number; entry: { resource: Resource }[] };
const get = (path: string, token = secret): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const search = async (path: string) => {
  const reply = await get(path);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as Bundle;
};
const resources = (b: Bundle) => b.entry.map((e) => e.resource);

beforeAll(async () => {
  w = await programWorld(h, 'fhir');
  // Ana's social-needs screen: worried food would run out, no transport.
  const coding = (code: string) => ({ valueCoding: { system: 'http://loinc.org', code } });
  const ahc = await call(h.app, 'POST', `/api/clients/${w.ana}/screenings`, {
    cookie: w.cookie.chw,
    body: {
      resourceType: 'QuestionnaireResponse',
      id: uuidv7(),
      questionnaire: canonicalOf(ahcHrsn),
      status: 'completed',
      authored: '2026-01-07T18:00:00Z',
      item: [
        { linkId: 'food-worry', answer: [coding('LA28397-0')] },
        { linkId: 'transportation', answer: [coding('LA33-6')] },
      ],
    },
  });
  expect(ahc.status, JSON.stringify(ahc.body)).toBe(201);
  // The clinic is in the directory; Ana and Beto are referred to it under consents naming it and every kind.
  const directory = sampleDirectory();
  directory['organizations.csv']?.push({ id: CLINIC_ORG, name: CLINIC, description: 'Clinic' });
  const clinic = directory['services.csv']?.find((s) => s.id === serviceId(4));
  if (clinic) clinic.organization_id = CLINIC_ORG;
  await importDirectory(h.db, w.org.orgId, readJson(directory, 'sample.json'));
  for (const person of [w.ana, w.beto]) {
    const shared = await call(h.app, 'POST', `/api/clients/${person}/consents`, {
      cookie: w.cookie.chw,
      body: {
        method: 'verbal',
        givenOn: '2026-01-02',
        kind: 'share',
        partnerName: CLINIC,
        dataKinds: shareableKinds,
      },
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    const referred = await call(h.app, 'POST', `/api/clients/${person}/referrals`, {
      cookie: w.cookie.chw,
      body: { serviceId: serviceId(4), need: 'behavioral-health', reason: 'Ongoing care' },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(201);
  }
  const registered = await call(h.app, 'POST', '/api/fhir-clients', {
    cookie: w.cookie.admin,
    body: { name: 'Valley clinic EHR', partnerName: CLINIC, partnerCategory: 'health-clinic' },
  });
  expect(registered.status).toBe(201);
  secret = String(registered.body.secret);
  clientId = String(registered.body.id);
});

describe('API clients', () => {
  it('only an admin registers one; the secret is shown once and kept hashed', async () => {
    const refused = await call(h.app, 'POST', '/api/fhir-clients', {
      cookie: w.cookie.manager,
      body: { name: 'x', partnerName: 'y' },
    });
    expect(refused.status).toBe(403);
    const list = await call(h.app, 'GET', '/api/fhir-clients', { cookie: w.cookie.admin });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const [row] = await h.db.query<{ secret_hash: string }>(
      'select secret_hash from fhir_client where id = $1',
      [clientId],
    );
    expect(row?.secret_hash).not.toContain(secret);
  });

  it('refuses a client that would see nobody, in words, at the partner name', async () => {
    const reply = await call(h.app, 'POST', '/api/fhir-clients', {
      cookie: w.cookie.admin,
      body: { name: 'Sees nobody' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { path: 'partnerName', message: 'Name a partner, choose a kind of partner, or both.' },
    ]);
  });

  it('refuses a request without a valid Bearer secret with an OperationOutcome', async () => {
    for (const token of ['', 'pfc_wrong']) {
      const reply = await get('/fhir/r4/Patient', token);
      expect(reply.status).toBe(401);
      expect(reply.body.resourceType).toBe('OperationOutcome');
    }
  });
});

describe('the FHIR R4 API', () => {
  it('serves a CapabilityStatement that validates and lists every type served', async () => {
    const reply = await get('/fhir/r4/metadata', '');
    expect(reply.status).toBe(200);
    expect(fhir.validate(reply.body)).toEqual([]);
    const [rest] = reply.body.rest as { resource: { type: string }[] }[];
    expect(rest?.resource.map((r) => r.type)).toEqual(expect.arrayContaining(['ServiceRequest', 'Task']));
  });

  it('shows the client the people referred to it who consented to share with it, and no one else', async () => {
    const ids = resources(await search('/fhir/r4/Patient')).map((p) => p.id);
    expect(ids.sort()).toEqual([w.ana, w.beto].sort());
    expect((await get(`/fhir/r4/Patient/${w.carla}`)).status).toBe(404);
    expect((await search(`/fhir/r4/Observation?patient=Patient/${w.carla}`)).total).toBe(0);
    expect((await search(`/fhir/r4/Encounter?patient=${w.carla}`)).total).toBe(0);
    // The same rule as requireConsent, person by person.
    const target = { kind: 'share', partnerName: CLINIC, partnerCategory: 'health-clinic' } as const;
    for (const [id, visible] of [
      [w.ana, true],
      [w.beto, true],
      [w.carla, false],
    ] as const) {
      const allowed = await requireConsent(h.db, w.org.orgId, id, target).then(
        () => true,
        () => false,
      );
      expect(allowed).toBe(visible);
    }
  });

  it('reads screening Observations by LOINC code, item 9 and social needs, all valid R4', async () => {
    const totals = resources(
      await search(`/fhir/r4/Observation?patient=${w.ana}&code=http://loinc.org|44261-6`),
    );
    expect(totals.map((o) => o.valueInteger)).toEqual([15, 6]);
    expect(totals[0]?.derivedFrom).toEqual([
      { reference: `QuestionnaireResponse/${totals[0]?.id.slice(0, 36)}` },
    ]);
    const item9 = resources(await search(`/fhir/r4/Observation?patient=${w.ana}&code=44260-8`));
    expect(item9).toHaveLength(2);
    const social = resources(await search(`/fhir/r4/Observation?patient=${w.ana}&category=sdoh`));
    expect(social.map((o) => (o.code as { coding: { code: string }[] }).coding[0]?.code).sort()).toEqual([
      '88122-7',
      '93030-5',
    ]);
    expect(JSON.stringify(social)).toContain('food-insecurity');
    const gad = resources(await search(`/fhir/r4/Observation?patient=${w.ana}&code=70274-6`));
    expect(gad.map((o) => o.valueInteger)).toEqual([10]);
    const read = await get(`/fhir/r4/Observation/${totals[1]?.id}`);
    expect(read.body.valueInteger).toBe(6);
  });

  it('every resource type validates against the official R4 schema, with no notes in it', async () => {
    for (const type of [
      'Patient',
      'Questionnaire',
      'QuestionnaireResponse',
      'Observation',
      'Consent',
      'Goal',
      'CarePlan',
      'Encounter',
    ]) {
      const bundle = await search(`/fhir/r4/${type}`);
      expect(bundle.total, type).toBeGreaterThan(0);
      expect(fhir.validate(bundle), type).toEqual([]);
      for (const r of resources(bundle)) expect(fhir.validate(r), `${type}/${r.id}`).toEqual([]);
      const text = JSON.stringify(bundle);
      for (const note of ['Habló de su hermana', 'preocupante', 'Carlota']) expect(text).not.toContain(note);
    }
  });

  it('searches by date and status, and pages with a next link', async () => {
    expect((await search('/fhir/r4/QuestionnaireResponse?date=ge2026-02-01')).total).toBe(2);
    expect((await search('/fhir/r4/QuestionnaireResponse?date=2026-01&status=completed')).total).toBe(3);
    expect((await search('/fhir/r4/Encounter?date=lt2026-01-01')).total).toBe(1);
    const page = await search('/fhir/r4/Observation?_count=2');
    expect(page.entry).toHaveLength(2);
    expect(JSON.stringify(page)).toContain('"relation":"next"');
  });

  it('answers an unsupported parameter or type with an OperationOutcome, never a silent ignore', async () => {
    const reply = await get('/fhir/r4/Observation?value-quantity=gt10');
    expect(reply.status).toBe(400);
    expect(reply.body.resourceType).toBe('OperationOutcome');
    const [issue] = reply.body.issue as { code: string; diagnostics: string }[];
    expect(issue?.code).toBe('not-supported');
    expect(issue?.diagnostics).toContain('"value-quantity" is not supported');
    expect(fhir.validate(reply.body)).toEqual([]);
    const modifier = await get('/fhir/r4/Patient?name:exact=Ana');
    expect(modifier.status).toBe(400);
    const badDate = await get('/fhir/r4/Encounter?date=sa2026-01-01');
    expect(badDate.status).toBe(400);
    const condition = await get('/fhir/r4/Condition');
    expect(condition.status).toBe(404);
    expect((condition.body.issue as { diagnostics: string }[])[0]?.diagnostics).toContain(
      '"Condition" is not served',
    );
  });

  it('runs a bulk export of the client’s group as NDJSON', async () => {
    const kickoff = await call(h.app, 'GET', `/fhir/r4/Group/${clientId}/$export`, {
      headers: { authorization: `Bearer ${secret}`, prefer: 'respond-async' },
    });
    expect(kickoff.status).toBe(202);
    const status = kickoff.headers.get('content-location') ?? '';
    const manifest = await get(new URL(status).pathname);
    expect(manifest.status).toBe(200);
    const output = manifest.body.output as { type: string; url: string; count: number }[];
    expect(output.find((o) => o.type === 'Patient')?.count).toBe(2);
    for (const file of output) {
      const reply = await h.app.request(new URL(file.url).pathname, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(reply.headers.get('content-type')).toBe('application/fhir+ndjson');
      const lines = (await reply.text()).trim().split('\n').filter(Boolean);
      expect(lines).toHaveLength(file.count);
      for (const line of lines) expect(fhir.validate(JSON.parse(line))).toEqual([]);
    }
    expect((await get(`/fhir/r4/Group/${w.org.ids[w.org.admin]}/$export`)).status).toBe(404);
  });

  it('loses sight of a person the moment their consent is revoked, and of everything when the client is', async () => {
    const [share] = await h.db.query<{ id: string }>(
      'select consent_id as id from referral where client_id = $1',
      [w.ana],
    );
    const revoked = await call(h.app, 'POST', `/api/clients/${w.ana}/consents/${share?.id}/revoke`, {
      cookie: w.cookie.chw,
      body: {},
    });
    expect(revoked.status).toBe(200);
    expect(resources(await search('/fhir/r4/Patient')).map((p) => p.id)).toEqual([w.beto]);
    expect((await get(`/fhir/r4/Patient/${w.ana}`)).status).toBe(404);
    const [audit] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where org_id = $1 and actor_id = $2 and action like 'fhir.%'`,
      [w.org.orgId, clientId],
    );
    expect(audit?.n).toBeGreaterThan(10);
    await call(h.app, 'POST', `/api/fhir-clients/${clientId}/revoke`, { cookie: w.cookie.admin, body: {} });
    expect((await get('/fhir/r4/Patient')).status).toBe(401);
  });
});
