// The people of the FHIR policy tests (not used by the server): a food bank's system, and people
// who consented to share with food help and with a legal service, each with a PHQ-9 answering
// item 9, a C-SSRS, a goal, a visit, a referral for food and one for intimate-partner violence.
import { phq9 } from '@puente/core';
import type { Harness } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call, type Reply } from '../../test/http.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { byPoints, cssrsResponse } from '../screenings/testing.js';

/** A legal service run by an organization of its own, so its referrals go to another partner. */
export const LEGAL_PARTNER = 'Justicia para Todas';
const LEGAL_ORG = 'f0000000-0000-4000-8000-0000000000aa';
const legalAid = serviceId(6);

export interface Person {
  id: string;
  phq9: string;
  cssrs: string;
  goal: string;
  visit: string;
  serviceConsent: string;
  foodConsent: string;
  legalConsent: string;
  foodReferral: string;
  legalReferral: string;
}

export interface PolicyWorld extends CaseloadWorld {
  /** The food bank's FHIR client: registered for the category `food` only. */
  secret: string;
  clientId: string;
}

async function ok(reply: Promise<Reply>, what: string): Promise<Record<string, unknown>> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function policyWorld(h: Harness, slug: string): Promise<PolicyWorld> {
  const w = await caseloadWorld(h, slug);
  const directory = sampleDirectory();
  directory['organizations.csv']?.push({ id: LEGAL_ORG, name: LEGAL_PARTNER, description: 'Legal aid' });
  const legal = directory['services.csv']?.find((s) => s.id === legalAid);
  if (legal) legal.organization_id = LEGAL_ORG;
  await importDirectory(h.db, w.org.orgId, readJson(directory, 'sample.json'));
  const registered = await ok(
    call(h.app, 'POST', '/api/fhir-clients', {
      cookie: w.cookie.admin,
      body: { name: 'Food bank EHR', partnerCategory: 'food' },
    }),
    'fhir client',
  );
  return { ...w, secret: String(registered.secret), clientId: String(registered.id) };
}

/**
 * A person with everything a leak could carry. `foodKinds`: what the consent to share with
 * food help names (undefined: nothing, so the minimum). The consent to share with legal help
 * names every kind: what the person gave another partner must not reach the food bank.
 */
export async function personWithEverything(
  h: Harness,
  w: PolicyWorld,
  givenName: string,
  foodKinds?: string[],
): Promise<Person> {
  const cookie = w.cookie.chw;
  const client = await register(h, cookie, { givenName, familyName: 'Sierra', phone: '5595550142' });
  const at = `/api/clients/${client.id}`;
  const post = (path: string, body: unknown) =>
    ok(call(h.app, 'POST', `${at}${path}`, { cookie, body }), path);
  const consent = (body: Record<string, unknown>) =>
    post('/consents', { method: 'verbal', givenOn: '2026-03-01', ...body });
  const serviceConsent = await consent({ kind: 'service' });
  const foodConsent = await consent({
    kind: 'share',
    partnerCategory: 'food',
    ...(foodKinds ? { dataKinds: foodKinds } : {}),
  });
  const legalConsent = await consent({
    kind: 'share',
    partnerCategory: 'legal',
    dataKinds: ['identity', 'contact', 'referral', 'visit', 'goal', 'screening-total', 'screening-answer'],
  });
  // Item 9 ("better off dead") answered "more than half the days".
  const phq = byPoints(phq9, 'phq9', [2, 2, 1, 1, 1, 0, 0, 0, 2]);
  await post('/screenings', { ...phq, authored: '2026-03-02T18:00:00Z' });
  const cssrs = cssrsResponse(['1', '2'], ['3', '4', '5', '6']);
  await post('/screenings', { ...cssrs, authored: '2026-03-02T18:10:00Z' });
  const goal = await post('/goals', { text: 'Comer bien cada día', needArea: 'food-insecurity' });
  const visit = await post('/encounters', {
    kind: 'home-visit',
    occurredAt: '2026-03-02T17:00:00Z',
    language: 'es',
    durationMinutes: 45,
  });
  const foodReferral = await post('/referrals', {
    serviceId: serviceId(0),
    need: 'food-insecurity',
    goalId: goal.id,
    screeningId: phq.id,
    reason: 'Runs out of food',
  });
  const legalReferral = await post('/referrals', {
    serviceId: legalAid,
    need: 'intimate-partner-violence',
    reason: 'Needs a protective order',
  });
  return {
    id: client.id,
    phq9: phq.id,
    cssrs: cssrs.id,
    goal: String(goal.id),
    visit: String(visit.id),
    serviceConsent: String(serviceConsent.id),
    foodConsent: String(foodConsent.id),
    legalConsent: String(legalConsent.id),
    foodReferral: String(foodReferral.id),
    legalReferral: String(legalReferral.id),
  };
}
