import { createRoute } from '@hono/zod-openapi';
import { SetupChecklist } from '@puente/core';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { setupChecklist } from './checklist.js';

/** The admin's first-run checklist: what setting the program up still needs, read from what is stored. */
export const setupRoutes = createRouter();

setupRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/setup/checklist',
    tags: ['Program'],
    summary:
      'What setting the program up still needs: name, time zone, language, crisis response, teams, CHWs, directory, caseload import (admin)',
    middleware: [allow('program.setup')] as const,
    responses: { 200: jsonResponse(SetupChecklist, 'Each step, done or missing'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await setupChecklist(db, actor.orgId), 200);
  },
);
