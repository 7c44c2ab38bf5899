import {
  type Locale,
  type PublicSafetyPlan,
  PuenteError,
  type SafetyPlanContent,
  safetyPlanHeadings,
  safetyPlanSections,
} from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import {
  linkLifeColumns,
  type OpenedLink,
  openLink,
  shareWindow,
  storeLink,
} from '../sharing/private-links.js';
import { latestPlan } from './service.js';

/** Makes a private link to the person's current plan (see `storeLink`). */
export function sharePlan(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: { expiresOn: string; language: Locale },
  publicUrl: string,
): Promise<{ url: string; expiresOn: string; version: number }> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'safety-plan.shared', async () => {
    const plan = await latestPlan(tx, actor.orgId, clientId);
    if (!plan) throw new PuenteError(404, 'errors.safetyPlanNotFound');
    const timeZone = await shareWindow(tx, actor.orgId, request.expiresOn);
    const token = await storeLink(
      tx,
      'safety_plan_share',
      { orgId: actor.orgId, clientId, createdBy: actor.userId, expiresOn: request.expiresOn, timeZone },
      { plan_id: plan.id, language: request.language },
    );
    return {
      result: {
        url: `${publicUrl}/safety-plan/${token}`,
        expiresOn: request.expiresOn,
        version: plan.version,
      },
      detail: { version: plan.version, expiresOn: request.expiresOn, language: request.language },
    };
  });
}

/** The plan behind a link: its text under headings in the link's language, and nothing that identifies anyone. */
export async function openSharedPlan(tx: Queryable, token: string, ip: string): Promise<PublicSafetyPlan> {
  const share = await openLink<OpenedLink & { language: Locale; content: SafetyPlanContent }>(
    tx,
    'safety-plan',
    (
      hash,
    ) => sql`select s.org_id as "orgId", s.client_id as "clientId", s.language, ${linkLifeColumns('s')}, p.content
       from safety_plan_share s join safety_plan p on p.id = s.plan_id where s.token_hash = ${hash}`,
    token,
    ip,
    'safety-plan.link-opened',
  );
  const lang = share.language;
  return {
    language: lang,
    title: safetyPlanHeadings.title[lang],
    sections: safetyPlanSections.map((section) => ({
      heading: safetyPlanHeadings[section][lang],
      entries: share.content[section],
    })),
  };
}
