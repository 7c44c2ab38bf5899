import { uuidv7 } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import type { ApiClient } from './api-clients.js';
import { clinicOf, visible } from './consented.js';
import { FhirProblem } from './outcome.js';
import { resourceKinds } from './resources.js';
import { facets } from './search.js';

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
const exportable: ReadonlySet<string> = new Set(exportTypes);
const EXPORT_PARAMS = new Set(['_type', '_since', '_outputFormat']);
const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
const KEEP_HOURS = 24;

/** Starts a bulk export of the API client's group; answers with the job id for the status URL. */
export async function startExport(
  db: Queryable,
  client: ApiClient,
  requestUrl: string,
  query: Record<string, string[]>,
) {
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
  const types: readonly string[] = query._type?.flatMap((t) => t.split(',')).filter(Boolean) ?? exportTypes;
  const bad = types.filter((t) => !exportable.has(t));
  if (bad.length > 0)
    throw new FhirProblem(
      400,
      'not-supported',
      `Cannot export ${bad.join(', ')}. Exportable: ${exportTypes.join(', ')}.`,
    );
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
}

async function exportOf(db: Queryable, client: ApiClient, id: string): Promise<ExportRow> {
  const [row] = await db.query<ExportRow>(
    `select id, request, types, since, status, requested_at as "requestedAt" from fhir_export
      where org_id = $1 and fhir_client_id = $2 and id::text = $3 and expires_at > now()`,
    [client.orgId, client.id, id],
  );
  if (!row)
    throw new FhirProblem(404, 'not-found', 'No export with this id for this client, or it has expired.');
  return row;
}

/**
 * Writes the NDJSON files of an accepted export. Runs on the first status poll,
 * not in the background: the files are ready when that poll answers.
 * `_since` keeps resources updated on or after it (meta.lastUpdated: people, referrals),
 * or, for those without it, whose own date (authored, effective, given) is.
 */
async function writeFiles(tx: Queryable, client: ApiClient, job: ExportRow): Promise<void> {
  const since = job.since === null ? null : new Date(job.since).getTime();
  const counts: Record<string, number> = {};
  for (const type of job.types) {
    const kind = resourceKinds[type];
    if (!kind) continue;
    const all = await kind.load(tx, client, { patientIds: null, ids: null });
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

/**
 * The export's manifest (Bulk Data IG), writing the files first, in the
 * caller's transaction, if they are not yet written.
 */
export async function exportManifest(tx: Queryable, client: ApiClient, id: string, base: string) {
  let job = await exportOf(tx, client, id);
  if (job.status === 'accepted') {
    await writeFiles(tx, client, job);
    job = await exportOf(tx, client, id);
  }
  const files = await tx.query<{ type: string; count: number }>(
    'select resource_type as type, count from fhir_export_file where export_id = $1 order by resource_type',
    [job.id],
  );
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

export async function exportFile(
  db: Queryable,
  client: ApiClient,
  id: string,
  type: string,
): Promise<string> {
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
