import { decide } from '@puente/core';
import { bind, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { ApiClient } from './api-clients.js';
import type { InboundRow } from './mappers/inbound.js';
import type { RowFilter } from './resources.js';

// Referrals clinics sent to the program, as the FHIR API serves them back. Whether a client may
// read one is core's `decide` (its sender only), asked of every row the organisation holds,
// never a condition written here: the SQL narrows by organisation and ids alone.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The inbound referrals the client may read, among `filter.ids` (null: all). */
export async function readableInbound(
  db: Queryable,
  client: ApiClient,
  filter: RowFilter,
): Promise<InboundRow[]> {
  // A search by patient names Puente's records, which an inbound referral is never served under.
  if (filter.patientIds !== null) return [];
  const ids = filter.ids === null ? null : filter.ids.filter((id) => UUID.test(id));
  if (ids !== null && ids.length === 0) return [];
  const asked = bind(ids);
  const rows = await db.query<InboundRow>(
    sql`select i.id, i.fhir_client_id as "fhirClientId", i.patient_identifier as "patientIdentifier",
               i.request_identifier as "requestIdentifier", i.need, i.service_text as service,
               i.reason_text as reason, i.priority, i.requester_display as requester, o.name as "programName",
               i.status, i.status_reason as "statusReason", i.outcome, i.outcome_note as "outcomeNote", i.version,
               i.created_at as "createdAt", i.updated_at as "updatedAt"
          from inbound_referral i join organization o on o.id = i.org_id
         where i.org_id = ${client.orgId} and (${asked}::uuid[] is null or i.id = any(${asked}::uuid[]))
         order by i.created_at, i.id`,
  );
  const actor = {
    type: 'api-client' as const,
    id: client.id,
    partnerName: client.partnerName,
    partnerCategory: client.partnerCategory,
  };
  const now = new Date();
  return rows.filter(
    (r) =>
      decide(
        actor,
        'read',
        { kind: 'referral', inbound: { senderId: r.fhirClientId } },
        { now, relation: 'none', consents: [] },
      ).allowed,
  );
}
