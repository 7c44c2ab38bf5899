import { createRoute } from '@hono/zod-openapi';
import { Consent, NewConsentRequest, RevokeConsentRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { recordConsent, revokeConsent } from './service.js';

export const consentRoutes = createRouter();
const tags = ['Consent'];

consentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/consents',
    tags,
    summary: 'Record a consent: to be served, to share with a partner or category, or to be texted',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(NewConsentRequest) },
    responses: { 201: jsonResponse(Consent, 'Recorded'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => recordConsent(tx, scope, id, request)), 201);
  },
);

consentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/consents/{consentId}/revoke',
    tags,
    summary: 'Revoke a consent; the history keeps it',
    middleware: [allow('clients.work')] as const,
    request: {
      params: z.object({ id: z.uuid(), consentId: z.uuid() }),
      body: jsonBody(RevokeConsentRequest),
    },
    responses: { 200: jsonResponse(Consent, 'Revoked'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id, consentId } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => revokeConsent(tx, scope, id, consentId, note)), 200);
  },
);
