import { createRoute } from '@hono/zod-openapi';
import { SessionView } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { sessionsOf } from './queries.js';
import { signOutMine, signOutMyOthers, signOutUser, signOutUserSession, userSessions } from './service.js';

export const sessionRoutes = createRouter();
const tags = ['Sessions'];
const Sessions = z.object({ sessions: z.array(SessionView) });
const Ended = z.object({ ended: z.number().int() });
const IdParam = z.object({ id: z.uuid() });
// Another organization's user is answered as one that does not exist.
const notFound = {
  ...problems[404],
  description: 'No such user in the organization, or no such session',
};

sessionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/me/sessions',
    tags,
    summary: 'Where one is signed in: each browser, when it signed in and was last used',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(Sessions, 'Sessions'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ sessions: await sessionsOf(db, actor.userId, actor.orgId, actor.sessionHash) }, 200);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/sessions/{id}/sign-out',
    tags,
    summary: 'Sign out one of one’s sessions (a phone left somewhere)',
    middleware: [allow('account.self')] as const,
    request: { params: IdParam },
    responses: { 204: { description: 'Signed out' }, ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await transactional(c, (tx, scope) => signOutMine(tx, scope, id));
    return c.body(null, 204);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/sessions/sign-out-others',
    tags,
    summary: 'Sign out everywhere but here',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(Ended, 'How many ended'), ...commonProblems },
  }),
  async (c) => c.json({ ended: await transactional(c, (tx, scope) => signOutMyOthers(tx, scope)) }, 200),
);

sessionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/users/{id}/sessions',
    tags,
    summary: 'Where a user of the organization is signed in (admin)',
    middleware: [allow('users.manage')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Sessions, 'Sessions'), 404: notFound, ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ sessions: await transactional(c, (tx, scope) => userSessions(tx, scope, id)) }, 200);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/users/{id}/sessions/{sessionId}/sign-out',
    tags,
    summary: 'Sign a user out of one session: a shared computer, a lost phone (admin)',
    middleware: [allow('users.manage')] as const,
    request: { params: IdParam.extend({ sessionId: z.uuid() }) },
    responses: { 204: { description: 'Signed out' }, 404: notFound, ...commonProblems },
  }),
  async (c) => {
    const { id, sessionId } = c.req.valid('param');
    await transactional(c, (tx, scope) => signOutUserSession(tx, scope, id, sessionId));
    return c.body(null, 204);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/users/{id}/sessions/sign-out',
    tags,
    summary: 'Sign a user out everywhere: a lost phone, someone leaving (admin)',
    middleware: [allow('users.manage')] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Ended, 'How many ended'), ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ ended: await transactional(c, (tx, scope) => signOutUser(tx, scope, id)) }, 200);
  },
);
