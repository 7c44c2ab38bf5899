import { createRoute } from '@hono/zod-openapi';
import { CaseloadCounts, NewSupervisionNoteRequest, SupervisionNote, TeamOverview } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { addSupervisionNote, caseloadCounts, supervisionNotes, teamOverview } from './service.js';

export const supervisionRoutes = createRouter();
const tags = ['Supervision'];

supervisionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/team/overview',
    tags,
    summary:
      'Supervisor’s team screen: caseloads, overdue tasks, people with no recent contact, break-the-glass',
    middleware: [allow('team.overview')] as const,
    responses: { 200: jsonResponse(TeamOverview, 'Overview'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => teamOverview(tx, scope)), 200),
);

supervisionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/caseload/counts',
    tags,
    summary: 'Caseload counts without names (manager, supervisor, admin)',
    middleware: [allow('caseload.counts')] as const,
    responses: { 200: jsonResponse(CaseloadCounts, 'Counts'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await caseloadCounts(db, actor), 200);
  },
);

supervisionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/supervision-notes',
    tags,
    summary: 'Supervision notes about one CHW',
    middleware: [allow('supervision.read')] as const,
    request: { query: z.strictObject({ chwId: z.uuid() }) },
    responses: {
      200: jsonResponse(z.object({ notes: z.array(SupervisionNote) }), 'Notes'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const notes = await transactional(c, (tx, scope) =>
      supervisionNotes(tx, scope, c.req.valid('query').chwId),
    );
    return c.json({ notes }, 200);
  },
);

supervisionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/supervision-notes',
    tags,
    summary: 'Write a supervision note about a CHW, or a case review of one of their clients',
    middleware: [allow('supervision.write')] as const,
    request: { body: jsonBody(NewSupervisionNoteRequest) },
    responses: { 201: jsonResponse(SupervisionNote, 'Written'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const note = await transactional(c, (tx, scope) => addSupervisionNote(tx, scope, c.req.valid('json')));
    return c.json(note, 201);
  },
);
