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
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { addAppointment, addGoal, addStep, changeAppointment, changeGoal, changeStep } from './service.js';

export const carePlanRoutes = createRouter();
const tags = ['Care plan'];
const problems = { 404: commonProblems[400], ...commonProblems };
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
    responses: { 201: jsonResponse(Goal, 'Added'), ...problems },
  }),
  async (c) =>
    c.json(
      await addGoal(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')),
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
    responses: { 200: jsonResponse(Goal, 'Changed'), ...problems },
  }),
  async (c) => {
    const { id, goalId } = c.req.valid('param');
    return c.json(
      await changeGoal(c.get('db'), actorOf(c), id, goalId, c.req.valid('json'), c.get('ip')),
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
    responses: { 201: jsonResponse(Goal, 'The goal with its steps'), ...problems },
  }),
  async (c) => {
    const { id, goalId } = c.req.valid('param');
    return c.json(await addStep(c.get('db'), actorOf(c), id, goalId, c.req.valid('json'), c.get('ip')), 201);
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
    responses: { 200: jsonResponse(Goal, 'The goal with its steps'), ...problems },
  }),
  async (c) => {
    const { id, goalId, stepId } = c.req.valid('param');
    return c.json(
      await changeStep(c.get('db'), actorOf(c), id, goalId, stepId, c.req.valid('json'), c.get('ip')),
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
    responses: { 201: jsonResponse(Appointment, 'Added'), ...problems },
  }),
  async (c) =>
    c.json(
      await addAppointment(
        c.get('db'),
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('ip'),
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
    responses: { 200: jsonResponse(Appointment, 'Changed'), ...problems },
  }),
  async (c) => {
    const { id, appointmentId } = c.req.valid('param');
    return c.json(
      await changeAppointment(c.get('db'), actorOf(c), id, appointmentId, c.req.valid('json'), c.get('ip')),
      200,
    );
  },
);
