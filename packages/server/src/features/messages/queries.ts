import { type ConsentFact, defaultReminderSlots, type ReminderSlot } from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';

/** The program's texting choices, or the defaults until an admin sets them. */
export interface ProgramTexting {
  sender: string | null;
  reminders: ReminderSlot[];
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  programName: string;
}

export async function programTexting(db: Queryable, orgId: string): Promise<ProgramTexting> {
  const [row] = await db.query<ProgramTexting>(
    `select s.sender, coalesce(s.reminders, $2::jsonb) as reminders,
            coalesce(s.quiet_start, '21:00') as "quietStart", coalesce(s.quiet_end, '08:00') as "quietEnd",
            coalesce(p.time_zone, 'America/Los_Angeles') as "timeZone", o.name as "programName"
       from organization o left join text_setting s on s.org_id = o.id left join program_setting p on p.org_id = o.id
      where o.id = $1`,
    [orgId, JSON.stringify(defaultReminderSlots)],
  );
  if (!row) throw new Error('organization not found');
  return row;
}

/** The person as a text needs them: how to reach them, in which language, by which name. */
export interface TextPerson {
  id: string;
  phone: string | null;
  language: string;
  firstName: string;
  safeToContact: boolean;
  holders: string[];
}

export async function textPerson(
  db: Queryable,
  orgId: string,
  clientId: string,
): Promise<TextPerson | undefined> {
  const [row] = await db.query<TextPerson>(
    `select id, phone, preferred_language as language, coalesce(preferred_name, given_name) as "firstName",
            safe_to_contact as "safeToContact",
            array_remove(array[assigned_chw_id, backup_chw_id], null)::text[] as holders
       from client where org_id = $1 and id = $2 and merged_into is null`,
    [orgId, clientId],
  );
  return row;
}

/** The person's consents as the policy reads them, newest first. */
export function consentFacts(db: Queryable, orgId: string, clientId: string): Promise<ConsentFact[]> {
  return db.query<ConsentFact>(
    sql`select id, kind, partner_name as "partnerName", partner_category as "partnerCategory",
               data_kinds as "dataKinds", case when revoked_at is null then null else ${isoColumn('revoked_at')} end as "revokedAt"
          from consent where org_id = ${orgId} and client_id = ${clientId} order by recorded_at desc`,
  );
}

export async function optedOut(db: Queryable, orgId: string, phone: string): Promise<boolean> {
  const rows = await db.query('select 1 from text_opt_out where org_id = $1 and phone = $2', [orgId, phone]);
  return rows.length > 0;
}

/**
 * The people of the program whose phone, as written, is this number: phones
 * are kept as the CHW typed them, so candidates ending in the same digits are
 * read and compared in E.164 by the caller.
 */
export function peopleByPhone(
  db: Queryable,
  orgId: string,
  lastDigits: string,
): Promise<{ id: string; phone: string }[]> {
  return db.query(
    `select id, phone from client
      where org_id = $1 and merged_into is null and phone is not null
        and regexp_replace(phone, '[^0-9]', '', 'g') like '%' || $2
      order by updated_at desc limit 20`,
    [orgId, lastDigits],
  );
}
