import { createRoute } from '@hono/zod-openapi';
import { NewTaskRequest, Task, Today, UpdateTaskRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { singleWrite, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
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
  async (c) => c.json(await singleWrite(c, (db, scope) => today(db, scope)), 200),
);

taskRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/tasks',
    tags,
    summary: 'Add a follow-up task for a person',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(NewTaskRequest) },
    responses: { 201: jsonResponse(Task, 'Added'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => addTask(tx, scope, id, body)), 201);
  },
);

taskRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/tasks/{taskId}',
    tags,
    summary: 'Mark a task done or cancelled, rename or move it',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ taskId: z.uuid() }), body: jsonBody(UpdateTaskRequest) },
    responses: { 200: jsonResponse(Task, 'Changed'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { taskId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeTask(tx, scope, taskId, body)), 200);
  },
);
