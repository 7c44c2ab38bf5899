import { createRoute } from '@hono/zod-openapi';
import { PrivateLink, PrivateLinkList, PrivateLinkParams } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { clientInScope } from '../screenings/in-scope.js';
import { listLinks, revokeLink } from './links.js';

/** The private links given to a person: listed and revoked by those who work with them. */
export const privateLinkRoutes = createRouter();
const tags = ['Private links'];

// Revoking is casework like withdrawing a consent (which revokes every link), so the same permission.
privateLinkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/links',
    tags,
    summary:
      'Every private link given to the person (safety plan, topic, page of services), newest first, with whether it still opens',
    middleware: [allow('clients.work'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(PrivateLinkList, 'The links'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const links = await transactional(c, (tx, scope) => listLinks(tx, scope, c.req.valid('param').id));
    return c.json({ links }, 200);
  },
);

privateLinkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/links/{kind}/{linkId}/revoke',
    tags,
    summary:
      'Revoke a private link: from now on it opens no more than an expired one (409 when already revoked or expired)',
    middleware: [allow('clients.work'), clientInScope] as const,
    request: { params: PrivateLinkParams },
    responses: {
      200: jsonResponse(PrivateLink, 'Revoked'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id, kind, linkId } = c.req.valid('param');
    return c.json(await transactional(c, (tx, scope) => revokeLink(tx, scope, id, kind, linkId)), 200);
  },
);
