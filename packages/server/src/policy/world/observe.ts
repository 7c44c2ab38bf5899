// Reading every surface as each actor of the policy test's world (not used by the
// server), and saying what the model lets each of them see.
import { expect } from 'vitest';
import type { Harness } from '../../test/app.js';
import { bodyAs, call } from '../../test/http.js';
import type { WorldAccess } from './build.js';
import {
  type ClinicKey,
  clinicMay,
  clinics,
  type PersonModel,
  partnerMay,
  type ServiceKey,
  type Staff,
  services,
  staff,
  staffMay,
  type WorldModel,
} from './model.js';

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
const caseworkers: Staff[] = ['chwA', 'chwLoose', 'chwB', 'supA', 'supB'];

/** Everything each member of staff can list, open, see on Today and sync, against the policy. */
export async function checkStaff(h: Harness, m: WorldModel, a: WorldAccess): Promise<void> {
  for (const who of staff) {
    const allowed = m.people.filter((p) => staffMay(who, p, 'identity'));
    const hidden = m.people.filter((p) => !allowed.includes(p));
    const cookie = a.cookie[who];
    const list = await call(h.app, 'GET', '/api/clients?limit=200', { cookie });
    if (who === 'manager') expect(list.status, `${who} lists people`).toBe(403);
    else {
      const ids = bodyAs<{ clients: { id: string }[] }>(list).clients.map((c) => c.id);
      expect(sorted(ids), `${who}'s caseload list`).toEqual(sorted(allowed.map((p) => p.id)));
    }
    for (const p of m.people) {
      const read = await call(h.app, 'GET', `/api/clients/${p.id}`, { cookie });
      expect(read.status === 200, `${who} opens ${p.familyName}`).toBe(allowed.includes(p));
      if (read.status !== 200) expect(JSON.stringify(read.body)).not.toContain(p.familyName);
    }
    if (!caseworkers.includes(who)) continue;
    const today = JSON.stringify((await call(h.app, 'GET', '/api/today', { cookie })).body);
    for (const p of hidden) expect(today, `${who}'s Today names ${p.familyName}`).not.toContain(p.familyName);
    expect(sorted(await pulledPeople(h, cookie)), `${who}'s phone`).toEqual(sorted(allowed.map((p) => p.id)));
  }
}

/** The people a first sync puts on a new phone. */
async function pulledPeople(h: Harness, cookie: string): Promise<string[]> {
  const device = crypto.randomUUID();
  const people: string[] = [];
  let cursor = '';
  for (let page = 0; page < 20; page += 1) {
    const query = `device=${device}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const reply = await call(h.app, 'GET', `/api/sync/pull?${query}`, { cookie });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = bodyAs<{ rows: { entity: string; id: string }[]; more: boolean; cursor: string }>(reply);
    people.push(...body.rows.filter((r) => r.entity === 'client').map((r) => r.id));
    if (!body.more) return people;
    cursor = body.cursor;
  }
  throw new Error('the first sync did not end in 20 pages');
}

interface InboxRow {
  id: string;
  person: { name?: string | null; phone?: string | null; ageRange?: string | null };
}

/** Each partner's inbox and each referral opened by id, against the policy, field by field. */
export async function checkPartners(h: Harness, m: WorldModel, a: WorldAccess): Promise<void> {
  const all = m.people.flatMap((p) => p.referrals.map((r) => ({ p, r })));
  for (const s of services) {
    const cookie = a.partner[s];
    const visible = all.filter(({ p, r }) => partnerMay(m, s, p, r, 'referral'));
    const inbox = await call(h.app, 'GET', '/api/partner/referrals?state=all', { cookie });
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    const rows = bodyAs<{ referrals: InboxRow[] }>(inbox).referrals;
    expect(sorted(rows.map((r) => r.id)), `${s} partner's inbox`).toEqual(
      sorted(visible.map(({ r }) => r.id)),
    );
    for (const row of rows) {
      const found = visible.find(({ r }) => r.id === row.id);
      if (!found) continue;
      expect(Boolean(row.person.phone), `${s} sees the phone of ${found.p.familyName}`).toBe(
        partnerMay(m, s, found.p, found.r, 'contact') !== undefined,
      );
      expect(Boolean(row.person.ageRange)).toBe(
        partnerMay(m, s, found.p, found.r, 'identity')?.includes('ageRange') ?? false,
      );
    }
    const text = JSON.stringify(rows);
    for (const { p } of all.filter((x) => !visible.includes(x))) {
      if (!visible.some((v) => v.p === p))
        expect(text, `${s} partner reads ${p.familyName}`).not.toContain(p.familyName);
    }
    for (const { r } of all) {
      const one = await call(h.app, 'GET', `/api/partner/referrals/${r.id}`, { cookie });
      expect(one.status, `${s} partner opens referral ${r.id}`).toBe(
        visible.some((v) => v.r === r) ? 200 : 404,
      );
    }
  }
}

type Bundle = { entry?: { resource: Record<string, unknown> }[] };
const subjectOf = (r: Record<string, unknown>) =>
  String((r.subject as { reference?: string } | undefined)?.reference ?? '').replace('Patient/', '');

/** What each clinic's FHIR client reads, by search, against the policy. */
export async function checkClinics(h: Harness, m: WorldModel, a: WorldAccess): Promise<void> {
  for (const c of clinics) {
    const read = async (query: string) => {
      const reply = await call(h.app, 'GET', `/fhir/r4/${query}`, {
        headers: { authorization: `Bearer ${a.clinicSecret[c]}` },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return (bodyAs<Bundle>(reply).entry ?? []).map((e) => e.resource);
    };
    const who = (kind: Parameters<typeof clinicMay>[3], has: (p: PersonModel) => boolean) =>
      sorted(m.people.filter((p) => has(p) && clinicMay(m, c, p, kind)).map((p) => p.id));
    const patients = await read('Patient?_count=1000');
    expect(sorted(patients.map((p) => String(p.id))), `${c} clinic's patients`).toEqual(
      who('identity', () => true),
    );
    for (const patient of patients) {
      const p = m.people.find((x) => x.id === patient.id);
      if (p)
        expect(Boolean(patient.telecom), `${c} clinic reads ${p.familyName}'s phone`).toBe(
          clinicMay(m, c, p, 'contact'),
        );
    }
    const requests = await read('ServiceRequest?_count=1000');
    const expected = m.people.flatMap((p) => p.referrals.filter((r) => clinicMay(m, c, p, 'referral', r)));
    expect(sorted(requests.map((r) => String(r.id))), `${c} clinic's referrals`).toEqual(
      sorted(expected.map((r) => r.id)),
    );
    const checks: [string, Parameters<typeof clinicMay>[3], (p: PersonModel) => boolean][] = [
      ['QuestionnaireResponse?_count=1000', 'screening-answer', (p) => p.screened],
      ['Observation?code=44260-8&_count=1000', 'screening-answer', (p) => p.screened],
      ['Observation?code=http://loinc.org|44261-6&_count=1000', 'screening-total', (p) => p.screened],
      ['Goal?_count=1000', 'goal', (p) => p.goal],
      ['Encounter?_count=1000', 'visit', (p) => p.visit],
    ];
    for (const [query, kind, has] of checks) {
      expect(sorted((await read(query)).map(subjectOf)), `${c} clinic: ${query}`).toEqual(who(kind, has));
    }
  }
}

/** Each page of services opens while it stands, and not after a withdrawal revoked it. */
export async function checkLinks(h: Harness, m: WorldModel): Promise<void> {
  for (const p of m.people) {
    if (!p.linkToken) continue;
    const page = await call(h.app, 'GET', `/api/public/resource-links/${p.linkToken}`);
    expect(page.status === 200, `${p.familyName}'s page of services opens`).toBe(!p.linkRevoked);
  }
}

export type { ClinicKey, ServiceKey };
