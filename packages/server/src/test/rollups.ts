import type { Queryable } from '../db/types.js';

/**
 * How far the report's monthly roll-up (`encounter_month`, migration 0010) is from
 * a count made now from the encounters: rows that differ, and how many rows it holds.
 */
export async function encounterMonthDrift(db: Queryable): Promise<{ wrong: number; rows: number }> {
  const [row] = await db.query<{ wrong: number; rows: number }>(
    `with counted as (
       select org_id, client_id, date_trunc('month', occurred_at at time zone report_time_zone(org_id))::date as month,
              count(*)::int as encounters
         from encounter group by 1, 2, 3),
     expected as (select *, lag(month) over (partition by org_id, client_id order by month) as previous_month from counted)
     select count(*) filter (where x.encounters is distinct from r.encounters
                                or x.previous_month is distinct from r.previous_month)::int as wrong,
            (select count(*)::int from encounter_month) as rows
       from expected x full join encounter_month r using (org_id, client_id, month)`,
  );
  return row ?? { wrong: -1, rows: 0 };
}
