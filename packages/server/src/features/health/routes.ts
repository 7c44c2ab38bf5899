import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRouter, jsonResponse } from '../../http/openapi.js';
import { version } from '../../version.js';

export const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'Health' });

export const healthRoutes = createRouter();

healthRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/health',
    tags: ['Operations'],
    summary: 'Is Puente up, and which database does it use',
    responses: {
      200: jsonResponse(Health, 'Up and answering'),
      503: jsonResponse(Health, 'The database does not answer'),
    },
  }),
  async (c) => {
    const db = c.get('db');
    const up = await db.query('select 1').then(
      () => true,
      () => false,
    );
    const body = { status: up ? ('ok' as const) : ('unavailable' as const), database: db.kind, version };
    return up ? c.json(body, 200) : c.json(body, 503);
  },
);
