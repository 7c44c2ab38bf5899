import { createRoute } from '@hono/zod-openapi';
import { ForgotPasswordRequest, InviteUserRequest, SetPasswordRequest, User } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional, transactionalPublic } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { forgotPassword, inviteUser, sendPasswordLink, setPasswordFromLink } from './service.js';

export const accountRoutes = createRouter();
const tags = ['Accounts'];

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/users/invitations',
    tags,
    summary: 'Invite someone by email; they choose their own password from a single-use link (admin)',
    request: { body: jsonBody(InviteUserRequest) },
    middleware: [allow('users.manage')] as const,
    responses: { 201: jsonResponse(User, 'Invited'), 409: problems[409], ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    return c.json(await inviteUser(scope.db, scope, c.get('config'), c.req.valid('json')), 201);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/users/{id}/password-link',
    tags,
    summary: 'Email someone a new link to set their password; older links stop working (admin)',
    request: { params: z.object({ id: z.uuid() }) },
    middleware: [allow('users.manage')] as const,
    responses: {
      202: { description: 'Sent' },
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const config = c.get('config');
    await transactional(c, (tx, scope) => sendPasswordLink(tx, scope, config, id));
    return c.body(null, 202);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/forgot-password',
    tags,
    summary: 'Email a reset link if the address has an account; the answer is the same either way',
    request: { body: jsonBody(ForgotPasswordRequest) },
    responses: {
      202: { description: 'If the address has an account, a link is on its way' },
      ...commonProblems,
    },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    const config = c.get('config');
    await transactionalPublic(c, (tx, { ip }) => forgotPassword(tx, config, email, ip));
    return c.body(null, 202);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/set-password',
    tags,
    summary: 'Choose a password with a single-use link from an invitation or reset email',
    request: { body: jsonBody(SetPasswordRequest) },
    responses: { 204: { description: 'Password set; sign in with it' }, ...commonProblems },
  }),
  async (c) => {
    const { db, ip } = c.get('scope');
    await setPasswordFromLink(db, c.req.valid('json'), ip);
    return c.body(null, 204);
  },
);
