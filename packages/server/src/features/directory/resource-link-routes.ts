import { createRoute } from '@hono/zod-openapi';
import { PublicResourcePage, ResourceLink, ResourceLinkRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional, transactionalPublic } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { clientInScope } from '../screenings/in-scope.js';
import { openResourcePage, shareResources } from './resource-links.js';

/** A person's private page of services: made by their CHW, opened by them without an account. */
export const resourceLinkRoutes = createRouter();
const tags = ['Directory'];

resourceLinkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/resource-links',
    tags,
    summary:
      'Make a private page of up to 10 services for a person, in their language (no sign-in; expires on the day chosen, ≤ 90 days); recorded as a contact',
    middleware: [allow('directory.share'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ResourceLinkRequest) },
    responses: { 201: jsonResponse(ResourceLink, 'Page made'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        shareResources(tx, scope, c.req.valid('param').id, c.req.valid('json'), c.get('config').publicUrl),
      ),
      201,
    ),
);

resourceLinkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/resource-links/{token}',
    tags: ['Directory (public)'],
    summary: 'A private page of services, for the person it was made for (public: the token is the key)',
    request: { params: z.object({ token: z.string().regex(/^[\w-]{20,100}$/) }) },
    responses: {
      200: jsonResponse(PublicResourcePage, 'The services as shared, in the page’s language'),
      404: problems[404],
      410: problems[410],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    return c.json(await transactionalPublic(c, (tx, { ip }) => openResourcePage(tx, token, ip)), 200);
  },
);
