import { type Locale, parseKeyword, replyAction, t, toE164, uuidv7 } from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import { withdrawConsent } from '../consents/withdrawal.js';
import type { InboundNews } from './provider.js';
import { consentFacts, optedOut, peopleByPhone, programTexting } from './queries.js';
import { sealBody } from './seal.js';
import { queueText, textLocale } from './send.js';

/** What an inbound text led to, for the route to tell the CHWs after commit. */
export interface Received {
  orgId: string;
  messageId: string;
  clientId: string | null;
  /** The CHWs who hold the person: they hear of it on their phones. */
  notify: string[];
}

const system = (orgId: string) => ({ orgId, actorId: null, actorRole: 'system' });

/** Words of the Spanish keyword lists: a stranger who writes PARAR is answered in Spanish. */
const spanishWords =
  /^(parar|para|cancelar|alto|baja|ayuda|informacion|si|empezar|comenzar|iniciar|reanudar)$/;

/**
 * Takes one inbound text, once: a provider id seen before changes nothing
 * (providers retry their callbacks). The program is the one whose number it
 * was sent to; the person is the one whose phone it came from (a number
 * nobody has goes to the program inbox). STOP-type words end all texts to the
 * number and withdraw the person's text consent; START (or "sí" after a STOP)
 * resumes them with a new consent given by text; HELP is answered; 1/sí and
 * 2/no answer the latest reminder of an appointment or follow-up visit still
 * ahead, on it (the CHW hears of every text from the person, this one too).
 */
export async function receiveText(
  tx: Queryable,
  config: Config,
  provider: string,
  news: InboundNews,
  now: Date,
): Promise<Received | undefined> {
  const to = toE164(news.to) ?? news.to;
  const [org] = await tx.query<{ orgId: string }>(
    'select org_id as "orgId" from text_setting where sender = $1',
    [to],
  );
  const from = toE164(news.from);
  if (!org || !from) return undefined;
  const { orgId } = org;
  const id = uuidv7();
  const candidates = (await peopleByPhone(tx, orgId, from.slice(-7))).filter((p) => toE164(p.phone) === from);
  const clientId =
    candidates.length > 0
      ? await likeliestPerson(
          tx,
          orgId,
          candidates.map((p) => p.id),
          from,
        )
      : await placedBefore(tx, orgId, from);
  const stored = await tx.query(
    `insert into text_message (id, org_id, client_id, direction, kind, phone, body_sealed, segments, status, provider,
        provider_id, created_at, status_at)
     values ($1, $2, $3, 'in', 'inbound', $4, $5, 0, 'received', $6, $7, $8, $8)
     on conflict (provider, provider_id) do nothing returning id`,
    [
      id,
      orgId,
      clientId,
      from,
      sealBody(config, id, news.body),
      provider,
      news.providerId,
      now.toISOString(),
    ],
  );
  if (stored.length === 0) return undefined;

  const program = await programTexting(tx, orgId);
  const person = clientId
    ? (
        await tx.query<{ language: string; holders: string[] }>(
          `select preferred_language as language,
                  array_remove(array[assigned_chw_id, backup_chw_id], null)::text[] as holders
             from client where id = $1`,
          [clientId],
        )
      )[0]
    : undefined;
  const keyword = parseKeyword(news.body);
  const locale: Locale = person
    ? textLocale(person.language)
    : spanishWords.test(news.body.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase())
      ? 'es'
      : 'en';
  const awaiting = clientId ? await awaitingReminder(tx, orgId, clientId, now) : undefined;
  const action = replyAction(news.body, {
    optedOut: await optedOut(tx, orgId, from),
    awaitingAnswer: awaiting !== undefined,
  });
  const reply = async (
    key:
      | 'texts.help'
      | 'texts.stopped'
      | 'texts.started'
      | 'texts.confirmed'
      | 'texts.visitConfirmed'
      | 'texts.callMe',
  ) =>
    queueText(
      tx,
      config,
      program,
      {
        orgId,
        clientId,
        phone: from,
        kind: 'keyword-reply',
        body: t(locale, key, { program: program.programName }),
      },
      now,
    );

  const audit = (action: string, detail: Record<string, unknown>) =>
    recordAudit(tx, system(orgId), {
      action,
      ...(clientId ? { subjectType: 'client', subjectId: clientId } : {}),
      detail: { message: id, ...detail },
    });
  if (action === 'opt-out') {
    await tx.query(
      'insert into text_opt_out (org_id, phone, opted_out_at) values ($1, $2, $3) on conflict do nothing',
      [orgId, from, now.toISOString()],
    );
    // The person withdraws their text consent as a CHW would for them in the app (consents/withdrawal.ts):
    // the same update, the same reach (their private links are revoked), the same audit event.
    const withdrawn = clientId
      ? await tx.query<{ id: string; kind: string }>(
          `select id, kind from consent where org_id = $1 and client_id = $2 and kind = 'text' and revoked_at is null
              order by id for update`,
          [orgId, clientId],
        )
      : [];
    for (const consent of withdrawn) {
      if (!clientId) break;
      const detail = await withdrawConsent(
        tx,
        { orgId, userId: null, locale },
        clientId,
        consent,
        `${keyword ?? 'STOP'} (text reply)`,
        now,
      );
      await audit('consent.revoked', detail);
    }
    await audit('text.opted-out', { consents: withdrawn.map((k) => k.id) });
    await reply('texts.stopped');
  } else if (action === 'opt-in') {
    await tx.query('delete from text_opt_out where org_id = $1 and phone = $2', [orgId, from]);
    let consent: string | null = null;
    if (clientId) {
      const standing = (await consentFacts(tx, orgId, clientId)).some(
        (k) => k.kind === 'text' && k.revokedAt === null,
      );
      if (!standing) {
        consent = uuidv7();
        await tx.query(
          `insert into consent (id, org_id, client_id, kind, method, given_on, note, recorded_by, recorded_at)
           values ($1, $2, $3, 'text', 'text-reply', ($4::timestamptz at time zone $5)::date, $6, null, $4)`,
          [
            consent,
            orgId,
            clientId,
            now.toISOString(),
            program.timeZone,
            `${keyword ?? 'START'} (text reply)`,
          ],
        );
      }
    }
    await audit('text.opted-in', { consent });
    await reply('texts.started');
  } else if (action === 'help') {
    await audit('text.help', {});
    await reply('texts.help');
  } else if ((action === 'confirm' || action === 'call-me') && awaiting && clientId) {
    const answer = action === 'confirm' ? 'confirmed' : 'call-me';
    if (awaiting.subject === 'task') {
      await tx.query(`update task set text_reply = $3, text_reply_at = $4 where org_id = $1 and id = $2`, [
        orgId,
        awaiting.id,
        answer,
        now.toISOString(),
      ]);
      await tx.query('update text_message set task_id = $2 where id = $1', [id, awaiting.id]);
      await audit('task.text-reply', { task: awaiting.id, answer });
      await reply(answer === 'confirmed' ? 'texts.visitConfirmed' : 'texts.callMe');
    } else {
      await tx.query(
        `update appointment set text_reply = $3, text_reply_at = $4, updated_at = $4 where org_id = $1 and id = $2`,
        [orgId, awaiting.id, answer, now.toISOString()],
      );
      await tx.query('update text_message set appointment_id = $2 where id = $1', [id, awaiting.id]);
      await audit('appointment.text-reply', { appointment: awaiting.id, answer });
      await reply(answer === 'confirmed' ? 'texts.confirmed' : 'texts.callMe');
    }
  } else {
    await audit('text.received', {});
  }
  return { orgId, messageId: id, clientId, notify: person?.holders ?? [] };
}

/**
 * A number no one has, whose texts a supervisor placed with a person (inbox.ts):
 * that person, while their record stands. Without this, every later text from
 * a new phone or a relative's would wait in the inbox to be placed again.
 */
async function placedBefore(tx: Queryable, orgId: string, phone: string): Promise<string | null> {
  const [placed] = await tx.query<{ clientId: string }>(
    `select m.client_id as "clientId" from text_message m join client c on c.id = m.client_id
      where m.org_id = $1 and m.phone = $2 and m.direction = 'in' and c.merged_into is null
      order by m.created_at desc limit 1`,
    [orgId, phone],
  );
  return placed?.clientId ?? null;
}

/**
 * Of several people sharing a number (a family's one phone), the one texted
 * last from it: a reply answers the last message. Else the one updated last.
 */
async function likeliestPerson(
  tx: Queryable,
  orgId: string,
  ids: string[],
  phone: string,
): Promise<string | null> {
  if (ids.length <= 1) return ids[0] ?? null;
  const [last] = await tx.query<{ clientId: string }>(
    `select client_id as "clientId" from text_message
      where org_id = $1 and phone = $2 and direction = 'out' and client_id = any($3::uuid[])
      order by created_at desc limit 1`,
    [orgId, phone, ids],
  );
  return last?.clientId ?? ids[0] ?? null;
}

/**
 * What a yes or no answers: the appointment (of the care plan, or one a
 * referral led to) or the follow-up visit of the person's latest reminder,
 * while it is still ahead.
 */
async function awaitingReminder(
  tx: Queryable,
  orgId: string,
  clientId: string,
  now: Date,
): Promise<{ subject: 'appointment' | 'task'; id: string } | undefined> {
  const [row] = await tx.query<{ appointmentId: string | null; taskId: string | null }>(
    `select a.id as "appointmentId", t.id as "taskId" from text_message m
       left join appointment a on a.id = m.appointment_id and a.status = 'scheduled' and a.at > $3
       left join task t on t.id = m.task_id and t.status = 'open' and t.visit_at > $3
      where m.org_id = $1 and m.client_id = $2 and m.kind = 'reminder' and m.status in ('queued', 'sent', 'delivered')
        and (a.id is not null or t.id is not null)
      order by m.created_at desc limit 1`,
    [orgId, clientId, now.toISOString()],
  );
  if (row?.taskId) return { subject: 'task', id: row.taskId };
  return row?.appointmentId ? { subject: 'appointment', id: row.appointmentId } : undefined;
}
