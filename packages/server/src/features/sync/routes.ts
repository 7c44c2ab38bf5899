import { createRoute } from '@hono/zod-openapi';
import type { PullResponse as PullPage } from '@puente/core';
import {
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  ResolveConflictRequest,
  SyncConflict,
  SyncMutation,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { readMostly, scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { recordSyncPull, recordSyncPush } from '../metrics/registry.js';
import { pullAnswer, takesGzip } from './answer.js';
import { listConflicts, resolveConflict } from './conflicts.js';
import { disableDevice, listDevices, mustErase, releaseKeyShare } from './device-key.js';
import { initialPullsOf, passFor } from './initial-pulls.js';
import { pull } from './pull.js';
import { push } from './push.js';

export const syncRoutes = createRouter();
const tags = ['Offline sync'];

syncRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/pull',
    tags,
    summary: 'Changes since the cursor for the caller’s scope now, with removals; pull again while `more`',
    description:
      'A pull that brings whole records of many people (a first sync, or a caseload handed over at once) needs one of the few places each server process has for them (`SYNC_INITIAL_PULLS_AT_ONCE`); while all are taken it is refused with 503 and Retry-After (5–15 s), and nothing changes. A device that got a page with `more` keeps its place for its next page. Pulls of changes never wait for a place.',
    middleware: [allow('sync.use')] as const,
    request: { query: PullQuery },
    responses: {
      200: jsonResponse(PullResponse, 'One page of changes'),
      503: {
        ...problems[503],
        description:
          'Every place for initial pulls is taken: come back after `retryAfterSeconds` (also in the Retry-After header)',
      },
      ...commonProblems,
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const signal = c.req.raw.signal;
    const pass = passFor(initialPullsOf(c.get('config')), query.device);
    // The answers are the PullResponse JSON the schema says, written in pieces instead of by c.json.
    const written = (response: Response) => response as unknown as ReturnType<typeof c.json<PullPage, 200>>;
    try {
      // The rows may come from a read replica (DATABASE_READ_URL); the device's bookkeeping stays on the primary.
      const page = await readMostly(c, (tx, scope, read) =>
        pull(tx, scope, query, { admit: pass.admit, signal, read }),
      );
      recordSyncPull();
      // The place, if the pull took one, is held until the answer is read to its end or abandoned.
      return written(
        pullAnswer(page, takesGzip(c.req.header('accept-encoding')), (readToEnd) =>
          pass.leave(readToEnd && page.more),
        ),
      );
    } catch (error) {
      pass.leave(false);
      // The phone went away while its page was read: nobody hears the answer (499, as proxies log it).
      if (signal.aborted) return written(new Response(null, { status: 499 }));
      throw error;
    }
  },
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/push',
    tags,
    summary: 'Apply a batch of offline mutations, each once and on its own; crisis alerts first',
    description: `Each mutation has a client-made UUIDv7 \`id\` and a \`kind\`: ${SyncMutation.options
      .map((o) => `\`${o.shape.kind.value}\``)
      .join(
        ', ',
      )}. Each is checked and applied alone, with the same checks as the matching API route; a refusal is final and is replayed as such.`,
    middleware: [allow('sync.use')] as const,
    request: { body: jsonBody(PushRequest) },
    responses: {
      200: jsonResponse(PushResponse, 'One result per mutation, in the order sent'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const results = await push(
      { ...scopeOf(c), device: body.device, config: c.get('config'), log: c.get('log') },
      body.mutations,
    );
    recordSyncPush(results);
    return c.json({ results }, 200);
  },
);

syncRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/conflicts',
    tags,
    summary: 'Edits that crossed while offline: the value kept and the value that lost',
    middleware: [allow('sync.use')] as const,
    responses: {
      200: jsonResponse(z.object({ conflicts: z.array(SyncConflict) }), 'Open conflicts'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ conflicts: await listConflicts(db, actor) }, 200);
  },
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/conflicts/{id}/resolve',
    tags,
    summary:
      'Keep the value in the record, or put the losing value back while the field still holds the kept one',
    middleware: [allow('sync.use')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ResolveConflictRequest) },
    responses: {
      204: { description: 'Resolved' },
      404: { ...problems[404], description: 'No such open conflict about someone the caller may see' },
      409: { ...problems[409], description: 'The field has changed since: nothing was put back' },
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { choose } = c.req.valid('json');
    await transactional(c, (tx, scope) => resolveConflict(tx, scope, id, choose));
    return c.body(null, 204);
  },
);

const DeviceBody = z.strictObject({ device: z.uuid() });

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/device-key',
    tags,
    summary: 'The device’s key share, to open its copy when the PIN is forgotten',
    description:
      'Only to a session made by a password sign-in on that device within the last few minutes (the phone sends its device id with the password), for the person whose copy it is. A device the server has not seen is claimed by the fresh session asking. Audited.',
    middleware: [allow('sync.use')] as const,
    request: { body: jsonBody(DeviceBody) },
    responses: {
      200: jsonResponse(z.object({ share: z.string() }), 'The share; the phone keeps it only in memory'),
      410: { ...problems[410], description: 'The device was disabled: erase its copy' },
      ...commonProblems,
    },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) => releaseKeyShare(tx, scope, c.req.valid('json').device)),
      200,
    ),
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/device-status',
    tags,
    summary: 'Whether this device must erase its copy (it, or its person’s account, was disabled)',
    description: 'Needs no session: a disabled account has none. The random device id is the key.',
    request: { body: jsonBody(DeviceBody) },
    responses: { 200: jsonResponse(z.object({ erase: z.boolean() }), 'The answer'), ...commonProblems },
  }),
  async (c) => c.json({ erase: await mustErase(c.get('scope').db, c.req.valid('json').device) }, 200),
);

const DeviceRow = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastPullAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
});

syncRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/devices',
    tags,
    summary: 'A person’s devices that keep an offline copy',
    middleware: [allow('users.manage')] as const,
    request: { query: z.strictObject({ user: z.uuid() }) },
    responses: {
      200: jsonResponse(z.object({ devices: z.array(DeviceRow) }), 'Newest first'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ devices: await listDevices(db, actor, c.req.valid('query').user) }, 200);
  },
);

syncRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/sync/devices/{id}/disable',
    tags,
    summary: 'Disable a lost device: at its next contact it erases its copy',
    middleware: [allow('users.manage')] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      204: { description: 'Disabled' },
      404: { ...problems[404], description: 'No such device in this organization' },
      ...commonProblems,
    },
  }),
  async (c) => {
    await transactional(c, (tx, scope) => disableDevice(tx, scope, c.req.valid('param').id));
    return c.body(null, 204);
  },
);
