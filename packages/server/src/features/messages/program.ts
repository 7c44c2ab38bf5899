import {
  MAX_SEGMENTS,
  type PublishedTextCounts,
  PuenteError,
  placeholderSamples,
  publishTextCounts,
  renderTemplate,
  type SaveTextSettingsRequest,
  type SaveTextTemplateRequest,
  segmentCount,
  smallCountThreshold,
  type TextMessageCounts,
  type TextSettings,
  type TextTemplate,
  templatePlaceholders,
  toE164,
  unknownPlaceholders,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';
import { programTexting } from './queries.js';
import { openBody } from './seal.js';

export async function textSettings(db: Queryable, config: Config, orgId: string): Promise<TextSettings> {
  const p = await programTexting(db, orgId);
  return {
    enabled: config.texts !== undefined,
    sender: p.sender,
    reminders: p.reminders,
    quietStart: p.quietStart,
    quietEnd: p.quietEnd,
    maxSegments: MAX_SEGMENTS,
  };
}

export async function saveTextSettings(
  tx: Queryable,
  config: Config,
  caller: Caller,
  r: z.infer<typeof SaveTextSettingsRequest>,
): Promise<TextSettings> {
  const { orgId } = caller.actor;
  const sender = r.sender ? toE164(r.sender) : null;
  if (r.sender && !sender) throw new PuenteError(422, 'errors.textBadNumber');
  const taken = await tx.query('select 1 from text_setting where sender = $1 and org_id <> $2', [
    sender,
    orgId,
  ]);
  if (taken.length > 0) throw new PuenteError(409, 'errors.idTaken');
  await tx.query(
    `insert into text_setting (org_id, sender, reminders, quiet_start, quiet_end, updated_at)
     values ($1, $2, $3, $4, $5, now())
     on conflict (org_id) do update set sender = excluded.sender, reminders = excluded.reminders,
       quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = now()`,
    [orgId, sender, JSON.stringify(r.reminders), r.quietStart, r.quietEnd],
  );
  await recordAudit(tx, who(caller), {
    action: 'text.settings-changed',
    detail: { reminders: r.reminders.length },
  });
  return textSettings(tx, config, orgId);
}

const templateColumns = sql`id, kind, name, language, body, ${isoColumn('updated_at')} as "updatedAt"`;
type StoredTemplate = Omit<TextTemplate, 'segments' | 'encoding'>;

/** A template with its length counted as it would be sent, its placeholders filled with long samples. */
function counted(t: StoredTemplate): TextTemplate {
  const c = segmentCount(renderTemplate(t.body, placeholderSamples));
  return { ...t, segments: c.segments, encoding: c.encoding };
}

export async function textTemplates(db: Queryable, orgId: string): Promise<TextTemplate[]> {
  const rows = await db.query<StoredTemplate>(
    sql`select ${templateColumns} from text_template where org_id = ${orgId} order by kind, language, name`,
  );
  return rows.map(counted);
}

/**
 * Saves a template (a new one, or `id`'s): refused when it names a
 * placeholder Puente cannot fill, or would run over the segment limit with
 * long sample values.
 */
export async function saveTextTemplate(
  tx: Queryable,
  caller: Caller,
  id: string | undefined,
  r: z.infer<typeof SaveTextTemplateRequest>,
): Promise<TextTemplate> {
  const { orgId, userId } = caller.actor;
  const unknown = unknownPlaceholders(r.body);
  if (unknown.length > 0) {
    throw new PuenteError(422, 'errors.textUnknownPlaceholder', {
      names: unknown.map((n) => `{${n}}`).join(', '),
      known: templatePlaceholders.map((n) => `{${n}}`).join(' '),
    });
  }
  const { segments } = segmentCount(renderTemplate(r.body, placeholderSamples));
  if (segments > MAX_SEGMENTS)
    throw new PuenteError(422, 'errors.textTooLong', { segments, max: MAX_SEGMENTS });
  const templateId = id ?? uuidv7();
  if (id) {
    const found = await tx.query('select 1 from text_template where org_id = $1 and id = $2 for update', [
      orgId,
      id,
    ]);
    if (found.length === 0) throw new PuenteError(404, 'errors.textTemplateNotFound');
  }
  const sameName = await tx.query<{ id: string }>(
    'select id from text_template where org_id = $1 and language = $2 and name = $3',
    [orgId, r.language, r.name],
  );
  if (sameName[0] && sameName[0].id !== templateId) throw new PuenteError(409, 'errors.idTaken');
  if (id) {
    await tx.query(
      `update text_template set kind = $3, name = $4, language = $5, body = $6, updated_by = $7, updated_at = now()
        where org_id = $1 and id = $2`,
      [orgId, id, r.kind, r.name, r.language, r.body, userId],
    );
  } else {
    await tx.query(
      `insert into text_template (id, org_id, kind, name, language, body, updated_by) values ($1, $2, $3, $4, $5, $6, $7)`,
      [templateId, orgId, r.kind, r.name, r.language, r.body, userId],
    );
  }
  await recordAudit(tx, who(caller), {
    action: id ? 'text.template-changed' : 'text.template-added',
    subjectType: 'text_template',
    subjectId: templateId,
  });
  const [row] = await tx.query<StoredTemplate>(
    sql`select ${templateColumns} from text_template where org_id = ${orgId} and id = ${templateId}`,
  );
  if (!row) throw new PuenteError(404, 'errors.textTemplateNotFound');
  return counted(row);
}

/** Texts from numbers nobody in the program has, newest first, for a supervisor; reading them is audited. */
export async function textInbox(tx: Queryable, config: Config, caller: Caller) {
  const { orgId } = caller.actor;
  const rows = await tx.query<{ id: string; from: string; bodySealed: string; at: string }>(
    sql`select id, phone as "from", body_sealed as "bodySealed", ${isoColumn('created_at')} as at
          from text_message where org_id = ${orgId} and client_id is null and direction = 'in'
           and handled_at is null
         order by created_at desc limit 100`,
  );
  await recordAudit(tx, who(caller), { action: 'text.inbox-viewed', detail: { messages: rows.length } });
  return rows.map(({ bodySealed, ...m }) => ({ ...m, body: openBody(config, m.id, bodySealed) }));
}

/**
 * How many texts, for reports: counts only, never a body, a number or a name,
 * and small counts hidden by the program's threshold as in every report.
 */
export async function textCounts(
  db: Queryable,
  orgId: string,
  since: Date,
  until: Date,
): Promise<PublishedTextCounts> {
  const settings = await programSettings(db, orgId);
  return publishTextCounts(
    await rawTextCounts(db, orgId, since, until),
    smallCountThreshold(settings.smallCountThreshold),
  );
}

async function rawTextCounts(
  db: Queryable,
  orgId: string,
  since: Date,
  until: Date,
): Promise<TextMessageCounts> {
  const [row] = await db.query<TextMessageCounts>(
    `select count(*) filter (where direction = 'out' and status in ('sent', 'delivered', 'undelivered'))::int as sent,
            count(*) filter (where direction = 'out' and status = 'delivered')::int as delivered,
            count(*) filter (where direction = 'out' and status in ('failed', 'undelivered'))::int as failed,
            count(*) filter (where direction = 'in')::int as replied,
            count(*) filter (where direction = 'out' and kind = 'reminder' and status in ('sent', 'delivered'))::int
              as "remindersSent",
            -- Every STOP, also of a number that later replied START (its opt-out row is gone then).
            (select count(*) from audit_event e where e.org_id = $1 and e.action = 'text.opted-out'
                and e.at >= $2 and e.at < $3)::int as "optedOut",
            -- Answers to reminders, of appointments and of follow-up visits alike.
            ((select count(*) from appointment a where a.org_id = $1 and a.text_reply = 'confirmed'
                and a.text_reply_at >= $2 and a.text_reply_at < $3)
             + (select count(*) from task t where t.org_id = $1 and t.text_reply = 'confirmed'
                and t.text_reply_at >= $2 and t.text_reply_at < $3))::int as confirmed,
            ((select count(*) from appointment a where a.org_id = $1 and a.text_reply = 'call-me'
                and a.text_reply_at >= $2 and a.text_reply_at < $3)
             + (select count(*) from task t where t.org_id = $1 and t.text_reply = 'call-me'
                and t.text_reply_at >= $2 and t.text_reply_at < $3))::int as "askedForCall"
       from text_message where org_id = $1 and created_at >= $2 and created_at < $3`,
    [orgId, since.toISOString(), until.toISOString()],
  );
  if (!row) throw new Error('no counts');
  return row;
}
