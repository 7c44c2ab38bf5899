import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../test/app.js';
import { call } from '../test/http.js';
import { fhirCases, fhirRouteKeys, fhirWorld, walkFhir } from '../test/matrix-fhir.js';
import { recipeFor } from '../test/matrix-requests.js';
import { expiredSession } from '../test/matrix-sessions.js';
import { type Caller, callers, kinds, matrixWorld, type World } from '../test/matrix-world.js';

// Every route of the API document × every caller × (for routes about a record)
// the CHW's own record, another CHW's and another organization's. The expected
// answer of each cell is written below, by hand: never derived from
// permissions.ts, so widening a permission or dropping a scope check fails here.

/** ok: 2xx. invalid: 400, a body the caller may send refused on its merits (noted where used). */
type Outcome = 'ok' | 'invalid' | 'signIn' | 'forbidden' | 'notFound';
/** One outcome for every record, or one per record: [own, colleague's, other organization's]. */
type Cell = Outcome | readonly [Outcome, Outcome, Outcome];
/** chw, supervisor, manager, admin, partner, anonymous. */
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell];

const OK = 'ok';
const NO = 'forbidden';
const ANON = 'signIn';
const BAD = 'invalid';
const NF = 'notFound';
/** The caller's caseload: their own person answers, another CHW's and another organization's are not found. */
const MINE = [OK, NF, NF] as const;
/** A role allowed to do casework that sees nobody by name (admins, outside break-the-glass). */
const NOBODY = [NF, NF, NF] as const;
/** Anything of the caller's organization, nothing of another. */
const ORG = [OK, OK, NF] as const;
/** The CHW a report is about: the caller's reach answers, beyond it is refused. */
const REACH = [OK, NO, NO] as const;
const ORG_REACH = [OK, OK, NO] as const;

const NOBODY_ID = '00000000-0000-7000-8000-000000000000';
const column3 = { own: 0, colleague: 1, foreign: 2 } as const;

const everyone = (cell: Cell): Row => [cell, cell, cell, cell, cell, cell];
/** Signed-in roles get `cell`, anonymous callers must sign in. */
const signedIn = (cell: Cell): Row => [cell, cell, cell, cell, cell, ANON];
const adminOnly: Row = [NO, NO, NO, OK, NO, ANON];
const adminOrg: Row = [NO, NO, NO, ORG, NO, ANON];
/** Directory reading without person data: every staff role but partners. */
const staff: Row = [OK, OK, OK, OK, NO, ANON];
/** Casework on a person (clients.work): CHWs and supervisors in their scope, admins see nobody. */
const casework: Row = [MINE, MINE, NO, NOBODY, NO, ANON];
/** Screens, safety plans and topic shares: CHWs and supervisors only. */
const clinical: Row = [MINE, MINE, NO, NO, NO, ANON];
const outreach: Row = [ORG, ORG, NO, ORG, NO, ANON];

const expected: Record<string, Row> = {
  'GET /api/health': everyone(OK),
  'GET /api/health/live': everyone(OK),
  'GET /api/health/ready': everyone(OK),
  'POST /api/auth/sign-in': everyone(OK),
  'POST /api/auth/sign-out': signedIn(OK),
  'GET /api/auth/me': signedIn(OK),
  'PUT /api/me/preferences': signedIn(OK),
  'POST /api/me/password': signedIn(OK),
  // Two-factor: one's own factors. Made-up codes and passkey answers are refused on their merits (400).
  'GET /api/me/two-factor': signedIn(OK),
  'POST /api/me/two-factor/totp': signedIn(OK),
  'POST /api/me/two-factor/totp/confirm': signedIn(BAD),
  'DELETE /api/me/two-factor/totp': signedIn(OK),
  // Recovery codes need a factor first: the matrix's people have none (400 twoFactorNotStarted).
  'POST /api/me/two-factor/recovery-codes': signedIn(BAD),
  'POST /api/me/passkeys/options': signedIn(OK),
  'POST /api/me/passkeys': signedIn(BAD),
  'DELETE /api/me/passkeys/{id}': signedIn(NF),
  // A full session has no second factor due (400); a passkey answer nobody asked for is refused (400).
  'POST /api/auth/second-factor': signedIn(BAD),
  'POST /api/auth/passkey/options': everyone(OK),
  'POST /api/auth/passkey': everyone(BAD),
  'POST /api/auth/step-up': signedIn(OK),
  'GET /api/program/two-factor': staff,
  // A valid policy would make the matrix's own staff enrol: the body is refused (400) once the role is allowed.
  'PUT /api/program/two-factor': [NO, NO, NO, BAD, NO, ANON],
  'GET /api/me/sessions': signedIn(OK),
  'POST /api/me/sessions/{id}/sign-out': signedIn(NF),
  'POST /api/me/sessions/sign-out-others': signedIn(OK),
  'GET /api/users/{id}/sessions': adminOrg,
  'POST /api/users/{id}/sessions/sign-out': adminOrg,
  'POST /api/users/{id}/sessions/{sessionId}/sign-out': adminOrg,
  'GET /api/users': adminOnly,
  'POST /api/users': adminOnly,
  'POST /api/users/invitations': adminOnly,
  'POST /api/users/{id}/password-link': adminOrg,
  // The same answer for every caller, account or not; an unknown link is refused on its merits.
  'POST /api/auth/forgot-password': everyone(OK),
  'POST /api/auth/set-password': everyone(BAD),
  'PATCH /api/users/{id}': adminOrg,
  'GET /api/teams': [NO, OK, NO, OK, NO, ANON],
  'POST /api/teams': adminOnly,
  'GET /api/audit': adminOnly,
  'GET /api/audit/verify': adminOnly,
  'GET /api/program/settings': staff,
  'PUT /api/program/settings': adminOnly,
  // The matrix's program has no logo: staff get through to "no logo", partners are refused first.
  'GET /api/program/logo': [NF, NF, NF, NF, NO, ANON],
  'PUT /api/program/logo': adminOnly,
  'DELETE /api/program/logo': adminOnly,
  // The first-run checklist: counts of the admin's own organization only.
  'GET /api/setup/checklist': adminOnly,
  'POST /api/caseload-import/check': adminOnly,
  'POST /api/caseload-import/runs': adminOnly,
  // Nobody's import: admins are told it is not there; another program's, caseload-import.int.test.ts.
  'GET /api/caseload-import/runs/{id}': [NO, NO, NO, NF, NO, ANON],

  'GET /api/clients': [OK, OK, NO, OK, NO, ANON],
  // Registering into the caseload of a CHW outside one's team is refused on its merits: 400 chwNotAssignable.
  'POST /api/clients': [[OK, BAD, BAD], [OK, BAD, BAD], NO, NO, NO, ANON],
  'GET /api/clients/{id}': casework,
  'PATCH /api/clients/{id}': casework,
  'POST /api/clients/{id}/transfer': [NO, MINE, NO, ORG, NO, ANON],
  'POST /api/clients/{id}/merge': [NO, MINE, NO, ORG, NO, ANON],
  // Breaking the glass on a record one already sees is refused on its merits: 400 breakGlassNotNeeded.
  'POST /api/clients/{id}/break-glass': [NO, [BAD, OK, NF], NO, ORG, NO, ANON],
  'POST /api/clients/{id}/consents': casework,
  'POST /api/clients/{id}/consents/{consentId}/revoke': casework,
  'GET /api/clients/{id}/encounters': casework,
  'POST /api/clients/{id}/encounters': casework,
  'GET /api/clients/{id}/encounters/{encounterId}': casework,
  'POST /api/clients/{id}/goals': casework,
  'PATCH /api/clients/{id}/goals/{goalId}': casework,
  'POST /api/clients/{id}/goals/{goalId}/steps': casework,
  'PATCH /api/clients/{id}/goals/{goalId}/steps/{stepId}': casework,
  'POST /api/clients/{id}/appointments': casework,
  'PATCH /api/clients/{id}/appointments/{appointmentId}': casework,
  'GET /api/today': [OK, OK, NO, NO, NO, ANON],
  'POST /api/clients/{id}/tasks': casework,
  'PATCH /api/tasks/{taskId}': casework,
  // Only a supervisor of the person clears a risk flag.
  'POST /api/clients/{id}/risk-flag/clear': [NO, MINE, NO, NO, NO, ANON],
  'GET /api/team/overview': [NO, OK, NO, NO, NO, ANON],
  'GET /api/caseload/counts': [NO, OK, OK, OK, NO, ANON],
  // Activity against weekly targets: the supervisor's CHWs by name, per team without names, one's own week.
  'GET /api/team/activity': [NO, OK, NO, NO, NO, ANON],
  'GET /api/program/activity': [NO, NO, OK, OK, NO, ANON],
  'GET /api/me/activity': [OK, OK, NO, NO, NO, ANON],
  'GET /api/activity/targets': [OK, OK, OK, OK, NO, ANON],
  // Called without a body: refused on its merits (400) once the role is allowed; activity.test.ts sets targets.
  'PUT /api/activity/targets': [NO, NO, NO, BAD, NO, ANON],
  // A CHW reads the notes about themself; a supervisor those about their team's CHWs.
  'GET /api/supervision-notes': [MINE, MINE, NO, NO, NO, ANON],
  'POST /api/supervision-notes': [NO, MINE, NO, NO, NO, ANON],

  'GET /api/instruments': staff,
  'POST /api/program/forms': adminOnly,
  'POST /api/clients/{id}/screenings': clinical,
  'GET /api/clients/{id}/screenings': clinical,
  'GET /api/clients/{id}/outcomes': clinical,
  'GET /api/program/crisis-response': adminOnly,
  'PUT /api/program/crisis-response': adminOnly,
  'GET /api/crisis-protocol': staff,
  'GET /api/alerts': [OK, OK, OK, NO, NO, ANON],
  'POST /api/alerts': clinical,
  // Alerts reach the person's scope and those alerted: with no supervisor over chw2, the managers.
  'GET /api/alerts/{id}': [MINE, MINE, [NF, OK, NF], NO, NO, ANON],
  'POST /api/alerts/{id}/acknowledge': [NO, MINE, [NF, OK, NF], NO, NO, ANON],
  'GET /api/clients/{id}/safety-plan': clinical,
  'PUT /api/clients/{id}/safety-plan': clinical,
  'POST /api/clients/{id}/safety-plan/share': clinical,
  'GET /api/public/safety-plans/{token}': everyone(OK),

  'GET /api/directory/search': staff,
  'POST /api/directory/services/{id}/flags': [ORG, ORG, NO, ORG, NO, ANON],
  'GET /api/directory/flags': adminOnly,
  'POST /api/directory/flags/{id}/resolve': adminOrg,
  'PATCH /api/directory/services/{id}': adminOrg,
  'POST /api/directory/services/{id}/verify': adminOrg,
  'POST /api/directory/import': adminOnly,
  'POST /api/directory/sheet/check': adminOnly,
  'POST /api/directory/sheet/runs': adminOnly,
  // Nobody's import: admins are told it is not there; another program's, directory-sheet.int.test.ts.
  'GET /api/directory/sheet/runs/{id}': [NO, NO, NO, NF, NO, ANON],
  'GET /api/directory/sheet/template': adminOnly,
  'POST /api/directory/services': adminOnly,
  'GET /api/directory/services/{id}/form': adminOrg,
  'PUT /api/directory/services/{id}/form': adminOrg,
  'GET /api/directory/export': adminOnly,
  'GET /api/directory/settings': adminOnly,
  'PUT /api/directory/settings': adminOnly,
  'GET /api/directory/synonyms': adminOnly,
  'POST /api/directory/synonyms': adminOnly,
  'DELETE /api/directory/synonyms/{id}': [NO, NO, NO, NF, NO, ANON],
  'POST /api/clients/{id}/resource-links': clinical,
  'GET /api/public/resource-links/{token}': everyone(OK),
  'GET /api/clients/{id}/links': casework,
  'POST /api/clients/{id}/links/{kind}/{linkId}/revoke': casework,
  // HSDS: signed in, one's own organization's directory (partners too); under a slug, a public one only.
  'GET /hsds/': signedIn(OK),
  'GET /hsds/services': signedIn(OK),
  'GET /hsds/services/{id}': signedIn(ORG),
  'GET /hsds/service_at_locations': signedIn(OK),
  'GET /hsds/service_at_locations/{id}': signedIn(ORG),
  'GET /hsds/organizations': signedIn(OK),
  'GET /hsds/organizations/{id}': signedIn(ORG),
  'GET /hsds/taxonomies': signedIn(OK),
  'GET /hsds/taxonomies/{id}': signedIn(ORG),
  'GET /hsds/taxonomy_terms': signedIn(OK),
  'GET /hsds/taxonomy_terms/{id}': signedIn(ORG),
  'GET /hsds/o/{slug}/': everyone(ORG),
  'GET /hsds/o/{slug}/services': everyone(ORG),
  'GET /hsds/o/{slug}/services/{id}': everyone(ORG),
  'GET /hsds/o/{slug}/service_at_locations': everyone(ORG),
  'GET /hsds/o/{slug}/service_at_locations/{id}': everyone(ORG),
  'GET /hsds/o/{slug}/organizations': everyone(ORG),
  'GET /hsds/o/{slug}/organizations/{id}': everyone(ORG),
  'GET /hsds/o/{slug}/taxonomies': everyone(ORG),
  'GET /hsds/o/{slug}/taxonomies/{id}': everyone(ORG),
  'GET /hsds/o/{slug}/taxonomy_terms': everyone(ORG),
  'GET /hsds/o/{slug}/taxonomy_terms/{id}': everyone(ORG),

  'GET /api/sync/pull': [OK, OK, NO, NO, NO, ANON],
  // The push answers 200 with one result per change: judged by the result of the change.
  'POST /api/sync/push': clinical,
  'GET /api/sync/conflicts': [OK, OK, NO, NO, NO, ANON],
  // The directory for offline search: the caller's organization's, no person data.
  'GET /api/sync/directory': [OK, OK, NO, NO, NO, ANON],
  'POST /api/sync/conflicts/{id}/resolve': clinical,
  // The phone's key share (a fresh password sign-in on that phone), whether it must erase, lost devices.
  'POST /api/sync/device-key': [OK, OK, NO, NO, NO, ANON],
  'POST /api/sync/device-status': everyone(OK),
  'GET /api/sync/devices': adminOnly,
  'POST /api/sync/devices/{id}/disable': adminOrg,

  'GET /api/education/topics': staff,
  'GET /api/education/topics/{topicId}': staff,
  'PUT /api/education/topics/{topicId}': adminOnly,
  'GET /api/education/topics/{topicId}/versions': staff,
  'POST /api/clients/{id}/education-shares': clinical,
  'GET /api/program/help-page': adminOnly,
  'PUT /api/program/help-page': adminOnly,
  'GET /api/public/learn/{token}': everyone(OK),
  'GET /api/public/help/{slug}': everyone(ORG),
  'GET /api/public/help/{slug}/topics/{topicId}': everyone(ORG),
  'GET /api/outreach/events': [OK, OK, NO, OK, NO, ANON],
  'POST /api/outreach/events': [OK, OK, NO, OK, NO, ANON],
  'GET /api/outreach/check-forms': [OK, OK, NO, OK, NO, ANON],
  'GET /api/outreach/events/{id}': outreach,
  'PATCH /api/outreach/events/{id}': outreach,
  'POST /api/outreach/events/{id}/sign-ins': outreach,
  'POST /api/outreach/events/{id}/sign-ups': [ORG, ORG, NO, NO, NO, ANON],
  'GET /api/outreach/figures': [NO, OK, OK, OK, NO, ANON],
  'GET /api/public/checks/{code}': everyone(OK),
  'POST /api/public/checks/{code}/answers': everyone(OK),

  'GET /api/reports/options': [NO, OK, OK, OK, NO, ANON],
  'GET /api/reports/figures': [NO, REACH, ORG_REACH, ORG_REACH, NO, ANON],
  'GET /api/reports/figures.csv': [NO, REACH, ORG_REACH, ORG_REACH, NO, ANON],
  'GET /api/reports/extract.csv': [NO, NO, ORG_REACH, ORG_REACH, NO, ANON],
  // Referrals: CHWs and supervisors in their scope; a partner only those addressed to its organization.
  'POST /api/clients/{id}/referrals': clinical,
  'GET /api/clients/{id}/referrals': clinical,
  'GET /api/referrals/figures': [NO, REACH, ORG_REACH, ORG_REACH, NO, ANON],
  'GET /api/referrals/settings': staff,
  'PUT /api/referrals/settings': adminOnly,
  'GET /api/referrals': [OK, OK, NO, NO, NO, ANON],
  'GET /api/referrals/{id}': clinical,
  'POST /api/referrals/{id}/status': clinical,
  'POST /api/referrals/{id}/contact-attempts': clinical,
  'GET /api/partner/referrals': [NO, NO, NO, NO, OK, ANON],
  'GET /api/partner/referrals/{id}': [NO, NO, NO, NO, MINE, ANON],
  'POST /api/partner/referrals/{id}/status': [NO, NO, NO, NO, MINE, ANON],
  'GET /api/partners': adminOnly,
  'PUT /api/partners/{id}': adminOrg,
  'PUT /api/partners/{id}/services': adminOrg,
  // Partners propose edits to their own organization's listings (the shelter is another's); admins decide them.
  'GET /api/listing-proposals/mine': [NO, NO, NO, NO, OK, ANON],
  'GET /api/listing-proposals/services/{id}/form': [NO, NO, NO, NO, MINE, ANON],
  'POST /api/listing-proposals': [NO, NO, NO, NO, MINE, ANON],
  'GET /api/listing-proposals': adminOnly,
  'POST /api/listing-proposals/{id}/approve': adminOrg,
  'POST /api/listing-proposals/{id}/decline': adminOrg,
  // Referrals from clinics: supervisors see the program's queue and give each to a CHW; the CHW
  // given one answers it. The matrix's id is no referral: who gets past the permission is told 404.
  'GET /api/intake': [OK, OK, NO, NO, NO, ANON],
  'POST /api/intake/{id}/assign': [NO, NF, NO, NO, NO, ANON],
  'POST /api/intake/{id}/answer': [NF, NF, NO, NO, NO, ANON],
  'POST /api/fhir-clients': adminOnly,
  'GET /api/fhir-clients': adminOnly,
  'POST /api/fhir-clients/{id}/revoke': adminOrg,
  'PUT /api/fhir-clients/{id}/keys': adminOrg,
  // The server's backups (every organization's data in one file): admins only, whichever organization.
  'GET /api/backups': adminOnly,
  'POST /api/backups': adminOnly,
  // Text messages: a person's thread is casework; the inbox of unknown numbers is for supervisors.
  'GET /api/clients/{id}/messages': clinical,
  'POST /api/clients/{id}/messages': clinical,
  // Whether a person's appointment reminders went (texts.work), in the caller's scope like the thread.
  'GET /api/clients/{id}/appointment-reminders': clinical,
  // Today's list of who texted: the caller's own people, so CHWs and supervisors only.
  'GET /api/messages/unread': [OK, OK, NO, NO, NO, ANON],
  'GET /api/messages/inbox': [NO, OK, NO, NO, NO, ANON],
  // No such text in the inbox (the matrix's id names none): supervisors are told so, others refused first.
  'POST /api/messages/inbox/{messageId}': [NO, NF, NO, NO, NO, ANON],
  'GET /api/messages/counts': [NO, OK, OK, OK, NO, ANON],
  'GET /api/messages/settings': staff,
  'PUT /api/messages/settings': adminOnly,
  // The outbox's backlog of texts (counts only, the admin's organization): texts.manage.
  'GET /api/messages/backlog': adminOnly,
  'GET /api/messages/templates': staff,
  'POST /api/messages/templates': adminOnly,
  'PUT /api/messages/templates/{templateId}': [NO, NO, NO, NF, NO, ANON],
  // A provider's callbacks answer 404 while no provider is set (the matrix's server has none), to
  // everyone alike: a session opens nothing here. Their signatures are tested in messages/*.int.test.ts.
  'POST /hooks/messages/twilio/status': everyone(NF),
  'POST /hooks/messages/twilio/inbound': everyone(NF),
  'POST /hooks/messages/gateway': everyone(NF),
};

const outcomeOf = (status: number): Outcome | string =>
  status >= 200 && status < 300
    ? 'ok'
    : (({ 400: 'invalid', 401: 'signIn', 403: 'forbidden', 404: 'notFound' } as Record<number, Outcome>)[
        status
      ] ?? `HTTP ${status}`);

// The callers' sign-in counts as their step-up check for the whole run, however long it takes.
const h = useApp({ publicUrl: 'https://puente.test', stepUpMinutes: 60 });
let w: World;
let documented: string[] = [];

beforeAll(async () => {
  w = await matrixWorld(h);
  const doc = (await call(h.app, 'GET', '/api/openapi.json')).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => m !== 'parameters')
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}, 120_000);

/** Calls every route as one caller and returns each cell that answered otherwise than expected. */
async function walk(caller: Caller): Promise<string[]> {
  const column = callers.indexOf(caller);
  const wrong: string[] = [];
  for (const key of documented) {
    const row = expected[key];
    if (!row) continue;
    const [method = '', template = ''] = key.split(' ');
    const recipe = recipeFor(key);
    const cell = row[column] as Cell;
    // A refused caller is refused before anything is looked up or read, so it is asked once, about
    // nobody: a widened permission would then answer 404 or 400 and fail the cell all the same.
    const refused = cell === NO || cell === ANON;
    for (const kind of recipe.perRecord && !refused ? kinds : (['own'] as const)) {
      const want = typeof cell === 'string' ? cell : cell[column3[kind]];
      const where = `${caller} ${key}${recipe.perRecord && !refused ? ` [${kind}]` : ''}`;
      try {
        const request = refused
          ? { path: template.replace(/\{\w+\}/g, NOBODY_ID) }
          : await recipe.make(w, kind, caller, template);
        const reply = await call(h.app, method, request.path, {
          cookie: request.cookie ?? w.cookie[caller],
          body: request.body,
          ...('file' in request ? { file: request.file } : {}),
        });
        const got = outcomeOf(recipe.statusOf?.(reply) ?? reply.status);
        if (got !== want) wrong.push(`${where}: want ${want}, got ${got} ${String(reply.body.code ?? '')}`);
        if (got === 'ok') {
          const text = JSON.stringify(reply.body);
          const seen = w.hidden[caller].filter((secret) => text.includes(secret));
          if (seen.length > 0) wrong.push(`${where}: answer shows ${seen.join(', ')}`);
        }
      } catch (error) {
        wrong.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  return wrong;
}

describe('the authorization matrix', () => {
  it('has exactly one row for every route in the API document', () => {
    expect(documented.length).toBeGreaterThan(100);
    expect(
      documented.filter((key) => !expected[key]),
      'routes without a row',
    ).toEqual([]);
    expect(
      Object.keys(expected).filter((key) => !documented.includes(key)),
      'rows of routes no longer in the API document',
    ).toEqual([]);
  });

  it('never lets anyone succeed on another organization’s record', () => {
    const leaks = Object.entries(expected).flatMap(([key, row]) =>
      recipeFor(key).perRecord
        ? row.flatMap((cell, i) =>
            (typeof cell === 'string' ? cell : cell[2]) === OK ? [`${key} ${callers[i]}`] : [],
          )
        : [],
    );
    expect(leaks).toEqual([]);
  });

  it.each(callers)('answers every route as expected for the %s', async (caller) => {
    expect(await walk(caller)).toEqual([]);
  });

  it('has a FHIR case for every FHIR route, and answers each as expected for every kind of API client', async () => {
    const covered = new Set(fhirCases.map((c) => c.route));
    expect(fhirRouteKeys().filter((key) => !covered.has(key))).toEqual([]);
    expect(await walkFhir(w, await fhirWorld(w))).toEqual([]);
  });

  it('refuses a session whose expiry has passed on every route that needs one, /fhir included', async () => {
    const ended = expiredSession(w);
    const wrong: string[] = [];
    const needSession = documented.filter((key) => expected[key]?.[5] === ANON);
    const fhirRoutes = new Set(fhirCases.filter((c) => c.want[4] === ANON).map((c) => c.route));
    expect(needSession.length).toBeGreaterThan(100);
    for (const key of needSession) {
      const [method = '', template = ''] = key.split(' ');
      await ended.renew();
      const reply = await call(h.app, method, template.replace(/\{\w+\}/g, NOBODY_ID), {
        cookie: ended.cookie,
      });
      if (reply.status !== 401 || reply.body.code !== 'sessionExpired')
        wrong.push(`${key}: ${reply.status} ${String(reply.body.code ?? '')}`);
    }
    for (const route of fhirRoutes) {
      const [method = '', template = ''] = route.split(' ');
      await ended.renew();
      const path = template.replace(':type', 'Patient').replace(/:\w+/g, NOBODY_ID);
      const reply = await call(h.app, method, path, { cookie: ended.cookie });
      if (reply.status !== 401) wrong.push(`${route}: ${reply.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds a visit, goal, step, appointment or consent only under its own person', async () => {
    const nested = documented.filter((key) => /^\S+ \/api\/clients\/\{id\}\/.*\{\w+Id\}/.test(key));
    expect(nested.length).toBeGreaterThan(4);
    const wrong: string[] = [];
    for (const key of nested) {
      const [method = '', template = ''] = key.split(' ');
      for (const caller of ['chw', 'supervisor'] as const) {
        for (const kind of ['colleague', 'foreign'] as const) {
          // Their sub-record, addressed under the caller's own person.
          const request = await recipeFor(key).make(w, kind, caller, template);
          const path = request.path.replace(w.person[kind].clientId, w.person.own.clientId);
          const reply = await call(h.app, method, path, { cookie: w.cookie[caller], body: request.body });
          if (reply.status !== 404)
            wrong.push(`${caller} ${key} [own person, ${kind}'s record]: ${reply.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
