import { createRoute } from '@hono/zod-openapi';
import {
  PublicSafetyPlan,
  SafetyPlan,
  SafetyPlanShare,
  SaveSafetyPlanRequest,
  ShareSafetyPlanRequest,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional, transactionalPublic } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { clientInScope } from '../screenings/in-scope.js';
import { readPlan, savePlan } from './service.js';
import { openSharedPlan, sharePlan } from './share.js';

export const safetyPlanRoutes = createRouter();
const tags = ['Safety plans'];
const params = z.object({ id: z.uuid() });

safetyPlanRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/safety-plan',
    tags,
    summary: 'The person’s current safety plan (the newest version)',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params },
    responses: { 200: jsonResponse(SafetyPlan, 'Plan'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(await transactional(c, (tx, scope) => readPlan(tx, scope, c.req.valid('param').id)), 200),
);

safetyPlanRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/clients/{id}/safety-plan',
    tags,
    summary: 'Save the safety plan written with the person; each save is a new version',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params, body: jsonBody(SaveSafetyPlanRequest) },
    responses: { 200: jsonResponse(SafetyPlan, 'Saved'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        savePlan(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);

safetyPlanRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/safety-plan/share',
    tags,
    summary:
      'Make a private link to the plan for the person (no sign-in; expires on the day chosen, ≤ 90 days)',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params, body: jsonBody(ShareSafetyPlanRequest) },
    responses: { 201: jsonResponse(SafetyPlanShare, 'Link made'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        sharePlan(tx, scope, c.req.valid('param').id, c.req.valid('json'), c.get('config').publicUrl),
      ),
      201,
    ),
);

safetyPlanRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/safety-plans/{token}',
    tags,
    summary: 'A shared safety plan, for the person it belongs to (public: the token is the key)',
    request: { params: z.object({ token: z.string().regex(/^[\w-]{20,100}$/) }) },
    responses: {
      200: jsonResponse(PublicSafetyPlan, 'Plan text in the person’s language'),
      404: problems[404],
      410: problems[410],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    return c.json(await transactionalPublic(c, (tx, { ip }) => openSharedPlan(tx, token, ip)), 200);
  },
);
