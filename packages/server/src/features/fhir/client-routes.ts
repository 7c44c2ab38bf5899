import { createRoute } from '@hono/zod-openapi';
import { partnerCategories, requiredText, text } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { requireStepUp } from '../two-factor/step-up.js';
import { listApiClients, registerApiClient, revokeApiClient } from './api-clients.js';
import { registerClientKeys } from './client-keys.js';

export const fhirClientRoutes = createRouter();
const tags = ['FHIR API clients'];

const NewApiClient = z
  .strictObject({
    name: requiredText(200),
    /** Sees the people who consented to share with this partner name… */
    partnerName: text(200).optional(),
    /** …or with partners of this category. */
    partnerCategory: z.enum(partnerCategories).optional(),
  })
  .refine((r) => Boolean(r.partnerName) || Boolean(r.partnerCategory), {
    message: 'fields.partnerOrCategory',
    path: ['partnerName'],
  })
  .meta({ id: 'NewFhirClientRequest' });

const ApiClientView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    partnerName: z.string().nullable(),
    partnerCategory: z.string().nullable(),
    /** `private-key-jwt`: SMART Backend Services with registered keys; `secret`: the deprecated static secret. */
    authentication: z.enum(['private-key-jwt', 'secret']),
    /** The most an access token of this client may carry. */
    scopes: z.array(z.string()),
    /** Where the client publishes its keys (SMART `jwks_uri`), when registered by URL. */
    jwksUrl: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'FhirClient' });

const present = ({ orgId: _o, ...view }: z.infer<typeof ApiClientView> & { orgId: string }) => view;

fhirClientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/fhir-clients',
    tags,
    summary:
      'Register a clinic’s system for the FHIR API; the secret is shown once (admin, after a step-up check)',
    middleware: [allow('fhir.clients.manage'), requireStepUp] as const,
    request: { body: jsonBody(NewApiClient) },
    responses: {
      201: jsonResponse(ApiClientView.extend({ secret: z.string() }), 'Registered: keep the secret now'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { secret, ...view } = await transactional(c, (tx, scope) =>
      registerApiClient(tx, scope, c.req.valid('json')),
    );
    return c.json({ ...present(view), secret }, 201);
  },
);

fhirClientRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/fhir-clients',
    tags,
    summary: 'The organization’s FHIR API clients, without secrets (admin)',
    middleware: [allow('fhir.clients.manage')] as const,
    responses: {
      200: jsonResponse(z.object({ clients: z.array(ApiClientView) }), 'Clients'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ clients: (await listApiClients(db, actor)).map(present) }, 200);
  },
);

/** A public JSON Web Key (RFC 7517); client-keys.ts checks it is RS384 or ES384 and holds no private part. */
const PublicJwk = z
  .looseObject({
    kty: z.enum(['RSA', 'EC']),
    kid: z.string().max(200).optional(),
    alg: z.string().max(20).optional(),
    crv: z.string().max(20).optional(),
    n: z.string().max(2000).optional(),
    e: z.string().max(20).optional(),
    x: z.string().max(200).optional(),
    y: z.string().max(200).optional(),
  })
  .meta({ id: 'PublicJwk' });

const ClientKeys = z
  .strictObject({
    /** The public keys the clinic's system signs its token requests with… */
    jwks: z.strictObject({ keys: z.array(PublicJwk).min(1).max(10) }).optional(),
    /** …or the https URL where it publishes them, so it rotates keys on its own. */
    jwksUrl: z.url().max(2000).optional(),
    /** SMART v2 system scopes its tokens may carry (default: system/*.rs, reading every type). */
    scopes: z.array(z.string().max(100)).min(1).max(50).optional(),
  })
  .refine((r) => Boolean(r.jwks) !== Boolean(r.jwksUrl), { message: 'fields.jwksOrUrl', path: ['jwks'] })
  .meta({ id: 'FhirClientKeysRequest' });

fhirClientRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/fhir-clients/{id}/keys',
    tags,
    summary:
      'Register the public keys (JWKS) and scopes of a clinic’s system for SMART Backend Services; its static secret stops working (admin, after a step-up check)',
    middleware: [allow('fhir.clients.manage'), requireStepUp] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ClientKeys) },
    responses: {
      200: jsonResponse(ApiClientView, 'Keys registered: the client now gets tokens at the token endpoint'),
      404: commonProblems[400],
      ...commonProblems,
    },
  }),
  async (c) => {
    const view = await transactional(c, (tx, scope) =>
      registerClientKeys(tx, scope, c.req.valid('param').id, c.req.valid('json')),
    );
    return c.json(present(view), 200);
  },
);

fhirClientRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/fhir-clients/{id}/revoke',
    tags,
    summary: 'Revoke a FHIR API client: its secret stops working at once (admin)',
    middleware: [allow('fhir.clients.manage')] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 204: { description: 'Revoked' }, 404: commonProblems[400], ...commonProblems },
  }),
  async (c) => {
    await transactional(c, (tx, scope) => revokeApiClient(tx, scope, c.req.valid('param').id));
    return c.body(null, 204);
  },
);
