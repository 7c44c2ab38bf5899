import { createRoute } from '@hono/zod-openapi';
import { DirectorySlice, DirectorySliceQuery } from '@puente/core';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { directorySlice } from './slice.js';

/** The directory a phone carries, so a CHW can find a service where there is no signal. */
export const directorySliceRoutes = createRouter();

directorySliceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/sync/directory',
    tags: ['Offline sync'],
    summary:
      'The program’s directory cards for searching offline (no person data), when it has at most 2,000 places; only the version when `since` is current',
    middleware: [allow('sync.use')] as const,
    request: { query: DirectorySliceQuery },
    responses: {
      200: jsonResponse(DirectorySlice, 'The slice, or that the phone’s is current'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await directorySlice(db, actor.orgId, c.req.valid('query').since), 200);
  },
);
