import {
  isLocale,
  type Locale,
  type PublicTopic,
  PuenteError,
  type ShareTopicRequest,
  type TopicShare,
  t,
  textablePhone,
} from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { requireVisibleClient } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { recordEncounter } from '../encounters/service.js';
import {
  linkLifeColumns,
  type OpenedLink,
  openLink,
  shareWindow,
  storeLink,
} from '../sharing/private-links.js';
import { findTopic, library, topicVersion } from './library.js';
import { publicCrisisLines } from './public.js';

/** The language a person reads: Spanish for any Spanish tag (es-MX), else English. */
export function readingLanguage(tag: string): Locale {
  const base = tag.toLowerCase().split('-')[0];
  return isLocale(base) ? base : 'en';
}

async function personFor(tx: Queryable, actor: Actor, clientId: string) {
  await requireVisibleClient(tx, actor, clientId);
  const [person] = await tx.query<{
    language: string;
    phone: string | null;
    okToText: boolean;
    safeToContact: boolean;
  }>(
    `select preferred_language as language, phone, ok_to_text as "okToText", safe_to_contact as "safeToContact"
       from client where org_id = $1 and id = $2`,
    [actor.orgId, clientId],
  );
  if (!person) throw new PuenteError(404, 'errors.clientNotFound');
  return person;
}

/**
 * Shares a topic with a person: a private link in the person's language, the
 * WhatsApp and SMS messages that carry it, and a psychoeducation encounter on
 * their record. The token is shown once; only its hash is kept.
 */
export async function shareTopic(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: ShareTopicRequest,
  publicUrl: string,
): Promise<TopicShare> {
  // The contact recorded and the link are kept together or not at all: both in the caller's transaction.
  const { actor } = caller;
  const timeZone = await shareWindow(tx, actor.orgId, request.expiresOn);
  const person = await personFor(tx, actor, clientId);
  const language = readingLanguage(person.language);
  const chosen = await findTopic(tx, actor.orgId, request.topicId);
  // The person's language wins when the topic has it.
  const topic =
    chosen.language === language || !chosen.otherLanguage
      ? chosen
      : await findTopic(tx, actor.orgId, chosen.otherLanguage);
  const { encounter } = await recordEncounter(tx, caller, clientId, {
    kind: request.channel === 'whatsapp' || request.channel === 'sms' ? 'text' : 'home-visit',
    occurredAt: new Date().toISOString(),
    language: topic.language,
    activities: ['psychoeducation'],
    note: t(actor.locale, 'education.shareNote', { title: topic.title }),
    noteSensitive: false,
  });
  const token = await withClient(tx, caller, clientId, 'education.topic-shared', async () => {
    const token = await storeLink(
      tx,
      'education_share',
      { orgId: actor.orgId, clientId, createdBy: actor.userId, expiresOn: request.expiresOn, timeZone },
      {
        topic_id: topic.id,
        topic_version: topic.version,
        language: topic.language,
        channel: request.channel,
        encounter_id: encounter.id,
      },
    );
    return {
      result: token,
      detail: {
        topic: topic.id,
        version: topic.version,
        channel: request.channel,
        encounter: encounter.id,
      },
    };
  });
  const url = `${publicUrl}/learn/${token}`;
  const message = t(topic.language, 'education.shareMessage', {
    title: topic.title,
    url,
    date: request.expiresOn,
  });
  const number = textablePhone(person);
  return {
    url,
    expiresOn: request.expiresOn,
    language: topic.language,
    message,
    whatsappUrl: `https://wa.me/${number.replace('+', '')}?text=${encodeURIComponent(message)}`,
    smsUrl: `sms:${number}?body=${encodeURIComponent(message)}`,
    encounterId: encounter.id,
  };
}

/** The topic behind a link, with the program's crisis lines; nothing that names anyone. */
export async function openSharedTopic(tx: Queryable, token: string, ip: string): Promise<PublicTopic> {
  const share = await openLink<OpenedLink & { topicId: string; version: number; language: Locale }>(
    tx,
    'topic',
    (hash) => sql`select e.org_id as "orgId", e.client_id as "clientId", e.topic_id as "topicId",
            e.topic_version as version, e.language, ${linkLifeColumns('e')}
       from education_share e where e.token_hash = ${hash}`,
    token,
    ip,
    'education.link-opened',
  );
  // A topic deleted from a later release still opens as the newest text the organization has.
  const text =
    (await topicVersion(tx, share.orgId, share.topicId, share.version)) ??
    (await library(tx, share.orgId)).find((x) => x.id === share.topicId);
  if (!text) throw new PuenteError(404, 'errors.linkNotFound');
  return {
    title: text.title,
    language: share.language,
    body: text.body,
    crisisLines: await publicCrisisLines(tx, share.orgId, share.language),
  };
}
