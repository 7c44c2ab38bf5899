// The referral tests' program (not used by the server): the sample directory with
// the shelter run by a second organization, Ana and Beto on the CHW's caseload
// with consent to share with food help (Ana also with the shelter), and a
// second partner account for the shelter's organization.
import { beforeAll, expect } from 'vitest';
import { type Harness, PASSWORD, useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { call } from '../../test/http.js';
import { passwordChosen } from '../../test/users.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';

export const ORG2 = 'f0000000-0000-4000-8000-000000000002';
export const FOOD = serviceId(0);
export const SHELTER = serviceId(1);
/** The shelter's partner account; it signs in with PASSWORD. */
export const PARTNER2_EMAIL = 'partner2@referrals.test';

export interface ReferralWorld extends CaseloadWorld {
  ana: string;
  beto: string;
  /** The shelter organization's partner user, linked to nothing yet. */
  partner2: string;
}

/**
 * Gives a test file its own database with the referral tests' program, made
 * before its tests, and the calls they make. Read `w` inside tests, not at import time.
 */
export function useReferralWorld() {
  const h: Harness = useApp();
  const w = {} as ReferralWorld;
  const today = programToday();

  async function consent(clientId: string, body: Record<string, unknown>) {
    const reply = await call(h.app, 'POST', `/api/clients/${clientId}/consents`, {
      cookie: w.cookie.chw,
      body: { method: 'verbal', givenOn: today, ...body },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }

  beforeAll(async () => {
    Object.assign(w, await caseloadWorld(h, 'referrals'));
    const directory = sampleDirectory();
    directory['organizations.csv']?.push({ id: ORG2, name: 'Casa Esperanza', description: 'Shelter' });
    const shelter = directory['services.csv']?.find((s) => s.id === SHELTER);
    if (shelter) shelter.organization_id = ORG2;
    await importDirectory(h.db, w.org.orgId, readJson(directory, 'sample.json'));

    w.ana = (
      await register(h, w.cookie.chw, { givenName: 'Ana', familyName: 'Ruiz', phone: '559-555-0199' })
    ).id;
    w.beto = (await register(h, w.cookie.chw, { givenName: 'Beto' })).id;
    for (const person of [w.ana, w.beto]) {
      await consent(person, { kind: 'service' });
      await consent(person, { kind: 'share', partnerCategory: 'food' });
    }
    await consent(w.ana, { kind: 'share', partnerName: 'Casa Esperanza' });
    const made = await call(h.app, 'POST', '/api/users', {
      cookie: w.cookie.admin,
      body: { email: PARTNER2_EMAIL, displayName: 'Casa staff', role: 'partner', password: PASSWORD },
    });
    expect(made.status).toBe(201);
    w.partner2 = String(made.body.id);
    await passwordChosen(h.db, w.partner2);
  });

  return {
    h,
    w,
    consent,
    /** Refers a person to the food pantry for food insecurity, unless the body says otherwise. */
    refer: (clientId: string, body: Record<string, unknown> = {}, cookie = w.cookie.chw) =>
      call(h.app, 'POST', `/api/clients/${clientId}/referrals`, {
        cookie,
        body: { serviceId: FOOD, need: 'food-insecurity', reason: 'Runs out of food before payday', ...body },
      }),
    /** A status change as the CHW records it. */
    move: (id: string, body: Record<string, unknown>, cookie = w.cookie.chw) =>
      call(h.app, 'POST', `/api/referrals/${id}/status`, { cookie, body }),
    /** A status change as the partner answers it in Puente. */
    answer: (id: string, body: Record<string, unknown>, cookie = w.cookie.partner) =>
      call(h.app, 'POST', `/api/partner/referrals/${id}/status`, { cookie, body }),
    referralCount: async () =>
      Number((await h.db.query<{ n: number }>('select count(*)::int as n from referral'))[0]?.n),
    /** Links a partner user to every service of one directory organization (as the admin). */
    link: (userId: string, organizationId: string) =>
      call(h.app, 'PUT', `/api/partners/${userId}`, { cookie: w.cookie.admin, body: { organizationId } }),
  };
}
