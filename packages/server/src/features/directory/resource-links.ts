import {
  type Locale,
  type PublicResourcePage,
  PuenteError,
  type ResourceLink,
  type ResourceLinkRequest,
  type SharedResource,
  t,
} from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { requireVisibleClient } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { publicCrisisLines } from '../education/public.js';
import { recordEncounter } from '../encounters/service.js';
import {
  linkLifeColumns,
  type OpenedLink,
  openLink,
  shareWindow,
  storeLink,
} from '../sharing/private-links.js';
import type { Card } from './entry.js';

/** What the page keeps of a search card: enough to go there or call, nothing the directory team uses. */
function snapshot(card: Card): SharedResource {
  return {
    name: card.name,
    organizationName: card.organizationName,
    description: card.description,
    address: card.address,
    phone: card.phone,
    hours: card.hours,
    hoursNote: card.hoursNote,
    howToApply: card.howToApply,
    url: card.url,
    languages: card.languages,
    cost: card.cost,
  };
}

/** The cards of the chosen results, in the order given; an id the directory no longer has is refused by name. */
async function sharedCards(db: Queryable, orgId: string, ids: string[]): Promise<SharedResource[]> {
  const rows = await db.query<{ id: string; card: Card }>(
    'select id, card from directory_card where org_id = $1 and id = any($2::text[])',
    [orgId, ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r.card]));
  return ids.map((id) => {
    const card = byId.get(id);
    if (!card) {
      throw new PuenteError(
        400,
        'errors.resourceNotInDirectory',
        { id },
        { errors: [{ path: `resourceIds.${ids.indexOf(id)}`, message: 'fields.invalid' }] },
      );
    }
    return snapshot(card);
  });
}

/**
 * Makes a private page of services for one person, in the language chosen:
 * a snapshot of the cards as they are now, so a later import changes nothing
 * on it. Recorded as a resource-connection contact. The token is shown once;
 * only its hash is stored.
 */
export async function shareResources(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: ResourceLinkRequest,
  publicUrl: string,
): Promise<ResourceLink> {
  // The contact recorded and the link are kept together or not at all: both in the caller's transaction.
  const { actor } = caller;
  const timeZone = await shareWindow(tx, actor.orgId, request.expiresOn);
  await requireVisibleClient(tx, actor, clientId);
  const ids = [...new Set(request.resourceIds)];
  const resources = await sharedCards(tx, actor.orgId, ids);
  const { encounter } = await recordEncounter(tx, caller, clientId, {
    kind: 'text',
    occurredAt: new Date().toISOString(),
    language: request.language,
    activities: ['resource-connection'],
    note: t(actor.locale, 'directory.pageNote', { names: resources.map((r) => r.name).join(', ') }),
    noteSensitive: false,
  });
  const token = await withClient(tx, caller, clientId, 'directory.page-shared', async () => {
    const token = await storeLink(
      tx,
      'resource_link',
      { orgId: actor.orgId, clientId, createdBy: actor.userId, expiresOn: request.expiresOn, timeZone },
      {
        language: request.language,
        resources: sql`${JSON.stringify(resources)}::jsonb`,
        encounter_id: encounter.id,
        expires_on: sql`${request.expiresOn}::date`,
      },
    );
    return {
      result: token,
      detail: {
        services: ids,
        language: request.language,
        expiresOn: request.expiresOn,
        encounter: encounter.id,
      },
    };
  });
  return {
    url: `${publicUrl}/resources/${token}`,
    expiresOn: request.expiresOn,
    language: request.language,
    encounterId: encounter.id,
  };
}

/** The page behind a link: the services as shared, and the program's crisis lines; nothing that names anyone. */
export async function openResourcePage(
  tx: Queryable,
  token: string,
  ip: string,
): Promise<PublicResourcePage> {
  const link = await openLink<
    OpenedLink & { language: Locale; expiresOn: string; resources: SharedResource[] }
  >(
    tx,
    'services',
    (
      hash,
    ) => sql`select r.org_id as "orgId", r.client_id as "clientId", r.language, r.expires_on::text as "expiresOn",
            ${linkLifeColumns('r')}, r.resources
       from resource_link r where r.token_hash = ${hash}`,
    token,
    ip,
    'directory.page-opened',
  );
  return {
    language: link.language,
    expiresOn: link.expiresOn,
    resources: link.resources,
    crisisLines: await publicCrisisLines(tx, link.orgId, link.language),
  };
}
