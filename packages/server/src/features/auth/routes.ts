import { createRoute } from '@hono/zod-openapi';
import { ChangePasswordRequest, Me, PreferencesRequest, SignInRequest } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { endSessionStreams } from '../news/hub.js';
import { changeLocale, changePassword, me, signIn, signOut } from './service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

export const authRoutes = createRouter();
const tags = ['Sign-in'];

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/sign-in',
    tags,
    summary: 'Sign in with email and password; sets the session cookie',
    request: { body: jsonBody(SignInRequest) },
    responses: {
      200: jsonResponse(Me, 'Signed in'),
      ...commonProblems,
      401: {
        ...problems[401],
        description: 'Wrong email or password (the same answer for an unknown email)',
      },
      423: problems[423],
      429: problems[429],
    },
  }),
  async (c) => {
    const { db, ip } = c.get('scope');
    const { token, me } = await signIn(
      db,
      c.get('config'),
      c.req.valid('json'),
      ip,
      c.req.header('user-agent'),
    );
    setSessionCookie(c, token);
    return c.json(me, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/sign-out',
    tags,
    summary: 'End this session',
    middleware: [allow('account.self')] as const,
    responses: { 204: { description: 'Signed out' }, ...commonProblems },
  }),
  async (c) => {
    const { actor } = await transactional(c, async (tx, scope) => {
      await signOut(tx, scope);
      return scope;
    });
    // The phone's news stream of this session ends with it.
    endSessionStreams(c.get('db'), actor.sessionHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/auth/me',
    tags,
    summary: 'Who is signed in',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(Me, 'The signed-in user'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await me(db, actor), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/me/preferences',
    tags,
    summary: 'Remember the user’s language',
    request: { body: jsonBody(PreferencesRequest) },
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(Me, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await changeLocale(db, actor, c.req.valid('json').locale), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/password',
    tags,
    summary: 'Change one’s own password; other sessions end',
    request: { body: jsonBody(ChangePasswordRequest) },
    middleware: [allow('account.self')] as const,
    responses: { 204: { description: 'Changed' }, ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    await changePassword(scope.db, scope, c.get('config'), c.req.valid('json'));
    return c.body(null, 204);
  },
);
