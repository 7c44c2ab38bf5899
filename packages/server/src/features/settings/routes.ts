import { createRoute } from '@hono/zod-openapi';
import { ProgramSettingsRequest } from '@puente/core';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings, saveProgramSettings } from './queries.js';

export const settingsRoutes = createRouter();
const tags = ['Program'];
const Settings = ProgramSettingsRequest.meta({ id: 'ProgramSettings' });

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/settings',
    tags,
    summary:
      'The program’s casework rules (follow-up after a visit, no-contact warning, time zone) and the small-count threshold of its reports',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(Settings, 'Settings'), ...commonProblems },
  }),
  async (c) => c.json(await programSettings(c.get('db'), actorOf(c).orgId), 200),
);

settingsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/settings',
    tags,
    summary: 'Change the program’s casework rules and report threshold, never under 5 (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(ProgramSettingsRequest) },
    responses: { 200: jsonResponse(Settings, 'Saved'), ...commonProblems },
  }),
  async (c) => {
    const actor = actorOf(c);
    const saved = await c.get('db').transaction(async (tx) => {
      await saveProgramSettings(tx, actor.orgId, c.req.valid('json'));
      const settings = await programSettings(tx, actor.orgId);
      // The threshold decides what every report shows: the trail keeps each value it had.
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'program.settings-changed',
        subjectType: 'organization',
        subjectId: actor.orgId,
        detail: { smallCountThreshold: settings.smallCountThreshold },
      });
      return settings;
    });
    return c.json(saved, 200);
  },
);
