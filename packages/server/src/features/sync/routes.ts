import { createRoute } from '@hono/zod-openapi';
import {
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  ResolveConflictRequest,
  SyncConflict,
  SyncMutation,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { listConflicts, resolveConflict } from './conflicts.js';
import { pull } from './pull.js';
import { push } from './push.js';

export const syncRoutes = createRouter();
const tags = ['Offline sync'];

syncRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/pull',
    tags,
    summary: 'Changes since the cursor for the caller’s scope now, with removals; pull again while `more`',
    middleware: [allow('sync.use')] as const,
    request: { query: PullQuery },
    responses: { 200: jsonResponse(PullResponse, 'One page of changes'), ...commonProblems },
  }),
  async (c) => c.json(await pull(c.get('db'), actorOf(c), c.req.valid('query'), c.get('ip')), 200),
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/push',
    tags,
    summary: 'Apply a batch of offline mutations, each once and on its own; crisis alerts first',
    description: `Each mutation has a client-made UUIDv7 \`id\` and a \`kind\`: ${SyncMutation.options
      .map((o) => `\`${o.shape.kind.value}\``)
      .join(
        ', ',
      )}. Each is checked and applied alone, with the same checks as the matching API route; a refusal is final and is replayed as such.`,
    middleware: [allow('sync.use')] as const,
    request: { body: jsonBody(PushRequest) },
    responses: {
      200: jsonResponse(PushResponse, 'One result per mutation, in the order sent'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const results = await push(
      {
        db: c.get('db'),
        actor: actorOf(c),
        device: body.device,
        ip: c.get('ip'),
        locale: c.get('locale'),
        config: c.get('config'),
        log: c.get('log'),
      },
      body.mutations,
    );
    return c.json({ results }, 200);
  },
);

syncRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/conflicts',
    tags,
    summary: 'Edits that crossed while offline: the value kept and the value that lost',
    middleware: [allow('sync.use')] as const,
    responses: {
      200: jsonResponse(z.object({ conflicts: z.array(SyncConflict) }), 'Open conflicts'),
      ...commonProblems,
    },
  }),
  async (c) => c.json({ conflicts: await listConflicts(c.get('db'), actorOf(c)) }, 200),
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/conflicts/{id}/resolve',
    tags,
    summary:
      'Keep the value in the record, or put the losing value back while the field still holds the kept one',
    middleware: [allow('sync.use')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ResolveConflictRequest) },
    responses: {
      204: { description: 'Resolved' },
      404: { ...commonProblems[400], description: 'No such open conflict about someone the caller may see' },
      409: { ...commonProblems[400], description: 'The field has changed since: nothing was put back' },
      ...commonProblems,
    },
  }),
  async (c) => {
    await resolveConflict(
      c.get('db'),
      actorOf(c),
      c.req.valid('param').id,
      c.req.valid('json').choose,
      c.get('ip'),
    );
    return c.body(null, 204);
  },
);
