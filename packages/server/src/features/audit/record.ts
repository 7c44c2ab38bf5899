import { createHash } from 'node:crypto';
import { canonicalJson } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

export const GENESIS = 'genesis';
// Namespace for the per-organization advisory lock that orders the chain.
const AUDIT_LOCK_NAMESPACE = 7_263_002;

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

/** The hash of one event: its content and the previous event's hash. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const { prevHash, ...content } = row;
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface AuditWho {
  orgId: string;
  actorId?: string | null;
  actorRole?: string | null;
  ip?: string | null;
}

export function who(actor: Actor, ip: string): AuditWho {
  return { orgId: actor.orgId, actorId: actor.userId, actorRole: actor.role, ip };
}

/**
 * Appends one event to the organization's chain. Call it inside the same
 * transaction as the change it records, as its last statement: the
 * per-organization lock it takes is then held only until commit.
 */
export async function recordAudit(tx: Queryable, by: AuditWho, entry: AuditEntry): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_LOCK_NAMESPACE, by.orgId]);
  const [last] = await tx.query<{ seq: number; hash: string }>(
    'select seq::int as seq, hash from audit_event where org_id = $1 order by seq desc limit 1',
    [by.orgId],
  );
  const row: Omit<AuditRow, 'hash'> = {
    orgId: by.orgId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorId: by.actorId ?? null,
    actorRole: by.actorRole ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    ip: by.ip ?? null,
    detail: entry.detail ?? {},
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.query(
    `insert into audit_event (org_id, seq, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      row.orgId,
      row.seq,
      row.at,
      row.actorId,
      row.actorRole,
      row.action,
      row.subjectType,
      row.subjectId,
      row.ip,
      JSON.stringify(row.detail),
      row.prevHash,
      auditHash(row),
    ],
  );
}
