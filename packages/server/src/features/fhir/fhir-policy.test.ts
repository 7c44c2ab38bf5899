import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { call, type Reply } from '../../test/http.js';
import { exportTypes } from './bulk.js';
import { type Person, type PolicyWorld, personWithEverything, policyWorld } from './policy-world.js';
import { facets } from './search.js';

// Issue 13: a food bank's system read a person's PHQ-9 item 9, their C-SSRS, goals, visits and a
// referral to a legal service for intimate-partner violence. A clinic reads a person only through
// the referrals addressed to it, and only what the consents of those referrals name.
const h = useApp();
let w: PolicyWorld;
/** Consented to share the minimum with food help. */
let ana: Person;
/** Consented to share screening totals (and no contact) with food help. */
let berta: Person;
/** Withdraws her consent to share with food help. */
let carmen: Person;

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Bundle = { total: number; entry: { resource: Resource }[] };
const get = (path: string): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${w.secret}` } });
const keyOf = (r: Resource) => `${r.resourceType}/${r.id}`;

/** Every resource about the person the client finds by searching, type by type. */
async function searchAbout(person: string): Promise<string[]> {
  const found: string[] = [];
  for (const type of exportTypes) {
    const reply = await get(`/fhir/r4/${type}?${type === 'Patient' ? '_id' : 'patient'}=${person}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    found.push(...(reply.body as unknown as Bundle).entry.map((e) => keyOf(e.resource)));
  }
  return found.sort();
}

/** Runs a bulk export of the client's group: its status URL, its file URLs and what the files hold. */
async function bulkExport() {
  const kickoff = await call(h.app, 'GET', `/fhir/r4/Group/${w.clientId}/$export`, {
    headers: { authorization: `Bearer ${w.secret}`, prefer: 'respond-async' },
  });
  expect(kickoff.status).toBe(202);
  const status = new URL(kickoff.headers.get('content-location') ?? '').pathname;
  const manifest = await get(status);
  expect(manifest.status).toBe(200);
  const files = (manifest.body.output as { url: string }[]).map((o) => new URL(o.url).pathname);
  const resources: Resource[] = [];
  for (const file of files) {
    const reply = await h.app.request(file, { headers: { authorization: `Bearer ${w.secret}` } });
    expect(reply.status).toBe(200);
    const text = await reply.text();
    resources.push(
      ...text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Resource),
    );
  }
  return { status, files, resources };
}

const aboutPerson = (resources: Resource[], person: string) =>
  resources
    .filter((r) => facets.patient(r) === `Patient/${person}`)
    .map(keyOf)
    .sort();

beforeAll(async () => {
  w = await policyWorld(h, 'fhir-policy');
  ana = await personWithEverything(h, w, 'Ana');
  berta = await personWithEverything(h, w, 'Berta', ['screening-total']);
  carmen = await personWithEverything(h, w, 'Carmen');
});

describe('what a food bank’s system reads of a person who consented to share with food help', () => {
  it('reads the person, the food referral and its consents, and nothing else: by search, by id, in $export', async () => {
    const visible = [
      `Patient/${ana.id}`,
      `ServiceRequest/${ana.foodReferral}`,
      `Task/${ana.foodReferral}`,
      `Consent/${ana.serviceConsent}`,
      `Consent/${ana.foodConsent}`,
    ].sort();
    expect(await searchAbout(ana.id)).toEqual(visible);
    for (const key of visible) expect((await get(`/fhir/r4/${key}`)).status, key).toBe(200);
    const hidden = [
      `QuestionnaireResponse/${ana.phq9}`,
      `QuestionnaireResponse/${ana.cssrs}`,
      `Observation/${ana.phq9}-item9`,
      `Observation/${ana.phq9}-total`,
      `Observation/${ana.cssrs}-total`,
      `Goal/${ana.goal}`,
      `CarePlan/${ana.id}`,
      `Encounter/${ana.visit}`,
      `ServiceRequest/${ana.legalReferral}`,
      `Task/${ana.legalReferral}`,
      `Consent/${ana.legalConsent}`,
    ];
    for (const key of hidden) {
      const reply = await get(`/fhir/r4/${key}`);
      expect(reply.status, key).toBe(404);
      expect(reply.body.resourceType).toBe('OperationOutcome');
    }
    expect(aboutPerson((await bulkExport()).resources, ana.id)).toEqual(visible);
  });

  it('cites in the request only what the client may open: the consent, not the goal or the screen', async () => {
    const request = (await get(`/fhir/r4/ServiceRequest/${ana.foodReferral}`)).body;
    expect(request.extension).toBeUndefined();
    expect(request.reasonReference).toBeUndefined();
    expect(request.supportingInfo).toEqual([
      { reference: `Consent/${ana.foodConsent}`, display: 'Consent to share with Red Comunitaria' },
    ]);
    expect(JSON.stringify(request)).not.toContain('Justicia');
  });

  it('gives the phone only when the consent covers contact and it is safe to contact the person', async () => {
    const telecom = async (id: string) => (await get(`/fhir/r4/Patient/${id}`)).body.telecom;
    expect(await telecom(ana.id)).toEqual([{ system: 'phone', value: '+15595550142' }]);
    expect(await telecom(berta.id)).toBeUndefined();
    const unsafe = await call(h.app, 'PATCH', `/api/clients/${ana.id}`, {
      cookie: w.cookie.chw,
      body: { safeToContact: false },
    });
    expect(unsafe.status).toBe(200);
    expect(await telecom(ana.id)).toBeUndefined();
  });

  it('does not see a person who consented to share with food help but was never referred to it', async () => {
    const dora = await register(h, w.cookie.chw, { givenName: 'Dora', familyName: 'Sierra' });
    for (const body of [{ kind: 'service' }, { kind: 'share', partnerCategory: 'food' }]) {
      const made = await call(h.app, 'POST', `/api/clients/${dora.id}/consents`, {
        cookie: w.cookie.chw,
        body: { method: 'verbal', givenOn: '2026-03-01', ...body },
      });
      expect(made.status).toBe(201);
    }
    expect((await get(`/fhir/r4/Patient/${dora.id}`)).status).toBe(404);
    expect(await searchAbout(dora.id)).toEqual([]);
  });

  it('with a consent naming screening totals, reads the totals but never item 9 or the answers', async () => {
    const found = await searchAbout(berta.id);
    expect(found).toContain(`Observation/${berta.phq9}-total`);
    expect(found.filter((k) => k.startsWith('Observation/')).every((k) => k.endsWith('-total'))).toBe(true);
    expect(found.filter((k) => /^(QuestionnaireResponse|Goal|CarePlan|Encounter)\//.test(k))).toEqual([]);
    expect((await get(`/fhir/r4/Observation/${berta.phq9}-total`)).body.valueInteger).toBe(9);
    for (const key of [`Observation/${berta.phq9}-item9`, `QuestionnaireResponse/${berta.phq9}`])
      expect((await get(`/fhir/r4/${key}`)).status, key).toBe(404);
    const request = (await get(`/fhir/r4/ServiceRequest/${berta.foodReferral}`)).body;
    expect(request.reasonReference).toEqual([{ reference: `Observation/${berta.phq9}-total` }]);
    expect(aboutPerson((await bulkExport()).resources, berta.id)).toEqual(found);
  });

  it('reads nothing of a person who withdrew the consent, and an export built before loses its files', async () => {
    const before = await bulkExport();
    expect(aboutPerson(before.resources, carmen.id)).toContain(`Patient/${carmen.id}`);
    const revoked = await call(
      h.app,
      'POST',
      `/api/clients/${carmen.id}/consents/${carmen.foodConsent}/revoke`,
      { cookie: w.cookie.chw, body: {} },
    );
    expect(revoked.status).toBe(200);
    expect(await searchAbout(carmen.id)).toEqual([]);
    for (const key of [`Patient/${carmen.id}`, `ServiceRequest/${carmen.foodReferral}`])
      expect((await get(`/fhir/r4/${key}`)).status, key).toBe(404);
    for (const path of [before.status, ...before.files]) {
      const reply = await get(path);
      expect([404, 410], path).toContain(reply.status);
      expect(reply.body.resourceType).toBe('OperationOutcome');
    }
    const [files] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from fhir_export_file where export_id::text = $1',
      [before.status.split('/').at(-1)],
    );
    expect(files?.n).toBe(0);
    expect(aboutPerson((await bulkExport()).resources, carmen.id)).toEqual([]);
  });
});
