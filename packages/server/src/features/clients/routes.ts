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
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { requireStepUp } from '../two-factor/step-up.js';
import { breakGlass } from './break-glass.js';
import { mergeClients, transferClient } from './handover.js';
import { caseload, changeClient, openClient, registerClient } from './service.js';

export const clientRoutes = createRouter();
const tags = ['Clients'];
export const ClientParam = z.object({ id: z.uuid() });
const notFound = commonProblems[400];

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
  async (c) => c.json(await caseload(c.get('db'), actorOf(c), c.get('ip'), c.req.valid('query')), 200),
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
    const client = await registerClient(c.get('db'), actorOf(c), c.req.valid('json'), c.get('ip'));
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
    responses: { 200: jsonResponse(Client, 'The record'), 404: notFound, ...commonProblems },
  }),
  async (c) => c.json(await openClient(c.get('db'), actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
);

clientRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clients/{id}',
    tags,
    summary: 'Change a person’s details; null clears a field',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientParam, body: jsonBody(UpdateClientRequest) },
    responses: { 200: jsonResponse(Client, 'Changed'), 404: notFound, ...commonProblems },
  }),
  async (c) =>
    c.json(
      await changeClient(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')),
      200,
    ),
);

clientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/transfer',
    tags,
    summary: 'Hand a person over to another CHW; history is kept (supervisor, admin)',
    middleware: [allow('clients.handover')] as const,
    request: { params: ClientParam, body: jsonBody(TransferRequest) },
    responses: { 204: { description: 'Transferred' }, 404: notFound, ...commonProblems },
  }),
  async (c) => {
    await transferClient(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip'));
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
    responses: { 204: { description: 'Merged' }, 404: notFound, ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await mergeClients(c.get('db'), actorOf(c), id, c.req.valid('json').duplicateId, c.get('ip'));
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
      404: notFound,
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await breakGlass(
        c.get('db'),
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('json').reason,
        c.get('ip'),
      ),
      200,
    ),
);
