import { z } from 'zod';
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
  const held = `from outreach_event e where e.org_id = $1 and e.status = 'held'
    and ($2::date is null or e.held_on >= $2) and ($3::date is null or e.held_on <= $3)`;
  const params = [orgId, range.from ?? null, range.to ?? null];
  const group = (key: string) =>
    db.query<z.infer<typeof Group>>(
      `select ${key} as key, count(*)::int as events, coalesce(sum(e.attendance), 0)::int as reached
         ${held} group by 1 order by 3 desc, 1`,
      params,
    );
  const [total] = await db.query<{ events: number; reached: number; signUps: number }>(
    `select count(*)::int as events, coalesce(sum(e.attendance), 0)::int as reached,
            coalesce(sum((select count(*) from outreach_sign_up s where s.event_id = e.id)), 0)::int as "signUps"
       ${held}`,
    params,
  );
  return {
    events: total?.events ?? 0,
    reached: total?.reached ?? 0,
    byLanguage: await group('e.language'),
    byNeighborhood: await group("coalesce(e.neighborhood, '')"),
    byTopic: await db.query<z.infer<typeof Group>>(
      `select t as key, count(*)::int as events, coalesce(sum(e.attendance), 0)::int as reached
         ${held.replace('from outreach_event e', 'from outreach_event e cross join unnest(e.topics) t')}
         group by 1 order by 3 desc, 1`,
      params,
    ),
    signUps: total?.signUps ?? 0,
  };
}
