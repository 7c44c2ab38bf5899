// The world the authorization matrix runs in (not used by the server): two
// organizations, a caller of each role, and for each kind of record (the
// CHW's own, another CHW's, another organization's) a person with the
// sub-records that routes address by id.
import { readFile } from 'node:fs/promises';
import { canonicalOf, phq9, talkCheck, uuidv7 } from '@puente/core';
import { ORG_ID, sampleDirectory, serviceId } from '../features/directory/sample-directory.js';
import { importDirectory } from '../features/hsds/import.js';
import { readJson } from '../features/hsds/read-json.js';
import { byPoints } from '../features/screenings/testing.js';
import { type Harness, PASSWORD, seedOrg, type TestOrg } from './app.js';
import { programToday } from './dates.js';
import { call, type Reply, signIn } from './http.js';
import { passwordChosen } from './users.js';

export const callers = ['chw', 'supervisor', 'manager', 'admin', 'partner', 'anonymous'] as const;
export type Caller = (typeof callers)[number];
export const kinds = ['own', 'colleague', 'foreign'] as const;
/** own: in the CHW's caseload (and the supervisor's team); colleague: another CHW's, same organization; foreign: another organization's. */
export type Kind = (typeof kinds)[number];

/** Family names that mark each kind's people, so a response naming someone it should not is caught. */
export const marker: Record<Kind, string> = {
  own: 'Tallowmere',
  colleague: 'Quillfeather',
  foreign: 'Brackenridge',
};

export interface Person {
  clientId: string;
  encounterId: string;
  goalId: string;
  stepId: string;
  appointmentId: string;
  taskId: string;
  alertId: string;
  referralId: string;
}

export interface World {
  h: Harness;
  home: TestOrg;
  away: TestOrg;
  /** Session cookies of the home organization's callers ('' for anonymous). */
  cookie: Record<Caller, string>;
  /** The CHW who holds each kind's caseload: the home CHW, the home CHW on no team, the away CHW. */
  owner: Record<Kind, { id: string; cookie: string }>;
  awayAdmin: string;
  person: Record<Kind, Person>;
  event: Record<Kind, string>;
  eventCode: string;
  fhirClient: Record<Kind, string>;
  /** Partner users: the home one answers for the directory organization the own referral goes to. */
  partner: Record<Kind, string>;
  /** The service each kind's referrals go to; the colleague's is run by another partner organization. */
  referTo: Record<Kind, string>;
  /** HSDS ids by table: own and colleague read the home directory, foreign the away one. */
  hsds: Record<Kind, Record<HsdsTable, string>>;
  /** The public directory and help-page slug: the home one is public, the away one is not. */
  slug: Record<Kind, string>;
  /** A service at a place in the home directory (a search result id). */
  resourceId: string;
  /** What the admin's settings screens read now, sent back unchanged by the PUT routes. */
  settings: { program: unknown; crisis: unknown; directory: unknown; referrals: unknown };
  /** Text no successful answer to this caller may hold. */
  hidden: Record<Caller, string[]>;
}

export const hsdsTables = [
  'services',
  'service_at_locations',
  'organizations',
  'taxonomies',
  'taxonomy_terms',
] as const;
export type HsdsTable = (typeof hsdsTables)[number];
const hsdsTableName: Record<HsdsTable, string> = {
  services: 'hsds_service',
  service_at_locations: 'hsds_service_at_location',
  organizations: 'hsds_organization',
  taxonomies: 'hsds_taxonomy',
  taxonomy_terms: 'hsds_taxonomy_term',
};

/** The answer, or an error saying which setup step failed. */
export async function expectOk(reply: Promise<Reply>, what: string): Promise<Record<string, unknown>> {
  const r = await reply;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const daysFromNow = programToday;
export const visitBody = () => ({
  kind: 'home-visit',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  language: 'es',
});
export const safetyPlanBody = {
  language: 'es',
  content: {
    warningSigns: ['No duermo'],
    copingOnMyOwn: ['Caminar'],
    peopleAndPlaces: ['La iglesia'],
    peopleToAsk: ['Mi hermana'],
    professionals: ['Línea 988'],
    safeSurroundings: ['Guardar las pastillas'],
  },
};
export const eventBody = () => ({
  title: 'Stress and sleep',
  heldOn: daysFromNow(0),
  place: 'Library',
  audience: 'general',
  language: 'en',
  checkQuestionnaire: canonicalOf(talkCheck),
});
export const quietScreen = () => byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);

const SHELTER_ORG = 'f0000000-0000-4000-8000-000000000002';
/** The home directory: the sample one, with the shelter run by a second partner organization. */
export function homeDirectory() {
  const directory = sampleDirectory();
  directory['organizations.csv']?.push({ id: SHELTER_ORG, name: 'Casa Esperanza', description: 'Shelter' });
  const shelter = directory['services.csv']?.find((s) => s.id === serviceId(1));
  if (shelter) shelter.organization_id = SHELTER_ORG;
  return directory;
}

/** Refers the person of `kind` to that kind's service, as the CHW who holds them. */
export async function freshReferral(
  w: World,
  kind: Kind,
  clientId = w.person[kind].clientId,
): Promise<string> {
  const made = await expectOk(
    call(w.h.app, 'POST', `/api/clients/${clientId}/referrals`, {
      cookie: w.owner[kind].cookie,
      body: { serviceId: w.referTo[kind], need: 'food-insecurity', reason: 'Runs out of food' },
    }),
    `referral ${kind}`,
  );
  return String(made.id);
}

/** Registers someone new in the caseload of `kind`'s CHW, named so no leak check looks for them. */
export async function freshClient(w: World, kind: Kind): Promise<string> {
  const body = await expectOk(
    call(w.h.app, 'POST', '/api/clients', {
      cookie: w.owner[kind].cookie,
      body: { givenName: 'Spare', familyName: `Spare ${kind}`, preferredLanguage: 'es', notADuplicate: true },
    }),
    `register ${kind}`,
  );
  return String(body.id);
}

async function makePerson(h: Harness, cookie: string, kind: Kind, referTo: string): Promise<Person> {
  const post = (path: string, body: unknown) => expectOk(call(h.app, 'POST', path, { cookie, body }), path);
  const client = await post('/api/clients', {
    givenName: 'Ana',
    familyName: marker[kind],
    preferredLanguage: 'es',
    notADuplicate: true,
  });
  const c = `/api/clients/${client.id}`;
  const encounter = await post(`${c}/encounters`, visitBody());
  const goal = await post(`${c}/goals`, { text: 'Sleep better', needArea: 'behavioral-health' });
  const withStep = await post(`${c}/goals/${goal.id}/steps`, { text: 'Walk daily', owner: 'client' });
  const steps = withStep.steps as { id: string }[];
  const appointment = await post(`${c}/appointments`, {
    place: 'Clinic',
    at: `${daysFromNow(7)}T10:00:00Z`,
  });
  const task = await post(`${c}/tasks`, { title: 'Call back', dueOn: daysFromNow(3) });
  await post(`${c}/screenings`, quietScreen());
  await expectOk(call(h.app, 'PUT', `${c}/safety-plan`, { cookie, body: safetyPlanBody }), 'plan');
  const alert = await post('/api/alerts', { id: uuidv7(), clientId: client.id, note: 'matrix' });
  const today = daysFromNow(0);
  await post(`${c}/consents`, { kind: 'service', method: 'verbal', givenOn: today });
  await post(`${c}/consents`, { kind: 'share', method: 'verbal', givenOn: today, partnerCategory: 'food' });
  const referral = await post(`${c}/referrals`, {
    serviceId: referTo,
    need: 'food-insecurity',
    reason: 'Runs out of food',
  });
  return {
    clientId: String(client.id),
    encounterId: String(encounter.id),
    goalId: String(goal.id),
    stepId: steps[0]?.id ?? '',
    appointmentId: String(appointment.id),
    taskId: String(task.id),
    alertId: String(alert.id),
    referralId: String(referral.id),
  };
}

async function hsdsIds(h: Harness, orgId: string, otherOrgId: string) {
  const ids = {} as Record<HsdsTable, string>;
  for (const table of hsdsTables) {
    const name = hsdsTableName[table];
    // An id only this organization has, so reading it from the other one really tests the scope.
    const [row] = await h.db.query<{ id: string }>(
      `select id from ${name} where org_id = $1 and id not in (select id from ${name} where org_id = $2)
        order by id limit 1`,
      [orgId, otherOrgId],
    );
    if (!row) throw new Error(`no ${table} to test with`);
    ids[table] = row.id;
  }
  return ids;
}

/** Builds the world: about a hundred requests, some seconds. */
export async function matrixWorld(h: Harness): Promise<World> {
  const home = await seedOrg(h.db, 'matrix');
  const away = await seedOrg(h.db, 'matrix-away');
  const sign = (email: string) => signIn(h.app, email, PASSWORD);
  const cookie: Record<Caller, string> = {
    chw: await sign(home.chw),
    supervisor: await sign(home.supervisor),
    manager: await sign(home.manager),
    admin: await sign(home.admin),
    partner: await sign(home.partner),
    anonymous: '',
  };
  const awayAdmin = await sign(away.admin);
  const owner: World['owner'] = {
    own: { id: home.ids[home.chw] ?? '', cookie: cookie.chw },
    colleague: { id: home.ids[home.chw2] ?? '', cookie: await sign(home.chw2) },
    foreign: { id: away.ids[away.chw] ?? '', cookie: await sign(away.chw) },
  };
  const as = (c: string) => ({
    post: (path: string, body: unknown) => expectOk(call(h.app, 'POST', path, { cookie: c, body }), path),
    put: (path: string, body: unknown) => expectOk(call(h.app, 'PUT', path, { cookie: c, body }), path),
    get: (path: string) => expectOk(call(h.app, 'GET', path, { cookie: c }), path),
  });
  await as(cookie.admin).post('/api/teams', {
    name: 'Equipo',
    supervisorId: home.ids[home.supervisor],
    memberIds: [owner.own.id],
  });

  await importDirectory(h.db, home.orgId, readJson(homeDirectory(), 'sample.json'));
  for (const example of ['service_full.json', 'taxonomy_term.json']) {
    const json = JSON.parse(
      await readFile(new URL(`../features/hsds/fixtures/examples/${example}`, import.meta.url), 'utf8'),
    );
    await importDirectory(h.db, away.orgId, readJson(json, example));
  }
  const homeHsds = await hsdsIds(h, home.orgId, away.orgId);
  const hsds = { own: homeHsds, colleague: homeHsds, foreign: await hsdsIds(h, away.orgId, home.orgId) };
  const referTo = { own: serviceId(0), colleague: serviceId(1), foreign: hsds.foreign.services };

  const person = {} as Record<Kind, Person>;
  for (const kind of kinds) person[kind] = await makePerson(h, owner[kind].cookie, kind, referTo[kind]);

  const event = {} as Record<Kind, string>;
  for (const kind of kinds) {
    const made = await as(owner[kind].cookie).post('/api/outreach/events', eventBody());
    event[kind] = String(made.id);
  }
  // Sign-ups are people too: the colleague signs someone up at the CHW's own event.
  for (const [kind, at] of [
    ['own', 'own'],
    ['colleague', 'own'],
    ['foreign', 'foreign'],
  ] as const) {
    await as(owner[kind].cookie).post(`/api/outreach/events/${event[at]}/sign-ups`, {
      givenName: 'Eva',
      familyName: marker[kind],
      preferredLanguage: 'es',
      consentMethod: 'verbal',
      consent: true,
      notADuplicate: true,
    });
  }
  const ownEvent = await as(cookie.chw).get(`/api/outreach/events/${event.own}`);

  const fhirClient = {} as Record<Kind, string>;
  for (const [kind, admin] of [
    ['own', cookie.admin],
    ['colleague', cookie.admin],
    ['foreign', awayAdmin],
  ] as const) {
    const made = await as(admin).post('/api/fhir-clients', { name: `Clinic ${kind}`, partnerName: 'Clinic' });
    fhirClient[kind] = String(made.id);
  }

  // Partner users answer for one directory organization each; the colleague's answers for none.
  const partner2 = await as(cookie.admin).post('/api/users', {
    email: 'partner2@matrix.test',
    displayName: 'Second partner',
    role: 'partner',
    password: PASSWORD,
  });
  await passwordChosen(h.db, String(partner2.id));
  const partner = {
    own: home.ids[home.partner] ?? '',
    colleague: String(partner2.id),
    foreign: away.ids[away.partner] ?? '',
  };
  await as(cookie.admin).put(`/api/partners/${partner.own}`, { organizationId: ORG_ID });
  const slug = { own: 'matrix-home', colleague: 'matrix-home', foreign: 'matrix-away' };
  await as(cookie.admin).put('/api/directory/settings', {
    hsdsPublic: true,
    publicSlug: slug.own,
    staleAfterMonths: 12,
  });
  await as(cookie.admin).put('/api/program/help-page', { enabled: true, slug: slug.own });
  // The away organization keeps its directory private and its help page off, under a slug of its own.
  await as(awayAdmin).put('/api/directory/settings', {
    hsdsPublic: false,
    publicSlug: slug.foreign,
    staleAfterMonths: 12,
  });
  await as(awayAdmin).put('/api/program/help-page', { enabled: false, slug: slug.foreign });

  const [card] = await h.db.query<{ id: string }>(
    'select id from directory_card where org_id = $1 order by id limit 1',
    [home.orgId],
  );
  const resourceId = card?.id ?? '';

  const names = Object.values(marker);
  // The other organization's person, CHW and directory service: no answer at home may hold them.
  const awayIds = [person.foreign.clientId, owner.foreign.id, hsds.foreign.services];
  const theirs = [marker.colleague, marker.foreign, person.colleague.clientId, ...awayIds];
  return {
    h,
    home,
    away,
    cookie,
    owner,
    awayAdmin,
    person,
    event,
    eventCode: String(ownEvent.checkCode),
    fhirClient,
    partner,
    referTo,
    hsds,
    slug,
    resourceId,
    settings: {
      program: await as(cookie.admin).get('/api/program/settings'),
      crisis: await as(cookie.admin).get('/api/program/crisis-response'),
      directory: await as(cookie.admin).get('/api/directory/settings'),
      referrals: await as(cookie.admin).get('/api/referrals/settings'),
    },
    // CHWs and supervisors see their own caseload by name; managers, admins and partners nobody.
    hidden: {
      chw: theirs,
      supervisor: theirs,
      manager: [...names, ...awayIds],
      admin: [...names, ...awayIds],
      // A partner sees the name of a person referred to its own organization, and no one else.
      partner: theirs,
      anonymous: [...names, ...awayIds],
    },
  };
}
