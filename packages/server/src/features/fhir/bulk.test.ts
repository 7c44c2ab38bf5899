import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { engine } from '../../test/database.js';
import { call, type Reply } from '../../test/http.js';
import { type Person, type PolicyWorld, personWithEverything, policyWorld } from './policy-world.js';
import { facets } from './search.js';
import { type ClinicClient, clinicWithKeys, r4Validator } from './testing.js';

// The Bulk Data IG's kick-offs (system, Patient, Group), its status polling and cancelling, for
// what the client's scopes and the people's consents allow.
const h = useApp();
const fhir = r4Validator();
let w: PolicyWorld;
/** Consented to share the minimum with food help. */
let ana: Person;
/** Consented to share screening totals with food help. */
let berta: Person;
/** A food bank's second system, on keys, registered to read people and observations only. */
let narrow: ClinicClient;

type Resource = { resourceType: string; id: string; [k: string]: unknown };
const ASYNC = { prefer: 'respond-async', accept: 'application/fhir+json' };
const get = (path: string, bearer = w.secret, headers: Record<string, string> = {}): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${bearer}`, ...headers } });
const keyOf = (r: Resource) => `${r.resourceType}/${r.id}`;

/** Kicks an export off and answers its status path. */
async function kickOff(path: string, bearer = w.secret): Promise<string> {
  const reply = await get(path, bearer, ASYNC);
  expect(reply.status, JSON.stringify(reply.body)).toBe(202);
  return new URL(reply.headers.get('content-location') ?? '').pathname;
}

/** Polls until complete, then reads every file, validating each line against HL7's R4 schema. */
async function complete(status: string, bearer = w.secret) {
  const manifest = await get(status, bearer);
  expect(manifest.status, JSON.stringify(manifest.body)).toBe(200);
  const output = manifest.body.output as { type: string; url: string; count: number }[];
  const resources: Resource[] = [];
  for (const file of output) {
    const reply = await h.app.request(new URL(file.url).pathname, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/fhir+ndjson');
    const lines = (await reply.text()).split('\n').filter(Boolean);
    expect(lines, file.type).toHaveLength(file.count);
    for (const line of lines) {
      const resource = JSON.parse(line) as Resource;
      expect(resource.resourceType).toBe(file.type);
      expect(fhir.validate(resource), keyOf(resource)).toEqual([]);
      resources.push(resource);
    }
  }
  return { manifest, types: output.map((o) => o.type).sort(), resources };
}

const about = (resources: Resource[], person: string) =>
  resources
    .filter((r) => facets.patient(r) === `Patient/${person}`)
    .map(keyOf)
    .sort();

beforeAll(async () => {
  w = await policyWorld(h, 'bulk');
  ana = await personWithEverything(h, w, 'Ana');
  berta = await personWithEverything(h, w, 'Berta', ['screening-total']);
  narrow = await clinicWithKeys(h, w.cookie.admin, { name: 'Food bank analytics', partnerCategory: 'food' }, [
    'system/Patient.rs',
    'system/Observation.rs',
  ]);
});

describe('kick-off', () => {
  it('is asynchronous only: without Prefer: respond-async it is refused with an OperationOutcome', async () => {
    for (const path of [
      '/fhir/r4/$export',
      '/fhir/r4/Patient/$export',
      `/fhir/r4/Group/${w.clientId}/$export`,
    ]) {
      const reply = await get(path);
      expect(reply.status, path).toBe(400);
      expect(reply.body.resourceType).toBe('OperationOutcome');
      expect(fhir.validate(reply.body)).toEqual([]);
      expect(JSON.stringify(reply.body)).toContain('respond-async');
    }
  });

  it('refuses what it cannot do, naming it: an unknown parameter, a format, a type at the wrong level', async () => {
    for (const query of [
      '_typeFilter=Observation%3Fcode%3D44261-6',
      '_outputFormat=text%2Fcsv',
      '_since=yesterday',
      '_type=Condition',
    ]) {
      const reply = await get(`/fhir/r4/$export?${query}`, w.secret, ASYNC);
      expect(reply.status, query).toBe(400);
      expect(reply.body.resourceType, query).toBe('OperationOutcome');
    }
    const forms = await get('/fhir/r4/Patient/$export?_type=Questionnaire', w.secret, ASYNC);
    expect(forms.status).toBe(400);
    expect(JSON.stringify(forms.body)).toContain('at this level');
  });
});

describe('what an export holds', () => {
  it('system, Patient and Group exports hold the same people’s data, what search shows, all valid R4', async () => {
    const system = await complete(await kickOff('/fhir/r4/$export'));
    const patients = await complete(
      await kickOff('/fhir/r4/Patient/$export?_outputFormat=application/fhir%2Bndjson'),
    );
    const group = await complete(await kickOff(`/fhir/r4/Group/${w.clientId}/$export?_outputFormat=ndjson`));
    expect(system.types).toContain('Questionnaire');
    expect(patients.types).not.toContain('Questionnaire');
    expect(patients.types).toEqual(group.types);
    const withoutForms = system.resources
      .filter((r) => r.resourceType !== 'Questionnaire')
      .map(keyOf)
      .sort();
    expect(withoutForms).toEqual(patients.resources.map(keyOf).sort());
    expect(group.resources.map(keyOf).sort()).toEqual(withoutForms);
    // Ana shared the minimum: herself, the food referral and its consents, never the legal referral or her screens.
    expect(about(patients.resources, ana.id)).toEqual(
      [
        `Patient/${ana.id}`,
        `ServiceRequest/${ana.foodReferral}`,
        `Task/${ana.foodReferral}`,
        `Consent/${ana.serviceConsent}`,
        `Consent/${ana.foodConsent}`,
      ].sort(),
    );
    // Berta shared totals: her totals, never item 9 or the answers.
    const bertas = about(patients.resources, berta.id);
    expect(bertas).toContain(`Observation/${berta.phq9}-total`);
    expect(bertas.filter((k) => k.startsWith('Observation/')).every((k) => k.endsWith('-total'))).toBe(true);
    expect(bertas.some((k) => k.startsWith('QuestionnaireResponse/'))).toBe(false);
    expect(JSON.stringify(patients.resources)).not.toContain(ana.legalReferral);
  });

  it('keeps to _type and _since', async () => {
    const two = await complete(await kickOff('/fhir/r4/Patient/$export?_type=Patient,Consent'));
    expect(two.types).toEqual(['Consent', 'Patient']);
    const later = await complete(
      await kickOff('/fhir/r4/$export?_type=ServiceRequest,Task&_since=2999-01-01T00:00:00Z'),
    );
    expect(later.resources).toEqual([]);
    const since = await complete(
      await kickOff('/fhir/r4/$export?_type=ServiceRequest&_since=2020-01-01T00:00:00Z'),
    );
    expect(since.resources.map((r) => r.id)).toContain(berta.foodReferral);
  });

  it('exports only what the token’s scopes read, and refuses to export more', async () => {
    const bearer = await narrow.token('system/*.rs');
    const scoped = await complete(await kickOff('/fhir/r4/$export', bearer), bearer);
    expect(scoped.types).toEqual(['Observation', 'Patient']);
    expect(about(scoped.resources, berta.id)).toContain(`Observation/${berta.phq9}-total`);
    const more = await get('/fhir/r4/Patient/$export?_type=Patient,Encounter', bearer, ASYNC);
    expect(more.status).toBe(403);
    expect(more.body.resourceType).toBe('OperationOutcome');
    // A file of the client's own export, read with a token narrower than the export's.
    const wide = await narrow.token('system/Patient.rs system/Observation.rs');
    const status = await kickOff('/fhir/r4/Patient/$export', wide);
    const patientsOnly = await narrow.token('system/Patient.rs');
    const manifest = await get(status, patientsOnly);
    expect((manifest.body.output as { type: string }[]).map((o) => o.type)).toEqual(['Patient']);
    const observations = await get(
      status.replace('$export-status', '$export-file').concat('/Observation.ndjson'),
      patientsOnly,
    );
    expect(observations.status).toBe(403);
    // Another client's export is not this one's to read.
    expect((await get(status)).status).toBe(404);
  });
});

describe('status, expiry and cancelling', () => {
  it('says until when the files are kept, and a DELETE cancels the export and removes its files', async () => {
    const status = await kickOff('/fhir/r4/Patient/$export');
    const { manifest } = await complete(status);
    const expires = Date.parse(manifest.headers.get('expires') ?? '');
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 60_000);
    const file = new URL((manifest.body.output as { url: string }[])[0]?.url ?? '').pathname;
    const cancelled = await call(h.app, 'DELETE', status, {
      headers: { authorization: `Bearer ${w.secret}` },
    });
    expect(cancelled.status).toBe(202);
    for (const path of [status, file]) {
      const gone = await get(path);
      expect(gone.status, path).toBe(404);
      expect(gone.body.resourceType).toBe('OperationOutcome');
    }
    const [files] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from fhir_export_file where export_id::text = $1',
      [status.split('/').at(-1)],
    );
    expect(files?.n).toBe(0);
  });

  it('an export past its expiry is gone', async () => {
    const status = await kickOff('/fhir/r4/$export?_type=Patient');
    await complete(status);
    await h.db.query(`update fhir_export set expires_at = now() - interval '1 second' where id::text = $1`, [
      status.split('/').at(-1),
    ]);
    expect((await get(status)).status).toBe(404);
  });

  it.skipIf(engine !== 'postgres')(
    'answers 202 with Retry-After and X-Progress while another poll is writing the files',
    async () => {
      const status = await kickOff('/fhir/r4/Patient/$export?_type=Patient');
      await h.db.transaction(async (tx) => {
        await tx.query('select id from fhir_export where id::text = $1 for update', [
          status.split('/').at(-1),
        ]);
        const busy = await h.app.request(status, { headers: { authorization: `Bearer ${w.secret}` } });
        expect(busy.status).toBe(202);
        expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(busy.headers.get('x-progress')).toContain('writing');
      });
      expect((await complete(status)).types).toEqual(['Patient']);
    },
  );
});
