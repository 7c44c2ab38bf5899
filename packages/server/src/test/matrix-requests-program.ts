// The authorization matrix's requests for what the program offers and counts: the resource
// directory and private links, education, outreach, reports, referrals, partners and FHIR clients
// (not used by the server).
import { canonicalOf, talkCheck, uuidv7 } from '@puente/core';
import { ORG_ID, serviceId } from '../features/directory/sample-directory.js';
import { call } from './http.js';
import {
  aboutChw,
  byId,
  fill,
  freshLink,
  personal,
  type Recipe,
  topic,
  withBody,
  withTopic,
} from './matrix-recipes.js';
import {
  daysFromNow,
  eventBody,
  expectOk,
  freshReferral,
  homeDirectory,
  type Kind,
  type World,
} from './matrix-world.js';

const NO_REFERRAL = '00000000-0000-7000-8000-000000000000';
const caseloadSheet = {
  fileName: 'caseload.csv',
  content: Buffer.from('Nombre,Teléfono\nAna,\n').toString('base64'),
};
let synonyms = 0;
/** A directory sheet whose one row has a phone no one can call: checked and "imported", nothing written. */
const directorySheet: Recipe = {
  make: (_w, _kind, _caller, path) => ({
    path,
    file: { bytes: Buffer.from('Name,Phone\nMatrix pantry,12\n'), type: 'text/csv' },
  }),
};
let formServices = 0;
let proposals = 0;

/** The pantry's form as it is now, with a description of its own: a change to propose. */
async function proposedForm(w: World) {
  const view = await expectOk(
    call(w.h.app, 'GET', `/api/directory/services/${serviceId(0)}/form`, { cookie: w.cookie.admin }),
    'pantry form',
  );
  const form = view.form as Record<string, string>;
  return { ...form, description: `Matrix proposal ${++proposals}` };
}

/** A pending proposal of the kind's program: the home partner's, or one written straight into the away program. */
async function freshProposal(w: World, kind: Kind): Promise<string> {
  if (kind === 'foreign') {
    const id = uuidv7();
    await w.h.db.query(
      `insert into listing_proposal (id, org_id, service_id, proposed_by, before, after)
       values ($1, $2, $3, $4, '{}', '{"description": "Away"}')`,
      [id, w.away.orgId, w.hsds.foreign.services, w.owner.foreign.id],
    );
    return id;
  }
  const made = await expectOk(
    call(w.h.app, 'POST', '/api/listing-proposals', {
      cookie: w.cookie.partner,
      body: { serviceId: serviceId(0), form: await proposedForm(w) },
    }),
    'proposal',
  );
  return String(made.id);
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

/** A clinic system's public ES384 key (P-384), as it would register it. */
const CLINIC_KEY = {
  kty: 'EC',
  crv: 'P-384',
  x: 'WwoflqieKoQYGzFMlq_wEaCtW6ht9F70vgLUrB4xMWcspmLx18f_IqaqNCp-Ga2m',
  y: 'YogWkWvrniNXYgOlnN9lH-CZH7ZMz3GtQ2eXITE_sjXyPedmIsdi3dt0tmuiU1yh',
};

export const programRecipes: Record<string, Recipe> = {
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
  'POST /api/directory/sheet/check': directorySheet,
  'POST /api/directory/sheet/runs': directorySheet,
  'GET /api/directory/sheet/runs/{id}': {
    make: (_w, _kind, _caller, template) => ({ path: fill(template, { id: NO_REFERRAL }) }),
  },
  // A new name each time: the same name at the same address is refused (409).
  'POST /api/directory/services': withBody(() => ({ name: `Matrix service ${++formServices}` })),
  'GET /api/directory/services/{id}/form': byId((w, kind) => w.hsds[kind].services),
  'PUT /api/directory/services/{id}/form': byId((w, kind) => w.hsds[kind].services, {
    name: 'Matrix clinic',
  }),
  'PUT /api/directory/settings': withBody((w) => w.settings.directory),
  // A new word each time: the same term twice is refused (409).
  'POST /api/directory/synonyms': withBody(() => ({
    term: `matrix word ${++synonyms}`,
    means: 'food pantry',
  })),
  // Nobody's synonym: admins are let through to be told it is not there; which program's it is, synonyms.test.ts.
  'DELETE /api/directory/synonyms/{id}': {
    make: (_w, _kind, _caller, template) => ({ path: fill(template, { id: NO_REFERRAL }) }),
  },
  // A sheet whose one row names no CHW: the dry run and the import answer, and nobody is created.
  'POST /api/caseload-import/check': withBody(() => caseloadSheet),
  'POST /api/caseload-import/runs': withBody(() => caseloadSheet),
  'GET /api/caseload-import/runs/{id}': {
    make: (_w, _kind, _caller, template) => ({ path: fill(template, { id: NO_REFERRAL }) }),
  },
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
  // The partner's own listing is the pantry (referTo.own); the shelter is another organization's, and the
  // away one another program's. Each proposal changes only the description, so approving one keeps the pantry.
  'GET /api/listing-proposals/services/{id}/form': byId((w, kind) => w.referTo[kind]),
  'POST /api/listing-proposals': {
    perRecord: true,
    make: async (w, kind, _caller, template) => ({
      path: template,
      body: { serviceId: w.referTo[kind], form: await proposedForm(w) },
    }),
  },
  'POST /api/listing-proposals/{id}/approve': byId(freshProposal),
  'POST /api/listing-proposals/{id}/decline': byId(freshProposal, { reason: 'Matrix' }),
  // No referral from a clinic has this id: the answer past the permission is 404.
  'POST /api/intake/{id}/assign': {
    make: (_w, _kind, _caller, path) => ({
      path: fill(path, { id: NO_REFERRAL }),
      body: { chwId: NO_REFERRAL },
    }),
  },
  'POST /api/intake/{id}/answer': {
    make: (_w, _kind, _caller, path) => ({
      path: fill(path, { id: NO_REFERRAL }),
      body: { status: 'accepted' },
    }),
  },
  'POST /api/fhir-clients': withBody(() => ({ name: 'Clinic', partnerName: 'Clinic' })),
  'POST /api/fhir-clients/{id}/revoke': byId((w, kind) => w.fhirClient[kind]),
  // Keys retire a client's secret: each call registers them for a client made for it.
  'PUT /api/fhir-clients/{id}/keys': byId(
    async (w, kind) => {
      const admin = kind === 'foreign' ? w.awayAdmin : w.cookie.admin;
      const made = await expectOk(
        call(w.h.app, 'POST', '/api/fhir-clients', {
          cookie: admin,
          body: { name: 'Keyed', partnerName: 'Clinic' },
        }),
        'fhir client',
      );
      return String(made.id);
    },
    { jwks: { keys: [CLINIC_KEY] }, scopes: ['system/Patient.rs'] },
  ),
  // The matrix's server has no backup folder: a caller past the permission and the step-up check is
  // told so (409 backupNoFolder), which is as far as anyone gets here; backup/routes.test.ts makes them.
  'POST /api/backups': {
    make: (_w, _kind, _caller, template) => ({ path: template }),
    statusOf: (reply) => (reply.status === 409 && reply.body.code === 'backupNoFolder' ? 200 : reply.status),
  },
};
