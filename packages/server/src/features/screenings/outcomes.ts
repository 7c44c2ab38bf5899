import { localDate, type Outcomes, remission, treatmentResponse } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from '../clients/scope.js';
import { programSettings } from '../settings/queries.js';
import { trackedInstruments } from './rescreen.js';

/**
 * PHQ-9 and GAD-7 totals over time, from complete screens only. Response
 * (a fall of at least half) is measured from the first complete screen.
 */
export async function outcomes(tx: Queryable, caller: Caller, clientId: string): Promise<Outcomes> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, clientId);
  const rows = await tx.query<{ id: string; instrument: string; authoredAt: Date | string; total: number }>(
    `select id, instrument, authored_at as "authoredAt", total from screening
      where org_id = $1 and client_id = $2 and complete and total is not null and instrument = any($3::text[])
      order by authored_at, id`,
    [actor.orgId, clientId, [...trackedInstruments.keys()]],
  );
  const { timeZone } = await programSettings(tx, actor.orgId);
  const series: Outcomes['series'] = [];
  for (const url of trackedInstruments.keys()) {
    const mine = rows.filter((r) => r.instrument === url);
    const baseline = mine[0]?.total;
    if (baseline === undefined) continue;
    series.push({
      instrument: url,
      baseline,
      points: mine.map((r) => ({
        screeningId: r.id,
        date: localDate(new Date(r.authoredAt), timeZone),
        total: r.total,
        response: treatmentResponse(baseline, r.total),
        remission: remission(r.total),
      })),
    });
  }
  await recordAudit(tx, who(caller), {
    action: 'screening.outcomes-viewed',
    subjectType: 'client',
    subjectId: clientId,
  });
  return { series };
}
