import { createRoute } from '@hono/zod-openapi';
import { PuenteError, SessionView } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { recordAudit, who } from '../audit/record.js';
import { endSession, endSessions, sessionsOf, userInOrg } from './queries.js';

export const sessionRoutes = createRouter();
const tags = ['Sessions'];
const Sessions = z.object({ sessions: z.array(SessionView) });
const Ended = z.object({ ended: z.number().int() });
const IdParam = z.object({ id: z.uuid() });
// Another organization's user is answered as one that does not exist.
const notFound = {
  ...commonProblems[400],
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
    const actor = actorOf(c);
    return c.json(
      { sessions: await sessionsOf(c.get('db'), actor.userId, actor.orgId, actor.sessionHash) },
      200,
    );
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
    const actor = actorOf(c);
    await c.get('db').transaction(async (tx) => {
      if (!(await endSession(tx, actor.userId, actor.orgId, c.req.valid('param').id))) {
        throw new PuenteError(404, 'errors.sessionNotFound');
      }
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'auth.session-ended',
        subjectType: 'user',
        subjectId: actor.userId,
      });
    });
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
  async (c) => {
    const actor = actorOf(c);
    const ended = await c.get('db').transaction(async (tx) => {
      const n = await endSessions(tx, actor.userId, actor.orgId, actor.sessionHash);
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'auth.sessions-ended',
        subjectType: 'user',
        subjectId: actor.userId,
        detail: { ended: n },
      });
      return n;
    });
    return c.json({ ended }, 200);
  },
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
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const sessions = await c.get('db').transaction(async (tx) => {
      if (!(await userInOrg(tx, id, actor.orgId))) throw new PuenteError(404, 'errors.userNotFound');
      const found = await sessionsOf(tx, id, actor.orgId, actor.sessionHash);
      // Where and when someone uses Puente is about them: who looked is kept.
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'auth.sessions-viewed',
        subjectType: 'user',
        subjectId: id,
        detail: { sessions: found.length },
      });
      return found;
    });
    return c.json({ sessions }, 200);
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
    const actor = actorOf(c);
    const { id, sessionId } = c.req.valid('param');
    await c.get('db').transaction(async (tx) => {
      if (!(await userInOrg(tx, id, actor.orgId))) throw new PuenteError(404, 'errors.userNotFound');
      if (!(await endSession(tx, id, actor.orgId, sessionId)))
        throw new PuenteError(404, 'errors.sessionNotFound');
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'auth.session-ended',
        subjectType: 'user',
        subjectId: id,
        detail: { session: sessionId },
      });
    });
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
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const ended = await c.get('db').transaction(async (tx) => {
      if (!(await userInOrg(tx, id, actor.orgId))) throw new PuenteError(404, 'errors.userNotFound');
      // An admin signing themself out everywhere keeps the session they asked from.
      const n = await endSessions(tx, id, actor.orgId, actor.sessionHash);
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'auth.sessions-ended',
        subjectType: 'user',
        subjectId: id,
        detail: { ended: n },
      });
      return n;
    });
    return c.json({ ended }, 200);
  },
);
