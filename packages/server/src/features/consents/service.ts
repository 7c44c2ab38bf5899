import type { NewConsentRequest } from '@puente/core';
import {
  type Consent,
  type ConsentFact,
  consentStands,
  consentToShare,
  PuenteError,
  sharedKinds,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { consentColumns, consentFrom } from '../clients/detail.js';
import { withClient } from '../clients/with-client.js';
import { withdrawConsent } from './withdrawal.js';

/** The request as the policy reads a consent: what it names, before it is saved. */
const consentFact = (r: z.infer<typeof NewConsentRequest>) => ({
  id: '',
  kind: r.kind,
  partnerName: r.partnerName ?? null,
  partnerCategory: r.partnerCategory ?? null,
  dataKinds: r.dataKinds ?? null,
  revokedAt: null,
});

export function recordConsent(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: z.infer<typeof NewConsentRequest>,
): Promise<Consent> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'consent.recorded', async () => {
    // An id made on the phone: sent again (after a lost reply), it is the same consent.
    const id = request.id ?? uuidv7();
    const [existing] = await tx.query<{ clientId: string }>(
      'select client_id as "clientId" from consent where org_id = $1 and id = $2',
      [actor.orgId, id],
    );
    if (existing && existing.clientId !== clientId) throw new PuenteError(409, 'errors.idTaken');
    if (existing) return { result: await consentById(tx, actor.orgId, id), detail: { consent: id } };
    await tx.query(
      `insert into consent (id, org_id, client_id, kind, method, given_on, partner_name, partner_category, note,
         recorded_by, data_kinds)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        actor.orgId,
        clientId,
        request.kind,
        request.method,
        request.givenOn,
        request.partnerName ?? null,
        request.partnerCategory ?? null,
        request.note ?? null,
        actor.userId,
        request.kind === 'share' ? sharedKinds(consentFact(request)) : null,
      ],
    );
    return { result: await consentById(tx, actor.orgId, id), detail: { consent: id, kind: request.kind } };
  });
}

export interface RevokeOptions {
  /** When the person withdrew it, if earlier than now (a phone without signal); never later than now. */
  at?: Date;
  /** A phone's revocation that finds it already revoked has nothing left to do; the form's is told so. */
  alreadyRevokedIsDone?: boolean;
}

export function revokeConsent(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  consentId: string,
  note: string | undefined,
  options: RevokeOptions = {},
): Promise<Consent> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'consent.revoked', async () => {
    const rows = await tx.query<{ revoked: boolean; kind: string }>(
      `select revoked_at is not null as revoked, kind from consent where org_id = $1 and client_id = $2 and id = $3
          for update`,
      [actor.orgId, clientId, consentId],
    );
    if (!rows[0]) throw new PuenteError(404, 'errors.consentNotFound');
    if (rows[0].revoked && options.alreadyRevokedIsDone) {
      const result = await consentById(tx, actor.orgId, consentId);
      return { result, detail: { consent: consentId, alreadyRevoked: true } };
    }
    if (rows[0].revoked) throw new PuenteError(409, 'errors.consentAlreadyRevoked');
    const detail = await withdrawConsent(
      tx,
      actor,
      clientId,
      { id: consentId, kind: rows[0].kind },
      note ?? null,
      options.at,
    );
    return { result: await consentById(tx, actor.orgId, consentId), detail };
  });
}

async function consentById(db: Queryable, orgId: string, id: string): Promise<Consent> {
  const [row] = await db.query<Consent>(
    sql`select ${consentColumns} from ${consentFrom} where k.org_id = ${orgId} and k.id = ${id}`,
  );
  if (!row) throw new PuenteError(404, 'errors.consentNotFound');
  return row;
}

export type ShareTarget =
  | { kind: 'text' }
  | { kind: 'share'; partnerName: string; partnerCategory?: string | null | undefined };

/**
 * Checks consent before anything about a person leaves the program. Refuses
 * with the reason: no consent to be served, none to be texted, or none to
 * share with this partner (by name or by its category): for sharing, core's
 * consentToShare, the rule the web's referral form asks too. Returns the
 * consent that allows it, so the record can say which one did.
 */
export async function requireConsent(
  db: Queryable,
  orgId: string,
  clientId: string,
  target: ShareTarget,
): Promise<string> {
  const consents = await db.query<ConsentFact>(
    sql`select id, kind, partner_name as "partnerName", partner_category as "partnerCategory",
               data_kinds as "dataKinds", case when revoked_at is null then null else ${isoColumn('revoked_at')} end as "revokedAt"
          from consent where org_id = ${orgId} and client_id = ${clientId} order by recorded_at desc`,
  );
  const now = new Date();
  if (target.kind === 'text') {
    const standing = consents.filter((k) => consentStands(k, now));
    if (!standing.some((k) => k.kind === 'service')) throw new PuenteError(403, 'errors.noServiceConsent');
    const text = standing.find((k) => k.kind === 'text');
    if (!text) throw new PuenteError(403, 'errors.noTextConsent');
    return text.id;
  }
  const to = { partnerName: target.partnerName, partnerCategory: target.partnerCategory ?? null };
  const found = consentToShare(consents, to, now);
  if (found.consent) return found.consent.id;
  if (found.reason === 'no-service-consent') throw new PuenteError(403, 'errors.noServiceConsent');
  throw new PuenteError(403, 'errors.noShareConsent', { partner: target.partnerName });
}
