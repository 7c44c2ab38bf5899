import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { auditSeal } from './key.js';
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
    const actor = actorOf(c);
    const { before, limit } = c.req.valid('query');
    const events = await c.get('db').query<z.infer<typeof AuditEvent>>(
      `select seq::float8 as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
              actor_id as "actorId", actor_role as "actorRole", action,
              subject_type as "subjectType", subject_id as "subjectId", ip
         from audit_event where org_id = $1 and ($2::bigint is null or seq < $2)
        order by seq desc limit $3`,
      [actor.orgId, before ?? null, limit],
    );
    return c.json({ events }, 200);
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
    const seal = auditSeal(c.get('config'));
    const { orgId, ...report } = await verifyOrgChain(c.get('db'), seal, actorOf(c).orgId);
    return c.json(report, 200);
  },
);
