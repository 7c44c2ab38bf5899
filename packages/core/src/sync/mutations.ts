import { z } from 'zod';
import {
  NewClientRequest,
  NewConsentRequest,
  NewEncounterRequest,
  NewTaskRequest,
  RevokeConsentRequest,
  UpdateClientRequest,
  UpdateTaskRequest,
} from '../caseload/schemas.js';
import { HouseholdVisitRequest, JoinHouseholdRequest, StartHouseholdRequest } from '../households/schemas.js';
import { UuidV7 } from '../ids/uuidv7.js';
import { ContactAttemptRequest, NewReferralRequest, ReferralStatusRequest } from '../referrals/schemas.js';
import { NewAlertRequest } from '../screening/alerts.js';
import { ScreeningRequest } from '../screening/screenings.js';

const MutationId = UuidV7;

/**
 * A change made on the phone, queued in its outbox and pushed later. The
 * mutation id is made once on the phone: the server applies it at most once.
 * Records the mutation creates carry their own client-made ids, so later
 * mutations in the same batch can name them.
 */
export const SyncMutation = z.discriminatedUnion('kind', [
  z.strictObject({
    id: MutationId,
    kind: z.literal('alert.raise'),
    alert: NewAlertRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('client.register'),
    client: NewClientRequest.extend({ id: z.uuid() }),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('client.update'),
    clientId: z.uuid(),
    /** What the phone showed before the edit, for each field changed: the merge's common ancestor. */
    base: z.record(z.string(), z.unknown()),
    change: UpdateClientRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('consent.record'),
    clientId: z.uuid(),
    consent: NewConsentRequest.and(z.object({ id: z.uuid() })),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('consent.revoke'),
    clientId: z.uuid(),
    consentId: z.uuid(),
    /** The person withdrew it when the phone recorded it (the mutation id's time), not when it arrives. */
    revoke: RevokeConsentRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('encounter.record'),
    clientId: z.uuid(),
    encounter: NewEncounterRequest.extend({ id: z.uuid() }),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('task.add'),
    clientId: z.uuid(),
    task: NewTaskRequest.extend({ id: z.uuid() }),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('task.change'),
    taskId: z.uuid(),
    change: UpdateTaskRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('screening.record'),
    clientId: z.uuid(),
    /** The answers only: the server scores them again, and raises the alert a high-risk result calls for. */
    screening: ScreeningRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('referral.make'),
    clientId: z.uuid(),
    /** Consent to share is checked when it arrives: without it the referral is refused, never sent. */
    referral: NewReferralRequest.extend({ id: z.uuid() }),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('referral.move'),
    clientId: z.uuid(),
    referralId: z.uuid(),
    /** Checked against where the referral stands when it arrives: a partner may have moved it meanwhile. */
    move: ReferralStatusRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('referral.attempt'),
    clientId: z.uuid(),
    referralId: z.uuid(),
    attempt: ContactAttemptRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('household.start'),
    clientId: z.uuid(),
    household: StartHouseholdRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('household.join'),
    clientId: z.uuid(),
    householdId: z.uuid(),
    join: JoinHouseholdRequest,
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('household.leave'),
    clientId: z.uuid(),
    householdId: z.uuid(),
  }),
  z.strictObject({
    id: MutationId,
    kind: z.literal('household.visit'),
    householdId: z.uuid(),
    /** One encounter per member present, all written in the mutation's one transaction or none. */
    visit: HouseholdVisitRequest,
  }),
]);
export type SyncMutation = z.infer<typeof SyncMutation>;
export type SyncMutationInput = z.input<typeof SyncMutation>;
export type MutationKind = SyncMutation['kind'];
/** A visit as a form fills it in, before defaults (activities, sensitivity) are added. */
export type NewEncounterInput = z.input<typeof NewEncounterRequest>;

/**
 * The push body. Each mutation is checked on its own, so one malformed
 * mutation is refused alone and never drops the others.
 */
export const PushRequest = z
  .strictObject({
    device: z.uuid(),
    mutations: z.array(z.looseObject({ id: z.string().max(64), kind: z.string().max(40) })).max(500),
  })
  .meta({ id: 'SyncPushRequest' });

/**
 * Crisis alerts go first in a batch: a supervisor hears about a crisis before
 * anything else is applied. A person registered offline comes just before the
 * alert about them, which would otherwise name someone the server does not know.
 * Mutations arrive unchecked, so the ids are read loosely.
 * @example pushOrder([register(a), visit(a), alert(a)]) // [register(a), alert(a), visit(a)]
 */
export function pushOrder<M extends { kind: string }>(mutations: readonly M[]): M[] {
  const isAlert = (m: M) => m.kind === 'alert.raise';
  const alerted = new Set(
    mutations.filter(isAlert).map((m) => (m as { alert?: { clientId?: unknown } }).alert?.clientId),
  );
  const alertedNew = (m: M) =>
    m.kind === 'client.register' && alerted.has((m as { client?: { id?: unknown } }).client?.id);
  return [
    ...mutations.filter(alertedNew),
    ...mutations.filter(isAlert),
    ...mutations.filter((m) => !isAlert(m) && !alertedNew(m)),
  ];
}
