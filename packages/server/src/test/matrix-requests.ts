// How the authorization matrix calls each route (not used by the server): the
// path parameters and a valid minimal body, so that a refusal comes from the
// permission or the scope, never from validation.
import { canonicalOf, phq9, talkCheck, uuidv7 } from '@puente/core';
import { ORG_ID, serviceId } from '../features/directory/sample-directory.js';
import { PASSWORD } from './app.js';
import { call, type Reply, signIn } from './http.js';
import {
  type Caller,
  daysFromNow,
  eventBody,
  expectOk,
  freshClient,
  freshReferral,
  type HsdsTable,
  homeDirectory,
  type Kind,
  quietScreen,
  safetyPlanBody,
  visitBody,
  type World,
} from './matrix-world.js';

export interface MatrixRequest {
  /** The path with parameters filled in, and any query. */
  path: string;
  body?: unknown;
  /** A session of its own for this call, instead of the caller's (signing out). */
  cookie?: string;
}

export interface Recipe {
  /** Called once per kind of record (own, colleague, foreign); otherwise once per caller. */
  perRecord?: boolean;
  make(w: World, kind: Kind, caller: Caller, template: string): MatrixRequest | Promise<MatrixRequest>;
  /** The status to judge by when a 200 carries the real answer inside (a sync push). */
  statusOf?: (reply: Reply) => number;
}

/** Fills `{name}` parameters; an unfilled one is an error in the recipe, not a request. */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** A route about one person of the kind: /api/clients/{id}/… and its sub-records. */
const personal = (body?: (w: World, kind: Kind) => unknown | Promise<unknown>): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const p = w.person[kind];
    const path = fill(template, { id: p.clientId, ...p });
    return body ? { path, body: await body(w, kind) } : { path };
  },
});

/** A route about a person made for this one call, for changes that cannot be repeated (transfer, merge). */
const freshPerson = (body: (w: World, kind: Kind) => unknown | Promise<unknown>): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const id = await freshClient(w, kind);
    return { path: fill(template, { id }), body: await body(w, kind) };
  },
});

const byId = (id: (w: World, kind: Kind) => string | Promise<string>, body?: unknown): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const path = fill(template, { id: await id(w, kind) });
    return body === undefined ? { path } : { path, body };
  },
});

const withBody = (body: (w: World, caller: Caller) => unknown): Recipe => ({
  make: (w, _kind, caller, template) => ({ path: template, body: body(w, caller) }),
});

const withTopic = (body: () => unknown): Recipe => ({
  make: (_w, _kind, _caller, template) => ({ path: fill(template, { topicId: 'grief-en' }), body: body() }),
});

/** A session of the caller's own, signed in just now: the step-up check of sign-in is fresh. */
const freshSignIn = (params: Record<string, string> = {}): Recipe => ({
  async make(w, _kind, caller, template) {
    const cookie = caller === 'anonymous' ? '' : await signIn(w.h.app, w.home[caller], PASSWORD);
    return { path: fill(template, params), cookie };
  },
});

/** A WebAuthn answer no server asked for: well-formed, refused on its merits. */
const fakeCredential = (part: 'attestationObject' | 'authenticatorData') => ({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response:
    part === 'attestationObject'
      ? { clientDataJSON: 'e30', attestationObject: 'AAAA' }
      : { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
});

/** A query naming the CHW of the kind (supervision notes, reports by CHW). */
const aboutChw: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({ path: `${template}?chwId=${w.owner[kind].id}` }),
};

const hsdsTable = (template: string) => (template.match(/\/(\w+)\/\{id\}$/)?.[1] ?? '') as HsdsTable;
/** HSDS under a slug: the home directory is public, the away one is not. */
const hsdsPublic: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({
    path: fill(template, { slug: w.slug[kind], id: w.hsds[kind][hsdsTable(template)] }),
  }),
};
/** HSDS of the caller's organization by id: the foreign id is one only the away directory has. */
const hsdsItem: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({ path: fill(template, { id: w.hsds[kind][hsdsTable(template)] }) }),
};
const topic: Recipe = {
  make: (_w, _kind, _caller, template) => ({ path: fill(template, { topicId: 'grief-en' }) }),
};

/**
 * A private link the CHW makes for their own person just before it is opened: a withdrawal of
 * consent earlier in the walk revokes the person's older links, and a revoked link does not open.
 */
const freshLink = (share: string, body: (w: World) => unknown): Recipe => ({
  async make(w, _kind, _caller, template) {
    const made = await expectOk(
      call(w.h.app, 'POST', `/api/clients/${w.person.own.clientId}/${share}`, {
        cookie: w.cookie.chw,
        body: body(w),
      }),
      share,
    );
    return { path: fill(template, { token: String(made.url).split('/').at(-1) ?? '' }) };
  },
});

/** A sync conflict written the way a push leaves one, for resolving once. */
async function freshConflict(w: World, kind: Kind): Promise<string> {
  const id = uuidv7();
  const org = kind === 'foreign' ? w.away.orgId : w.home.orgId;
  await w.h.db.query(
    `insert into sync_conflict (id, org_id, client_id, mutation_id, field, kept, lost, lost_by)
     values ($1, $2, $3, $4, 'neighborhood', '"Centro"', '"Norte"', $5)`,
    [id, org, w.person[kind].clientId, uuidv7(), w.owner[kind].id],
  );
  return id;
}

const talkAnswers = {
  resourceType: 'QuestionnaireResponse',
  questionnaire: canonicalOf(talkCheck),
  status: 'completed',
  item: [1, 2, 3, 4, 5].map((n) => ({
    linkId: `talk-${n}`,
    answer: [{ valueCoding: { system: 'https://puente.dev/fhir/CodeSystem/answers', code: 'not-sure' } }],
  })),
};

/** Routes that need more than their path as written; every other route is called as it is. */
export const recipes: Record<string, Recipe> = {
  'POST /api/auth/sign-in': withBody((w) => ({ email: w.home.manager, password: PASSWORD })),
  'POST /api/auth/sign-out': {
    async make(w, _kind, caller, template) {
      const cookie = caller === 'anonymous' ? '' : await signIn(w.h.app, w.home[caller], PASSWORD);
      return { path: template, cookie };
    },
  },
  'PUT /api/me/preferences': withBody((_w, caller) => ({ locale: caller === 'chw' ? 'es' : 'en' })),
  'POST /api/me/password': withBody(() => ({ currentPassword: PASSWORD, newPassword: PASSWORD })),
  'POST /api/me/two-factor/totp/confirm': withBody(() => ({ code: '000000' })),
  'DELETE /api/me/two-factor/totp': freshSignIn(),
  'POST /api/me/two-factor/recovery-codes': freshSignIn(),
  'POST /api/me/passkeys': withBody(() => ({ name: 'Phone', response: fakeCredential('attestationObject') })),
  'DELETE /api/me/passkeys/{id}': freshSignIn({ id: 'no-such-passkey' }),
  'POST /api/auth/second-factor': withBody(() => ({ code: '000000' })),
  'POST /api/auth/passkey': withBody(() => ({ response: fakeCredential('authenticatorData') })),
  'POST /api/auth/step-up': withBody(() => ({ password: PASSWORD })),
  'PUT /api/program/two-factor': withBody(() => ({ policy: 'none' })),
  'POST /api/me/sessions/{id}/sign-out': {
    make: (_w, _kind, _caller, template) => ({ path: fill(template, { id: uuidv7() }) }),
  },
  'GET /api/users/{id}/sessions': byId((w, kind) => w.owner[kind].id),
  // A person made for the call: signing out a caller of the matrix would end its own sessions.
  'POST /api/users/{id}/sessions/sign-out': byId(async (w, kind) => {
    const id = uuidv7();
    const orgId = kind === 'foreign' ? w.away.orgId : w.home.orgId;
    await w.h.db.query(
      `insert into app_user (id, org_id, email, display_name, role, password_hash)
       values ($1, $2, $3, 'Leaving', 'chw', 'x')`,
      [id, orgId, `leaving-${id}@matrix.test`],
    );
    return id;
  }),
  // A person of the kind's organization made for the call, signed in on one browser the admin ends.
  'POST /api/users/{id}/sessions/{sessionId}/sign-out': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const id = uuidv7();
      const orgId = kind === 'foreign' ? w.away.orgId : w.home.orgId;
      await w.h.db.query(
        `insert into app_user (id, org_id, email, display_name, role, password_hash)
         values ($1, $2, $3, 'Shared computer', 'chw', 'x')`,
        [id, orgId, `signed-in-${id}@matrix.test`],
      );
      const [session] = await w.h.db.query<{ id: string }>(
        `insert into session (token_hash, org_id, user_id, expires_at)
         values ($1, $2, $3, now() + interval '1 hour') returning id`,
        [`matrix-${id}`, orgId, id],
      );
      return { path: fill(template, { id, sessionId: session?.id ?? '' }) };
    },
  },
  'POST /api/users': withBody(() => ({
    email: `new-${uuidv7()}@matrix.test`,
    displayName: 'New colleague',
    role: 'chw',
    password: PASSWORD,
  })),
  'PATCH /api/users/{id}': byId((w, kind) => w.owner[kind].id, { displayName: 'Renamed' }),
  'POST /api/users/invitations': withBody(() => ({
    email: `invited-${uuidv7()}@matrix.test`,
    displayName: 'Invited colleague',
    role: 'chw',
  })),
  'POST /api/users/{id}/password-link': byId((w, kind) => w.owner[kind].id),
  'POST /api/auth/forgot-password': withBody((w) => ({ email: w.home.manager })),
  'POST /api/auth/set-password': withBody(() => ({ token: 'a'.repeat(43), newPassword: PASSWORD })),
  'POST /api/teams': withBody((w) => ({ name: 'Another team', supervisorId: w.home.ids[w.home.supervisor] })),
  'PUT /api/program/settings': withBody((w) => w.settings.program),

  'POST /api/clients': {
    perRecord: true,
    make: (w, kind, _caller, template) => ({
      path: template,
      body: {
        givenName: 'Spare',
        familyName: 'Spare',
        preferredLanguage: 'es',
        notADuplicate: true,
        chwId: w.owner[kind].id,
      },
    }),
  },
  'GET /api/clients/{id}': personal(),
  'PATCH /api/clients/{id}': personal(() => ({ okToLeaveMessage: true })),
  'POST /api/clients/{id}/transfer': freshPerson((w) => ({ chwId: w.owner.own.id, reason: 'Moved house' })),
  'POST /api/clients/{id}/merge': freshPerson(async (w, kind) => ({
    duplicateId: await freshClient(w, kind),
  })),
  'POST /api/clients/{id}/break-glass': freshPerson(() => ({ reason: 'Crisis call at night' })),
  'POST /api/clients/{id}/consents': personal(() => ({
    kind: 'service',
    method: 'verbal',
    givenOn: daysFromNow(0),
  })),
  'POST /api/clients/{id}/consents/{consentId}/revoke': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const clientId = w.person[kind].clientId;
      const consent = await expectOk(
        call(w.h.app, 'POST', `/api/clients/${clientId}/consents`, {
          cookie: w.owner[kind].cookie,
          body: { kind: 'text', method: 'verbal', givenOn: daysFromNow(0) },
        }),
        'consent',
      );
      return { path: fill(template, { id: clientId, consentId: String(consent.id) }), body: {} };
    },
  },
  'GET /api/clients/{id}/encounters': personal(),
  'POST /api/clients/{id}/encounters': personal(visitBody),
  'GET /api/clients/{id}/encounters/{encounterId}': personal(),
  'POST /api/clients/{id}/goals': personal(() => ({ text: 'See friends', needArea: 'social-connection' })),
  'PATCH /api/clients/{id}/goals/{goalId}': personal(() => ({ text: 'Sleep better' })),
  'POST /api/clients/{id}/goals/{goalId}/steps': personal(() => ({ text: 'Call a friend', owner: 'client' })),
  'PATCH /api/clients/{id}/goals/{goalId}/steps/{stepId}': personal(() => ({ text: 'Walk daily' })),
  'POST /api/clients/{id}/appointments': personal(() => ({
    place: 'Clinic',
    at: `${daysFromNow(9)}T10:00:00Z`,
  })),
  'PATCH /api/clients/{id}/appointments/{appointmentId}': personal(() => ({ note: 'Bring the letter' })),
  'POST /api/clients/{id}/tasks': personal(() => ({ title: 'Visit again', dueOn: daysFromNow(5) })),
  'PATCH /api/tasks/{taskId}': personal(() => ({ title: 'Call back' })),
  'POST /api/clients/{id}/risk-flag/clear': personal(() => ({
    reason: 'Reviewed with the person and the clinic',
  })),
  'GET /api/supervision-notes': aboutChw,
  'POST /api/supervision-notes': {
    perRecord: true,
    make: (w, kind, _caller, template) => ({
      path: template,
      body: { chwId: w.owner[kind].id, clientId: w.person[kind].clientId, note: 'Good visit notes' },
    }),
  },
  'POST /api/program/forms': withBody(() => ({
    ...phq9,
    url: `https://example.org/fhir/Questionnaire/${uuidv7()}`,
    version: '1',
  })),
  'POST /api/clients/{id}/screenings': personal(quietScreen),
  'GET /api/clients/{id}/screenings': personal(),
  'GET /api/clients/{id}/outcomes': personal(),
  'PUT /api/program/crisis-response': withBody((w) => w.settings.crisis),
  'POST /api/alerts': {
    perRecord: true,
    make: (w, kind, _caller, template) => ({
      path: template,
      body: { id: uuidv7(), clientId: w.person[kind].clientId },
    }),
  },
  'GET /api/alerts/{id}': byId((w, kind) => w.person[kind].alertId),
  'POST /api/alerts/{id}/acknowledge': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      // A person's open alert takes new triggers in, so each call needs a person of its own.
      const clientId = await freshClient(w, kind);
      const alert = await expectOk(
        call(w.h.app, 'POST', '/api/alerts', {
          cookie: w.owner[kind].cookie,
          body: { id: uuidv7(), clientId },
        }),
        'alert',
      );
      return { path: fill(template, { id: String(alert.id) }), body: { actionTaken: 'Called them' } };
    },
  },
  'GET /api/clients/{id}/safety-plan': personal(),
  'PUT /api/clients/{id}/safety-plan': personal(() => safetyPlanBody),
  'POST /api/clients/{id}/safety-plan/share': personal(() => ({ expiresOn: daysFromNow(7), language: 'es' })),
  'GET /api/public/safety-plans/{token}': freshLink('safety-plan/share', () => ({
    expiresOn: daysFromNow(7),
    language: 'es',
  })),

  'POST /api/directory/services/{id}/flags': byId((w, kind) => w.hsds[kind].services, { reason: 'closed' }),
  'POST /api/directory/flags/{id}/resolve': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const flag = await expectOk(
        call(w.h.app, 'POST', `/api/directory/services/${w.hsds[kind].services}/flags`, {
          cookie: w.owner[kind].cookie,
          body: { reason: 'wrong-info' },
        }),
        'flag',
      );
      return { path: fill(template, { id: String(flag.id) }), body: { resolution: 'dismissed' } };
    },
  },
  'PATCH /api/directory/services/{id}': byId((w, kind) => w.hsds[kind].services, { status: 'active' }),
  'POST /api/directory/services/{id}/verify': byId((w, kind) => w.hsds[kind].services),
  'POST /api/directory/import': withBody(homeDirectory),
  'PUT /api/directory/settings': withBody((w) => w.settings.directory),
  'POST /api/clients/{id}/resource-links': personal((w) => ({
    resourceIds: [w.resourceId],
    language: 'es',
    expiresOn: daysFromNow(7),
  })),
  'GET /api/public/resource-links/{token}': freshLink('resource-links', (w) => ({
    resourceIds: [w.resourceId],
    language: 'es',
    expiresOn: daysFromNow(7),
  })),
  'GET /api/clients/{id}/links': personal(),
  // A link is revoked once: each call revokes a safety-plan link made for it by the person's CHW.
  'POST /api/clients/{id}/links/{kind}/{linkId}/revoke': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const clientId = w.person[kind].clientId;
      const path = `/api/clients/${clientId}`;
      const cookie = w.owner[kind].cookie;
      const body = { expiresOn: daysFromNow(7), language: 'es' };
      await expectOk(call(w.h.app, 'POST', `${path}/safety-plan/share`, { cookie, body }), 'link');
      const { links } = (await expectOk(call(w.h.app, 'GET', `${path}/links`, { cookie }), 'links')) as {
        links: { id: string; kind: string; state: string }[];
      };
      const link = links.find((l) => l.kind === 'safety-plan' && l.state === 'active');
      return { path: fill(template, { id: clientId, kind: 'safety-plan', linkId: link?.id ?? '' }) };
    },
  },

  'GET /api/sync/pull': { make: (_w, _k, _c, t) => ({ path: `${t}?device=${uuidv7()}` }) },
  'POST /api/sync/push': {
    perRecord: true,
    make: (w, kind, _caller, template) => ({
      path: template,
      body: {
        device: uuidv7(),
        mutations: [
          {
            id: uuidv7(),
            kind: 'encounter.record',
            clientId: w.person[kind].clientId,
            encounter: { id: uuidv7(), ...visitBody() },
          },
        ],
      },
    }),
    statusOf(reply) {
      const [result] = (reply.body.results ?? []) as { status: string; problem?: { status?: number } }[];
      if (reply.status !== 200 || !result) return reply.status;
      return result.status === 'applied' || result.status === 'duplicate'
        ? 200
        : (result.problem?.status ?? 0);
    },
  },
  'POST /api/sync/device-key': {
    // The share needs a sign-in of the last few minutes: one made for this call.
    async make(w, _kind, caller, template) {
      const cookie = caller === 'anonymous' ? '' : await signIn(w.h.app, w.home[caller], PASSWORD);
      return { path: template, cookie, body: { device: uuidv7() } };
    },
  },
  'POST /api/sync/device-status': withBody(() => ({ device: uuidv7() })),
  'GET /api/sync/devices': { make: (w, _k, _c, t) => ({ path: `${t}?user=${w.owner.own.id}` }) },
  'POST /api/sync/devices/{id}/disable': {
    perRecord: true,
    async make(w, kind, _caller, template) {
      const id = uuidv7();
      const org = kind === 'foreign' ? w.away.orgId : w.home.orgId;
      await w.h.db.query('insert into sync_device (id, org_id, user_id) values ($1, $2, $3)', [
        id,
        org,
        w.owner[kind].id,
      ]);
      return { path: fill(template, { id }) };
    },
  },
  'POST /api/sync/conflicts/{id}/resolve': {
    perRecord: true,
    make: async (w, kind, _caller, template) => ({
      path: fill(template, { id: await freshConflict(w, kind) }),
      body: { choose: 'kept' },
    }),
  },

  'GET /api/education/topics/{topicId}': topic,
  'PUT /api/education/topics/{topicId}': withTopic(() => ({
    title: 'Grief',
    topic: 'grief',
    language: 'en',
    body: 'Grief is the pain of a loss. Talk with someone you trust.',
  })),
  'GET /api/education/topics/{topicId}/versions': topic,
  'POST /api/clients/{id}/education-shares': personal(() => ({
    topicId: 'grief-es',
    channel: 'link',
    expiresOn: daysFromNow(7),
  })),
  'PUT /api/program/help-page': withBody((w) => ({ enabled: true, slug: w.slug.own })),
  'GET /api/public/learn/{token}': freshLink('education-shares', () => ({
    topicId: 'grief-es',
    channel: 'link',
    expiresOn: daysFromNow(7),
  })),
  'GET /api/public/help/{slug}': {
    perRecord: true,
    make: (w, kind, _caller, t) => ({ path: fill(t, { slug: w.slug[kind] }) }),
  },
  'GET /api/public/help/{slug}/topics/{topicId}': {
    perRecord: true,
    make: (w, kind, _caller, t) => ({ path: fill(t, { slug: w.slug[kind], topicId: 'grief-en' }) }),
  },

  'POST /api/outreach/events': withBody(eventBody),
  'GET /api/outreach/events/{id}': byId((w, kind) => w.event[kind]),
  'PATCH /api/outreach/events/{id}': byId((w, kind) => w.event[kind], { attendance: 20 }),
  'POST /api/outreach/events/{id}/sign-ins': byId((w, kind) => w.event[kind], {
    name: 'Visitor',
    consent: true,
  }),
  'POST /api/outreach/events/{id}/sign-ups': byId((w, kind) => w.event[kind], {
    givenName: 'Spare',
    familyName: 'Spare',
    preferredLanguage: 'es',
    consentMethod: 'verbal',
    consent: true,
    notADuplicate: true,
  }),
  'GET /api/public/checks/{code}': { make: (w, _k, _c, t) => ({ path: fill(t, { code: w.eventCode }) }) },
  'POST /api/public/checks/{code}/answers': {
    make: (w, _k, _c, t) => ({
      path: fill(t, { code: w.eventCode }),
      body: { phase: 'pre', response: talkAnswers },
    }),
  },

  'GET /api/reports/figures': aboutChw,
  'GET /api/reports/figures.csv': aboutChw,
  'GET /api/reports/extract.csv': aboutChw,
  'POST /api/clients/{id}/referrals': personal((w, kind) => ({
    serviceId: w.referTo[kind],
    need: 'food-insecurity',
    reason: 'Runs out of food',
  })),
  'GET /api/clients/{id}/referrals': personal(),
  'GET /api/referrals/figures': aboutChw,
  'PUT /api/referrals/settings': withBody((w) => w.settings.referrals),
  'GET /api/referrals/{id}': byId((w, kind) => w.person[kind].referralId),
  // A move cannot be made twice: each call moves a referral of its own.
  'POST /api/referrals/{id}/status': byId(freshReferral, { status: 'cancelled', reason: 'Moved away' }),
  'POST /api/referrals/{id}/contact-attempts': byId((w, kind) => w.person[kind].referralId, {
    result: 'no-answer',
  }),
  'GET /api/partner/referrals/{id}': byId((w, kind) => w.person[kind].referralId),
  'POST /api/partner/referrals/{id}/status': byId(freshReferral, { status: 'accepted' }),
  // Links each partner to the organization the home partner already answers for, so nothing moves.
  'PUT /api/partners/{id}': byId((w, kind) => w.partner[kind], { organizationId: ORG_ID }),
  // The own referrals go to the pantry: linking each partner to it alone keeps the home partner's inbox as it was.
  'PUT /api/partners/{id}/services': byId((w, kind) => w.partner[kind], { serviceIds: [serviceId(0)] }),
  'POST /api/fhir-clients': withBody(() => ({ name: 'Clinic', partnerName: 'Clinic' })),
  'POST /api/fhir-clients/{id}/revoke': byId((w, kind) => w.fhirClient[kind]),
};

/** The recipe of a route: its own, the HSDS ones by shape, or the path as written. */
export function recipeFor(key: string): Recipe {
  const own = recipes[key];
  if (own) return own;
  const template = key.split(' ')[1] ?? '';
  if (template.startsWith('/hsds/o/{slug}')) return hsdsPublic;
  if (template.startsWith('/hsds/') && template.includes('{id}')) return hsdsItem;
  return { make: (_w, _k, _c, t) => ({ path: t }) };
}
