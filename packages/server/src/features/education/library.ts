import {
  type Locale,
  PuenteError,
  type SaveTopicRequest,
  type Topic,
  type TopicSummary,
  uuidv7,
} from '@puente/core';
import { bind, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { shippedTopics, topicReadability } from './content.js';

interface VersionRow {
  id: string;
  subject: string;
  language: Locale;
  version: number;
  title: string;
  body: string;
  reviewedBy: string | null;
  reviewedOn: string | null;
  savedAt: string;
  savedBy: string;
}

const versionColumns = sql`v.topic_id as id, v.subject, v.language, v.version, v.title, v.body,
  v.reviewed_by as "reviewedBy", to_char(v.reviewed_on, 'YYYY-MM-DD') as "reviewedOn",
  ${isoColumn('v.saved_at')} as "savedAt", u.display_name as "savedBy"`;

/** The newest version the organization saved of each topic. */
async function latestVersions(db: Queryable, orgId: string, topicId?: string): Promise<VersionRow[]> {
  const topic = bind(topicId ?? null);
  return db.query<VersionRow>(
    sql`select distinct on (v.topic_id) ${versionColumns}
          from education_topic_version v join app_user u on u.id = v.saved_by
         where v.org_id = ${orgId} and (${topic}::text is null or v.topic_id = ${topic})
         order by v.topic_id, v.version desc`,
  );
}

/**
 * The organization's library: each shipped topic as shipped (version 0)
 * unless the organization saved a newer version, plus its own topics.
 */
export async function library(db: Queryable, orgId: string): Promise<Topic[]> {
  const byId = new Map<string, Topic>();
  for (const t of await shippedTopics()) {
    byId.set(t.id, {
      id: t.id,
      title: t.title,
      topic: t.topic,
      language: t.language,
      otherLanguage: null,
      version: 0,
      readability: topicReadability(t.body, t.language),
      body: t.body,
      reviewedBy: t.reviewedBy,
      reviewedOn: t.reviewedOn,
      savedAt: null,
      savedBy: null,
    });
  }
  for (const v of await latestVersions(db, orgId)) {
    byId.set(v.id, {
      id: v.id,
      title: v.title,
      topic: v.subject,
      language: v.language,
      otherLanguage: null,
      version: v.version,
      readability: topicReadability(v.body, v.language),
      body: v.body,
      reviewedBy: v.reviewedBy,
      reviewedOn: v.reviewedOn,
      savedAt: v.savedAt,
      savedBy: v.savedBy,
    });
  }
  // Two languages of a subject are linked by name: `grief-en` ↔ `grief-es`.
  const topics = [...byId.values()].map((t) => {
    const other = `${t.topic}-${t.language === 'en' ? 'es' : 'en'}`;
    return { ...t, otherLanguage: byId.has(other) ? other : null };
  });
  return topics.sort((a, b) => a.title.localeCompare(b.title, a.language));
}

export const summaryOf = ({ body, reviewedBy, reviewedOn, savedAt, savedBy, ...s }: Topic): TopicSummary => s;

export async function findTopic(db: Queryable, orgId: string, topicId: string): Promise<Topic> {
  const topic = (await library(db, orgId)).find((t) => t.id === topicId);
  if (!topic) throw new PuenteError(404, 'errors.topicNotFound');
  return topic;
}

/** The body of one saved version, or of the shipped text (version 0), for a shared link. */
export async function topicVersion(
  db: Queryable,
  orgId: string,
  topicId: string,
  version: number,
): Promise<{ title: string; body: string } | undefined> {
  if (version === 0) return (await shippedTopics()).find((t) => t.id === topicId);
  const [row] = await db.query<{ title: string; body: string }>(
    'select title, body from education_topic_version where org_id = $1 and topic_id = $2 and version = $3',
    [orgId, topicId, version],
  );
  return row;
}

/** Every saved version of a topic, newest first, without the text. */
export async function topicHistory(db: Queryable, orgId: string, topicId: string) {
  return db.query<{ version: number; title: string; savedAt: string; savedBy: string }>(
    sql`select v.version, v.title, ${isoColumn('v.saved_at')} as "savedAt", u.display_name as "savedBy"
          from education_topic_version v join app_user u on u.id = v.saved_by
         where v.org_id = ${orgId} and v.topic_id = ${topicId} order by v.version desc`,
  );
}

/**
 * Saves a new version of a topic (or its first). Versions are never changed;
 * a save from an older version than the newest is refused, so an edit made
 * meanwhile is not silently lost.
 */
export async function saveTopic(
  tx: Queryable,
  caller: Caller,
  topicId: string,
  request: SaveTopicRequest,
): Promise<Topic> {
  const { actor } = caller;
  if (topicId !== `${request.topic}-${request.language}`) {
    throw new PuenteError(400, 'errors.topicIdMismatch', { id: `${request.topic}-${request.language}` });
  }
  // One save at a time per organization: the version number is read, then written.
  await tx.query('select pg_advisory_xact_lock(7263007, hashtext($1))', [actor.orgId]);
  const [latest] = await tx.query<{ version: number }>(
    'select coalesce(max(version), 0)::int as version from education_topic_version where org_id = $1 and topic_id = $2',
    [actor.orgId, topicId],
  );
  const current = latest?.version ?? 0;
  if (request.baseVersion !== undefined && request.baseVersion !== current) {
    throw new PuenteError(409, 'errors.topicChanged');
  }
  await tx.query(
    `insert into education_topic_version (id, org_id, topic_id, subject, language, version, title, body,
        reviewed_by, reviewed_on, saved_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      uuidv7(),
      actor.orgId,
      topicId,
      request.topic,
      request.language,
      current + 1,
      request.title,
      request.body,
      request.reviewedBy || null,
      request.reviewedOn ?? null,
      actor.userId,
    ],
  );
  await recordAudit(tx, who(caller), {
    action: 'education.topic-saved',
    subjectType: 'education-topic',
    subjectId: topicId,
    detail: { version: current + 1 },
  });
  return findTopic(tx, actor.orgId, topicId);
}
