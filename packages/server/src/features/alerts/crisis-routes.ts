import { createRoute } from '@hono/zod-openapi';
import { CrisisProtocolInfo, CrisisSettings } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { changeCrisisSettings, crisisSettings, protocolInfo } from './crisis-settings.js';

export const crisisRoutes = createRouter();
const tags = ['Program'];

crisisRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/crisis-response',
    tags,
    summary:
      'The program’s crisis lines, emergency number, on-call rota, escalation time and re-screen interval (admin)',
    middleware: [allow('crisis.manage')] as const,
    responses: { 200: jsonResponse(CrisisSettings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await crisisSettings(db, actor.orgId), 200);
  },
);

crisisRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/crisis-response',
    tags,
    summary:
      'Set the program’s crisis lines, emergency number, on-call rota, escalation time and re-screen interval (admin)',
    middleware: [allow('crisis.manage')] as const,
    request: { body: jsonBody(CrisisSettings) },
    responses: { 200: jsonResponse(CrisisSettings, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const settings = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeCrisisSettings(tx, scope, settings)), 200);
  },
);

crisisRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/crisis-protocol',
    tags: ['Risk alerts'],
    summary:
      'What the crisis protocol screen shows: the crisis lines, the emergency number, who is on call, who an alert reaches first and what the program has not set',
    middleware: [allow('crisis.read')] as const,
    responses: { 200: jsonResponse(CrisisProtocolInfo, 'Crisis lines and on-call'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await protocolInfo(db, actor.orgId, actor.userId, new Date()), 200);
  },
);
