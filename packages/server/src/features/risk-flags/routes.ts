import { createRoute } from '@hono/zod-openapi';
import { ClearRiskFlagRequest, RiskFlag } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
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
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => clearRiskFlag(tx, scope, id, reason)), 200);
  },
);
