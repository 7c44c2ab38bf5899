import { createRoute } from '@hono/zod-openapi';
import { ClearRiskFlagRequest, RiskFlag } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { clearRiskFlag } from './service.js';

export const riskFlagRoutes = createRouter();

riskFlagRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/risk-flag/clear',
    tags: ['Screening'],
    summary: 'Clear a person’s risk flag after review, with the reason (supervisors of the person)',
    // Supervising is the supervisor's: the CHW who holds the person cannot clear their own flag.
    middleware: [allow('supervision.write')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ClearRiskFlagRequest) },
    responses: {
      200: jsonResponse(z.object({ riskFlag: RiskFlag.nullable() }), 'Cleared'),
      404: commonProblems[400],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await clearRiskFlag(
        c.get('db'),
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('json').reason,
        c.get('ip'),
      ),
      200,
    ),
);
