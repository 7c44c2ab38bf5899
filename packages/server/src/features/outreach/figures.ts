import { z } from 'zod';
import { bind, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';

const Group = z.object({ key: z.string(), events: z.number().int(), reached: z.number().int() });

export const OutreachFigures = z
  .object({
    events: z.number().int(),
    reached: z.number().int(),
    byLanguage: z.array(Group),
    byNeighborhood: z.array(Group),
    byTopic: z.array(Group),
    signUps: z.number().int(),
  })
  .meta({ id: 'OutreachFigures' });
export type OutreachFigures = z.infer<typeof OutreachFigures>;

/** Counts only: held events in the period, by what a report groups them by. No person appears. */
export async function outreachFigures(
  db: Queryable,
  orgId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<OutreachFigures> {
  const [org, from, to] = [bind(orgId), bind(range.from ?? null), bind(range.to ?? null)];
  const held = (source: Sql) => sql`from ${source} where e.org_id = ${org} and e.status = 'held'
    and (${from}::date is null or e.held_on >= ${from}) and (${to}::date is null or e.held_on <= ${to})`;
  const events = sql`outreach_event e`;
  const group = (key: Sql, source = events) =>
    db.query<z.infer<typeof Group>>(
      sql`select ${key} as key, count(*)::int as events, coalesce(sum(e.attendance), 0)::int as reached
         ${held(source)} group by 1 order by 3 desc, 1`,
    );
  const [total] = await db.query<{ events: number; reached: number; signUps: number }>(
    sql`select count(*)::int as events, coalesce(sum(e.attendance), 0)::int as reached,
            coalesce(sum((select count(*) from outreach_sign_up s where s.event_id = e.id)), 0)::int as "signUps"
       ${held(events)}`,
  );
  return {
    events: total?.events ?? 0,
    reached: total?.reached ?? 0,
    byLanguage: await group(sql`e.language`),
    byNeighborhood: await group(sql`coalesce(e.neighborhood, '')`),
    byTopic: await group(sql`t`, sql`outreach_event e cross join unnest(e.topics) t`),
    signUps: total?.signUps ?? 0,
  };
}
