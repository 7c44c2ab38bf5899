import { partnerCategoryForNeed, type ReferralOutcome } from '@puente/core';
import type { Database } from '@puente/server';
import type { Random } from '../lib/random.js';

const dayMs = 86_400_000;
type Need = Parameters<typeof partnerCategoryForNeed>[0];

interface Ending {
  status: 'completed' | 'failed' | 'rejected' | 'cancelled';
  outcome: ReferralOutcome | null;
  reason: string | null;
}

// How loops close in programs like these: most with help, a tail that could not be reached or served.
const endings: [number, Ending][] = [
  [50, { status: 'completed', outcome: 'got-help', reason: null }],
  [12, { status: 'failed', outcome: 'could-not-contact', reason: null }],
  [6, { status: 'failed', outcome: 'not-eligible', reason: null }],
  [5, { status: 'rejected', outcome: 'no-capacity', reason: 'No space this month' }],
  [5, { status: 'failed', outcome: 'could-not-get-help', reason: null }],
  [4, { status: 'cancelled', outcome: 'no-longer-interested', reason: 'Found help on their own' }],
];
const openStatuses = ['requested', 'accepted', 'in-progress', 'on-hold'] as const;

function ending(r: Random): Ending {
  const total = endings.reduce((n, [w]) => n + w, 0);
  let u = r.next() * total;
  for (const [w, e] of endings) {
    u -= w;
    if (u < 0) return e;
  }
  return endings[0]?.[1] as Ending;
}

/**
 * Referrals from six in ten care-plan goals to services of the imported
 * directory, each after a consent to share with that kind of partner; older
 * ones mostly closed (got help, could not be reached, not eligible, no space…),
 * recent ones still waiting. Goes in by batched inserts, like the rest.
 */
export async function insertReferrals(
  db: Database,
  r: Random,
  orgId: string,
  today: number,
): Promise<number> {
  const goals = await db.query<{ clientId: string; need: Need; chw: string; at: Date }>(
    `select client_id as "clientId", need_area as need, created_by as chw, created_at as at
       from goal where org_id = $1 order by id`,
    [orgId],
  );
  const services = await db.query<{ id: string; name: string; orgId: string | null; orgName: string | null }>(
    `select s.id, coalesce(s.data->>'name', s.id) as name, s.organization_id as "orgId", o.data->>'name' as "orgName"
       from hsds_service s left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
      where s.org_id = $1 order by s.id limit 500`,
    [orgId],
  );
  if (services.length === 0) return 0;
  const rows = goals
    .filter(() => r.chance(0.6))
    .map((g) => {
      const made = Math.min(today - dayMs, new Date(g.at).getTime() + r.int(0, 20) * dayMs);
      const service = r.pick(services);
      const age = (today - made) / dayMs;
      const closed = r.chance(age > 30 ? 0.8 : age > 7 ? 0.4 : 0.05) ? ending(r) : undefined;
      const closedAt = closed ? Math.min(today - 3_600_000, made + r.int(1, 45) * dayMs) : null;
      return {
        id: r.uuid(made),
        consentId: r.uuid(made - 60_000),
        eventId: r.uuid(made),
        closeEventId: r.uuid(closedAt ?? made),
        goal: g,
        service,
        made,
        status: closed?.status ?? r.pick(openStatuses),
        outcome: closed?.outcome ?? null,
        reason: closed?.reason ?? (r.chance(0.1) ? 'Waiting for documents' : null),
        closedAt,
      };
    });
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  await db.query(
    `insert into consent (id, org_id, client_id, kind, method, given_on, partner_category, recorded_by, recorded_at, data_kinds)
     select id, $1, cid, 'share', 'verbal', at::date, cat, chw, at::timestamptz, '{identity,contact,referral}'
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[]) as t(id, cid, cat, chw, at)`,
    [
      orgId,
      rows.map((x) => x.consentId),
      rows.map((x) => x.goal.clientId),
      rows.map((x) => partnerCategoryForNeed(x.goal.need)),
      rows.map((x) => x.goal.chw),
      rows.map((x) => iso(x.made - 60_000)),
    ],
  );
  await db.query(
    `insert into referral (id, org_id, client_id, need, service_id, service_name, partner_org_id, partner_name,
       reason, urgency, consent_id, status, status_reason, outcome, requested_by, created_at, updated_at, closed_at)
     select id, $1, cid, need, sid, sname, porg, pname, 'Needs help with this', 'routine', consent, status,
            case when status in ('rejected', 'cancelled', 'on-hold') then coalesce(reason, 'See notes') else reason end,
            outcome, chw, made::timestamptz, coalesce(closed, made)::timestamptz, closed::timestamptz
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                   $10::text[], $11::text[], $12::text[], $13::uuid[], $14::text[], $15::text[])
         as t(id, cid, need, sid, sname, porg, pname, consent, status, reason, outcome, chw, made, closed)`,
    [
      orgId,
      rows.map((x) => x.id),
      rows.map((x) => x.goal.clientId),
      rows.map((x) => x.goal.need),
      rows.map((x) => x.service.id),
      rows.map((x) => x.service.name),
      rows.map((x) => x.service.orgId),
      rows.map((x) => x.service.orgName ?? x.service.name),
      rows.map((x) => x.consentId),
      rows.map((x) => x.status),
      rows.map((x) => x.reason),
      rows.map((x) => x.outcome),
      rows.map((x) => x.goal.chw),
      rows.map((x) => iso(x.made)),
      rows.map((x) => iso(x.closedAt)),
    ],
  );
  // Each referral's history: sent, then where it stands now.
  const moved = rows.filter((x) => x.status !== 'requested');
  await db.query(
    `insert into referral_event (id, org_id, referral_id, kind, status, reason, by_user, by_partner, at)
     select id, $1, rid, kind, status, reason, chw, false, at::timestamptz
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
         as t(id, rid, kind, status, reason, chw, at)`,
    [
      orgId,
      [...rows.map((x) => x.eventId), ...moved.map((x) => x.closeEventId)],
      [...rows.map((x) => x.id), ...moved.map((x) => x.id)],
      [...rows.map(() => 'created'), ...moved.map(() => 'status')],
      [...rows.map(() => 'requested'), ...moved.map((x) => x.status)],
      [...rows.map(() => null), ...moved.map((x) => x.reason)],
      [...rows.map((x) => x.goal.chw), ...moved.map((x) => x.goal.chw)],
      [...rows.map((x) => iso(x.made)), ...moved.map((x) => iso(x.closedAt ?? x.made))],
    ],
  );
  return rows.length;
}
