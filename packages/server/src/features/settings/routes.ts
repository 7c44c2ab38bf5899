import { createRoute, z } from '@hono/zod-openapi';
import { ProgramLogo, ProgramLogoRequest, ProgramSettingsRequest } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { changeLogo, logoImage, removeLogo } from './logo.js';
import { changeProgramSettings, settingsWithIdentity } from './service.js';

export const settingsRoutes = createRouter();
const tags = ['Program'];
const Settings = ProgramSettingsRequest.meta({ id: 'ProgramSettings' });

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/settings',
    tags,
    summary:
      'The program’s name and first language, its casework rules (follow-up after a visit, no-contact warning, time zone) and the small-count threshold of its reports',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(Settings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await settingsWithIdentity(db, actor.orgId), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/settings',
    tags,
    summary:
      'Rename the program, or change its first language, casework rules or report threshold (never under 5) (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ProgramSettingsRequest) },
    responses: { 200: jsonResponse(Settings, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeProgramSettings(tx, scope, request)), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/logo',
    tags,
    summary:
      'The program’s logo picture (PNG, JPEG or WebP), for every signed-in member of the program; ?v= names its version so it may be kept',
    middleware: [allow('program.read')] as const,
    request: { query: z.strictObject({ v: z.string().max(64).optional() }) },
    responses: {
      200: {
        description: 'The picture',
        content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} },
      },
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const logo = await logoImage(db, actor.orgId);
    // Kept by the browser only under the version asked for; nothing in it runs, whatever it holds.
    const asked = c.req.valid('query').v;
    return c.body(logo.image as Uint8Array<ArrayBuffer>, 200, {
      'content-type': logo.mediaType,
      'cache-control': asked === logo.version ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/logo',
    tags,
    summary: 'Set the program’s logo: a PNG, JPEG or WebP picture of at most 200 KB, in base64 (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ProgramLogoRequest) },
    responses: { 200: jsonResponse(ProgramLogo, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeLogo(tx, scope, request)), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/api/program/logo',
    tags,
    summary: 'Remove the program’s logo (admin)',
    middleware: [allow('program.write')] as const,
    responses: { 204: { description: 'Removed, or there was none' }, ...commonProblems },
  }),
  async (c) => {
    await transactional(c, (tx, scope) => removeLogo(tx, scope));
    return c.body(null, 204);
  },
);
