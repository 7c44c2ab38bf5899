import { gad7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { call, type Reply } from '../../test/http.js';
import { byPoints } from '../screenings/testing.js';
import { exportTypes } from './bulk.js';
import { type Person, type PolicyWorld, personWithEverything, policyWorld } from './policy-world.js';
import { type ClinicClient, clinicWithKeys, r4Validator } from './testing.js';

// PHQ-9 and GAD-7 as clinicians expect them (a LOINC panel with its items and total), and no
// resource that cites something its reader cannot open.
const h = useApp();
const fhir = r4Validator();
let w: PolicyWorld;
/** Consented to share the answers and the totals with food help. */
let elena: Person;
let elenaGad = '';
/** Consented to share screening totals only. */
let berta: Person;
/** Consented to share the answers but not the totals. */
let flor: Person;
let clinic: ClinicClient;

// The LOINC codes of ../shared/clinical/INSTRUMENTS.md, in the forms' order.
const PHQ9_ITEMS = [
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
];
const GAD7_ITEMS = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'];

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Ref = { reference: string };
const get = (path: string, bearer = w.secret): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${bearer}` } });
const read = async (path: string, bearer = w.secret) => {
  const reply = await get(path, bearer);
  expect(reply.status, `${path} ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body as Resource;
};
const codeOf = (o: Resource) => (o.code as { coding: { code: string }[] }).coding[0]?.code;

beforeAll(async () => {
  w = await policyWorld(h, 'panels');
  elena = await personWithEverything(h, w, 'Elena', ['screening-answer', 'screening-total']);
  berta = await personWithEverything(h, w, 'Berta', ['screening-total']);
  flor = await personWithEverything(h, w, 'Flor', ['screening-answer']);
  const gad = byPoints(gad7, 'gad7', [1, 2, 1, 1, 0, 2, 1]);
  const made = await call(h.app, 'POST', `/api/clients/${elena.id}/screenings`, {
    cookie: w.cookie.chw,
    body: { ...gad, authored: '2026-03-03T18:00:00Z' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  elenaGad = gad.id;
  clinic = await clinicWithKeys(h, w.cookie.admin, { name: 'Food bank EHR v2', partnerCategory: 'food' }, [
    'system/Patient.rs',
    'system/Observation.rs',
    'system/ServiceRequest.rs',
    'system/Task.rs',
  ]);
});

describe('PHQ-9 and GAD-7 panels', () => {
  it('serve the PHQ-9 as a 44249-1 panel with hasMember to each item and the total, derivedFrom the response', async () => {
    const panel = await read(`/fhir/r4/Observation/${elena.phq9}-panel`);
    expect(fhir.validate(panel)).toEqual([]);
    expect(codeOf(panel)).toBe('44249-1');
    expect(panel.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${elena.phq9}` }]);
    expect(panel.valueInteger).toBeUndefined();
    const members = panel.hasMember as Ref[];
    expect(members.map((m) => m.reference)).toEqual([
      ...PHQ9_ITEMS.map((_, i) => `Observation/${elena.phq9}-item${i + 1}`),
      `Observation/${elena.phq9}-total`,
    ]);
    const read9 = await Promise.all(members.map((m) => read(`/fhir/r4/${m.reference}`)));
    for (const o of read9) expect(fhir.validate(o), o.id).toEqual([]);
    expect(read9.map(codeOf)).toEqual([...PHQ9_ITEMS, '44261-6']);
    // Item 9 answered "more than half the days" (2 points).
    expect(read9[8]?.valueCodeableConcept).toMatchObject({ coding: [{ code: 'LA6570-1' }] });
    expect(read9[9]?.valueInteger).toBe(9);
    for (const o of read9)
      expect(o.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${elena.phq9}` }]);
  });

  it('serve the GAD-7 as a 69737-5 panel, searchable by its code', async () => {
    const found = await get(`/fhir/r4/Observation?patient=${elena.id}&code=http://loinc.org|69737-5`);
    const [panel] = (found.body.entry as { resource: Resource }[]).map((e) => e.resource);
    expect(panel?.id).toBe(`${elenaGad}-panel`);
    const members = await Promise.all(
      ((panel?.hasMember ?? []) as Ref[]).map((m) => read(`/fhir/r4/${m.reference}`)),
    );
    expect(members.map(codeOf)).toEqual([...GAD7_ITEMS, '70274-6']);
    expect(members.at(-1)?.valueInteger).toBe(8);
    // LOINC's own answer code for the value-2 answer of 68509-9.
    expect(members[1]?.valueCodeableConcept).toMatchObject({ coding: [{ code: 'LA18938-3' }] });
  });

  it('a reader of totals only gets the total, citing no response it cannot open', async () => {
    const total = await read(`/fhir/r4/Observation/${berta.phq9}-total`);
    expect(total.derivedFrom).toBeUndefined();
    expect(fhir.validate(total)).toEqual([]);
    expect((await get(`/fhir/r4/Observation/${berta.phq9}-panel`)).status).toBe(404);
  });

  it('a reader of answers without totals gets the panel of the items, and the request cites it', async () => {
    const panel = await read(`/fhir/r4/Observation/${flor.phq9}-panel`);
    expect((panel.hasMember as Ref[]).map((m) => m.reference)).not.toContain(
      `Observation/${flor.phq9}-total`,
    );
    expect((await get(`/fhir/r4/Observation/${flor.phq9}-total`)).status).toBe(404);
    const request = await read(`/fhir/r4/ServiceRequest/${flor.foodReferral}`);
    expect(request.reasonReference).toEqual([{ reference: `Observation/${flor.phq9}-panel` }]);
  });
});

/** Every `reference` anywhere in a resource. */
function referencesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencesIn);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
  );
}

describe('references a reader can follow', () => {
  it.each([
    ['the static secret', () => Promise.resolve(w.secret)],
    ['a token without Consent or QuestionnaireResponse', () => clinic.token('system/*.rs')],
  ])('with %s, every reference in every resource served opens', async (_, credential) => {
    const bearer = await credential();
    const seen = new Set<string>();
    for (const type of exportTypes) {
      const search = await get(`/fhir/r4/${type}`, bearer);
      if (search.status === 403) continue;
      expect(search.status, type).toBe(200);
      for (const { resource } of search.body.entry as { resource: Resource }[]) {
        expect(fhir.validate(resource), `${type}/${resource.id}`).toEqual([]);
        for (const ref of referencesIn(resource)) seen.add(ref);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    for (const ref of seen) expect((await get(`/fhir/r4/${ref}`, bearer)).status, ref).toBe(200);
  });

  it('a token that cannot read Consent gets the request without its supportingInfo', async () => {
    const request = await read(
      `/fhir/r4/ServiceRequest/${elena.foodReferral}`,
      await clinic.token('system/*.rs'),
    );
    expect(request.supportingInfo).toBeUndefined();
    expect(request.subject).toEqual({ reference: `Patient/${elena.id}` });
    const withSecret = await read(`/fhir/r4/ServiceRequest/${elena.foodReferral}`);
    expect(withSecret.supportingInfo).toEqual([
      { reference: `Consent/${elena.foodConsent}`, display: 'Consent to share with Red Comunitaria' },
    ]);
  });
});
