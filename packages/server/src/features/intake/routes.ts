import { createRoute } from '@hono/zod-openapi';
import { AssignIntakeRequest, IntakeAnswerRequest, IntakeItem, IntakeQueue } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { answerIntake, assignIntake, intakeQueue } from './queue.js';

/** The intake queue of referrals clinics send over FHIR (POST /fhir/r4 with a transaction Bundle). */
export const intakeRoutes = createRouter();
const tags = ['Referrals'];
const IdParam = z.object({ id: z.uuid() });

intakeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/intake',
    tags,
    summary:
      'Referrals from clinics: the program’s queue for a supervisor (with the CHWs they may give one to), the ones given to a CHW for the CHW',
    middleware: [allow('intake.work')] as const,
    responses: { 200: jsonResponse(IntakeQueue, 'The queue'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => intakeQueue(tx, scope)), 200),
);

intakeRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/intake/{id}/assign',
    tags,
    summary: 'Give a referral from a clinic to a CHW of the supervisor’s teams (supervisor)',
    middleware: [allow('intake.assign')] as const,
    request: { params: IdParam, body: jsonBody(AssignIntakeRequest) },
    responses: {
      200: jsonResponse(IntakeItem, 'Given to the CHW'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        assignIntake(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);

intakeRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/intake/{id}/answer',
    tags,
    summary:
      'The CHW given a referral from a clinic accepts it, starts it, declines it with a reason, or completes it with the outcome; the clinic reads it from the Task',
    middleware: [allow('intake.work')] as const,
    request: { params: IdParam, body: jsonBody(IntakeAnswerRequest) },
    responses: {
      200: jsonResponse(IntakeItem, 'Answered'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        answerIntake(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);
