import { createRoute } from '@hono/zod-openapi';
import {
  DeclineProposalRequest,
  ListingProposal,
  MyListings,
  ProposalRequest,
  ServiceFormView,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { ServiceParam } from '../directory/routes.js';
import { programProposals } from './queries.js';
import { approveProposal, declineProposal, myListings, ownListingForm, proposeEdit } from './service.js';

export const listingProposalRoutes = createRouter();
const tags = ['Directory'];
const ProposalParam = z.object({ id: z.uuid() });

listingProposalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/listing-proposals/mine',
    tags,
    summary: 'A partner’s own listings and the edits it proposed to them, with each one’s answer (partner)',
    middleware: [allow('directory.propose')] as const,
    responses: { 200: jsonResponse(MyListings, 'Listings and proposals'), ...commonProblems },
  }),
  async (c) => c.json(await myListings(scopeOf(c).db, scopeOf(c)), 200),
);

listingProposalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/listing-proposals/services/{id}/form',
    tags,
    summary: 'One of the partner’s own listings, in the admin’s service form, to propose a change (partner)',
    middleware: [allow('directory.propose')] as const,
    request: { params: ServiceParam },
    responses: { 200: jsonResponse(ServiceFormView, 'The listing'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    return c.json(await ownListingForm(scope.db, scope, c.req.valid('param').id), 200);
  },
);

listingProposalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/listing-proposals',
    tags,
    summary:
      'Propose a change to one of the partner’s own listings; an admin approves or declines it (partner)',
    middleware: [allow('directory.propose')] as const,
    request: { body: jsonBody(ProposalRequest) },
    responses: {
      201: jsonResponse(ListingProposal, 'Proposed'),
      404: problems[404],
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => proposeEdit(tx, scope, request)), 201);
  },
);

listingProposalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/listing-proposals',
    tags,
    summary: 'Partners’ proposed changes to their listings: pending ones oldest first, or all (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { query: z.strictObject({ status: z.enum(['pending', 'all']).default('pending') }) },
    responses: {
      200: jsonResponse(z.object({ proposals: z.array(ListingProposal) }), 'Proposals'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const pendingOnly = c.req.valid('query').status === 'pending';
    return c.json({ proposals: await programProposals(db, actor.orgId, pendingOnly) }, 200);
  },
);

listingProposalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/listing-proposals/{id}/approve',
    tags,
    summary: 'Apply a proposed change to the listing, as the admin’s own form would (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: ProposalParam },
    responses: {
      200: jsonResponse(ListingProposal, 'Approved and applied'),
      404: problems[404],
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await transactional(c, (tx, scope) => approveProposal(tx, scope, id)), 200);
  },
);

listingProposalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/listing-proposals/{id}/decline',
    tags,
    summary: 'Decline a proposed change, optionally saying why; the partner sees the reason (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: ProposalParam, body: jsonBody(DeclineProposalRequest) },
    responses: {
      200: jsonResponse(ListingProposal, 'Declined'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => declineProposal(tx, scope, id, request)), 200);
  },
);
