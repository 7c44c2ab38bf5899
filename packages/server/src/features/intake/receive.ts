import { foldName, similarNames, uuidv7 } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { type AuditWho, recordAudit } from '../audit/record.js';
import type { ApiClient } from '../fhir/api-clients.js';
import type { InboundReferral } from '../fhir/inbound-bundle.js';
import { FhirProblem } from '../fhir/outcome.js';

// A referral from a clinic arriving at the program: the person matched against the program's
// caseload or registered, and the referral put on the intake queue, in the caller's transaction.

interface Candidate {
  id: string;
  name: string;
  phone: string | null;
}

/**
 * The person the referral is about, among the program's caseload: a similar name (core's
 * `similarNames`: accents, case, word order and a typo ignored) with the same birth date and,
 * when both have a phone, the same phone. A phone that differs means someone else, or a number
 * that changed: Puente registers a new record rather than guess, and the CHW can merge them.
 * Several matches (records not merged yet) take the oldest.
 */
export async function matchPerson(
  tx: Queryable,
  orgId: string,
  p: InboundReferral['patient'],
): Promise<string | undefined> {
  const found = await tx.query<Candidate>(
    sql`select c.id, c.given_name || coalesce(' ' || c.family_name, '') as name, c.phone
          from client c
         where c.org_id = ${orgId} and c.merged_into is null and c.birth_date = ${p.birthDate}::date
         order by c.created_at, c.id limit 50`,
  );
  const name = `${p.givenName} ${p.familyName}`;
  return found.find(
    (c) => similarNames(c.name, name) && (c.phone === null || p.phone === null || c.phone === p.phone),
  )?.id;
}

/** What the clinic is told of a referral it sent: the Task and whether it is new. */
export interface Received {
  id: string;
  created: boolean;
  lastUpdated: string;
}

/**
 * Takes a referral: the same ServiceRequest identifier sent again by the same client (a retry)
 * answers with the first Task and changes nothing; otherwise the person is matched or
 * registered (recorded as by the admin who registered the clinic's system, the API client named
 * in the audit) and the referral waits on the intake queue as `received`.
 */
export async function receiveReferral(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  referral: InboundReferral,
): Promise<Received> {
  const by: AuditWho = { orgId: client.orgId, actorId: client.id, actorRole: 'api-client', ip };
  const { patient, consent, request } = referral;
  if (request.identifier) {
    const [again] = await tx.query<{ id: string; updatedAt: string }>(
      sql`select id, updated_at as "updatedAt" from inbound_referral
           where org_id = ${client.orgId} and fhir_client_id = ${client.id}
             and request_identifier ->> 'system' = ${request.identifier.system}
             and request_identifier ->> 'value' = ${request.identifier.value}`,
    );
    if (again) {
      await recordAudit(tx, by, {
        action: 'fhir.referral-repeated',
        subjectType: 'inbound_referral',
        subjectId: again.id,
      });
      return { id: again.id, created: false, lastUpdated: new Date(again.updatedAt).toISOString() };
    }
  }
  const existing = await matchPerson(tx, client.orgId, patient);
  const clientId = existing ?? uuidv7();
  await recordAudit(tx, by, {
    action: 'client.duplicate-check',
    subjectType: 'client',
    detail: {
      compared: ['name', 'birthDate', ...(patient.phone ? ['phone'] : [])],
      matched: Boolean(existing),
    },
  });
  if (!existing) {
    const [org] = await tx.query<{ locale: string; createdBy: string }>(
      sql`select o.default_locale as locale, f.created_by as "createdBy" from organization o
            join fhir_client f on f.org_id = o.id where o.id = ${client.orgId} and f.id = ${client.id}`,
    );
    await tx.query(
      sql`insert into client (id, org_id, given_name, family_name, name_folded, preferred_language, birth_date,
                              gender, phone, created_by)
          values (${clientId}, ${client.orgId}, ${patient.givenName}, ${patient.familyName},
                  ${foldName(`${patient.givenName} ${patient.familyName}`)}, ${patient.language ?? org?.locale ?? 'en'},
                  ${patient.birthDate}::date, ${patient.gender}, ${patient.phone}, ${org?.createdBy ?? null})`,
    );
    await recordAudit(tx, by, {
      action: 'client.registered',
      subjectType: 'client',
      subjectId: clientId,
      detail: { from: 'inbound-referral' },
    });
  }
  const id = uuidv7();
  const [row] = await tx.query<{ updatedAt: string }>(
    sql`insert into inbound_referral (id, org_id, fhir_client_id, client_id, matched, patient_identifier,
          request_identifier, need, service_text, reason_text, priority, requester_display, consent_given_on,
          consent_scope, status)
        values (${id}, ${client.orgId}, ${client.id}, ${clientId}, ${existing ? 'existing' : 'created'},
          ${JSON.stringify(patient.identifier)}::jsonb,
          ${request.identifier ? JSON.stringify(request.identifier) : null}::jsonb, ${request.need},
          ${request.service}, ${request.reason}, ${request.priority}, ${request.requester}, ${consent.givenOn}::date,
          ${consent.scope}, 'received')
        on conflict do nothing
        returning updated_at as "updatedAt"`,
  );
  // The same request sent twice at once: the other one was taken; this one leaves nothing behind.
  if (!row)
    throw new FhirProblem(
      409,
      'conflict',
      'This ServiceRequest (its identifier) is being received already: send it again to get its Task.',
    );
  await recordAudit(tx, by, {
    action: 'fhir.referral-received',
    subjectType: 'inbound_referral',
    subjectId: id,
    detail: { clientId, matched: existing ? 'existing' : 'created', need: request.need },
  });
  return { id, created: true, lastUpdated: new Date(row.updatedAt).toISOString() };
}
