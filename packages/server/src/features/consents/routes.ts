import { createRoute } from '@hono/zod-openapi';
import { Consent, NewConsentRequest, RevokeConsentRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
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
    responses: { 201: jsonResponse(Consent, 'Recorded'), 404: commonProblems[400], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await recordConsent(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')),
      201,
    ),
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
    responses: { 200: jsonResponse(Consent, 'Revoked'), 404: commonProblems[400], ...commonProblems },
  }),
  async (c) => {
    const { id, consentId } = c.req.valid('param');
    return c.json(
      await revokeConsent(c.get('db'), actorOf(c), id, consentId, c.req.valid('json').note, c.get('ip')),
      200,
    );
  },
);
