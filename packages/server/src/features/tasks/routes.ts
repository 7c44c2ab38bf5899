import { createRoute } from '@hono/zod-openapi';
import { NewTaskRequest, Task, Today, UpdateTaskRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { addTask, changeTask, today } from './service.js';

export const taskRoutes = createRouter();
const tags = ['Follow-ups'];

taskRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/today',
    tags,
    summary: 'The caller’s day: overdue, due today, the coming week, appointments',
    middleware: [allow('clients.register')] as const,
    responses: { 200: jsonResponse(Today, 'Today'), ...commonProblems },
  }),
  async (c) => c.json(await today(c.get('db'), actorOf(c), c.get('ip')), 200),
);

taskRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/tasks',
    tags,
    summary: 'Add a follow-up task for a person',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(NewTaskRequest) },
    responses: { 201: jsonResponse(Task, 'Added'), 404: commonProblems[400], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await addTask(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')),
      201,
    ),
);

taskRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/tasks/{taskId}',
    tags,
    summary: 'Mark a task done or cancelled, rename or move it',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ taskId: z.uuid() }), body: jsonBody(UpdateTaskRequest) },
    responses: { 200: jsonResponse(Task, 'Changed'), 404: commonProblems[400], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await changeTask(
        c.get('db'),
        actorOf(c),
        c.req.valid('param').taskId,
        c.req.valid('json'),
        c.get('ip'),
      ),
      200,
    ),
);
