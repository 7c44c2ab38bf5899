import { z } from 'zod';
import { shareableKinds } from '../policy/kinds.js';
import { SmallCounts } from '../reports/schemas.js';
import * as v from './vocab.js';

// What the server sends back. The server's presenters are the only place that
// builds these shapes; the web reads them.

const Id = z.uuid();
const When = z.string();

export const ClientSummary = z
  .object({
    id: Id,
    displayName: z.string(),
    preferredLanguage: z.string(),
    neighborhood: z.string().nullable(),
    assignedChwId: Id.nullable(),
    assignedChwName: z.string().nullable(),
    lastContactAt: When.nullable(),
    nextDueOn: z.string().nullable(),
    safeToContact: z.boolean(),
    /** A high-risk C-SSRS no supervisor has cleared yet. */
    riskFlag: z.boolean(),
  })
  .meta({ id: 'ClientSummary' });
export type ClientSummary = z.infer<typeof ClientSummary>;

export const Consent = z
  .object({
    id: Id,
    kind: z.enum(v.consentKinds),
    method: z.enum(v.consentSources),
    givenOn: z.string(),
    partnerName: z.string().nullable(),
    partnerCategory: z.string().nullable(),
    /** For a consent to share: the data kinds it covers (always identity and the referral). */
    dataKinds: z.array(z.enum(shareableKinds)).nullable(),
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: When,
    revokedAt: When.nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;

export const Encounter = z
  .object({
    id: Id,
    kind: z.enum(v.encounterKinds),
    occurredAt: When,
    durationMinutes: z.number().nullable(),
    language: z.string(),
    activities: z.array(z.string()),
    /** Null in lists when the note is sensitive; open the encounter to read it. */
    note: z.string().nullable(),
    noteSensitive: z.boolean(),
    authorName: z.string(),
  })
  .meta({ id: 'Encounter' });
export type Encounter = z.infer<typeof Encounter>;

export const Step = z
  .object({
    id: Id,
    text: z.string(),
    owner: z.enum(v.stepOwners),
    dueOn: z.string().nullable(),
    status: z.enum(v.stepStatuses),
  })
  .meta({ id: 'Step' });

export const Goal = z
  .object({
    id: Id,
    text: z.string(),
    needArea: z.string(),
    status: z.enum(v.goalStatuses),
    createdAt: When,
    steps: z.array(Step),
  })
  .meta({ id: 'Goal' });
export type Goal = z.infer<typeof Goal>;

export const Appointment = z
  .object({
    id: Id,
    place: z.string(),
    purpose: z.string().nullable(),
    at: When,
    status: z.enum(v.appointmentStatuses),
    barriers: z.array(z.string()),
    note: z.string().nullable(),
    /** The person's answer to a text reminder: confirmed, or asked the CHW to call. */
    textReply: z.enum(['confirmed', 'call-me']).nullable().optional(),
    /** The referral that led to it, if one did. */
    referralId: Id.nullable().optional(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

export const Task = z
  .object({
    id: Id,
    clientId: Id,
    clientName: z.string(),
    title: z.string(),
    dueOn: z.string(),
    status: z.enum(v.taskStatuses),
    source: z.string(),
    /** Set on tasks a rule made: `title` is then the catalog's words for it (see `taskTitle`). */
    code: z.string().nullable(),
    /** The hour a follow-up after a risk screen must happen by, when it has one. */
    dueAt: When.nullable(),
    /** A follow-up visit's hour agreed with the person, who gets text reminders of it. */
    visitAt: When.nullable().optional(),
    /** The person's answer to the visit's text reminder: confirmed, or asked the CHW to call. */
    textReply: z.enum(['confirmed', 'call-me']).nullable().optional(),
    outcome: z.enum(v.taskOutcomes).nullable(),
    assigneeId: Id,
    /** The task's person carries a risk flag. */
    riskFlag: z.boolean(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

/** A high-risk C-SSRS on a person, shown until a supervisor clears it with a reason. */
export const RiskFlag = z
  .object({ level: z.literal('high'), raisedAt: When, screeningId: Id.nullable() })
  .meta({ id: 'RiskFlag' });
export type RiskFlag = z.infer<typeof RiskFlag>;

export const Client = z
  .object({
    id: Id,
    givenName: z.string(),
    familyName: z.string().nullable(),
    preferredName: z.string().nullable(),
    displayName: z.string(),
    preferredLanguage: z.string(),
    birthDate: z.string().nullable(),
    ageRange: z.string().nullable(),
    gender: z.string().nullable(),
    phone: z.string().nullable(),
    okToText: z.boolean(),
    okToLeaveMessage: z.boolean(),
    safeToContact: z.boolean(),
    neighborhood: z.string().nullable(),
    address: z.string().nullable(),
    household: z.array(
      z.object({
        name: z.string().optional(),
        relationship: z.string().optional(),
        age: z.number().optional(),
      }),
    ),
    insuranceStatus: z.string().nullable(),
    notes: z.string().nullable(),
    assignedChwId: Id.nullable(),
    assignedChwName: z.string().nullable(),
    backupChwId: Id.nullable(),
    createdAt: When,
    updatedAt: When,
    /** Present when the caller opened the record by breaking the glass. */
    accessUntil: When.nullable(),
    riskFlag: RiskFlag.nullable(),
    consents: z.array(Consent),
    goals: z.array(Goal),
    appointments: z.array(Appointment),
    openTasks: z.array(Task),
    encounters: z.array(Encounter),
  })
  .meta({ id: 'Client' });
export type Client = z.infer<typeof Client>;

export const PossibleDuplicate = z.object({
  /** Only for people in the caller's caseload; others are counted, not named. */
  id: Id.optional(),
  displayName: z.string().optional(),
  match: z.enum(['phone', 'birthDate']),
});

export const Today = z
  .object({
    date: z.string(),
    overdue: z.array(Task),
    dueToday: z.array(Task),
    upcoming: z.array(Task),
    appointments: z.array(Appointment.extend({ clientId: Id, clientName: z.string() })),
  })
  .meta({ id: 'Today' });
export type Today = z.infer<typeof Today>;
/**
 * Rows the Today screen shows per list before "show more": a CHW with hundreds of
 * late follow-ups sees where to start, not a wall, and the screen answers at once.
 */
export const TODAY_PAGE = 20;

export const TeamMemberOverview = z.object({
  chwId: Id,
  chwName: z.string(),
  clients: z.number().int(),
  overdueTasks: z.number().int(),
  noRecentContact: z.array(z.object({ id: Id, displayName: z.string(), lastContactAt: When.nullable() })),
});

export const TeamOverview = z
  .object({
    noContactDays: z.number().int(),
    members: z.array(TeamMemberOverview),
    overdue: z.array(Task.extend({ assigneeName: z.string() })),
    breakGlass: z.array(
      z.object({
        at: When,
        userName: z.string(),
        clientId: Id,
        clientName: z.string(),
        reason: z.string(),
        until: When,
      }),
    ),
  })
  .meta({ id: 'TeamOverview' });
export type TeamOverview = z.infer<typeof TeamOverview>;

/**
 * Counts, never names. For a manager, a count under the program's threshold (and any that would
 * give it back by subtraction) is null and listed in `smallCounts`, as in every report: a CHW's
 * 2 people or 1 overdue task points at those people. Supervisors and admins get every count.
 */
const Counted = z.number().int().nullable();
export const CaseloadCounts = z
  .object({
    clients: Counted,
    unassigned: Counted,
    encountersLast30Days: Counted,
    overdueTasks: Counted,
    byChw: z.array(z.object({ chwId: Id, clients: Counted, overdueTasks: Counted })),
    smallCounts: SmallCounts.optional(),
  })
  .meta({ id: 'CaseloadCounts' });
export type CaseloadCounts = z.infer<typeof CaseloadCounts>;

export const SupervisionNote = z
  .object({
    id: Id,
    chwId: Id,
    clientId: Id.nullable(),
    authorName: z.string(),
    note: z.string(),
    createdAt: When,
  })
  .meta({ id: 'SupervisionNote' });
export type SupervisionNote = z.infer<typeof SupervisionNote>;
