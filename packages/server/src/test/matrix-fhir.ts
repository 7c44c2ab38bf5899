// The FHIR API in the authorization matrix (not used by the server). Its callers are API
// clients, never sessions: the system of the food bank the CHW's own person was referred to
// (under a consent to share the minimum with food help), another client of the same program
// (registered for legal help), another program's food bank, a signed-in admin, and no one.
// The expected answer of each cell is written here by hand, like the matrix's own table.
import { builtInQuestionnaires } from '@puente/core';
import { type ExportType, exportTypes } from '../features/fhir/bulk.js';
import { fhirRoutes } from '../features/fhir/routes.js';
import { call } from './http.js';
import { expectOk, marker, type World } from './matrix-world.js';

export const fhirCallers = ['addressed', 'colleague', 'foreign', 'session', 'anonymous'] as const;
export type FhirCaller = (typeof fhirCallers)[number];
type Outcome = 'ok' | 'signIn' | 'notFound' | 'invalid' | 'forbidden';
type FhirRow = readonly [Outcome, Outcome, Outcome, Outcome, Outcome];

export interface FhirWorld {
  /** The headers each caller sends. */
  headers: Record<FhirCaller, Record<string, string>>;
  /** The addressed client's id (its Group) and an export of it with its files written. */
  groupId: string;
  exportId: string;
  /** The own person's resources, by FHIR type. */
  ids: Record<string, string>;
  /** Text no successful answer to this caller may hold. */
  hidden: Record<FhirCaller, string[]>;
  /** An export of the addressed client made for one call (deleting cannot be repeated). */
  freshExport(): Promise<string>;
}

const OK = 'ok';
const NF = 'notFound';
const ANON = 'signIn';
const BAD = 'invalid';
const NO = 'forbidden';
const everyone: FhirRow = [OK, OK, OK, OK, OK];
/** Only the client the referral is addressed to; a session is not a client. */
const addressedOnly: FhirRow = [OK, NF, NF, ANON, ANON];
/** What the minimum consent does not cover: no client reads it, whatever its id. */
const nobody: FhirRow = [NF, NF, NF, ANON, ANON];
/** Searches answer every client, each with what it may see (checked by `hidden`). */
const anyClient: FhirRow = [OK, OK, OK, ANON, ANON];
/**
 * A Task's update (a clinic cancelling its referral) needs system/Task.u, which a static
 * secret never carries: refused before anything is read. Clients with the scope are in
 * intake/cancel.test.ts (another client's Task or an unknown id: 404).
 */
const updateNone: FhirRow = [NO, NO, NO, ANON, ANON];

/** Every kind of resource about a person: what a group export holds. */
const personTypes = exportTypes;
const readable: Record<ExportType, FhirRow> = {
  Patient: addressedOnly,
  QuestionnaireResponse: nobody,
  Observation: nobody,
  Consent: addressedOnly,
  Goal: nobody,
  CarePlan: nobody,
  Encounter: nobody,
  ServiceRequest: addressedOnly,
  Task: addressedOnly,
};

interface FhirCase {
  /** The route as fhirRoutes names it. */
  route: string;
  want: FhirRow;
  path(f: FhirWorld): string | Promise<string>;
  /** Sent beside the caller's own headers (a bulk kick-off must ask to respond asynchronously). */
  headers?: Record<string, string>;
}

const ASYNC = { prefer: 'respond-async' };

const questionnaireId = builtInQuestionnaires[1]?.id ?? 'phq9';

export const fhirCases: FhirCase[] = [
  { route: 'GET /fhir/r4/metadata', want: everyone, path: () => '/fhir/r4/metadata' },
  ...['/fhir/r4/.well-known/smart-configuration', '/fhir/.well-known/smart-configuration'].map(
    (path): FhirCase => ({ route: `GET ${path}`, want: everyone, path: () => path }),
  ),
  // The token endpoint reads its caller from the signed assertion in the body, never from headers or cookies.
  { route: 'POST /fhir/auth/token', want: [BAD, BAD, BAD, BAD, BAD], path: () => '/fhir/auth/token' },
  // Referrals to the program need system/ServiceRequest.c and system/Task.c: a static secret reads only (403).
  ...['/fhir/r4', '/fhir/r4/'].map(
    (path): FhirCase => ({ route: `POST ${path}`, want: [NO, NO, NO, ANON, ANON], path: () => path }),
  ),
  ...['PUT', 'PATCH'].map((method) => ({
    route: `${method} /fhir/r4/Task/:id`,
    want: updateNone,
    path: (f: FhirWorld) => `/fhir/r4/Task/${f.ids.Task}`,
  })),
  { route: 'GET /fhir/r4/Group/:id', want: addressedOnly, path: (f) => `/fhir/r4/Group/${f.groupId}` },
  {
    route: 'GET /fhir/r4/Group/:id/$export',
    want: addressedOnly,
    path: (f) => `/fhir/r4/Group/${f.groupId}/$export`,
    headers: ASYNC,
  },
  // Every client exports what it sees (checked by `hidden` in the files of the addressed one's export).
  { route: 'GET /fhir/r4/$export', want: anyClient, path: () => '/fhir/r4/$export', headers: ASYNC },
  {
    route: 'GET /fhir/r4/Patient/$export',
    want: anyClient,
    path: () => '/fhir/r4/Patient/$export',
    headers: ASYNC,
  },
  {
    route: 'GET /fhir/r4/$export-status/:job',
    want: addressedOnly,
    path: (f) => `/fhir/r4/$export-status/${f.exportId}`,
  },
  {
    route: 'DELETE /fhir/r4/$export-status/:job',
    want: addressedOnly,
    path: async (f) => `/fhir/r4/$export-status/${await f.freshExport()}`,
  },
  {
    route: 'GET /fhir/r4/$export-file/:job/:file',
    want: addressedOnly,
    path: (f) => `/fhir/r4/$export-file/${f.exportId}/Patient.ndjson`,
  },
  {
    route: 'GET /fhir/r4/:type',
    want: anyClient,
    path: () => '/fhir/r4/Questionnaire',
  },
  {
    route: 'GET /fhir/r4/:type/:id',
    want: [OK, OK, OK, ANON, ANON],
    path: () => `/fhir/r4/Questionnaire/${questionnaireId}`,
  },
  ...personTypes.flatMap((type): FhirCase[] => [
    {
      route: 'GET /fhir/r4/:type',
      want: anyClient,
      path: (f) => `/fhir/r4/${type}?${type === 'Patient' ? '_id' : 'patient'}=${f.ids.Patient}`,
    },
    { route: 'GET /fhir/r4/:type/:id', want: readable[type], path: (f) => `/fhir/r4/${type}/${f.ids[type]}` },
  ]),
];

const outcomeOf = (status: number): string =>
  status >= 200 && status < 300
    ? OK
    : (({ 400: BAD, 401: ANON, 403: NO, 404: NF } as Record<number, string>)[status] ?? `HTTP ${status}`);

/** Registers the three clients, finds the own person's resources and runs one export. */
export async function fhirWorld(w: World): Promise<FhirWorld> {
  const register = async (cookie: string, body: Record<string, unknown>) =>
    expectOk(call(w.h.app, 'POST', '/api/fhir-clients', { cookie, body }), 'fhir client');
  const addressed = await register(w.cookie.admin, { name: 'Food bank', partnerCategory: 'food' });
  const colleague = await register(w.cookie.admin, { name: 'Legal clinic', partnerCategory: 'legal' });
  const foreign = await register(w.awayAdmin, { name: 'Away food bank', partnerCategory: 'food' });
  const bearer = (c: Record<string, unknown>) => ({ authorization: `Bearer ${String(c.secret)}` });
  const headers: FhirWorld['headers'] = {
    addressed: bearer(addressed),
    colleague: bearer(colleague),
    foreign: bearer(foreign),
    session: { cookie: w.cookie.admin },
    anonymous: {},
  };
  const own = w.person.own;
  const [row] = await w.h.db.query<{ screening: string; consent: string }>(
    `select (select id from screening where client_id = $1 order by authored_at limit 1) as screening,
            (select consent_id from referral where id = $2) as consent`,
    [own.clientId, own.referralId],
  );
  const groupId = String(addressed.id);
  const freshExport = async () => {
    const kickoff = await call(w.h.app, 'GET', `/fhir/r4/Group/${groupId}/$export`, {
      headers: { ...headers.addressed, ...ASYNC },
    });
    return kickoff.headers.get('content-location')?.split('/').at(-1) ?? '';
  };
  const exportId = await freshExport();
  await expectOk(
    call(w.h.app, 'GET', `/fhir/r4/$export-status/${exportId}`, { headers: headers.addressed }),
    'export',
  );
  const screening = row?.screening ?? '';
  const ownPerson = [own.clientId, marker.own];
  const foreignPerson = [w.person.foreign.clientId, marker.foreign];
  return {
    headers,
    groupId,
    exportId,
    freshExport,
    ids: {
      Patient: own.clientId,
      QuestionnaireResponse: screening,
      Observation: `${screening}-total`,
      Consent: row?.consent ?? '',
      Goal: own.goalId,
      CarePlan: own.clientId,
      Encounter: own.encounterId,
      ServiceRequest: own.referralId,
      Task: own.referralId,
    },
    hidden: {
      // The food bank reads the referral and who it is about, not the screen, goal or visit.
      addressed: [screening, own.goalId, own.encounterId, ...foreignPerson],
      colleague: [...ownPerson, ...foreignPerson],
      foreign: [...ownPerson, ...foreignPerson],
      session: [...ownPerson, ...foreignPerson],
      anonymous: [...ownPerson, ...foreignPerson],
    },
  };
}

/** Calls every FHIR case as every caller; returns each cell that answered otherwise than expected. */
export async function walkFhir(w: World, f: FhirWorld): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of fhirCases) {
    const [method = ''] = c.route.split(' ');
    for (const [column, caller] of fhirCallers.entries()) {
      const path = await c.path(f);
      const reply = await call(w.h.app, method, path, { headers: { ...f.headers[caller], ...c.headers } });
      const got = outcomeOf(reply.status);
      const want = c.want[column];
      if (got !== want) wrong.push(`${caller} ${method} ${path}: want ${want}, got ${got}`);
      if (got !== OK) continue;
      // A search's own links repeat the query (a person's id): only what it found counts.
      const text = JSON.stringify(reply.body.resourceType === 'Bundle' ? reply.body.entry : reply.body);
      const seen = f.hidden[caller].filter((secret) => secret && text.includes(secret));
      if (seen.length > 0) wrong.push(`${caller} ${method} ${path}: answer shows ${seen.join(', ')}`);
    }
  }
  return wrong;
}

/** The FHIR routes the app serves (method and path), for checking every one has a case. */
export const fhirRouteKeys = (): string[] => [
  ...new Set(fhirRoutes.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
];
