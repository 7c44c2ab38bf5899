import { createRoute } from '@hono/zod-openapi';
import { NewUserRequest, UpdateUserRequest, User } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { changeUser, createUser, usersOf } from './service.js';

export const userRoutes = createRouter();
const tags = ['Users'];
const IdParam = z.object({ id: z.uuid() });

userRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/users',
    tags,
    summary: 'Everyone who signs in to the caller’s organization (admin)',
    middleware: [allow('users.manage')] as const,
    responses: { 200: jsonResponse(z.object({ users: z.array(User) }), 'Users'), ...commonProblems },
  }),
  async (c) => {
    return c.json({ users: await transactional(c, (tx, scope) => usersOf(tx, scope)) }, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/users',
    tags,
    summary:
      'Create a user with a password they must change at first sign-in (admin; scripts and tests — the web invites)',
    request: { body: jsonBody(NewUserRequest) },
    middleware: [allow('users.manage')] as const,
    responses: { 201: jsonResponse(User, 'Created'), 409: problems[409], ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    return c.json(await createUser(scope.db, scope, c.req.valid('json')), 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/users/{id}',
    tags,
    summary: 'Rename, change role, disable/enable or unlock a user (admin)',
    request: { params: IdParam, body: jsonBody(UpdateUserRequest) },
    middleware: [allow('users.manage')] as const,
    responses: { 200: jsonResponse(User, 'Changed'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeUser(tx, scope, id, change)), 200);
  },
);
