import { createRoute } from '@hono/zod-openapi';
import {
  BreakGlassRequest,
  Client,
  ClientSummary,
  MergeRequest,
  NewClientRequest,
  PossibleDuplicate,
  TransferRequest,
  UpdateClientRequest,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { singleWrite, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { holdersOf, tell } from '../news/tell.js';
import { requireStepUp } from '../two-factor/step-up.js';
import { breakGlass } from './break-glass.js';
import { refuseDuplicates } from './duplicates.js';
import { mergeClients, transferClient } from './handover.js';
import { caseload, changeClient, checkRegistration, openClient, registerClient } from './service.js';

export const clientRoutes = createRouter();
const tags = ['Clients'];
export const ClientParam = z.object({ id: z.uuid() });

const Duplicates = z
  .object({
    code: z.literal('possibleDuplicate'),
    title: z.string(),
    status: z.literal(409),
    type: z.string(),
    /** People the caller may see: named, to open instead. */
    duplicates: z.array(PossibleDuplicate),
    /** A strong match (same name, and phone or birth date) held by another CHW: never named nor counted. */
    heldElsewhere: z.boolean(),
  })
  .meta({ id: 'PossibleDuplicates' });

clientRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients',
    tags,
    summary: 'The caller’s caseload, searchable by name or phone',
    middleware: [allow('clients.work')] as const,
    request: {
      query: z.strictObject({
        q: z.string().max(100).optional(),
        chwId: z.uuid().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(100_000).default(0),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ clients: z.array(ClientSummary), total: z.number().int() }), 'Caseload'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    return c.json(await singleWrite(c, (db, scope) => caseload(db, scope, query)), 200);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients',
    tags,
    summary: 'Register a person; answers 409 with possible duplicates unless notADuplicate is set',
    middleware: [allow('clients.register')] as const,
    request: { body: jsonBody(NewClientRequest.extend({ chwId: z.uuid().optional() })) },
    responses: {
      201: jsonResponse(Client, 'Registered'),
      409: {
        description: 'Possible duplicates',
        content: { 'application/problem+json': { schema: Duplicates } },
      },
      ...commonProblems,
    },
  }),
  async (c) => {
    const request = c.req.valid('json');
    // The check commits before the person is written, so the trail keeps a check that ends in a refusal.
    refuseDuplicates(await transactional(c, (tx, scope) => checkRegistration(tx, scope, request)));
    const client = await transactional(c, (tx, scope) => registerClient(tx, scope, request));
    return c.json(client, 201);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}',
    tags,
    summary: 'Open a person’s record (audited)',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientParam },
    responses: { 200: jsonResponse(Client, 'The record'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await singleWrite(c, (db, scope) => openClient(db, scope, id)), 200);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clients/{id}',
    tags,
    summary: 'Change a person’s details; null clears a field',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientParam, body: jsonBody(UpdateClientRequest) },
    responses: { 200: jsonResponse(Client, 'Changed'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeClient(tx, scope, id, change)), 200);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/transfer',
    tags,
    summary: 'Hand a person over to another CHW; history is kept (supervisor, admin)',
    middleware: [allow('clients.handover')] as const,
    request: { params: ClientParam, body: jsonBody(TransferRequest) },
    responses: { 204: { description: 'Transferred' }, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    const to = await transactional(c, async (tx, scope) => {
      // Whoever held the person before and whoever holds them now.
      const before = await holdersOf(tx, scope.actor.orgId, id);
      await transferClient(tx, scope, id, request);
      return [...before, ...(await holdersOf(tx, scope.actor.orgId, id))];
    });
    // The person is the id: a phone that lost them pulls and sees the removal, the new CHW's phone the arrival.
    await tell(c, { kind: 'caseload', id, to });
    return c.body(null, 204);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/merge',
    tags,
    summary: 'Merge a duplicate record into this one, keeping both histories (supervisor, admin)',
    middleware: [allow('clients.handover')] as const,
    request: { params: ClientParam, body: jsonBody(MergeRequest) },
    responses: { 204: { description: 'Merged' }, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { duplicateId } = c.req.valid('json');
    await transactional(c, (tx, scope) => mergeClients(tx, scope, id, duplicateId));
    return c.body(null, 204);
  },
);

clientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/break-glass',
    tags,
    summary: 'Open a record outside one’s scope for a stated reason, for a limited time (audited)',
    middleware: [allow('clients.break-glass'), requireStepUp] as const,
    request: { params: ClientParam, body: jsonBody(BreakGlassRequest) },
    responses: {
      200: jsonResponse(z.object({ until: z.string() }), 'Opened until'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => breakGlass(tx, scope, id, reason)), 200);
  },
);
