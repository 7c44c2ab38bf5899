import { createRoute } from '@hono/zod-openapi';
import {
  Appointment,
  Goal,
  NewAppointmentRequest,
  NewGoalRequest,
  NewStepRequest,
  UpdateAppointmentRequest,
  UpdateGoalRequest,
  UpdateStepRequest,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { addAppointment, addGoal, addStep, changeAppointment, changeGoal, changeStep } from './service.js';

export const carePlanRoutes = createRouter();
const tags = ['Care plan'];
const refusals = { 404: problems[404], ...commonProblems };
const Client = z.object({ id: z.uuid() });
const ClientGoal = Client.extend({ goalId: z.uuid() });

carePlanRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/goals',
    tags,
    summary: 'Add a goal in the person’s own words, with its need area',
    middleware: [allow('clients.work')] as const,
    request: { params: Client, body: jsonBody(NewGoalRequest) },
    responses: { 201: jsonResponse(Goal, 'Added'), ...refusals },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) => addGoal(tx, scope, c.req.valid('param').id, c.req.valid('json'))),
      201,
    ),
);

carePlanRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clients/{id}/goals/{goalId}',
    tags,
    summary: 'Reword a goal or mark it achieved or stopped',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientGoal, body: jsonBody(UpdateGoalRequest) },
    responses: { 200: jsonResponse(Goal, 'Changed'), ...refusals },
  }),
  async (c) => {
    const { id, goalId } = c.req.valid('param');
    return c.json(
      await transactional(c, (tx, scope) => changeGoal(tx, scope, id, goalId, c.req.valid('json'))),
      200,
    );
  },
);

carePlanRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/goals/{goalId}/steps',
    tags,
    summary: 'Add a step to a goal, owned by the CHW or the person',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientGoal, body: jsonBody(NewStepRequest) },
    responses: { 201: jsonResponse(Goal, 'The goal with its steps'), ...refusals },
  }),
  async (c) => {
    const { id, goalId } = c.req.valid('param');
    return c.json(
      await transactional(c, (tx, scope) => addStep(tx, scope, id, goalId, c.req.valid('json'))),
      201,
    );
  },
);

carePlanRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clients/{id}/goals/{goalId}/steps/{stepId}',
    tags,
    summary: 'Change a step: done, cancelled, new date or wording',
    middleware: [allow('clients.work')] as const,
    request: { params: ClientGoal.extend({ stepId: z.uuid() }), body: jsonBody(UpdateStepRequest) },
    responses: { 200: jsonResponse(Goal, 'The goal with its steps'), ...refusals },
  }),
  async (c) => {
    const { id, goalId, stepId } = c.req.valid('param');
    return c.json(
      await transactional(c, (tx, scope) => changeStep(tx, scope, id, goalId, stepId, c.req.valid('json'))),
      200,
    );
  },
);

carePlanRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/appointments',
    tags,
    summary: 'Add an appointment being navigated, with its barriers',
    middleware: [allow('clients.work')] as const,
    request: { params: Client, body: jsonBody(NewAppointmentRequest) },
    responses: { 201: jsonResponse(Appointment, 'Added'), ...refusals },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        addAppointment(tx, scope, c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

carePlanRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/clients/{id}/appointments/{appointmentId}',
    tags,
    summary: 'Mark an appointment kept or missed, move it, or note barriers',
    middleware: [allow('clients.work')] as const,
    request: { params: Client.extend({ appointmentId: z.uuid() }), body: jsonBody(UpdateAppointmentRequest) },
    responses: { 200: jsonResponse(Appointment, 'Changed'), ...refusals },
  }),
  async (c) => {
    const { id, appointmentId } = c.req.valid('param');
    return c.json(
      await transactional(c, (tx, scope) =>
        changeAppointment(tx, scope, id, appointmentId, c.req.valid('json')),
      ),
      200,
    );
  },
);
