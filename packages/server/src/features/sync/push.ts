import {
  inputProblem,
  type MutationResult,
  PuenteError,
  pushOrder,
  SyncMutation,
  uuidv7Time,
} from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Scope } from '../../http/env.js';
import { toProblem } from '../../http/problem.js';
import type { Logger } from '../../log.js';
import { authorize, type Permission } from '../../policy/permissions.js';
import { alertClock, raiseByJudgement } from '../alerts/service.js';
import { refuseDuplicates } from '../clients/duplicates.js';
import { checkRegistration, registerClient } from '../clients/service.js';
import { recordConsent, revokeConsent } from '../consents/service.js';
import { recordEncounter } from '../encounters/service.js';
import { joinHousehold, leaveHousehold, startHousehold, visitHousehold } from '../households/service.js';
import { changeReferral, logContactAttempt } from '../referrals/moves.js';
import { makeReferral } from '../referrals/service.js';
import { recordScreening } from '../screenings/service.js';
import { addTask, changeTask } from '../tasks/service.js';
import { mergeClientEdit } from './conflicts.js';
import { refuseDisabled } from './device-key.js';

/** The request's scope, and the device and settings a push needs. */
export interface PushContext extends Scope {
  device: string;
  config: Config;
  log: Logger;
}

const permissionOf: Record<SyncMutation['kind'], Permission> = {
  'alert.raise': 'alerts.raise',
  'client.register': 'clients.register',
  'client.update': 'clients.work',
  'consent.record': 'clients.work',
  'consent.revoke': 'clients.work',
  'encounter.record': 'clients.work',
  'task.add': 'clients.work',
  'task.change': 'clients.work',
  'screening.record': 'screenings.work',
  'referral.make': 'referrals.work',
  'referral.move': 'referrals.work',
  'referral.attempt': 'referrals.work',
  'household.start': 'clients.work',
  'household.join': 'clients.work',
  'household.leave': 'clients.work',
  'household.visit': 'clients.work',
};

/** Applies one valid mutation, inside its one transaction, through the same services and checks as the HTTP API. */
async function apply(ctx: PushContext, tx: Queryable, m: SyncMutation): Promise<number> {
  authorize(ctx.actor, permissionOf[m.kind]);
  switch (m.kind) {
    case 'alert.raise':
      await raiseByJudgement(tx, ctx, m.alert, alertClock(ctx.config));
      return 0;
    // Checked and written in the mutation's one transaction: a refused registration keeps nothing.
    case 'client.register':
      refuseDuplicates(await checkRegistration(tx, ctx, m.client));
      await registerClient(tx, ctx, m.client);
      return 0;
    case 'client.update':
      return mergeClientEdit(tx, ctx, m, uuidv7Time(m.id));
    case 'consent.record':
      await recordConsent(tx, ctx, m.clientId, m.consent);
      return 0;
    // Revoked when the phone recorded it; already revoked (by a colleague meanwhile) is the same end.
    case 'consent.revoke':
      await revokeConsent(tx, ctx, m.clientId, m.consentId, m.revoke.note, {
        at: new Date(uuidv7Time(m.id)),
        alreadyRevokedIsDone: true,
      });
      return 0;
    case 'encounter.record':
      await recordEncounter(tx, ctx, m.clientId, m.encounter);
      return 0;
    case 'task.add':
      await addTask(tx, ctx, m.clientId, m.task);
      return 0;
    case 'task.change':
      await changeTask(tx, ctx, m.taskId, m.change);
      return 0;
    // Scored again here; a high-risk result joins the alert the crisis protocol queued (it went first).
    case 'screening.record':
      await recordScreening(tx, ctx, m.clientId, m.screening, ctx.config);
      return 0;
    case 'referral.make':
      await makeReferral(tx, ctx, m.clientId, m.referral);
      return 0;
    // Checked against where the referral stands now: a move a partner's answer overtook is refused, and remembered.
    case 'referral.move':
      await changeReferral(tx, ctx, m.referralId, m.move, m.clientId);
      return 0;
    case 'referral.attempt':
      await logContactAttempt(tx, ctx, m.referralId, m.attempt, m.clientId);
      return 0;
    case 'household.start':
      await startHousehold(tx, ctx, m.clientId, m.household);
      return 0;
    case 'household.join':
      await joinHousehold(tx, ctx, m.clientId, m.householdId, m.join);
      return 0;
    case 'household.leave':
      await leaveHousehold(tx, ctx, m.clientId, m.householdId);
      return 0;
    // Every member's encounter in this one transaction: all of the visit is kept, or none of it.
    case 'household.visit':
      await visitHousehold(tx, ctx, m.householdId, m.visit);
      return 0;
  }
}

/**
 * The mutation as about the record kept, when the person it names was merged
 * into another meanwhile: a visit or a consent recorded offline on a duplicate
 * then lands on the record kept, instead of being refused as about nobody.
 */
async function onRecordKept(db: Queryable, orgId: string, m: SyncMutation): Promise<SyncMutation> {
  const named = m.kind === 'alert.raise' ? m.alert.clientId : 'clientId' in m ? m.clientId : undefined;
  if (!named) return m;
  const [row] = await db.query<{ kept: string }>(
    `with recursive chain (id, depth) as (
       select $2::uuid, 0
       union all
       select c.merged_into, chain.depth + 1 from chain join client c on c.org_id = $1 and c.id = chain.id
        where c.merged_into is not null and chain.depth < 10)
     select id as kept from chain order by depth desc limit 1`,
    [orgId, named],
  );
  const kept = row?.kept ?? named;
  if (kept === named) return m;
  if (m.kind === 'alert.raise') return { ...m, alert: { ...m.alert, clientId: kept } };
  return { ...m, clientId: kept } as SyncMutation;
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505';

/**
 * A database "data exception" (SQLSTATE class 22: a value out of range, text
 * it cannot store) is the change's own fault, however often it is sent: a
 * refusal, remembered and shown to the CHW, not a failure retried for ever.
 */
function dataRefusal(error: unknown): PuenteError | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22')
    ? new PuenteError(400, 'errors.validation')
    : undefined;
}

async function earlier(db: Queryable, actor: Actor, id: string): Promise<MutationResult | undefined> {
  const [row] = await db.query<{
    status: 'applied' | 'rejected';
    problem: Record<string, unknown> | null;
    conflicts: number;
    userId: string;
  }>('select status, problem, conflicts, user_id as "userId" from sync_mutation where id = $1', [id]);
  if (!row) return undefined;
  // Another person's mutation id: refuse without saying anything about it.
  if (row.userId !== actor.userId) throw new PuenteError(409, 'errors.idTaken');
  return row.status === 'applied'
    ? { id, status: 'duplicate', conflicts: row.conflicts }
    : { id, status: 'rejected', ...(row.problem ? { problem: row.problem } : {}) };
}

/**
 * Parses a mutation, taking a moment the phone put in the future (its clock runs fast) as made now.
 * Refusing it would lose the change for good, a crisis screen with it: the phone checks such moments
 * against its own clock, so the CHW could not have done otherwise.
 */
function parseOnServerClock(raw: { id: string; kind: string }) {
  const parsed = SyncMutation.safeParse(raw);
  if (parsed.success) return parsed;
  const ahead = parsed.error.issues.filter((i) => i.message === 'fields.notInFuture');
  if (ahead.length === 0 || ahead.length < parsed.error.issues.length) return parsed;
  const now = new Date().toISOString();
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const { path } of ahead) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], copy);
    const last = path.at(-1);
    if (parent && typeof parent === 'object' && last !== undefined)
      (parent as Record<PropertyKey, unknown>)[last] = now;
  }
  return SyncMutation.safeParse(copy);
}

async function pushOne(ctx: PushContext, raw: { id: string; kind: string }): Promise<MutationResult> {
  const { db, actor } = ctx;
  // What the HTTP guard checks for other routes (NUL, depth), checked here per change.
  const unfit = inputProblem(raw);
  const parsed = unfit ? undefined : parseOnServerClock(raw);
  if (!parsed?.success) {
    const errors = parsed
      ? parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      : [{ path: '(mutation)', message: unfit === 'nul' ? 'fields.noNul' : 'fields.tooDeep' }];
    const problem = toProblem(new PuenteError(400, 'errors.validation', {}, { errors }), ctx.locale);
    return { id: raw.id, status: 'rejected', problem };
  }
  const m = parsed.data;
  try {
    const seen = await earlier(db, actor, m.id);
    if (seen) return seen;
    const conflicts = await db.transaction(async (tx) => {
      await tx.query(
        `insert into sync_mutation (id, org_id, user_id, device_id, kind, status) values ($1, $2, $3, $4, $5, 'applied')`,
        [m.id, actor.orgId, actor.userId, ctx.device, m.kind],
      );
      const count = await apply(ctx, tx, await onRecordKept(tx, actor.orgId, m));
      if (count > 0) await tx.query('update sync_mutation set conflicts = $2 where id = $1', [m.id, count]);
      return count;
    });
    return { id: m.id, status: 'applied', conflicts };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // The same mutation arrived twice at once (a retry racing the first try): the first one counts.
      const seen = await earlier(db, actor, m.id);
      if (seen) return seen;
    }
    const refusal = error instanceof PuenteError ? error : dataRefusal(error);
    if (refusal && refusal.status < 500) {
      const problem = toProblem(refusal, ctx.locale);
      // A refusal is final: remembered, so the replay of a refused mutation is refused the same way.
      await db.query(
        `insert into sync_mutation (id, org_id, user_id, device_id, kind, status, problem)
         values ($1, $2, $3, $4, $5, 'rejected', $6) on conflict (id) do nothing`,
        [m.id, actor.orgId, actor.userId, ctx.device, m.kind, JSON.stringify(problem)],
      );
      return { id: m.id, status: 'rejected', problem };
    }
    // Not the phone's fault (the database went away, a bug): not remembered, so the phone tries again.
    const code = (error as { code?: unknown }).code;
    ctx.log.error({ err: { name: (error as Error).name, code }, kind: m.kind }, 'sync mutation failed');
    return {
      id: m.id,
      status: 'failed',
      problem: toProblem(new PuenteError(500, 'errors.internal'), ctx.locale),
    };
  }
}

/**
 * Applies a batch of mutations one by one, each in its own transaction with
 * its own result: crisis alerts first, then the rest in the order the phone
 * made them (a registration before the visit that names the new person).
 */
export async function push(
  ctx: PushContext,
  mutations: { id: string; kind: string }[],
): Promise<MutationResult[]> {
  await refuseDisabled(ctx.db, ctx.device);
  const results = new Map<number, MutationResult>();
  const ordered = pushOrder(mutations.map((m, index) => ({ ...m, index })));
  for (const { index, ...m } of ordered) results.set(index, await pushOne(ctx, m));
  return mutations.map((m, i) => results.get(i) ?? { id: m.id, status: 'failed' });
}
