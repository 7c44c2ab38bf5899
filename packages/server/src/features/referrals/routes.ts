import { createRoute } from '@hono/zod-openapi';
import {
  ContactAttemptRequest,
  NewReferralRequest,
  PartnerAccount,
  PartnerAccountRequest,
  PartnerReferral,
  PartnerServicesRequest,
  PublishedReferralFigures,
  Referral,
  ReferralDetail,
  ReferralListQuery,
  ReferralSettings,
  ReferralStatusRequest,
  ReportFilters,
} from '@puente/core';
import { type ZodType, z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { holdersOfThe, tell } from '../news/tell.js';
import { figures } from '../reports/service.js';
import { changeReferral, logContactAttempt } from './moves.js';
import { answerReferral, partnerInbox, partnerReferral } from './partner.js';
import { linkPartnerOrganization, linkPartnerServices, partnerAccounts } from './partner-accounts.js';
import { referralSettings } from './queries.js';
import {
  changeReferralSettings,
  clientReferrals,
  makeReferral,
  myReferrals,
  referralDetail,
} from './service.js';

export const referralRoutes = createRouter();
const tags = ['Referrals'];
const IdParam = z.object({ id: z.uuid() });

referralRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/referrals',
    tags,
    summary: 'Refer a person from a need to a service in the directory, once they consented to share with it',
    middleware: [allow('referrals.work')] as const,
    request: { params: IdParam, body: jsonBody(NewReferralRequest) },
    responses: {
      201: jsonResponse(Referral, 'Sent'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        makeReferral(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/referrals',
    tags,
    summary: 'A person’s referrals, newest first',
    middleware: [allow('referrals.work')] as const,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(z.object({ referrals: z.array(Referral) }), 'Referrals'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      {
        referrals: await transactional(c, (tx, scope) => clientReferrals(tx, scope, c.req.valid('param').id)),
      },
      200,
    ),
);

// Fixed paths before /api/referrals/{id}, so "figures" and "settings" are never read as an id.
referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/referrals/figures',
    tags,
    summary:
      'Loop closure: referrals made, closed, got help, days to close, by need and by partner — the dashboard’s figures, small counts hidden, the view audited',
    middleware: [allow('reports.read')] as const,
    request: { query: ReportFilters },
    responses: { 200: jsonResponse(PublishedReferralFigures, 'Figures'), ...commonProblems },
  }),
  async (c) => {
    // The same published figures as the dashboard: one place hides small counts for every view.
    const scope = scopeOf(c);
    const { referrals, smallCounts } = await figures(scope.db, scope, c.req.valid('query'));
    return c.json({ ...referrals, smallCounts }, 200);
  },
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/referrals/settings',
    tags,
    summary:
      'Attempts to reach a person before closing as unreachable; days before a quiet referral is followed up',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(ReferralSettings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await referralSettings(db, actor.orgId), 200);
  },
);

referralRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/referrals/settings',
    tags,
    summary: 'Change the referral rules (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ReferralSettings) },
    responses: { 200: jsonResponse(ReferralSettings, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const settings = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeReferralSettings(tx, scope, settings)), 200);
  },
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/referrals',
    tags,
    summary: 'Referrals of the people in the caller’s caseload: open, closed or all',
    middleware: [allow('referrals.work')] as const,
    request: { query: ReferralListQuery },
    responses: {
      200: jsonResponse(z.object({ referrals: z.array(Referral) }), 'Referrals'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ referrals: await myReferrals(db, actor, c.req.valid('query').state) }, 200);
  },
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/referrals/{id}',
    tags,
    summary: 'One referral with its history (audited)',
    middleware: [allow('referrals.work')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(ReferralDetail, 'Referral'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(await transactional(c, (tx, scope) => referralDetail(tx, scope, c.req.valid('param').id)), 200),
);

referralRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/referrals/{id}/status',
    tags,
    summary:
      'Move a referral: cancel it or mark it made in error; for a partner without an account, record its answers and the outcome',
    middleware: [allow('referrals.work')] as const,
    request: { params: IdParam, body: jsonBody(ReferralStatusRequest) },
    responses: {
      200: jsonResponse(Referral, 'Moved'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        changeReferral(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);

referralRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/referrals/{id}/contact-attempts',
    tags,
    summary: 'Log an attempt to reach the person about a referral',
    middleware: [allow('referrals.work')] as const,
    request: { params: IdParam, body: jsonBody(ContactAttemptRequest) },
    responses: {
      201: jsonResponse(Referral, 'Logged'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        logContactAttempt(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

// The receiving partner's side.
referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/partner/referrals',
    tags,
    summary:
      'A partner’s inbox: referrals addressed to the services they answer for whose consent still stands, with the minimum the consent allows (audited)',
    middleware: [allow('referrals.answer')] as const,
    request: { query: ReferralListQuery },
    responses: {
      200: jsonResponse(z.object({ referrals: z.array(PartnerReferral) }), 'Inbox'),
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      {
        referrals: await transactional(c, (tx, scope) => partnerInbox(tx, scope, c.req.valid('query').state)),
      },
      200,
    ),
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/partner/referrals/{id}',
    tags,
    summary:
      'One referral addressed to a service the partner answers for, while its consent stands (audited)',
    middleware: [allow('referrals.answer')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(PartnerReferral, 'Referral'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(await transactional(c, (tx, scope) => partnerReferral(tx, scope, c.req.valid('param').id)), 200),
);

referralRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/partner/referrals/{id}/status',
    tags,
    summary:
      'Answer a referral: accept, decline with a reason, start, hold, complete with what resulted, or fail',
    middleware: [allow('referrals.answer')] as const,
    request: { params: IdParam, body: jsonBody(ReferralStatusRequest) },
    responses: {
      200: jsonResponse(PartnerReferral, 'Answered'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { answer, to } = await transactional(c, async (tx, scope) => ({
      answer: await answerReferral(tx, scope, id, c.req.valid('json')),
      to: await holdersOfThe(tx, scope.actor.orgId, 'referral', id),
    }));
    // Committed: the CHW's phone hears of it and pulls.
    await tell(c, { kind: 'referral', id, to });
    return c.json(answer, 200);
  },
);

referralRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/partners',
    tags,
    summary: 'Partner accounts and the directory services each answers referrals for (admin)',
    middleware: [allow('partners.manage')] as const,
    responses: {
      200: jsonResponse(z.object({ partners: z.array(PartnerAccount) }), 'Partners'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ partners: await partnerAccounts(db, actor.orgId) }, 200);
  },
);

/**
 * The two ways an admin links a partner account to directory services differ
 * only in the path, the body and the service that applies it: both are
 * admin-only, audited, and answer with the account as it now stands.
 */
const partnerLink = <Body extends ZodType>(path: string, summary: string, body: Body) =>
  createRoute({
    method: 'put',
    path,
    tags,
    summary,
    middleware: [allow('partners.manage')] as const,
    request: { params: IdParam, body: jsonBody(body) },
    responses: { 200: jsonResponse(PartnerAccount, 'Linked'), 404: problems[404], ...commonProblems },
  });

referralRoutes.openapi(
  partnerLink(
    '/api/partners/{id}/services',
    'Set the directory services whose referrals a partner account answers: exactly these, each in this program’s directory (admin, audited)',
    PartnerServicesRequest,
  ),
  async (c) => {
    const { serviceIds } = c.req.valid('json');
    return c.json(
      await transactional(c, (tx, scope) =>
        linkPartnerServices(tx, scope, c.req.valid('param').id, serviceIds),
      ),
      200,
    );
  },
);

referralRoutes.openapi(
  partnerLink(
    '/api/partners/{id}',
    'Link a partner account to every service of one directory organization, besides its other services (admin, audited)',
    PartnerAccountRequest,
  ),
  async (c) => {
    const { organizationId } = c.req.valid('json');
    return c.json(
      await transactional(c, (tx, scope) =>
        linkPartnerOrganization(tx, scope, c.req.valid('param').id, organizationId),
      ),
      200,
    );
  },
);
