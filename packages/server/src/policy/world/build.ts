// Making the policy test's world through the API, as the program's people would
// (not used by the server). The fixed part is made once per file; each generated
// person is added with `addPerson` and recorded in the model.
import { addDays, type ConsentFact, decide, phq9, type ShareableKind, uuidv7 } from '@puente/core';
import { expect } from 'vitest';
import { sampleDirectory, serviceId } from '../../features/directory/sample-directory.js';
import { importDirectory } from '../../features/hsds/import.js';
import { readJson } from '../../features/hsds/read-json.js';
import { byPoints } from '../../features/screenings/testing.js';
import { type Harness, PASSWORD, seedOrg } from '../../test/app.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call, type Reply, signIn } from '../../test/http.js';
import { passwordChosen } from '../../test/users.js';
import {
  type ClinicKey,
  type Holder,
  needFor,
  type PersonModel,
  relationOf,
  type ServiceKey,
  type Staff,
  staffMay,
  type WorldModel,
} from './model.js';

/** Who signs in, and the secrets of the clinics' FHIR clients. */
export interface WorldAccess {
  cookie: Record<Staff, string>;
  partner: Record<ServiceKey, string>;
  clinicSecret: Record<ClinicKey, string>;
  /** A clinic's id is also the id of its FHIR Group (the people it may export). */
  clinicId: Record<ClinicKey, string>;
  /** User ids of the staff who are named as assignees and new holders. */
  userId: Pick<Record<Staff, string>, 'chwB' | 'supB'>;
}

const ORG_NAME = 'Red Comunitaria';
const PANTRY = serviceId(0);
const LEGAL = serviceId(6);

const ok = (reply: Reply, status = 201) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
};

/** Two teams, a CHW on none, a manager, an admin, two partners of one directory organization, three clinics. */
export async function buildWorld(h: Harness): Promise<{ model: WorldModel; access: WorldAccess }> {
  const org = await seedOrg(h.db, 'world');
  await importDirectory(h.db, org.orgId, readJson(sampleDirectory(), 'sample.json'));
  const admin = await signIn(h.app, org.admin, PASSWORD);
  const user = async (email: string, role: string) => {
    const id = String(
      ok(
        await call(h.app, 'POST', '/api/users', {
          cookie: admin,
          body: { email, displayName: email.split('@')[0], role, password: PASSWORD },
        }),
      ).id,
    );
    await passwordChosen(h.db, id);
    return id;
  };
  const supB = await user('supb@world.test', 'supervisor');
  const chwB = await user('chwb@world.test', 'chw');
  const legalPartner = await user('legal@world.test', 'partner');
  const team = (name: string, supervisorId: string | undefined, member: string | undefined) =>
    call(h.app, 'POST', '/api/teams', { cookie: admin, body: { name, supervisorId, memberIds: [member] } });
  ok(await team('A', org.ids[org.supervisor], org.ids[org.chw]));
  ok(await team('B', supB, chwB));
  await linkPartnerToService(h, admin, String(org.ids[org.partner]), PANTRY);
  await linkPartnerToService(h, admin, legalPartner, LEGAL);
  const clinic = {
    food: { partnerName: null, partnerCategory: 'food' },
    legal: { partnerName: null, partnerCategory: 'legal' },
    byName: { partnerName: ORG_NAME, partnerCategory: null },
  };
  const clinicSecret = {} as Record<ClinicKey, string>;
  const clinicId = {} as Record<ClinicKey, string>;
  for (const [key, registration] of Object.entries(clinic) as [ClinicKey, (typeof clinic)[ClinicKey]][]) {
    const body = Object.fromEntries(Object.entries(registration).filter(([, v]) => v !== null));
    const made = ok(
      await call(h.app, 'POST', '/api/fhir-clients', {
        cookie: admin,
        body: { name: `Clinic ${key}`, ...body },
      }),
    );
    clinicSecret[key] = String(made.secret);
    clinicId[key] = String(made.id);
  }
  const cookie: Record<Staff, string> = {
    chwA: await signIn(h.app, org.chw, PASSWORD),
    chwLoose: await signIn(h.app, org.chw2, PASSWORD),
    chwB: await signIn(h.app, 'chwb@world.test', PASSWORD),
    supA: await signIn(h.app, org.supervisor, PASSWORD),
    supB: await signIn(h.app, 'supb@world.test', PASSWORD),
    manager: await signIn(h.app, org.manager, PASSWORD),
    admin,
  };
  const partner = {
    pantry: await signIn(h.app, org.partner, PASSWORD),
    legal: await signIn(h.app, 'legal@world.test', PASSWORD),
  };
  return {
    model: { people: [], orgName: ORG_NAME, serviceIds: { pantry: PANTRY, legal: LEGAL }, clinic },
    access: { cookie, partner, clinicSecret, clinicId, userId: { chwB, supB } },
  };
}

/** Links a partner user to one service, as the admin does on the Partners screen. */
async function linkPartnerToService(h: Harness, admin: string, userId: string, service: string) {
  ok(
    await call(h.app, 'PUT', `/api/partners/${userId}/services`, {
      cookie: admin,
      body: { serviceIds: [service] },
    }),
    200,
  );
}

/** One generated person: who holds them, what they agreed to, and what was done with them. */
export interface PersonSpec {
  holder: Holder;
  safeToContact: boolean;
  serviceConsent: boolean;
  shares: { to: 'food' | 'legal' | 'byName'; dataKinds: ShareableKind[] | null }[];
  referrals: { service: ServiceKey; shares: ('phone' | 'age-range')[]; doNotContact: boolean }[];
  screened: boolean;
  goal: boolean;
  visit: boolean;
  brokenBySupB: boolean;
  link: boolean;
}

let counter = 0;

/** Makes the person through the API as their CHW would, and records what the server kept. */
export async function addPerson(
  h: Harness,
  m: WorldModel,
  a: WorldAccess,
  spec: PersonSpec,
): Promise<PersonModel> {
  counter += 1;
  const familyName = `Zmark${counter}x`;
  const cookie = a.cookie[spec.holder];
  const made = ok(
    await call(h.app, 'POST', '/api/clients', {
      cookie,
      body: {
        givenName: 'Persona',
        familyName,
        preferredLanguage: 'es',
        phone: `559-555-${String(1000 + counter).slice(-4)}`,
        ageRange: '25-34',
        safeToContact: spec.safeToContact,
        notADuplicate: true,
      },
    }),
  );
  const p: PersonModel = {
    id: String(made.id),
    familyName,
    holder: spec.holder,
    safeToContact: spec.safeToContact,
    consents: [],
    referrals: [],
    screened: spec.screened,
    goal: spec.goal,
    // A page of services is recorded as a text to the person: a visit like any other.
    visit: spec.visit || spec.link,
    brokenBy: [],
    linkRevoked: false,
  };
  const path = `/api/clients/${p.id}`;
  const today = programToday();
  const consent = async (body: Record<string, unknown>) => {
    const k = ok(
      await call(h.app, 'POST', `${path}/consents`, {
        cookie,
        body: { method: 'verbal', givenOn: today, ...body },
      }),
    );
    p.consents.push(consentFact(k));
  };
  if (spec.serviceConsent) await consent({ kind: 'service' });
  for (const share of spec.shares) {
    const to = share.to === 'byName' ? { partnerName: m.orgName } : { partnerCategory: share.to };
    await consent({ kind: 'share', ...to, ...(share.dataKinds ? { dataKinds: share.dataKinds } : {}) });
  }
  for (const r of spec.referrals) {
    const reply = await call(h.app, 'POST', `${path}/referrals`, {
      cookie,
      body: {
        serviceId: m.serviceIds[r.service],
        need: needFor[r.service],
        reason: `Needs help ${familyName}`,
        shares: r.shares,
        doNotContact: r.doNotContact,
      },
    });
    // Without a consent naming the partner the program may not refer: the policy says which.
    if (reply.status === 403) continue;
    const body = ok(reply);
    const [row] = await h.db.query<{ consentId: string }>(
      'select consent_id as "consentId" from referral where id = $1',
      [body.id],
    );
    p.referrals.push({
      id: String(body.id),
      service: r.service,
      serviceId: m.serviceIds[r.service],
      partnerName: m.orgName,
      need: needFor[r.service],
      consentId: String(row?.consentId),
      status: 'requested',
      shares: r.shares,
      doNotContact: r.doNotContact,
    });
  }
  if (spec.screened) {
    ok(
      await call(h.app, 'POST', `${path}/screenings`, {
        cookie,
        body: byPoints(phq9, 'phq9', [1, 1, 1, 1, 1, 1, 1, 1, 1]),
      }),
    );
  }
  if (spec.goal) {
    ok(
      await call(h.app, 'POST', `${path}/goals`, {
        cookie,
        body: { text: 'Comer bien', needArea: 'food-insecurity' },
      }),
    );
  }
  if (spec.visit) {
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    ok(
      await call(h.app, 'POST', `${path}/encounters`, {
        cookie,
        body: { kind: 'home-visit', occurredAt, language: 'es', activities: [] },
      }),
    );
  }
  if (spec.brokenBySupB && spec.holder !== 'chwB') {
    ok(
      await call(h.app, 'POST', `${path}/break-glass`, {
        cookie: a.cookie.supB,
        body: { reason: 'Crisis call after hours' },
      }),
      200,
    );
    p.brokenBy.push('supB');
    // Through the window, supervisor B may read and act, but not hand the person to their own team
    // nor put them on the Today of a CHW who does not hold them.
    const task = await call(h.app, 'POST', `${path}/tasks`, {
      cookie: a.cookie.supB,
      body: { title: `Llamar a ${familyName}`, dueOn: today, assigneeId: a.userId.chwB },
    });
    expect(task.status === 201, 'a task on a person outside the assignee’s caseload').toBe(
      staffMay('chwB', p, 'task'),
    );
    const moved = await call(h.app, 'POST', `${path}/transfer`, {
      cookie: a.cookie.supB,
      body: { chwId: a.userId.chwB, reason: 'Mejor con mi equipo' },
    });
    const mayMove = decide(
      { type: 'user', role: 'supervisor' },
      'transfer',
      { kind: 'identity', transfer: 'across-teams' },
      {
        now: new Date(),
        relation: relationOf('supB', p),
        consents: p.consents,
      },
    ).allowed;
    expect(moved.status === 204, 'a transfer through break-the-glass').toBe(mayMove);
    expect(moved.status, 'a refused transfer is refused, not failed').toBeLessThan(500);
  }
  if (spec.link) {
    const search = bodyAs<{ results: { id: string }[] }>(
      await call(h.app, 'GET', '/api/directory/search?limit=1', { cookie }),
    );
    const link = ok(
      await call(h.app, 'POST', `${path}/resource-links`, {
        cookie,
        body: { resourceIds: [search.results[0]?.id], language: 'es', expiresOn: addDays(today, 30) },
      }),
    );
    p.linkToken = String(link.url).split('/resources/')[1];
  }
  m.people.push(p);
  return p;
}

/** A consent as the server answered it, as the policy reads it. */
export function consentFact(k: Record<string, unknown>): ConsentFact {
  return {
    id: String(k.id),
    kind: k.kind as ConsentFact['kind'],
    partnerName: (k.partnerName as string | null) ?? null,
    partnerCategory: (k.partnerCategory as string | null) ?? null,
    dataKinds: (k.dataKinds as string[] | null) ?? null,
    revokedAt: (k.revokedAt as string | null) ?? null,
  };
}

/** The person withdraws one consent (by their CHW): the model learns when, and what the server cancelled. */
export async function withdraw(h: Harness, a: WorldAccess, p: PersonModel, consentId: string): Promise<void> {
  const reply = await call(h.app, 'POST', `/api/clients/${p.id}/consents/${consentId}/revoke`, {
    cookie: a.cookie[p.holder],
    body: {},
  });
  const k = consentFact(ok(reply, 200));
  p.consents = p.consents.map((c) => (c.id === consentId ? k : c));
  const statuses = await h.db.query<{ id: string; status: string }>(
    'select id, status from referral where client_id = $1',
    [p.id],
  );
  for (const r of p.referrals) r.status = statuses.find((s) => s.id === r.id)?.status ?? r.status;
  if (p.linkToken) p.linkRevoked = true;
}

export const newDevice = () => uuidv7();
