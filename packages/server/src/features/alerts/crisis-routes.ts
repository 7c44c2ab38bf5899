import { createRoute } from '@hono/zod-openapi';
import { CrisisProtocolInfo, CrisisSettings } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { recordAudit, who } from '../audit/record.js';
import { crisisSettings, protocolInfo, saveCrisisSettings } from './crisis-settings.js';

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
  async (c) => c.json(await crisisSettings(c.get('db'), actorOf(c).orgId), 200),
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
    const actor = actorOf(c);
    const saved = await c.get('db').transaction(async (tx) => {
      await saveCrisisSettings(tx, actor.orgId, c.req.valid('json'));
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'program.crisis-response-changed',
        subjectType: 'organization',
        subjectId: actor.orgId,
      });
      return crisisSettings(tx, actor.orgId);
    });
    return c.json(saved, 200);
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
    const actor = actorOf(c);
    return c.json(await protocolInfo(c.get('db'), actor.orgId, actor.userId, new Date()), 200);
  },
);
