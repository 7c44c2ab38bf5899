import { z } from 'zod';
import type { Appointment, Client, Consent, Encounter, Goal, Task } from '../caseload/views.js';
import type { HouseholdMember } from '../households/schemas.js';
import type { Referral } from '../referrals/schemas.js';
import type { Screening } from '../screening/screenings.js';

// The wire contract of offline sync, shared by the phone and the server.
// Pull sends the current state of rows (not the edits that led there), so a
// row sent twice is harmless; push sends mutations with ids made on the phone,
// so a mutation sent twice is applied once.

/** The kinds of rows a phone holds; each belongs to one client, and leaves with it. */
export const syncEntities = [
  'client',
  'encounter',
  'consent',
  'goal',
  'step',
  'appointment',
  'task',
  'screening',
  'referral',
  'member',
] as const;
export type SyncEntity = (typeof syncEntities)[number];

/** A client's own fields, without the lists the person's page shows under them. */
export type ClientRecord = Omit<
  Client,
  'consents' | 'goals' | 'appointments' | 'openTasks' | 'encounters' | 'accessUntil'
> & { lastContactAt: string | null };
export type EncounterRecord = Encounter & { clientId: string };
export type ConsentRecord = Consent & { clientId: string };
export type GoalRecord = Omit<Goal, 'steps'> & { clientId: string };
export type StepRecord = Goal['steps'][number] & { clientId: string; goalId: string };
export type AppointmentRecord = Appointment & { clientId: string };
/** The risk flag is the client's: the phone reads it from the client record. */
export type TaskRecord = Omit<Task, 'clientName' | 'riskFlag'>;
/** A screen as the person's page lists it, scored by the server (answers stay on the server). */
export type ScreeningRecord = Screening;
export type ReferralRecord = Referral;
/** A person's place in a household: each member's row travels with that member, so a phone holds only members it may see. */
export type MemberRecord = HouseholdMember;

export interface SyncRecordOf {
  client: ClientRecord;
  encounter: EncounterRecord;
  consent: ConsentRecord;
  goal: GoalRecord;
  step: StepRecord;
  appointment: AppointmentRecord;
  task: TaskRecord;
  screening: ScreeningRecord;
  referral: ReferralRecord;
  member: MemberRecord;
}

/** One row as pull delivers it. */
export type SyncRow = {
  [E in SyncEntity]: { entity: E; id: string; clientId: string; data: SyncRecordOf[E] };
}[SyncEntity];

export const SyncRowSchema = z
  .object({
    entity: z.enum(syncEntities),
    id: z.uuid(),
    clientId: z.uuid(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SyncRow' });

export const PullQuery = z.strictObject({
  /** Made by the phone once (UUIDv7) and kept: the server remembers what each device holds. */
  device: z.uuid(),
  /** Exactly as the last pull returned it; absent on a first sync. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
});

export const PullResponse = z
  .object({
    /** Send back on the next pull; it also confirms this page was stored. */
    cursor: z.string(),
    /** More pages are waiting: pull again at once. */
    more: z.boolean(),
    /** The server did not know the cursor: drop everything synced before and keep this. */
    reset: z.boolean(),
    rows: z.array(SyncRowSchema),
    /** Clients that left the caller's scope (transferred, merged, access ended): remove them and their rows. */
    removed: z.array(z.uuid()),
    program: z.object({
      timeZone: z.string(),
      followUpDaysAfterVisit: z.number().int(),
      /** Failed attempts before a referral may close as unreachable: the phone checks it offline too. */
      attemptsBeforeUnreachable: z.number().int(),
    }),
    serverTime: z.string(),
  })
  .meta({ id: 'SyncPull' });
export type PullResponse = Omit<z.infer<typeof PullResponse>, 'rows'> & { rows: SyncRow[] };

/** Result of one mutation: applied now, applied before (a replay), or refused with a problem. */
export const MutationResult = z
  .object({
    id: z.string(),
    status: z.enum(['applied', 'duplicate', 'rejected', 'failed']),
    /** Problem details when refused (`rejected`: do not resend; `failed`: try again later). */
    problem: z.record(z.string(), z.unknown()).optional(),
    /** Fields whose value was decided by the merge, with the value that lost. */
    conflicts: z.number().int().optional(),
  })
  .meta({ id: 'SyncMutationResult' });
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) }).meta({ id: 'SyncPush' });
export type PushResponse = z.infer<typeof PushResponse>;

/** One of the two values of a conflict: who made it and when, as far as the server knows. */
export const ConflictSide = z
  .object({
    value: z.unknown(),
    /** The author's name; null when not known (a value from before the conflict log said who). */
    by: z.string().nullable(),
    byYou: z.boolean(),
    /** When it was made (for the phone's edit, by the phone's clock); null when not known. */
    at: z.string().nullable(),
  })
  .meta({ id: 'SyncConflictSide' });
export type ConflictSide = z.infer<typeof ConflictSide>;

export const SyncConflict = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    clientName: z.string(),
    field: z.string(),
    kept: z.unknown(),
    lost: z.unknown(),
    /** Whose edit lost; null when the value the server held lost. */
    lostBy: z.string().nullable(),
    at: z.string(),
    /** The edit that arrived from a phone. */
    incoming: ConflictSide,
    /** What the server held when it arrived. */
    server: ConflictSide,
    /** Which of the two the record kept: the later one. */
    keptSide: z.enum(['incoming', 'server']),
    /** What the record holds now: someone may have changed it since. */
    current: z.unknown(),
  })
  .meta({ id: 'SyncConflict' });
export type SyncConflict = z.infer<typeof SyncConflict>;

export const ResolveConflictRequest = z.strictObject({
  /**
   * `kept`: the record stays as it is; `lost`: put the losing value back, which
   * is refused (409) once the field has changed since, so no newer value is overwritten unseen.
   */
  choose: z.enum(['kept', 'lost']),
});
