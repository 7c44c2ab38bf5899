import { createRoute } from '@hono/zod-openapi';
import { NewTeamRequest, Team } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { createTeam, teamsFor } from './teams.js';

export const teamRoutes = createRouter();
const tags = ['Teams'];

teamRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/teams',
    tags,
    summary: 'Teams: all of them for an admin, their own for a supervisor',
    middleware: [allow('teams.read')] as const,
    responses: { 200: jsonResponse(z.object({ teams: z.array(Team) }), 'Teams'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ teams: await teamsFor(db, actor) }, 200);
  },
);

teamRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/teams',
    tags,
    summary: 'Create a team: a supervisor and their CHWs (admin)',
    middleware: [allow('teams.manage')] as const,
    request: { body: jsonBody(NewTeamRequest) },
    responses: { 201: jsonResponse(Team, 'Created'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => createTeam(tx, scope, c.req.valid('json'))), 201),
);
