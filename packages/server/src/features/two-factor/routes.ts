import { createRoute } from '@hono/zod-openapi';
import {
  Me,
  ProgramTwoFactor,
  ProgramTwoFactorRequest,
  RecoveryCodes,
  SecondFactorRequest,
  StepUpRequest,
  TotpEnrolment,
  TwoFactorStatus,
} from '@puente/core';
import { z } from 'zod';
import {
  anyoneOrSignedIn,
  commonProblems,
  createRouter,
  jsonBody,
  jsonResponse,
  problems,
} from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import {
  confirmTotp,
  passkeyRegistration,
  registerPasskey,
  removeFactor,
  renewRecoveryCodes,
  startTotp,
  twoFactorStatus,
} from './enrolment.js';
import { relyingParty } from './passkeys.js';
import { changeProgramTwoFactor, programTwoFactor } from './program.js';
import {
  asAuthentication,
  asRegistration,
  NewPasskeyRequest,
  PasskeyAnswerRequest,
  TotpConfirmRequest,
  WebAuthnOptions,
} from './schemas.js';
import { passkeyAnswer, passkeyOptions, secondFactorCode, stepUp } from './sign-in.js';
import { requireStepUp } from './step-up.js';

export const twoFactorRoutes = createRouter();
const tags = ['Two-factor sign-in'];
const Enrolled = RecoveryCodes.partial().meta({ id: 'Enrolled' });

twoFactorRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/me/two-factor',
    tags,
    summary:
      'One’s second factors: the authenticator app, passkeys, recovery codes left, and whether the role needs one',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(TwoFactorStatus, 'Status'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await twoFactorStatus(db, actor), 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/two-factor/totp',
    tags,
    summary: 'Start setting up an authenticator app: a new secret and its QR code (it counts once confirmed)',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(TotpEnrolment, 'Scan this'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await startTotp(db, c.get('config'), actor), 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/two-factor/totp/confirm',
    tags,
    summary:
      'Confirm the authenticator app with a code; the first factor also gives ten recovery codes, shown once',
    middleware: [allow('account.self')] as const,
    request: { body: jsonBody(TotpConfirmRequest) },
    responses: { 200: jsonResponse(Enrolled, 'Enrolled'), ...commonProblems },
  }),
  async (c) => {
    const { code } = c.req.valid('json');
    const config = c.get('config');
    const { token, ...out } = await transactional(c, (tx, scope) => confirmTotp(tx, scope, config, code));
    if (token) setSessionCookie(c, token);
    return c.json(out, 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/api/me/two-factor/totp',
    tags,
    summary: 'Remove the authenticator app (after a step-up check; a role that needs two-factor keeps one)',
    middleware: [allow('account.self'), requireStepUp] as const,
    responses: { 204: { description: 'Removed' }, ...commonProblems },
  }),
  async (c) => {
    await transactional(c, (tx, scope) => removeFactor(tx, scope, { totp: true }));
    return c.body(null, 204);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/two-factor/recovery-codes',
    tags,
    summary: 'Ten new recovery codes, shown once; the old ones stop working (after a step-up check)',
    middleware: [allow('account.self'), requireStepUp] as const,
    responses: { 200: jsonResponse(RecoveryCodes, 'New codes'), ...commonProblems },
  }),
  async (c) => c.json(await transactional(c, (tx, scope) => renewRecoveryCodes(tx, scope)), 200),
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/passkeys/options',
    tags,
    summary: 'Options to create a passkey on this device (WebAuthn)',
    middleware: [allow('account.self')] as const,
    responses: { 200: jsonResponse(WebAuthnOptions, 'Pass to the browser'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await passkeyRegistration(db, relyingParty(c), actor), 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/me/passkeys',
    tags,
    summary: 'Save a passkey the browser created; the first factor also gives ten recovery codes',
    middleware: [allow('account.self')] as const,
    request: { body: jsonBody(NewPasskeyRequest) },
    responses: { 200: jsonResponse(Enrolled, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const request = { response: asRegistration(body.response), name: body.name };
    const config = c.get('config');
    const rp = relyingParty(c);
    const { token, ...out } = await transactional(c, (tx, scope) =>
      registerPasskey(tx, scope, config, rp, request),
    );
    if (token) setSessionCookie(c, token);
    return c.json(out, 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/api/me/passkeys/{id}',
    tags,
    summary: 'Remove a passkey (after a step-up check; a role that needs two-factor keeps one)',
    middleware: [allow('account.self'), requireStepUp] as const,
    request: { params: z.object({ id: z.string().min(1).max(1024) }) },
    responses: { 204: { description: 'Removed' }, ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await transactional(c, (tx, scope) => removeFactor(tx, scope, { passkeyId: id }));
    return c.body(null, 204);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/second-factor',
    tags,
    summary: 'Finish signing in with a code from the authenticator app or a recovery code',
    middleware: [allow('account.self')] as const,
    request: { body: jsonBody(SecondFactorRequest) },
    responses: { 200: jsonResponse(Me, 'Signed in'), 429: problems[429], ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    const { token, me } = await secondFactorCode(scope.db, scope, c.get('config'), c.req.valid('json').code);
    setSessionCookie(c, token);
    return c.json(me, 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/passkey/options',
    security: anyoneOrSignedIn,
    tags,
    summary:
      'Options to use a passkey: one’s own while signing in or confirming, any of this site’s without a session',
    responses: { 200: jsonResponse(WebAuthnOptions, 'Pass to the browser'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = c.get('scope');
    return c.json(await passkeyOptions(db, relyingParty(c), actor), 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/passkey',
    tags,
    summary:
      'A passkey answer: finishes a sign-in, confirms a step-up, or signs in on its own (even while the password is locked)',
    request: { body: jsonBody(PasskeyAnswerRequest) },
    responses: { 200: jsonResponse(Me, 'Signed in or confirmed'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor, ip } = c.get('scope');
    const { token, me } = await passkeyAnswer(
      db,
      c.get('config'),
      relyingParty(c),
      actor,
      asAuthentication(c.req.valid('json').response),
      ip,
      c.req.header('user-agent'),
    );
    if (token) setSessionCookie(c, token);
    return c.json(me, 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/step-up',
    tags,
    summary:
      'Confirm it is you (password or code) before break-the-glass, extracts and FHIR client secrets; lasts a few minutes',
    middleware: [allow('account.self')] as const,
    request: { body: jsonBody(StepUpRequest) },
    responses: {
      204: { description: 'Confirmed' },
      423: problems[423],
      429: problems[429],
      ...commonProblems,
    },
  }),
  async (c) => {
    const scope = scopeOf(c);
    await stepUp(scope.db, scope, c.get('config'), c.req.valid('json'));
    return c.body(null, 204);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/two-factor',
    tags,
    summary: 'Who must use two-factor sign-in in this program',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(ProgramTwoFactor, 'Policy'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await programTwoFactor(db, actor.orgId), 200);
  },
);

twoFactorRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/two-factor',
    tags,
    summary: 'Require two-factor sign-in of staff (admins, managers, supervisors) or of everyone (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ProgramTwoFactorRequest) },
    responses: { 200: jsonResponse(ProgramTwoFactor, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const { policy } = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeProgramTwoFactor(tx, scope, policy)), 200);
  },
);
