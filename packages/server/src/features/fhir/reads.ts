import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import type { ApiClient } from './api-clients.js';
import type { FhirResource } from './mappers/common.js';
import type { ResourceKind } from './resources.js';
import { citingOnlyReadable } from './scopes.js';
import type { Search } from './search.js';
import { scopeTypes } from './smart.js';

// What a clinic's system reads, each request in the caller's transaction and audited once:
// which client read what, never the content. A resource cites only what the token may open.

/** The rows the consent policy lets the client read, citing only the types its token reads. */
export async function loadReadable(
  tx: Queryable,
  client: ApiClient,
  kind: ResourceKind,
  search: Parameters<ResourceKind['load']>[2],
) {
  const found = await kind.load(tx, client, search);
  return found.map((r) => citingOnlyReadable(r, client.scopes, scopeTypes));
}

async function audited(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  action: 'fhir.read' | 'fhir.search',
  type: string,
  found: FhirResource[],
): Promise<FhirResource[]> {
  await recordAudit(
    tx,
    { orgId: client.orgId, actorId: client.id, actorRole: 'api-client', ip },
    { action, subjectType: 'fhir_client', subjectId: client.id, detail: { type, count: found.length } },
  );
  return found;
}

/** The people in the client's own group: everyone who consented to share with it. */
export async function groupPatients(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  patients: ResourceKind,
): Promise<FhirResource[]> {
  const found = await loadReadable(tx, client, patients, { patientIds: null, ids: null });
  return audited(tx, client, ip, 'fhir.read', 'Group', found);
}

/** The resources of one kind that match a search. */
export async function searchResources(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  type: string,
  kind: ResourceKind,
  search: Search,
): Promise<FhirResource[]> {
  const found = await loadReadable(tx, client, kind, search);
  const matches = found.filter((r) => search.tests.every((test) => test(r)));
  return audited(tx, client, ip, 'fhir.search', type, matches);
}

/** One resource by id: none when unknown or not shared with the client (the same answer for both). */
export async function readResource(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  type: string,
  kind: ResourceKind,
  id: string,
): Promise<FhirResource | undefined> {
  const found = (await loadReadable(tx, client, kind, { patientIds: null, ids: [id] })).filter(
    (r) => r.id === id,
  );
  return (await audited(tx, client, ip, 'fhir.read', type, found))[0];
}
