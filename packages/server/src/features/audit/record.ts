import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '@puente/core';
import { type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';

export const GENESIS = 'genesis';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Ids and codes only: never names, notes or answers. */
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  orgId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Marks a hash keyed with the organization's chain key; plain SHA-256 hashes come from before keying. */
export const KEYED = 'hmac:';

/**
 * The hash of one event: its content and the previous event's hash, keyed
 * (HMAC-SHA-256) with the organization's chain key so that nobody without the
 * key, kept outside the database, can recompute a chain. Without a key: the
 * plain SHA-256 of chains written before keying, for checking them only.
 */
export function auditHash(row: Omit<AuditRow, 'hash'>, chainKey?: Buffer): string {
  const { prevHash, ...content } = row;
  const hash = chainKey ? createHmac('sha256', chainKey) : createHash('sha256');
  const hex = hash.update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
  return chainKey ? `${KEYED}${hex}` : hex;
}

export interface AuditWho {
  orgId: string;
  actorId?: string | null;
  actorRole?: string | null;
  ip?: string | null;
}

/** Who the audit names: a service's caller, or an actor and their address. */
export function who(caller: Caller): AuditWho;
export function who(actor: Actor, ip: string): AuditWho;
export function who(by: Actor | Caller, ip?: string): AuditWho {
  const actor = 'actor' in by ? by.actor : by;
  const address = 'actor' in by ? by.ip : ip;
  return { orgId: actor.orgId, actorId: actor.userId, actorRole: actor.role, ip: address ?? null };
}

/**
 * Appends one event, in the same transaction as the change it records. It
 * takes no lock: the linker puts it in the organization's hash chain once it
 * has committed (see link.ts), so audited requests never wait for each other.
 */
export async function recordAudit(tx: Queryable, by: AuditWho, entry: AuditEntry): Promise<void> {
  await tx.query(auditInsert(by, entry));
}

/**
 * `recordAudit` as a statement to put in a change's own statement (a data-modifying CTE), so
 * the change and its event are written in one round trip; with `from` (e.g. sql`from made`),
 * one event for each row of it, so nothing is audited when the change wrote nothing.
 * @example sql`with made as (insert … returning id), audited as (${auditInsert(by, entry, sql`from made`)}) select …`
 */
export function auditInsert(by: AuditWho, entry: AuditEntry, from: Sql = sql``): Sql {
  return sql`insert into audit_event (org_id, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail)
     select ${by.orgId}::uuid, ${new Date().toISOString()}::timestamptz, ${by.actorId ?? null}::uuid,
            ${by.actorRole ?? null}::text, ${entry.action}::text, ${entry.subjectType ?? null}::text,
            ${entry.subjectId ?? null}::text, ${by.ip ?? null}::text, ${JSON.stringify(entry.detail ?? {})}::jsonb ${from}`;
}

/** `recordAudit` for many events by one actor in one statement: a batch of reminders queued together. */
export async function recordAudits(
  tx: Queryable,
  by: AuditWho,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `insert into audit_event (org_id, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail)
     select $1, $2, $3, $4, x.action, x.subject_type, x.subject_id, $5, x.detail::jsonb
       from unnest($6::text[], $7::text[], $8::text[], $9::text[]) with ordinality as x(action, subject_type, subject_id, detail, n)
      order by x.n`,
    [
      by.orgId,
      new Date().toISOString(),
      by.actorId ?? null,
      by.actorRole ?? null,
      by.ip ?? null,
      entries.map((e) => e.action),
      entries.map((e) => e.subjectType ?? null),
      entries.map((e) => e.subjectId ?? null),
      entries.map((e) => JSON.stringify(e.detail ?? {})),
    ],
  );
}
