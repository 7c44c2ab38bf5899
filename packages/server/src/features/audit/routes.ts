import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { auditSeal } from './key.js';
import { recentEvents } from './queries.js';
import { verifyOrgChain } from './verify.js';

export const auditRoutes = createRouter();
const tags = ['Audit'];

const AuditEvent = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/audit',
    tags,
    summary: 'Recent audit events of the caller’s organization, newest first (admin)',
    middleware: [allow('audit.read')] as const,
    request: {
      query: z.strictObject({
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: { 200: jsonResponse(z.object({ events: z.array(AuditEvent) }), 'Events'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ events: await recentEvents(db, actor.orgId, c.req.valid('query')) }, 200);
  },
);

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/audit/verify',
    tags,
    summary:
      'Link the newest events, re-compute the organization’s audit chain and report the first break (admin)',
    middleware: [allow('audit.read')] as const,
    responses: {
      200: jsonResponse(
        z.object({
          events: z.number().int(),
          ok: z.boolean(),
          unkeyed: z.number().int(),
          brokenAt: z.object({ position: z.number().int(), reason: z.string() }).optional(),
        }),
        'Chain report',
      ),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const { orgId, ...report } = await verifyOrgChain(db, auditSeal(c.get('config')), actor.orgId);
    return c.json(report, 200);
  },
);
