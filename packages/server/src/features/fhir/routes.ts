import { inputProblem, PuenteError } from '@puente/core';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { bodyLimitByLength } from '../../http/node-fast-path.js';
import { toProblem } from '../../http/problem.js';
import { readMostlyPublic, transactionalPublic } from '../../http/scope.js';
import { cancelInbound, notFound } from '../intake/cancel.js';
import { receiveReferral } from '../intake/receive.js';
import { newsHub, newsUrl } from '../news/hub.js';
import { type ApiClient, authenticateApiClient } from './api-clients.js';
import {
  deleteExport,
  type ExportLevel,
  exportFile,
  exportStatus,
  RETRY_AFTER_SECONDS,
  startExport,
} from './bulk.js';
import { capabilityStatement } from './capability.js';
import { readableInbound } from './inbound.js';
import { parseInboundBundle } from './inbound-bundle.js';
import { toInboundTask } from './mappers/inbound.js';
import { FhirProblem, fhirJson, operationOutcome } from './outcome.js';
import { groupPatients, readResource, searchResources } from './reads.js';
import { resourceKinds } from './resources.js';
import { allows, type Perm } from './scopes.js';
import { parseSearch, searchBundle } from './search.js';
import { issueAccessToken, OAuthError, scopeTypes, smartConfiguration } from './smart.js';
import { cancellationFromPatch, cancellationFromPut, ifMatchVersion } from './task-update.js';

type FhirEnv = { Variables: AppEnv['Variables'] & { apiClient: ApiClient } };
type FhirContext = Context<FhirEnv>;

/**
 * The FHIR R4 API for connected clinics, at `/fhir/r4/`. Mounted outside the
 * `/api` session middleware: its callers are API clients with a Bearer access token
 * (SMART Backend Services, token endpoint at `/fhir/auth/token`) or, deprecated, a
 * static secret, never a signed-in person, and every refusal is an OperationOutcome.
 */
export const fhirRoutes = new Hono<FhirEnv>();

/** The API's own base URL, as the caller reached it (behind a trusted proxy, as the proxy says). */
function baseUrl(c: FhirContext): string {
  const url = new URL(c.req.url);
  if (c.get('config').trustProxy) {
    const proto = c.req.header('x-forwarded-proto');
    const host = c.req.header('x-forwarded-host');
    if (proto) url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return `${url.origin}/fhir/r4`;
}

/** The token endpoint's URL: what a client's assertion must name as its `aud`. */
const tokenUrl = (c: FhirContext) => `${baseUrl(c).replace(/\/r4$/, '')}/auth/token`;

/** When the static secret was deprecated (RFC 9745 `Deprecation: @<seconds>`): 2026-12-06. */
const SECRET_DEPRECATED_AT = Date.UTC(2026, 11, 6) / 1000;
const UNAUTHENTICATED = new Set(['/fhir/r4/metadata', '/fhir/r4/.well-known/smart-configuration']);
/** Where a clinic POSTs the transaction Bundle of a referral to the program; everything else is read-only. */
const TRANSACTION_PATHS = new Set(['/fhir/r4', '/fhir/r4/']);
/** The Task of a referral the clinic sent, which it may cancel (PUT or JSON Patch). */
const TASK_PATH = /^\/fhir\/r4\/Task\/[^/]+$/;

fhirRoutes.get('/fhir/r4/metadata', (c) => fhirJson(capabilityStatement(baseUrl(c), tokenUrl(c))));

// SMART discovery: at the FHIR base as the spec places it, and at /fhir/ as well.
for (const path of ['/fhir/r4/.well-known/smart-configuration', '/fhir/.well-known/smart-configuration'])
  fhirRoutes.get(path, (c) =>
    c.json(smartConfiguration(tokenUrl(c)), 200, { 'cache-control': 'public, max-age=3600' }),
  );

/** An OAuth 2.0 error answer: JSON, never cached (RFC 6749 §5.2). */
const oauthError = (c: FhirContext, e: OAuthError) =>
  c.json({ error: e.error, error_description: e.description }, e.status, {
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...(e.retryAfterSeconds ? { 'retry-after': String(e.retryAfterSeconds) } : {}),
  });

fhirRoutes.post(
  '/fhir/auth/token',
  bodyLimitByLength({
    maxSize: 16 * 1024,
    onError: (c) =>
      oauthError(c as FhirContext, new OAuthError(400, 'invalid_request', 'The request is over 16 KB.')),
  }),
  async (c) => {
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      return oauthError(
        c,
        new OAuthError(
          400,
          'invalid_request',
          'Send the token request as application/x-www-form-urlencoded.',
        ),
      );
    const body = await c.req.parseBody();
    const form = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
    );
    try {
      const { db, ip } = c.get('scope');
      const token = await issueAccessToken(db, form, tokenUrl(c), ip);
      return c.json(token, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
    } catch (error) {
      if (error instanceof OAuthError) return oauthError(c, error);
      throw error;
    }
  },
);

fhirRoutes.use('/fhir/r4/*', async (c, next) => {
  if (UNAUTHENTICATED.has(c.req.path)) return next();
  const writes =
    (c.req.method === 'POST' && TRANSACTION_PATHS.has(c.req.path)) ||
    ((c.req.method === 'PUT' || c.req.method === 'PATCH') && TASK_PATH.test(c.req.path));
  if (c.req.method !== 'GET' && c.req.method !== 'DELETE' && !writes)
    throw new FhirProblem(
      405,
      'not-supported',
      'This FHIR API is read-only, but for referrals to the program: POST them as a transaction Bundle to the base URL, and cancel one with PUT or PATCH of its Task.',
    );
  const client = await authenticateApiClient(c.get('scope').db, c.req.header('authorization'));
  c.set('apiClient', client);
  // With a read replica, the client's reads never go back before its own writes (db/replica.ts).
  const { db } = c.get('scope');
  if (db.forUser) c.set('scope', { ...c.get('scope'), db: db.forUser(`api-client:${client.id}`) });
  await next();
  // The static secret still opens the API, and says it is on its way out.
  if (client.via === 'secret') {
    c.res.headers.set('deprecation', `@${SECRET_DEPRECATED_AT}`);
    c.res.headers.set('link', `<${baseUrl(c)}/.well-known/smart-configuration>; rel="deprecation"`);
  }
});

/** Refuses, as SMART asks (403), what the token's scopes do not cover; the consent policy then decides what is seen. */
function requireScope(client: ApiClient, type: string, perm: Perm): void {
  if (allows(client.scopes, scopeTypes, type, perm)) return;
  const wanted = ({ s: 'search', r: 'read', c: 'create', u: 'update', d: 'delete' } as const)[perm];
  throw new FhirProblem(
    403,
    'forbidden',
    `This access token does not allow ${wanted} on ${type} (system/${type}.${perm} is missing). Its scopes: ${client.scopes.join(' ')}.`,
  );
}

function requireOwnGroup(c: FhirContext): ApiClient {
  const client = c.get('apiClient');
  if (c.req.param('id') !== client.id)
    throw new FhirProblem(404, 'not-found', 'Group not found: a client reads its own group only.');
  return client;
}

/**
 * A bulk export kick-off (Bulk Data IG): asynchronous only, so `Prefer: respond-async` is required;
 * 202 with the status URL in Content-Location.
 */
async function kickOff(c: FhirContext, level: ExportLevel, client: ApiClient) {
  const prefer = (c.req.header('prefer') ?? '').split(',').map((p) => p.trim().toLowerCase());
  if (!prefer.includes('respond-async'))
    throw new FhirProblem(
      400,
      'invalid',
      'A bulk export runs asynchronously: send the header "Prefer: respond-async".',
    );
  const job = await startExport(c.get('scope').db, client, level, c.req.url, c.req.queries());
  return fhirJson(operationOutcomeInfo('Export accepted; poll the Content-Location.'), 202, {
    'content-location': `${baseUrl(c)}/$export-status/${job}`,
  });
}

/**
 * A referral from the clinic to the program (Gravity SDOHCC, the community organisation's side):
 * a transaction Bundle of Patient, Consent, ServiceRequest and Task, taken whole or refused with
 * an OperationOutcome naming the problem; answered with a transaction-response whose Task the
 * clinic then polls (GET Task/{id}). The Patient and Consent travel with the referral and are
 * kept by the program, not served back, so their entries answer 202.
 */
/**
 * A client's JSON body, refused in words as the app's own API refuses it (http/input-guard.ts):
 * not JSON, a NUL anywhere (which the database cannot store: it failed there as a 500), or
 * nesting deeper than core's limit.
 */
async function clientJson(c: FhirContext): Promise<unknown> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new FhirProblem(400, 'invalid', 'The body is not JSON.');
  }
  const problem = inputProblem(body);
  if (problem === 'nul')
    throw new FhirProblem(400, 'invalid', 'The body holds a NUL character, which cannot be saved.');
  if (problem === 'depth') throw new FhirProblem(400, 'too-costly', 'The body is nested too deep.');
  return body;
}

async function receiveTransaction(c: FhirContext) {
  const client = c.get('apiClient');
  requireScope(client, 'ServiceRequest', 'c');
  requireScope(client, 'Task', 'c');
  if (!/^application\/(fhir\+)?json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
    throw new FhirProblem(415, 'not-supported', 'Send the Bundle as application/fhir+json.');
  const referral = parseInboundBundle(await clientJson(c));
  const taken = await transactionalPublic(c, (tx, { ip }) => receiveReferral(tx, client, ip, referral));
  const status = taken.created ? '201 Created' : '200 OK';
  return fhirJson(
    {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: referral.entries.map((e) =>
        e.type === 'Task' || e.type === 'ServiceRequest'
          ? {
              fullUrl: `${baseUrl(c)}/${e.type}/${taken.id}`,
              response: { status, location: `${e.type}/${taken.id}`, lastModified: taken.lastUpdated },
            }
          : { response: { status: '202 Accepted' } },
      ),
    },
    200,
  );
}

for (const path of TRANSACTION_PATHS)
  fhirRoutes.post(
    path,
    bodyLimitByLength({
      maxSize: 256 * 1024,
      onError: () => fhirJson(operationOutcome('too-costly', 'A referral Bundle is at most 256 KB.'), 413),
    }),
    receiveTransaction,
  );

/**
 * The clinic withdraws a referral it sent (Gravity SDOHCC, the requester cancels its Task): a PUT
 * of the Task as read, or a JSON Patch, setting status `cancelled` and, if it likes, statusReason.
 * Version-aware: If-Match names the version the read's ETag gave, 412 when it moved since. The
 * CHW it was given to hears of it once committed; the answer is the Task as it now stands.
 */
async function updateTask(c: FhirContext, as: 'put' | 'patch') {
  const client = c.get('apiClient');
  requireScope(client, 'Task', 'u');
  const type = c.req.header('content-type') ?? '';
  if (as === 'put' && !/^application\/(fhir\+)?json\s*(;|$)/i.test(type))
    throw new FhirProblem(415, 'not-supported', 'Send the Task as application/fhir+json.');
  if (as === 'patch' && !/^application\/json-patch\+json\s*(;|$)/i.test(type))
    throw new FhirProblem(
      415,
      'not-supported',
      'Send a JSON Patch (application/json-patch+json); FHIRPath Patch is not supported.',
    );
  const body = await clientJson(c);
  const expected = ifMatchVersion(c.req.header('if-match'));
  const id = c.req.param('id') ?? '';
  const { task, told } = await transactionalPublic(c, async (tx, { ip }) => {
    const [row] = await readableInbound(tx, client, { patientIds: null, ids: [id] });
    if (!row || row.id !== id) throw notFound(id);
    const current = toInboundTask(row);
    const cancellation =
      as === 'put' ? cancellationFromPut(body, id, current) : cancellationFromPatch(body, current);
    const done = await cancelInbound(tx, client, ip, id, expected, cancellation);
    const [after] = await readableInbound(tx, client, { patientIds: null, ids: [id] });
    if (!after) throw notFound(id);
    return { task: toInboundTask(after), told: done };
  });
  // After the commit, so the CHW's phone that pulls at once finds it; a failure to tell is only logged.
  if (told.chwId)
    await newsHub(c.get('scope').db, newsUrl(c.get('config')))
      .publish({ org: client.orgId, to: [told.chwId], kind: 'intake', id })
      .catch((error: Error) =>
        c.get('log').warn({ err: { name: error.name }, kind: 'intake' }, 'news not sent'),
      );
  return fhirJson(task, 200, versionHeaders(task));
}

/** The ETag and Last-Modified of a versioned resource, as FHIR's version-aware clients read them. */
function versionHeaders(resource: { [field: string]: unknown }): Record<string, string> {
  const meta = resource.meta as { versionId?: string; lastUpdated?: string } | undefined;
  return {
    ...(meta?.versionId ? { etag: `W/"${meta.versionId}"` } : {}),
    ...(meta?.lastUpdated ? { 'last-modified': new Date(meta.lastUpdated).toUTCString() } : {}),
  };
}

fhirRoutes.put('/fhir/r4/Task/:id', (c) => updateTask(c, 'put'));
fhirRoutes.patch('/fhir/r4/Task/:id', (c) => updateTask(c, 'patch'));

fhirRoutes.get('/fhir/r4/$export', (c) => kickOff(c, 'system', c.get('apiClient')));
fhirRoutes.get('/fhir/r4/Patient/$export', (c) => kickOff(c, 'patient', c.get('apiClient')));
fhirRoutes.get('/fhir/r4/Group/:id/$export', (c) => kickOff(c, 'group', requireOwnGroup(c)));

fhirRoutes.get('/fhir/r4/Group/:id', async (c) => {
  const client = requireOwnGroup(c);
  requireScope(client, 'Group', 'r');
  const patients = await readMostlyPublic(c, (tx, { ip }) =>
    groupPatients(tx, client, ip, kindOf('Patient')),
  );
  return fhirJson({
    resourceType: 'Group',
    id: client.id,
    type: 'person',
    actual: true,
    name: `People referred to ${client.name} who consented to share with it`,
    quantity: patients.length,
    member: patients.map((p) => ({ entity: { reference: `Patient/${p.id}` } })),
  });
});

fhirRoutes.get('/fhir/r4/$export-status/:job', async (c) => {
  // The export's resources are read from the replica when there is one (DATABASE_READ_URL).
  const status = await readMostlyPublic(c, (tx, _scope, read) =>
    exportStatus(tx, c.get('apiClient'), c.req.param('job'), baseUrl(c), read),
  );
  if (status.state === 'in-progress')
    return new Response(null, {
      status: 202,
      headers: {
        'x-progress': status.progress,
        'retry-after': String(RETRY_AFTER_SECONDS),
        'cache-control': 'no-store',
      },
    });
  return fhirJson(status.manifest, 200, { expires: status.expires.toUTCString() });
});
fhirRoutes.delete('/fhir/r4/$export-status/:job', async (c) => {
  await deleteExport(c.get('scope').db, c.get('apiClient'), c.req.param('job'));
  return fhirJson(operationOutcomeInfo('Export deleted.'), 202);
});
fhirRoutes.get('/fhir/r4/$export-file/:job/:file', async (c) => {
  const type = c.req.param('file').replace(/\.ndjson$/, '');
  const body = await readMostlyPublic(c, (tx) =>
    exportFile(tx, c.get('apiClient'), c.req.param('job'), type),
  );
  return new Response(body, {
    headers: { 'content-type': 'application/fhir+ndjson', 'cache-control': 'no-store' },
  });
});

function kindOf(type: string) {
  const kind = resourceKinds[type];
  if (kind) return kind;
  throw new FhirProblem(404, 'not-supported', `The resource type "${type}" is not served here.`);
}

fhirRoutes.get('/fhir/r4/:type', async (c) => {
  const type = c.req.param('type');
  const kind = kindOf(type);
  const client = c.get('apiClient');
  requireScope(client, type, 's');
  const search = parseSearch(type, kind, c.req.queries());
  const matches = await readMostlyPublic(c, (tx, { ip }) =>
    searchResources(tx, client, ip, type, kind, search),
  );
  return fhirJson(searchBundle(baseUrl(c), new URL(c.req.url), matches, search));
});

fhirRoutes.get('/fhir/r4/:type/:id', async (c) => {
  const type = c.req.param('type');
  const id = c.req.param('id');
  const kind = kindOf(type);
  const client = c.get('apiClient');
  requireScope(client, type, 'r');
  const resource = await readMostlyPublic(c, (tx, { ip }) => readResource(tx, client, ip, type, kind, id));
  // The same answer for a person who did not consent as for one who does not exist.
  if (!resource)
    throw new FhirProblem(404, 'not-found', `${type}/${id} is not known, or not shared with this client.`);
  return fhirJson(resource, 200, versionHeaders(resource));
});

function operationOutcomeInfo(diagnostics: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'informational', diagnostics }],
  };
}

fhirRoutes.onError((error, c) => {
  if (error instanceof FhirProblem)
    return fhirJson(operationOutcome(error.issue, error.diagnostics), error.status);
  if (error instanceof PuenteError) {
    const problem = toProblem(error, 'en');
    return fhirJson(operationOutcome('invalid', problem.errors?.[0]?.message ?? problem.title), error.status);
  }
  // The kind only: a database message can quote a person's data.
  c.get('log').error({ err: { name: error.name }, route: c.req.routePath }, 'fhir request failed');
  return fhirJson(
    operationOutcome('exception', 'Something went wrong on our side. Nothing was changed.'),
    500,
  );
});
