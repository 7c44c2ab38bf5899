import {
  addDays,
  type Locale,
  localDate,
  MAX_SHARE_DAYS,
  type PublicSafetyPlan,
  PuenteError,
  type SafetyPlanContent,
  safetyPlanHeadings,
  safetyPlanSections,
} from '@puente/core';
import type { Database } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { hashToken, newToken } from '../../http/tokens.js';
import { recordAudit } from '../audit/record.js';
import { withClient } from '../clients/with-client.js';
import { programSettings } from '../settings/queries.js';
import { latestPlan } from './service.js';

/**
 * Makes a private link to the person's current plan. The token is shown once;
 * only its hash is stored, so a copy of the database cannot open the link.
 */
export function sharePlan(
  db: Database,
  actor: Actor,
  clientId: string,
  request: { expiresOn: string; language: Locale },
  publicUrl: string,
  ip: string,
): Promise<{ url: string; expiresOn: string; version: number }> {
  return withClient(db, actor, clientId, ip, 'safety-plan.shared', async (tx) => {
    const plan = await latestPlan(tx, actor.orgId, clientId);
    if (!plan) throw new PuenteError(404, 'errors.safetyPlanNotFound');
    const { timeZone } = await programSettings(tx, actor.orgId);
    const today = localDate(new Date(), timeZone);
    if (request.expiresOn < today || request.expiresOn > addDays(today, MAX_SHARE_DAYS)) {
      throw new PuenteError(400, 'errors.shareExpiry', { days: MAX_SHARE_DAYS });
    }
    const token = newToken();
    // The link works through the whole last day, in the program's time zone.
    await tx.query(
      `insert into safety_plan_share (token_hash, org_id, client_id, plan_id, language, expires_at, created_by)
       values ($1, $2, $3, $4, $5, (($6::date + 1)::timestamp at time zone $7), $8)`,
      [
        hashToken(token),
        actor.orgId,
        clientId,
        plan.id,
        request.language,
        request.expiresOn,
        timeZone,
        actor.userId,
      ],
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
export async function openSharedPlan(db: Database, token: string, ip: string): Promise<PublicSafetyPlan> {
  return db.transaction(async (tx) => {
    const [share] = await tx.query<{
      orgId: string;
      clientId: string;
      language: Locale;
      expired: boolean;
      content: SafetyPlanContent;
    }>(
      `select s.org_id as "orgId", s.client_id as "clientId", s.language, s.expires_at <= now() as expired,
              p.content
         from safety_plan_share s join safety_plan p on p.id = s.plan_id where s.token_hash = $1`,
      [hashToken(token)],
    );
    if (!share) throw new PuenteError(404, 'errors.linkNotFound');
    if (share.expired) throw new PuenteError(410, 'errors.linkExpired');
    await recordAudit(
      tx,
      { orgId: share.orgId, actorId: null, actorRole: 'public', ip },
      { action: 'safety-plan.link-opened', subjectType: 'client', subjectId: share.clientId },
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
  });
}
