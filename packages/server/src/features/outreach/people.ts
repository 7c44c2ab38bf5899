import { type EventSignUpRequest, localDate, type OutreachEventDetail, t, uuidv7 } from '@puente/core';
import { clientScope, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { qrDataUri } from '../../http/qr.js';
import { recordAudit, who } from '../audit/record.js';
import type { PossibleDuplicates } from '../clients/duplicates.js';
import { checkRegistration, registerClient } from '../clients/service.js';
import { recordConsent } from '../consents/service.js';
import { programSettings } from '../settings/queries.js';
import { eventChange } from './answers.js';
import { eventById } from './events.js';

/**
 * The event page: the event, its link and QR code for attendees, the change
 * between before and after, and the sign-ups the caller may see by name.
 */
export async function eventDetail(
  db: Queryable,
  actor: Actor,
  id: string,
  publicUrl: string,
): Promise<OutreachEventDetail> {
  const event = await eventById(db, actor.orgId, id);
  const checkUrl = event.checkCode ? `${publicUrl}/e/${event.checkCode}` : null;
  // People are named only to someone whose caseload they are in; the rest are counted.
  const signUpList = await db.query<{ clientId: string; name: string; chwName: string }>(
    sql`select c.id as "clientId", concat_ws(' ', c.given_name, c.family_name) as name, u.display_name as "chwName"
          from outreach_sign_up s join client c on c.id = s.client_id join app_user u on u.id = s.chw_id
         where s.event_id = ${id} and ${clientScope(actor)} order by s.created_at`,
  );
  return {
    ...event,
    checkUrl,
    checkQr: checkUrl ? qrDataUri(checkUrl) : null,
    change: event.checkQuestionnaire
      ? await eventChange(db, actor.orgId, id, event.checkQuestionnaire)
      : null,
    signUpList,
  };
}

/** An attendee who agreed to leave their name on the event's list. */
export async function addSignIn(
  tx: Queryable,
  caller: Caller,
  eventId: string,
  request: { name: string; phone?: string | undefined },
) {
  const { actor } = caller;
  await eventById(tx, actor.orgId, eventId);
  const id = uuidv7();
  await tx.query(
    `insert into outreach_sign_in (id, org_id, event_id, name, phone, recorded_by) values ($1, $2, $3, $4, $5, $6)`,
    [id, actor.orgId, eventId, request.name, request.phone ?? null, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'outreach.sign-in-recorded',
    subjectType: 'event',
    subjectId: eventId,
    detail: { signIn: id },
  });
  return { id };
}

/** The registration a sign-up asks for: the person, in the CHW's caseload named (or the caller's). */
const registration = (request: EventSignUpRequest) => ({
  givenName: request.givenName,
  familyName: request.familyName,
  phone: request.phone,
  preferredLanguage: request.preferredLanguage,
  okToText: request.okToText,
  notADuplicate: request.notADuplicate,
  chwId: request.chwId,
});

/**
 * What a sign-up checks before anyone is written: the event, then the
 * clients service's checks (the CHW named, possible duplicates, audited).
 * The route runs it in a transaction of its own, as registering does.
 */
export async function checkSignUp(
  tx: Queryable,
  caller: Caller,
  eventId: string,
  request: EventSignUpRequest,
): Promise<PossibleDuplicates | undefined> {
  await eventById(tx, caller.actor.orgId, eventId);
  return checkRegistration(tx, caller, registration(request));
}

/**
 * Someone who asked a CHW to contact them becomes a client through the
 * clients service, once `checkSignUp` has passed, with the consent they gave
 * recorded through the consents service, then linked to the event.
 */
export async function addSignUp(
  tx: Queryable,
  caller: Caller,
  eventId: string,
  request: EventSignUpRequest,
): Promise<{ clientId: string }> {
  const { actor } = caller;
  const client = await registerClient(tx, caller, registration(request));
  const { timeZone } = await programSettings(tx, actor.orgId);
  const givenOn = localDate(new Date(), timeZone);
  const note = t(actor.locale, 'outreach.consentNote');
  await recordConsent(tx, caller, client.id, {
    kind: 'service',
    method: request.consentMethod,
    givenOn,
    note,
  });
  if (request.okToText && request.phone) {
    await recordConsent(tx, caller, client.id, {
      kind: 'text',
      method: request.consentMethod,
      givenOn,
      note,
    });
  }
  await tx.query(
    `insert into outreach_sign_up (id, org_id, event_id, client_id, chw_id, recorded_by) values ($1, $2, $3, $4, $5, $6)`,
    [uuidv7(), actor.orgId, eventId, client.id, request.chwId ?? actor.userId, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'outreach.sign-up-recorded',
    subjectType: 'client',
    subjectId: client.id,
    detail: { event: eventId },
  });
  return { clientId: client.id };
}
