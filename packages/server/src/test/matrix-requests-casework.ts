// The authorization matrix's requests for work with a person: the record, consents, visits,
// plans, tasks, supervision, screening, alerts, safety plans and offline sync (not used by the server).
import { phq9, uuidv7 } from '@puente/core';
import { PASSWORD } from './app.js';
import { call, signIn } from './http.js';
import {
  aboutChw,
  byId,
  fill,
  freshLink,
  freshPerson,
  personal,
  type Recipe,
  withBody,
} from './matrix-recipes.js';
import {
  daysFromNow,
  expectOk,
  freshClient,
  type Kind,
  quietScreen,
  safetyPlanBody,
  visitBody,
  type World,
} from './matrix-world.js';

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

export const caseworkRecipes: Record<string, Recipe> = {
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
};
