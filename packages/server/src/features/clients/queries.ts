import { type ClientSummary, foldName, type NewClientRequest, type UpdateClientRequest } from '@puente/core';
import { bind, clientScope, displayName, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { hasRiskFlag } from '../risk-flags/queries.js';

/**
 * The caller's caseload, searched by name (accents and case ignored) or by
 * the last digits of a phone number, most recently contacted last so people
 * waiting longest come first.
 */
export async function listClients(
  db: Queryable,
  actor: Actor,
  options: { q?: string | undefined; limit: number; offset: number; chwId?: string | undefined },
): Promise<{ clients: ClientSummary[]; total: number }> {
  const q = options.q ? foldName(options.q) : '';
  const digits = options.q?.replace(/\D/g, '') ?? '';
  const search = bind(q);
  const phone = bind(digits);
  const chw = bind(options.chwId ?? null);
  const rows = await db.query<ClientSummary & { total: number }>(
    sql`with page as (
       select c.id, c.org_id, ${displayName} as "displayName", c.preferred_language, c.neighborhood,
              c.assigned_chw_id, c.last_contact_at, c.name_folded, c.safe_to_contact, count(*) over ()::int as total
         from client c
        where ${clientScope(actor)}
          and (${search} = '' or c.name_folded like '%' || ${search} || '%' or (length(${phone}) >= 4 and c.phone like '%' || ${phone}))
          and (${chw}::uuid is null or c.assigned_chw_id = ${chw})
        order by c.last_contact_at asc nulls first, c.name_folded
        limit ${options.limit} offset ${options.offset})
     select p.id, p."displayName", p.preferred_language as "preferredLanguage", p.neighborhood,
            p.assigned_chw_id as "assignedChwId", u.display_name as "assignedChwName",
            ${isoColumn('p.last_contact_at')} as "lastContactAt", nt.next_due::text as "nextDueOn",
            p.safe_to_contact as "safeToContact", ${hasRiskFlag('p')} as "riskFlag", p.total
       from page p
       left join app_user u on u.id = p.assigned_chw_id
       left join lateral (select min(t.due_on) as next_due from task t
                           where t.org_id = p.org_id and t.client_id = p.id and t.status = 'open') nt on true
      order by p.last_contact_at asc nulls first, p.name_folded`,
  );
  const total = rows[0]?.total ?? 0;
  return { clients: rows.map(({ total: _t, ...c }) => c), total };
}

export async function insertClient(
  db: Queryable,
  row: NewClientRequest & { id: string; orgId: string; assignedChwId: string; createdBy: string },
): Promise<void> {
  await db.query(
    `insert into client (id, org_id, given_name, family_name, preferred_name, name_folded, preferred_language,
        birth_date, age_range, gender, phone, ok_to_text, ok_to_leave_message, safe_to_contact, neighborhood,
        address, household, insurance_status, notes, assigned_chw_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    [
      row.id,
      row.orgId,
      row.givenName,
      row.familyName ?? null,
      row.preferredName ?? null,
      foldName([row.givenName, row.familyName, row.preferredName].filter(Boolean).join(' ')),
      row.preferredLanguage,
      row.birthDate ?? null,
      row.ageRange ?? null,
      row.gender ?? null,
      row.phone ?? null,
      row.okToText ?? false,
      row.okToLeaveMessage ?? false,
      row.safeToContact ?? true,
      row.neighborhood ?? null,
      row.address ?? null,
      JSON.stringify(row.household ?? []),
      row.insuranceStatus ?? null,
      row.notes ?? null,
      row.assignedChwId,
      row.createdBy,
    ],
  );
}

const columnOf: Record<string, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  preferredName: 'preferred_name',
  preferredLanguage: 'preferred_language',
  birthDate: 'birth_date',
  ageRange: 'age_range',
  gender: 'gender',
  phone: 'phone',
  okToText: 'ok_to_text',
  okToLeaveMessage: 'ok_to_leave_message',
  safeToContact: 'safe_to_contact',
  neighborhood: 'neighborhood',
  address: 'address',
  household: 'household',
  insuranceStatus: 'insurance_status',
  notes: 'notes',
};
const notNullDefaults: Record<string, unknown> = {
  okToText: false,
  okToLeaveMessage: false,
  safeToContact: true,
  household: '[]',
};

/** Applies the fields present in `change`; null clears a field. Keeps the folded name in step. */
export async function updateClient(db: Queryable, orgId: string, id: string, change: UpdateClientRequest) {
  const sets: string[] = [];
  const params: unknown[] = [orgId, id];
  for (const [key, value] of Object.entries(change)) {
    const column = columnOf[key];
    if (!column || value === undefined) continue;
    const stored = key === 'household' && value !== null ? JSON.stringify(value) : value;
    params.push(stored ?? notNullDefaults[key] ?? null);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length === 0) return;
  await db.query(
    `update client c set ${sets.join(', ')}, updated_at = now() where c.org_id = $1 and c.id = $2`,
    params,
  );
  await db.query(`update client set name_folded = $3 where org_id = $1 and id = $2`, [
    orgId,
    id,
    await foldedNameOf(db, orgId, id),
  ]);
}

async function foldedNameOf(db: Queryable, orgId: string, id: string): Promise<string> {
  const [row] = await db.query<{ g: string; f: string | null; p: string | null }>(
    'select given_name as g, family_name as f, preferred_name as p from client where org_id = $1 and id = $2',
    [orgId, id],
  );
  return row ? foldName([row.g, row.f, row.p].filter(Boolean).join(' ')) : '';
}
