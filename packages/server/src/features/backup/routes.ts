import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { requireStepUp } from '../two-factor/step-up.js';
import { backupNow, backupStatus } from './service.js';

// The admin screen of backups. Restoring stays a command on the server: it
// replaces the whole database, and must run with the servers stopped.
export const backupRoutes = createRouter();
const tags = ['Backups'];

// Inline, not a named component: a named one used once as nullable is written nullable everywhere.
const BackupFile = z.object({ name: z.string(), at: z.string(), bytes: z.number().int() });

const BackupStatus = z
  .object({
    folder: z.string().nullable(),
    folderReadable: z.boolean(),
    key: z.enum(['environment', 'file', 'missing', 'unusable']),
    keyFile: z.string(),
    everyMinutes: z.number().int(),
    keep: z.number().int(),
    scheduled: z.boolean(),
    running: z.boolean(),
    newest: BackupFile.nullable(),
    olderThanADay: z.boolean(),
    lastFailure: z
      .object({ at: z.string(), reason: z.enum(['noSpace', 'noAccess', 'database', 'unknown']) })
      .nullable(),
    nextRunAt: z.string().nullable(),
    files: z.array(BackupFile),
    restoreCommand: z.string().nullable(),
  })
  .meta({ id: 'BackupStatus' });

const refused = {
  ...problems[409],
  description:
    'No backup folder or key, a backup already being made, or the backup failed (the reason in words)',
};

backupRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/backups',
    tags,
    summary:
      'Where backups go, whether a key is set (never the key), the schedule, the files and the last failure (admin)',
    middleware: [allow('backups.manage')] as const,
    responses: { 200: jsonResponse(BackupStatus, 'The backups'), ...commonProblems },
  }),
  // The server's folder and settings, not any organization's records: nothing to scope or audit.
  async (c) => c.json(await backupStatus(c.get('config').backup), 200),
);

backupRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/backups',
    tags,
    summary:
      'Make a backup of the whole database now, as the schedule does; one at a time (admin, after a step-up check)',
    middleware: [allow('backups.manage'), requireStepUp] as const,
    responses: { 201: jsonResponse(BackupFile, 'Made'), 409: refused, ...commonProblems },
  }),
  async (c) => {
    const scope = scopeOf(c);
    return c.json(await backupNow(scope.db, scope, c.get('config').backup, c.get('log')), 201);
  },
);
