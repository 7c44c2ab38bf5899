import { builtInQuestionnaires } from '@puente/core';
import { bind, identifier, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { ApiClient } from './api-clients.js';
import { clinicOf, visible, visibleConsent } from './consented.js';
import { readableInbound } from './inbound.js';
import {
  type ConsentRow,
  type EncounterRow,
  type GoalRow,
  toCarePlan,
  toConsent,
  toEncounter,
  toGoal,
} from './mappers/care.js';
import type { FhirResource } from './mappers/common.js';
import { toInboundServiceRequest, toInboundTask } from './mappers/inbound.js';
import { type PatientRow, patientColumns, toPatient } from './mappers/patient.js';
import { type ReferralRow, referralColumns, toServiceRequest, toTask } from './mappers/referral.js';
import {
  type ScreeningRow,
  screeningColumns,
  toObservations,
  toQuestionnaireResponse,
} from './mappers/screening.js';

/** Which rows to read: the people asked about and the resource ids asked for (null: any). */
export interface RowFilter {
  patientIds: string[] | null;
  ids: string[] | null;
}

export interface ResourceKind {
  /** Search parameters beyond `_id`, `_count`, `_offset` and `_format`. */
  params: readonly string[];
  /** What the kind says about itself in the CapabilityStatement. */
  documentation: string;
  load(db: Queryable, client: ApiClient, filter: RowFilter): Promise<FhirResource[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Row ids behind resource ids; an id that cannot be a row's matches nothing rather than failing. */
const rowIds = (ids: string[] | null, toRow = (id: string) => id) =>
  ids === null ? null : ids.map(toRow).filter((id) => UUID.test(id));
const uuids = (ids: string[] | null) => (ids === null ? null : ids.filter((id) => UUID.test(id)));

/**
 * Rows of `column` among `ids`, or any row when `ids` is null. Every query starts from the
 * clinic's visible sets (consented.ts), so nothing the clinic may not read is fetched.
 */
function among(column: string, ids: string[] | null): Sql {
  const asked = bind(ids);
  return sql`(${asked}::uuid[] is null or ${identifier(column)} = any(${asked}::uuid[]))`;
}

/** Screens of visible people, with the totals and the answers only where a consent covers them. */
function screenings(
  db: Queryable,
  client: ApiClient,
  filter: RowFilter,
  ids: string[] | null,
  needs: 'answers' | 'answers-or-totals',
) {
  const clinic = clinicOf(client);
  return db.query<ScreeningRow>(
    sql`with ${visible(clinic)}
     select ${screeningColumns(sql`vp.totals`, sql`vp.answers`)}
       from screening s join visible_person vp on vp.client_id = s.client_id
      where s.org_id = ${clinic.org} and ${needs === 'answers' ? sql`vp.answers` : sql`(vp.answers or vp.totals)`}
        and ${among('s.client_id', uuids(filter.patientIds))} and ${among('s.id', ids)}
      order by s.authored_at, s.id`,
  );
}

function goals(
  db: Queryable,
  client: ApiClient,
  filter: RowFilter,
  clientIds: string[] | null,
  ids: string[] | null,
) {
  const clinic = clinicOf(client);
  return db.query<GoalRow>(
    sql`with ${visible(clinic)}
     select g.id, g.client_id as "clientId", g.text, g.need_area as "needArea", g.status, g.created_at as "createdAt"
       from goal g join visible_person vp on vp.client_id = g.client_id
      where g.org_id = ${clinic.org} and vp.goal and ${among('g.client_id', uuids(filter.patientIds))}
        and ${among('g.id', ids)} and ${among('g.client_id', clientIds)}
      order by g.client_id, g.created_at, g.id`,
  );
}

// The referrals addressed to the client, entered-in-error ones too (see toTask). SR and Task share its id.
// The goal and screening a referral cites are named only when the clinic may read them.
function referrals(db: Queryable, client: ApiClient, filter: RowFilter) {
  const clinic = clinicOf(client);
  return db.query<ReferralRow>(
    sql`with ${visible(clinic)}
     select ${referralColumns({
       goal: sql`case when vp.goal then r.goal_id end`,
       screening: sql`case when vp.answers or vp.totals then r.screening_id end`,
     })}
       from referral r join visible_referral v on v.id = r.id
       join visible_person vp on vp.client_id = r.client_id join organization o on o.id = r.org_id
      where r.org_id = ${clinic.org} and ${among('r.client_id', uuids(filter.patientIds))}
        and ${among('r.id', rowIds(filter.ids))}
      order by r.created_at, r.id`,
  );
}

const patientSearch = ['patient', 'subject'] as const;

/** Every resource type the API serves, keyed by FHIR type name. */
export const resourceKinds: Record<string, ResourceKind> = {
  Patient: {
    params: [],
    documentation:
      'People a referral addressed to this client is about, while their consent to share with it stands. Search by _id.',
    async load(db, client, filter) {
      const people = filter.ids === null ? filter.patientIds : filter.ids;
      // The phone only when a consent covers contact and it is safe to contact the person.
      const clinic = clinicOf(client);
      const found = await db.query<PatientRow>(
        sql`with ${visible(clinic)}
         select ${patientColumns(sql`case when vp.contact and c.safe_to_contact then c.phone end as phone`)}
           from client c join visible_person vp on vp.client_id = c.id
          where c.org_id = ${clinic.org} and ${among('c.id', uuids(people))} order by c.id`,
      );
      return found.map(toPatient);
    },
  },
  Questionnaire: {
    params: ['url', 'status'],
    documentation:
      'The built-in instruments (PHQ-2/9, GAD-2/7, C-SSRS screener, AHC HRSN core) and the program’s own forms.',
    async load(db, client) {
      const own = await db.query<{ id: string; resource: Record<string, unknown> }>(
        sql`select id, resource from program_form where org_id = ${client.orgId} order by created_at`,
      );
      return [
        ...builtInQuestionnaires.map((q) => ({ ...q, id: q.id ?? q.url.split('/').pop() ?? '' })),
        ...own.map((f) => ({ ...f.resource, resourceType: 'Questionnaire', id: f.id })),
      ];
    },
  },
  QuestionnaireResponse: {
    params: [...patientSearch, 'date', 'status', 'questionnaire'],
    documentation: 'Each screen as answered; scores are the server’s. date = authored.',
    async load(db, client, filter) {
      return (await screenings(db, client, filter, rowIds(filter.ids), 'answers')).map(
        toQuestionnaireResponse,
      );
    },
  },
  Observation: {
    params: [...patientSearch, 'date', 'status', 'code', 'category'],
    documentation:
      'Screening totals (LOINC total codes); PHQ-9 and GAD-7 as a panel (44249-1, 69737-5) with hasMember to one Observation per answered item (PHQ-9 item 9, 44260-8, is -item9) and to the total; social-need findings (category sdoh, Gravity SDOHCC codes). Each is derivedFrom its QuestionnaireResponse when the client may read it; a client reading totals only gets the totals.',
    async load(db, client, filter) {
      const found = await screenings(
        db,
        client,
        filter,
        rowIds(filter.ids, (id) => id.slice(0, 36)),
        'answers-or-totals',
      );
      return found.flatMap(toObservations);
    },
  },
  Consent: {
    params: ['patient', 'date', 'status'],
    documentation:
      'The consent to be served, and the consents to share the referrals to this client rely on.',
    async load(db, client, filter) {
      const clinic = clinicOf(client);
      const found = await db.query<ConsentRow>(
        sql`with ${visible(clinic)}
         select k.id, k.client_id as "clientId", k.kind, to_char(k.given_on, 'YYYY-MM-DD') as "givenOn",
                k.partner_name as "partnerName", k.partner_category as "partnerCategory",
                k.revoked_at is not null and k.revoked_at <= now() as revoked
           from consent k join visible_person vp on vp.client_id = k.client_id
          where k.org_id = ${clinic.org} and ${visibleConsent('k')} and ${among('k.client_id', uuids(filter.patientIds))}
            and ${among('k.id', rowIds(filter.ids))}
          order by k.given_on, k.id`,
      );
      return found.map(toConsent);
    },
  },
  Goal: {
    params: [...patientSearch, 'lifecycle-status'],
    documentation: 'Goals of the care plan the CHW and the person set together.',
    async load(db, client, filter) {
      return (await goals(db, client, filter, null, rowIds(filter.ids))).map(toGoal);
    },
  },
  CarePlan: {
    params: [...patientSearch, 'status'],
    documentation: 'One care plan per person with goals (its id is the person’s), listing the goals.',
    async load(db, client, filter) {
      const found = await goals(db, client, filter, rowIds(filter.ids), null);
      const byPerson = new Map<string, GoalRow[]>();
      for (const g of found) byPerson.set(g.clientId, [...(byPerson.get(g.clientId) ?? []), g]);
      return [...byPerson].map(([clientId, list]) => toCarePlan(clientId, list));
    },
  },
  Encounter: {
    params: [...patientSearch, 'date', 'status'],
    documentation:
      'Contacts with the person (visits, calls, texts); notes stay in Puente. date = period start.',
    async load(db, client, filter) {
      const clinic = clinicOf(client);
      const found = await db.query<EncounterRow>(
        sql`with ${visible(clinic)}
         select e.id, e.client_id as "clientId", e.kind, e.occurred_at as "occurredAt", e.duration_minutes as "durationMinutes"
           from encounter e join visible_person vp on vp.client_id = e.client_id
          where e.org_id = ${clinic.org} and vp.visit and ${among('e.client_id', uuids(filter.patientIds))}
            and ${among('e.id', rowIds(filter.ids))}
          order by e.occurred_at, e.id`,
      );
      return found.map(toEncounter);
    },
  },
  ServiceRequest: {
    params: [...patientSearch, 'status', 'authored', 'category', 'priority'],
    documentation:
      'Referrals (Gravity SDOHCC ServiceRequest): the service asked of a partner, for a need (category), pertaining to a goal or citing a screening finding, with the consent to share. status: active while the referral Task is open, completed, revoked when rejected, failed or cancelled, entered-in-error. Also the referrals this client sent to the program (create them with a transaction Bundle POSTed to the base), the person named by the client’s own identifier.',
    async load(db, client, filter) {
      const found = await referrals(db, client, filter);
      const cited = [...new Set(found.flatMap((r) => (r.screeningId ? [r.screeningId] : [])))];
      const evidence =
        cited.length > 0 ? await screenings(db, client, filter, cited, 'answers-or-totals') : [];
      const byId = new Map(evidence.map((s) => [s.id, s]));
      return [
        ...found.map((r) => toServiceRequest(r, r.screeningId ? byId.get(r.screeningId) : undefined)),
        ...(await readableInbound(db, client, filter)).map(toInboundServiceRequest),
      ];
    },
  },
  Task: {
    params: [...patientSearch, 'status', 'authored-on', 'modified', 'focus', 'business-status', 'priority'],
    documentation:
      'Referral management Tasks (Gravity): status as the partner or CHW moved it, statusReason in words, businessStatus = capacity or enrollment, output = what resulted when completed. Referrals entered in error are served with that status. The Tasks of referrals this client sent to the program: received, accepted, rejected (statusReason), in-progress, completed (output: the outcome); poll them.',
    async load(db, client, filter) {
      return [
        ...(await referrals(db, client, filter)).map(toTask),
        ...(await readableInbound(db, client, filter)).map(toInboundTask),
      ];
    },
  },
};
