import type { ReferralFigures } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { type ReportScope, scopeSql } from '../reports/scope.js';
import { isClosed as closed } from './queries.js';

const days = sql`extract(epoch from (r.closed_at - r.created_at)) / 86400.0`;
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Loop closure for the referrals made in the report's range to the people it
 * counts: how many closed, how many got help, how long closing took, by need
 * and by partner. Referrals marked as made in error do not count.
 */
export async function referralFigures(db: Queryable, s: ReportScope): Promise<ReferralFigures> {
  const q = scopeSql(s);
  const made = sql`with ${q.people}, r as (
    select r.* from referral r ${q.toPeople('r')}
     where r.org_id = ${q.org} and r.status <> 'entered-in-error' and ${q.inRange('r.created_at')})`;
  const loop = sql`count(*)::int as made, count(*) filter (where ${closed})::int as closed,
    count(*) filter (where r.outcome = 'got-help')::int as "gotHelp"`;
  const median = sql`percentile_cont(0.5) within group (order by ${days}) filter (where ${closed})`;
  const [total] = await db.query<{ made: number; closed: number; gotHelp: number; median: number | null }>(
    sql`${made} select ${loop}, ${median} as median from r`,
  );
  const byStatus = await db.query<{ status: ReferralFigures['byStatus'][number]['status']; count: number }>(
    sql`${made} select r.status, count(*)::int as count from r group by r.status order by count desc, r.status`,
  );
  const byOutcome = await db.query<{
    outcome: ReferralFigures['byOutcome'][number]['outcome'];
    count: number;
  }>(
    sql`${made} select r.outcome, count(*)::int as count from r where r.outcome is not null
      group by r.outcome order by count desc, r.outcome`,
  );
  const byNeed = await db.query<ReferralFigures['byNeed'][number]>(
    sql`${made} select r.need, ${loop} from r group by r.need order by made desc, r.need`,
  );
  const byPartner = await db.query<
    Omit<ReferralFigures['byPartner'][number], 'medianDaysToClose'> & { median: number | null }
  >(
    sql`${made} select r.partner_name as "partnerName", ${loop}, ${median} as median
       from r group by r.partner_name order by made desc, r.partner_name`,
  );
  const t = total ?? { made: 0, closed: 0, gotHelp: 0, median: null };
  return {
    from: s.from,
    to: s.to,
    made: t.made,
    closed: t.closed,
    gotHelp: t.gotHelp,
    closureRate: share(t.closed, t.made),
    gotHelpRate: share(t.gotHelp, t.made),
    medianDaysToClose: round1(t.median === null ? null : Number(t.median)),
    byStatus,
    byOutcome,
    byNeed,
    byPartner: byPartner.map(({ median: m, ...p }) => ({
      ...p,
      medianDaysToClose: round1(m === null ? null : Number(m)),
    })),
  };
}
