import { createRoute } from '@hono/zod-openapi';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import {
  activityTargets,
  myActivity,
  programActivity,
  setActivityTargets,
  teamActivity,
} from './activity.js';
import {
  ActivityQuery,
  ActivityTargetsView,
  MyActivity,
  ProgramActivity,
  SetActivityTargetsRequest,
  TeamActivity,
} from './activity-schemas.js';

export const activityRoutes = createRouter();
const tags = ['Activity and targets'];

activityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/team/activity',
    tags,
    summary:
      'Supervisor: visits, screens and referral loops closed per CHW of their teams, per week (program time zone), against the weekly targets; audited',
    middleware: [allow('team.overview')] as const,
    request: { query: ActivityQuery },
    responses: { 200: jsonResponse(TeamActivity, 'Activity by CHW'), ...commonProblems },
  }),
  async (c) => {
    const { weeks } = c.req.valid('query');
    return c.json(await transactional(c, (tx, scope) => teamActivity(tx, scope, weeks)), 200);
  },
);

activityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/activity',
    tags,
    summary: 'The same figures per team without names: totals and how many CHWs reached each target; audited',
    middleware: [allow('activity.program')] as const,
    request: { query: ActivityQuery },
    responses: { 200: jsonResponse(ProgramActivity, 'Activity by team'), ...commonProblems },
  }),
  async (c) => {
    const { weeks } = c.req.valid('query');
    return c.json(await transactional(c, (tx, scope) => programActivity(tx, scope, weeks)), 200);
  },
);

activityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/me/activity',
    tags,
    summary: 'The caller’s own week so far against their weekly targets (Today); audited',
    middleware: [allow('caseload.hold')] as const,
    responses: { 200: jsonResponse(MyActivity, 'This week'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => myActivity(tx, scope)), 200),
);

activityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/activity/targets',
    tags,
    summary: 'The program’s weekly targets and each team’s own',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(ActivityTargetsView, 'Targets'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => activityTargets(tx, scope)), 200),
);

activityRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/activity/targets',
    tags,
    summary:
      'Set the weekly targets of the program, or of one team (teamId): 1–500 per measure, null for none; audited',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(SetActivityTargetsRequest) },
    responses: {
      200: jsonResponse(ActivityTargetsView, 'Targets as set'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(await transactional(c, (tx, scope) => setActivityTargets(tx, scope, c.req.valid('json'))), 200),
);
