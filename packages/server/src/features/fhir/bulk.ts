import { uuidv7 } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import type { ApiClient } from './api-clients.js';
import { clinicOf, visible } from './consented.js';
import { FhirProblem } from './outcome.js';
import { loadReadable } from './reads.js';
import { resourceKinds } from './resources.js';
import { allows } from './scopes.js';
import { facets } from './search.js';
import { scopeTypes } from './smart.js';

/** What a group export holds by default: everything about the people, not the forms themselves. */
export const exportTypes = [
  'Patient',
  'QuestionnaireResponse',
  'Observation',
  'Consent',
  'Goal',
  'CarePlan',
  'Encounter',
  'ServiceRequest',
  'Task',
] as const;
export type ExportType = (typeof exportTypes)[number];
const EXPORT_PARAMS = new Set(['_type', '_since', '_outputFormat']);
const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
/** How long the files stay (the status answer's Expires header says until when). */
const KEEP_HOURS = 24;
/** How long a client should wait before polling again while another request writes the files. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The Bulk Data IG's three kick-offs. For a clinic the patients and the group are the same people
 * (those referred to it whose consent to share names it); a system export also holds the forms.
 */
export type ExportLevel = 'system' | 'patient' | 'group';
const levelTypes: Record<ExportLevel, readonly string[]> = {
  system: [...exportTypes, 'Questionnaire'],
  patient: exportTypes,
  group: exportTypes,
};

/**
 * Starts a bulk export at one level; answers with the job id for the status URL. Only the types
 * the token may read are exported: asking for others by `_type` is refused, leaving `_type` out
 * exports every type the token reads.
 */
export async function startExport(
  db: Queryable,
  client: ApiClient,
  level: ExportLevel,
  requestUrl: string,
  query: Record<string, string[]>,
) {
  const exportable = levelTypes[level];
  const readable = (t: string) => allows(client.scopes, scopeTypes, t, 'r');
  const unknown = Object.keys(query).filter((p) => !EXPORT_PARAMS.has(p));
  if (unknown.length > 0)
    throw new FhirProblem(
      400,
      'not-supported',
      `$export does not support ${unknown.join(', ')}. Supported: _type, _since, _outputFormat.`,
    );
  const format = query._outputFormat?.at(-1);
  if (format && !NDJSON_FORMATS.has(format))
    throw new FhirProblem(
      400,
      'not-supported',
      `Only NDJSON output is produced; _outputFormat "${format}" is not supported.`,
    );
  const asked = query._type?.flatMap((t) => t.split(',')).filter(Boolean);
  const bad = (asked ?? []).filter((t) => !exportable.includes(t));
  if (bad.length > 0)
    throw new FhirProblem(
      400,
      'not-supported',
      `Cannot export ${bad.join(', ')} at this level. Exportable: ${exportable.join(', ')}.`,
    );
  const unread = (asked ?? []).filter((t) => !readable(t));
  if (unread.length > 0)
    throw new FhirProblem(
      403,
      'forbidden',
      `This access token does not allow reading ${unread.join(', ')} (system/<type>.r is missing).`,
    );
  const types = asked ?? exportable.filter(readable);
  if (types.length === 0)
    throw new FhirProblem(403, 'forbidden', 'This access token allows reading none of the exportable types.');
  const sinceText = query._since?.at(-1);
  const since = sinceText === undefined ? null : Date.parse(sinceText);
  if (since !== null && Number.isNaN(since))
    throw new FhirProblem(400, 'value', '_since must be a FHIR instant.');
  const id = uuidv7();
  await db.query(
    `insert into fhir_export (id, org_id, fhir_client_id, request, types, since, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7))`,
    [
      id,
      client.orgId,
      client.id,
      requestUrl,
      types,
      since === null ? null : new Date(since).toISOString(),
      KEEP_HOURS,
    ],
  );
  return id;
}

interface ExportRow {
  id: string;
  request: string;
  types: string[];
  since: Date | string | null;
  status: 'accepted' | 'complete' | 'failed';
  requestedAt: Date | string;
  expiresAt: Date | string;
}

async function exportOf(db: Queryable, client: ApiClient, id: string): Promise<ExportRow> {
  const [row] = await db.query<ExportRow>(
    `select id, request, types, since, status, requested_at as "requestedAt", expires_at as "expiresAt" from fhir_export
      where org_id = $1 and fhir_client_id = $2 and id::text = $3 and expires_at > now()`,
    [client.orgId, client.id, id],
  );
  if (!row)
    throw new FhirProblem(404, 'not-found', 'No export with this id for this client, or it has expired.');
  return row;
}

/** The job, locked for writing its files; undefined while another request holds it (writing them). */
async function lockExport(tx: Queryable, job: ExportRow): Promise<ExportRow | undefined> {
  const [row] = await tx.query<{ status: ExportRow['status'] }>(
    `select status from fhir_export where id = $1 and expires_at > now() for update skip locked`,
    [job.id],
  );
  return row ? { ...job, status: row.status } : undefined;
}

/**
 * Writes the NDJSON files of an accepted export. Runs on the first status poll,
 * not in the background: the files are ready when that poll answers.
 * `_since` keeps resources updated on or after it (meta.lastUpdated: people, referrals),
 * or, for those without it, whose own date (authored, effective, given) is.
 */
async function writeFiles(tx: Queryable, client: ApiClient, job: ExportRow, read: Queryable): Promise<void> {
  const since = job.since === null ? null : new Date(job.since).getTime();
  const counts: Record<string, number> = {};
  for (const type of job.types) {
    const kind = resourceKinds[type];
    if (!kind) continue;
    const all = await loadReadable(read, client, kind, { patientIds: null, ids: null });
    const kept = all.filter((r) => {
      if (since === null) return true;
      const at = (r.meta as { lastUpdated?: string } | undefined)?.lastUpdated ?? facets.date(r);
      return at === '' || Date.parse(at) >= since;
    });
    counts[type] = kept.length;
    await tx.query(
      'insert into fhir_export_file (org_id, export_id, resource_type, count, body) values ($1, $2, $3, $4, $5)',
      [
        client.orgId,
        job.id,
        type,
        kept.length,
        kept.map((r) => JSON.stringify(r)).join('\n') + (kept.length ? '\n' : ''),
      ],
    );
  }
  // Who the files may hold, so withdrawing a consent deletes them (consents/withdrawal.ts).
  const clinic = clinicOf(client);
  await tx.query(
    sql`with ${visible(clinic)}
     insert into fhir_export_person (export_id, org_id, client_id)
     select ${job.id}::uuid, ${clinic.org}, vp.client_id from visible_person vp on conflict do nothing`,
  );
  await tx.query(`update fhir_export set status = 'complete', completed_at = now() where id = $1`, [job.id]);
  await recordAudit(
    tx,
    { orgId: client.orgId, actorId: client.id, actorRole: 'api-client' },
    { action: 'fhir.exported', subjectType: 'fhir_export', subjectId: job.id, detail: { counts } },
  );
}

/** What a status poll answers: still being written (202), or the manifest with the files' expiry. */
export type ExportStatus =
  | { state: 'in-progress'; progress: string }
  | { state: 'complete'; manifest: ReturnType<typeof manifestOf>; expires: Date };

function manifestOf(job: ExportRow, files: { type: string; count: number }[], base: string) {
  return {
    transactionTime: new Date(job.requestedAt).toISOString(),
    request: job.request,
    requiresAccessToken: true,
    output: files.map((f) => ({
      type: f.type,
      url: `${base}/$export-file/${job.id}/${f.type}.ndjson`,
      count: f.count,
    })),
    error: [],
  };
}

/**
 * A status poll (Bulk Data IG). The first poll writes the files, in its own transaction, and
 * answers with the manifest; a poll while another request is writing them answers "in progress".
 * The manifest lists the files the caller's token may read. The resources are read from `read`
 * (a read replica that has replayed the client's own writes, http/scope.ts readMostly), the
 * job's lock and files in `tx`.
 */
export async function exportStatus(
  tx: Queryable,
  client: ApiClient,
  id: string,
  base: string,
  read: Queryable = tx,
): Promise<ExportStatus> {
  let job = await exportOf(tx, client, id);
  if (job.status === 'accepted') {
    const locked = await lockExport(tx, job);
    if (!locked) return { state: 'in-progress', progress: `writing ${job.types.length} files` };
    if (locked.status === 'accepted') await writeFiles(tx, client, job, read);
    job = await exportOf(tx, client, id);
  }
  const files = await tx.query<{ type: string; count: number }>(
    'select resource_type as type, count from fhir_export_file where export_id = $1 order by resource_type',
    [job.id],
  );
  const readable = files.filter((f) => allows(client.scopes, scopeTypes, f.type, 'r'));
  return { state: 'complete', manifest: manifestOf(job, readable, base), expires: new Date(job.expiresAt) };
}

export async function exportFile(
  db: Queryable,
  client: ApiClient,
  id: string,
  type: string,
): Promise<string> {
  if (!allows(client.scopes, scopeTypes, type, 'r'))
    throw new FhirProblem(403, 'forbidden', `This access token does not allow reading ${type}.`);
  const job = await exportOf(db, client, id);
  const [file] = await db.query<{ body: string }>(
    'select body from fhir_export_file where export_id = $1 and resource_type = $2',
    [job.id, type],
  );
  if (!file) throw new FhirProblem(404, 'not-found', `This export has no ${type} file.`);
  return file.body;
}

export async function deleteExport(db: Queryable, client: ApiClient, id: string): Promise<void> {
  const job = await exportOf(db, client, id);
  await db.query('delete from fhir_export_file where export_id = $1', [job.id]);
  await db.query(`update fhir_export set expires_at = now() where id = $1`, [job.id]);
}
