import {
  type NewTextRequest,
  PuenteError,
  renderTemplate,
  type TextMessage,
  type TextThread,
} from '@puente/core';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { optedOut, programTexting, textPerson } from './queries.js';
import { openBody } from './seal.js';
import { queueText, textability, textLocale, tooLong } from './send.js';

interface StoredText extends Omit<TextMessage, 'body'> {
  bodySealed: string;
}

/** The latest messages of a thread: a promotora reads the last weeks, not years. */
const THREAD_LENGTH = 200;

/**
 * A person's text thread, oldest first, bodies opened for a caller who may
 * see the person (and audited as a read of their record), and whether a text
 * may be sent now or why not.
 */
export function textThread(
  tx: Queryable,
  config: Config,
  caller: Caller,
  clientId: string,
): Promise<TextThread> {
  const { orgId } = caller.actor;
  return withClient(tx, caller, clientId, 'text.thread-viewed', async () => {
    const rows = await tx.query<StoredText>(
      sql`select * from (
            select m.id, m.direction, m.kind, m.body_sealed as "bodySealed", m.status, ${isoColumn('m.created_at')} as at,
                   m.created_at, m.appointment_id as "appointmentId", u.display_name as "sentBy"
              from text_message m left join app_user u on u.id = m.sent_by
             where m.org_id = ${orgId} and m.client_id = ${clientId}
             order by m.created_at desc, m.id desc limit ${THREAD_LENGTH}) recent
          order by created_at, id`,
    );
    const person = await textPerson(tx, orgId, clientId);
    const may = config.texts && person ? await textability(tx, config, orgId, person, new Date()) : undefined;
    const phone = may?.allowed ? may.phone : null;
    const stopped = phone
      ? await optedOut(tx, orgId, phone)
      : may?.allowed === false && may.reason === 'textOptedOut';
    const messages = rows.map(({ bodySealed, ...m }) => ({
      id: m.id,
      direction: m.direction,
      kind: m.kind,
      status: m.status,
      at: m.at,
      appointmentId: m.appointmentId,
      sentBy: m.sentBy,
      body: openBody(config, m.id, bodySealed),
    }));
    return {
      result: {
        enabled: config.texts !== undefined,
        optedOut: stopped,
        canText: may?.allowed === true,
        reason: config.texts ? (may?.allowed === false ? may.reason : null) : 'textsOff',
        messages,
      },
      detail: { messages: messages.length },
    };
  });
}

/**
 * A CHW's message to a person from the program's number, free text or a
 * template filled in the person's language. Refused with the reason when no
 * text may go (no consent, STOP, not safe, no usable number), when it is over
 * the segment limit, or when texts are off.
 */
export function sendText(
  tx: Queryable,
  config: Config,
  caller: Caller,
  clientId: string,
  request: z.infer<typeof NewTextRequest>,
): Promise<TextMessage> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'text.sent', async () => {
    if (!config.texts) throw new PuenteError(409, 'errors.textsOff');
    const program = await programTexting(tx, actor.orgId);
    if (!program.sender) throw new PuenteError(409, 'errors.textNoSender');
    const person = await textPerson(tx, actor.orgId, clientId);
    if (!person) throw new PuenteError(404, 'errors.clientNotFound');
    const now = new Date();
    const may = await textability(tx, config, actor.orgId, person, now);
    if (!may.allowed) {
      throw new PuenteError(
        may.reason === 'textBadNumber' || may.reason === 'textNoPhone' ? 422 : 403,
        `errors.${may.reason}`,
      );
    }
    let body = request.text ?? '';
    const templateId = request.templateId ?? null;
    if (templateId) {
      const [template] = await tx.query<{ body: string; language: string }>(
        'select body, language from text_template where org_id = $1 and id = $2',
        [actor.orgId, templateId],
      );
      if (!template) throw new PuenteError(404, 'errors.textTemplateNotFound');
      if (template.language !== textLocale(person.language))
        throw new PuenteError(422, 'errors.textTemplateLanguage');
      body = renderTemplate(template.body, { name: person.firstName, program: program.programName });
    }
    const long = tooLong(body);
    if (long) throw new PuenteError(422, 'errors.textTooLong', long);
    const id = await queueText(
      tx,
      config,
      program,
      {
        id: request.id,
        orgId: actor.orgId,
        clientId,
        phone: may.phone,
        body,
        kind: 'chw',
        templateId,
        sentBy: actor.userId,
      },
      now,
    );
    const result = await messageById(tx, config, actor.orgId, clientId, id ?? request.id ?? '');
    return { result, detail: { message: result.id, template: templateId } };
  });
}

async function messageById(
  tx: Queryable,
  config: Config,
  orgId: string,
  clientId: string,
  id: string,
): Promise<TextMessage> {
  const [m] = await tx.query<StoredText>(
    sql`select m.id, m.direction, m.kind, m.body_sealed as "bodySealed", m.status, ${isoColumn('m.created_at')} as at,
               m.appointment_id as "appointmentId", u.display_name as "sentBy"
          from text_message m left join app_user u on u.id = m.sent_by
         where m.org_id = ${orgId} and m.client_id = ${clientId} and m.id = ${id}`,
  );
  // An id made on the phone that names another person's message is not this one.
  if (!m) throw new PuenteError(409, 'errors.idTaken');
  const { bodySealed, ...rest } = m;
  return { ...rest, body: openBody(config, m.id, bodySealed) };
}
