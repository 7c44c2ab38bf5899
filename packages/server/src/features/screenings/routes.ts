import { createRoute } from '@hono/zod-openapi';
import {
  InstrumentList,
  Outcomes,
  QuestionnaireJson,
  Screening,
  ScreeningReply,
  ScreeningRequest,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { clientInScope } from './in-scope.js';
import { addProgramForm, listQuestionnaires } from './instruments.js';
import { outcomes } from './outcomes.js';
import { listScreenings, recordScreening } from './service.js';

export const screeningRoutes = createRouter();
const tags = ['Screening'];

screeningRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/instruments',
    tags,
    summary: 'Every questionnaire the phone may fill in (built-in instruments, then the program’s forms)',
    middleware: [allow('instruments.read')] as const,
    responses: { 200: jsonResponse(InstrumentList, 'Questionnaires as FHIR R4 JSON'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ questionnaires: await listQuestionnaires(db, actor.orgId) }, 200);
  },
);

screeningRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/program/forms',
    tags,
    summary: 'Add a program’s own FHIR Questionnaire (admin); a broken one gets the list of what is wrong',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(QuestionnaireJson) },
    responses: {
      201: jsonResponse(QuestionnaireJson, 'Added'),
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const json = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => addProgramForm(tx, scope, json)), 201);
  },
);

screeningRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/screenings',
    tags,
    summary: 'Record a screen (FHIR QuestionnaireResponse); the server scores it and says what comes next',
    description:
      'Any total in the response is ignored. A response that does not fit its questionnaire is refused ' +
      'whole (422, one entry per problem). A high-risk result raises a risk alert. The same id sent again ' +
      'returns the stored screen.',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ScreeningRequest) },
    responses: {
      201: jsonResponse(ScreeningReply, 'Recorded'),
      200: jsonResponse(ScreeningReply, 'Already recorded'),
      404: problems[404],
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    const config = c.get('config');
    const { created, ...reply } = await transactional(c, (tx, scope) =>
      recordScreening(tx, scope, id, request, config),
    );
    return created ? c.json(reply, 201) : c.json(reply, 200);
  },
);

screeningRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/screenings',
    tags,
    summary: 'A person’s screens with the server’s scores, newest first',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: jsonResponse(z.object({ screenings: z.array(Screening) }), 'Screens'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const screenings = await transactional(c, (tx, scope) =>
      listScreenings(tx, scope, c.req.valid('param').id),
    );
    return c.json({ screenings }, 200);
  },
);

screeningRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/outcomes',
    tags,
    summary: 'PHQ-9 and GAD-7 totals over time, with treatment response and remission marked',
    middleware: [allow('screenings.work'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(Outcomes, 'Series'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(await transactional(c, (tx, scope) => outcomes(tx, scope, c.req.valid('param').id)), 200),
);
