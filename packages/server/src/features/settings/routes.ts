import { createRoute } from '@hono/zod-openapi';
import { ProgramSettingsRequest } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { changeProgramSettings, settingsWithIdentity } from './service.js';

export const settingsRoutes = createRouter();
const tags = ['Program'];
const Settings = ProgramSettingsRequest.meta({ id: 'ProgramSettings' });

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/settings',
    tags,
    summary:
      'The program’s name and first language, its casework rules (follow-up after a visit, no-contact warning, time zone) and the small-count threshold of its reports',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(Settings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await settingsWithIdentity(db, actor.orgId), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/settings',
    tags,
    summary:
      'Rename the program, or change its first language, casework rules or report threshold (never under 5) (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ProgramSettingsRequest) },
    responses: { 200: jsonResponse(Settings, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeProgramSettings(tx, scope, request)), 200);
  },
);
