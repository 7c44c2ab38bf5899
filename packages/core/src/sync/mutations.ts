import { z } from 'zod';
import {
  NewClientRequest,
  NewEncounterRequest,
  NewTaskRequest,
  UpdateClientRequest,
  UpdateTaskRequest,
} from '../caseload/schemas.js';
import { NewAlertRequest } from '../screening/alerts.js';

const MutationId = z.uuid({ version: 'v7' });

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

/** Crisis alerts go first in a batch: a supervisor hears about a crisis before anything else is applied. */
export function pushOrder<M extends { kind: string }>(mutations: readonly M[]): M[] {
  return [
    ...mutations.filter((m) => m.kind === 'alert.raise'),
    ...mutations.filter((m) => m.kind !== 'alert.raise'),
  ];
}
