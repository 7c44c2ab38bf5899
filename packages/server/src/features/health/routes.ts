import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRouter, jsonResponse, ProblemSchema } from '../../http/openapi.js';
import { version } from '../../version.js';
import { databaseAnswers, notReadyBecause, READY_TIMEOUT_MS } from './ready.js';

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
    const { db } = c.get('scope');
    const up = await databaseAnswers(db);
    const body = { status: up ? ('ok' as const) : ('unavailable' as const), database: db.kind, version };
    return up ? c.json(body, 200) : c.json(body, 503);
  },
);

const Probe = z.object({ status: z.enum(['live', 'ready']) }).meta({ id: 'Probe' });

healthRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/health/live',
    tags: ['Operations'],
    summary: 'Liveness: the process is up and answering (no database call)',
    responses: { 200: jsonResponse(Probe, 'Alive') },
  }),
  (c) => c.json({ status: 'live' as const }, 200),
);

healthRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/health/ready',
    tags: ['Operations'],
    summary: 'Readiness: migrations applied, the database answering quickly, the outbox not stuck',
    description: `Answers 503 with a problem naming the reason (\`notMigrated\`, \`databaseUnreachable\`, \`outboxStuck\`) while this server should get no traffic. The database must answer within ${READY_TIMEOUT_MS / 1000} s; the outbox is stuck when an email has been due for 10 minutes (or three job passes) and no sender took it, checked only when SMTP_HOST is set.`,
    responses: {
      200: jsonResponse(Probe, 'Ready for traffic'),
      503: {
        description: 'Not ready, and why',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    },
  }),
  async (c) => {
    const reason = await notReadyBecause(c.get('scope').db, c.get('config'), new Date());
    if (reason) throw reason;
    return c.json({ status: 'ready' as const }, 200);
  },
);
