import { type PrivateLink, type PrivateLinkKind, PuenteError } from '@puente/core';
import { bind, identifier, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { shippedTopics } from '../education/content.js';
import { linkLifeColumns, linkState } from './private-links.js';

// Every private link given to a person, as staff see them: named by their own
// id, never by the token or its hash; revoked by hand or by a withdrawal.

const tables: Record<PrivateLinkKind, string> = {
  'safety-plan': 'safety_plan_share',
  topic: 'education_share',
  services: 'resource_link',
};

/** The columns all three kinds share, from link alias `l` with its maker `cb` and revoker `rb`. */
const common = sql`l.id, l.language, ${isoColumn('l.created_at')} as "createdAt", cb.display_name as "createdBy",
  ${linkLifeColumns('l')}, rb.display_name as "revokedBy", l.created_at as made_at`;
const people = (table: string) =>
  sql`${identifier(table)} l join app_user cb on cb.id = l.created_by left join app_user rb on rb.id = l.revoked_by`;

/** The person's links, or one of them (`one`), newest first. */
const linksSql = (
  org: unknown,
  client: unknown,
  kind: unknown,
  id: unknown,
) => sql`select id, kind, "topicId", "topicTitle", "planVersion", "serviceCount", language, channel,
       "createdAt", "createdBy", "expiresAt", "revokedAt", "revokedBy"
  from (
    select 'safety-plan' as kind, null::text as "topicId", null::text as "topicTitle", p.version as "planVersion",
           null::int as "serviceCount", null::text as channel, ${common}
      from ${people('safety_plan_share')} join safety_plan p on p.id = l.plan_id
     where l.org_id = ${org} and l.client_id = ${client}
    union all
    select 'topic', l.topic_id, v.title, null, null, l.channel, ${common}
      from ${people('education_share')}
      left join education_topic_version v
        on v.org_id = l.org_id and v.topic_id = l.topic_id and v.version = l.topic_version
     where l.org_id = ${org} and l.client_id = ${client}
    union all
    select 'services', null, null, null, jsonb_array_length(l.resources), null, ${common}
      from ${people('resource_link')}
     where l.org_id = ${org} and l.client_id = ${client}
  ) links
 where (${kind}::text is null or kind = ${kind}) and (${id}::uuid is null or id = ${id})
 order by made_at desc, id`;

type LinkRow = Omit<PrivateLink, 'state' | 'topicTitle'> & {
  topicId: string | null;
  topicTitle: string | null;
};

async function readLinks(
  tx: Queryable,
  orgId: string,
  clientId: string,
  one?: { kind: PrivateLinkKind; id: string },
): Promise<PrivateLink[]> {
  const rows = await tx.query<LinkRow>(
    linksSql(bind(orgId), bind(clientId), bind(one?.kind ?? null), bind(one?.id ?? null)),
  );
  // A topic shared as shipped (version 0) has its title in the files, not in the database.
  const shipped = rows.some((r) => r.kind === 'topic' && r.topicTitle === null) ? await shippedTopics() : [];
  const now = new Date();
  return rows.map(({ topicId, topicTitle, ...row }) => ({
    ...row,
    topicTitle:
      row.kind === 'topic' ? (topicTitle ?? shipped.find((t) => t.id === topicId)?.title ?? topicId) : null,
    state: linkState(row.kind, row, now),
  }));
}

/** Every private link given to the person, newest first, with whether each still opens. */
export function listLinks(tx: Queryable, caller: Caller, clientId: string): Promise<PrivateLink[]> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'private-link.listed', async () => ({
    result: await readLinks(tx, actor.orgId, clientId),
  }));
}

/**
 * Revokes one link: from now on it opens no more than an expired one. A link
 * already revoked, or already expired, is refused with 409: nothing changes,
 * and the CHW is told why.
 */
export function revokeLink(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  kind: PrivateLinkKind,
  linkId: string,
): Promise<PrivateLink> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'private-link.revoked', async () => {
    const [found] = await readLinks(tx, actor.orgId, clientId, { kind, id: linkId });
    if (!found) throw new PuenteError(404, 'errors.privateLinkNotFound');
    if (found.state === 'revoked') throw new PuenteError(409, 'errors.linkAlreadyRevoked');
    if (found.state === 'expired') throw new PuenteError(409, 'errors.linkAlreadyExpired');
    // Only a link still standing is changed, so of two revocations at once only one succeeds.
    const changed = await tx.query(
      `update ${tables[kind]} set revoked_at = now(), revoked_by = $4
        where org_id = $1 and client_id = $2 and id = $3 and revoked_at is null returning 1`,
      [actor.orgId, clientId, linkId, actor.userId],
    );
    if (changed.length === 0) throw new PuenteError(409, 'errors.linkAlreadyRevoked');
    const [revoked] = await readLinks(tx, actor.orgId, clientId, { kind, id: linkId });
    if (!revoked) throw new PuenteError(404, 'errors.privateLinkNotFound');
    return { result: revoked, detail: { kind, link: linkId } };
  });
}
