import type {
  AppointmentRecord,
  ClientRecord,
  ConsentRecord,
  EncounterRecord,
  GoalRecord,
  Me,
  MemberRecord,
  ReferralRecord,
  ScreeningRecord,
  StepRecord,
  SyncMutation,
  SyncRow,
  TaskRecord,
} from '@puente/core';
import { blankShare, previewTaskChange, sharedKinds, uuidv7Time } from '@puente/core';

import { changedReferral } from './referral-changes';

type EncounterFields = Omit<Extract<SyncMutation, { kind: 'encounter.record' }>['encounter'], 'id'>;

/**
 * Everything the phone holds about one client, stored (encrypted) as one
 * value: a person's page is one read, and leaving the phone is one delete.
 */
export interface Bundle {
  client?: ClientRecord;
  encounters: Record<string, EncounterRecord>;
  consents: Record<string, ConsentRecord>;
  goals: Record<string, GoalRecord>;
  steps: Record<string, StepRecord>;
  appointments: Record<string, AppointmentRecord>;
  tasks: Record<string, TaskRecord>;
  screenings: Record<string, ScreeningRecord>;
  referrals: Record<string, ReferralRecord>;
  /** The person's households, current and left: the household page gathers them from every member the phone holds. */
  members: Record<string, MemberRecord>;
}

export const emptyBundle = (): Bundle => ({
  encounters: {},
  consents: {},
  goals: {},
  steps: {},
  appointments: {},
  tasks: {},
  screenings: {},
  referrals: {},
  members: {},
});

const listOf = {
  encounter: 'encounters',
  consent: 'consents',
  goal: 'goals',
  step: 'steps',
  appointment: 'appointments',
  task: 'tasks',
  screening: 'screenings',
  referral: 'referrals',
  member: 'members',
} as const;

/** Puts pulled rows into their bundles; returns the ids of the clients touched. */
export function applyRows(bundles: Map<string, Bundle>, rows: readonly SyncRow[]): Set<string> {
  const touched = new Set<string>();
  for (const row of rows) {
    const bundle = bundles.get(row.clientId) ?? emptyBundle();
    bundles.set(row.clientId, bundle);
    touched.add(row.clientId);
    if (row.entity === 'client') bundle.client = row.data;
    else (bundle[listOf[row.entity]] as Record<string, unknown>)[row.id] = row.data;
  }
  return touched;
}

const clone = (b: Bundle): Bundle => ({
  ...b,
  ...(b.client ? { client: { ...b.client } } : {}),
  encounters: { ...b.encounters },
  consents: { ...b.consents },
  tasks: { ...b.tasks },
  screenings: { ...b.screenings },
  referrals: { ...b.referrals },
  members: { ...b.members },
});

const displayName = (c: { givenName: string; familyName?: string | null; preferredName?: string | null }) =>
  c.preferredName || [c.givenName, c.familyName].filter(Boolean).join(' ');

/** A change not yet on the server, and the client it is about (so reads find it without a search). */
export interface PendingChange {
  mutation: SyncMutation;
  clientId: string | undefined;
  /** What the phone shows until the server's own row arrives: its score of a screen, its view of a referral. */
  preview?: ScreeningRecord | ReferralRecord;
}

/**
 * What the screens show: the server's copy with the changes still in the
 * outbox laid over it, in the order they were made. The server's copy itself
 * is never edited, so a pull can never undo a change waiting to be sent.
 */
export function overlay(
  bundles: ReadonlyMap<string, Bundle>,
  pending: readonly PendingChange[],
  me: Me,
  attemptsBeforeUnreachable: number,
): Map<string, Bundle> {
  const changed = new Map<string, Bundle>();
  const bundleOf = (id: string) => {
    let b = changed.get(id);
    if (!b) {
      const base = bundles.get(id);
      b = base ? clone(base) : emptyBundle();
      changed.set(id, b);
    }
    return b;
  };
  const now = new Date().toISOString();
  for (const { mutation: m, clientId, preview } of pending) {
    // One visit to a household lays an encounter on each member present.
    if (m.kind === 'household.visit') {
      for (const p of m.visit.present)
        layEncounter(bundleOf(p.clientId), p.clientId, p.encounterId, m.visit.encounter, me);
      continue;
    }
    if (!clientId) continue;
    const b = bundleOf(clientId);
    if (m.kind === 'client.register') {
      const { id, notADuplicate: _n, ...c } = m.client;
      b.client = {
        id,
        givenName: c.givenName,
        familyName: c.familyName ?? null,
        preferredName: c.preferredName ?? null,
        displayName: displayName(c),
        preferredLanguage: c.preferredLanguage,
        birthDate: c.birthDate ?? null,
        ageRange: c.ageRange ?? null,
        gender: c.gender ?? null,
        phone: c.phone ?? null,
        okToText: c.okToText ?? false,
        okToLeaveMessage: c.okToLeaveMessage ?? false,
        safeToContact: c.safeToContact ?? true,
        neighborhood: c.neighborhood ?? null,
        address: c.address ?? null,
        household: c.household ?? [],
        insuranceStatus: c.insuranceStatus ?? null,
        notes: c.notes ?? null,
        assignedChwId: me.id,
        assignedChwName: me.displayName,
        backupChwId: null,
        riskFlag: null,
        lastContactAt: null,
        createdAt: now,
        updatedAt: now,
      };
    } else if (m.kind === 'client.update' && b.client) {
      const next = { ...b.client, ...(m.change as Partial<ClientRecord>) };
      b.client = { ...next, displayName: displayName(next) };
    } else if (m.kind === 'encounter.record') {
      layEncounter(b, clientId, m.encounter.id, m.encounter, me);
    } else if (m.kind.startsWith('household.')) {
      layHousehold(m, b, clientId, (id) => householdAddress(id, bundles, changed), now);
    } else if (m.kind === 'task.add') {
      const t = m.task;
      b.tasks[t.id] = {
        id: t.id,
        clientId,
        title: t.title,
        dueOn: t.dueOn,
        status: 'open',
        source: 'manual',
        code: null,
        dueAt: null,
        outcome: null,
        assigneeId: t.assigneeId ?? me.id,
        // The hour agreed with the person shows at once, not only after the next sync.
        ...(t.visitAt ? { visitAt: t.visitAt } : {}),
      };
    } else if (m.kind === 'task.change') {
      const task = b.tasks[m.taskId];
      if (task) b.tasks[m.taskId] = previewTaskChange(task, m.change);
    } else if (m.kind === 'consent.record') {
      const k = m.consent;
      b.consents[k.id] = {
        id: k.id,
        clientId,
        kind: k.kind,
        method: k.method,
        givenOn: k.givenOn,
        partnerName: k.partnerName ?? null,
        partnerCategory: k.partnerCategory ?? null,
        // What the server will save: the consent's own list, never less than the policy's minimum.
        dataKinds:
          k.kind === 'share' ? [...sharedKinds({ ...blankShare, dataKinds: k.dataKinds ?? null })] : null,
        note: k.note ?? null,
        recordedBy: me.displayName,
        recordedAt: new Date(uuidv7Time(m.id)).toISOString(),
        revokedAt: null,
        revokedBy: null,
      };
    } else if (m.kind === 'consent.revoke') {
      const k = b.consents[m.consentId];
      if (k && !k.revokedAt) {
        b.consents[m.consentId] = {
          ...k,
          revokedAt: new Date(uuidv7Time(m.id)).toISOString(),
          revokedBy: me.displayName,
        };
      }
    } else if (m.kind === 'screening.record' && preview && 'instrument' in preview) {
      b.screenings[preview.id] = preview;
    } else if (m.kind === 'referral.make' && preview && 'serviceName' in preview) {
      b.referrals[preview.id] = preview;
    } else if (m.kind === 'referral.move' || m.kind === 'referral.attempt') {
      const r = b.referrals[m.referralId];
      const at = new Date(uuidv7Time(m.id)).toISOString();
      if (r) b.referrals[m.referralId] = changedReferral(r, m, at, attemptsBeforeUnreachable);
    }
  }
  return changed;
}

/** A visit as the person's history shows it until the server's row arrives. */
function layEncounter(b: Bundle, clientId: string, id: string, e: EncounterFields, me: Me): void {
  b.encounters[id] = {
    id,
    clientId,
    kind: e.kind,
    occurredAt: e.occurredAt,
    durationMinutes: e.durationMinutes ?? null,
    language: e.language,
    activities: e.activities,
    note: e.noteSensitive ? null : (e.note ?? null),
    noteSensitive: e.noteSensitive,
    authorName: me.displayName,
  };
  if (b.client && (!b.client.lastContactAt || b.client.lastContactAt < e.occurredAt)) {
    b.client.lastContactAt = e.occurredAt;
  }
}

/** The address a household's members carry, from any of them the phone holds. */
function householdAddress(householdId: string, ...sources: ReadonlyMap<string, Bundle>[]): string | null {
  for (const bundles of sources)
    for (const b of bundles.values())
      for (const m of Object.values(b.members ?? {})) if (m.householdId === householdId) return m.address;
  return null;
}

/** A household started, joined or left on the phone, shown at once on the person's own record. */
function layHousehold(
  m: SyncMutation,
  b: Bundle,
  clientId: string,
  addressOf: (householdId: string) => string | null,
  now: string,
): void {
  const leave = (householdId?: string) => {
    for (const [id, row] of Object.entries(b.members))
      if (!row.leftAt && (!householdId || row.householdId === householdId))
        b.members[id] = { ...row, leftAt: now };
  };
  if (m.kind === 'household.start') {
    const { id, memberId, address } = m.household;
    const row = {
      householdId: id,
      relationship: 'head' as const,
      address: address ?? b.client?.address ?? null,
    };
    b.members[memberId] = { id: memberId, clientId, joinedAt: now, leftAt: null, ...row };
  } else if (m.kind === 'household.join') {
    const address = addressOf(m.householdId);
    if (m.join.move) leave();
    b.members[m.join.memberId] = {
      id: m.join.memberId,
      clientId,
      householdId: m.householdId,
      relationship: m.join.relationship,
      address,
      joinedAt: now,
      leftAt: null,
    };
  } else if (m.kind === 'household.leave') {
    leave(m.householdId);
  }
}

/** Which client a mutation is about, as far as the phone knows. */
export function clientOf(m: SyncMutation, bundles: ReadonlyMap<string, Bundle>): string | undefined {
  switch (m.kind) {
    case 'client.register':
      return m.client.id;
    case 'alert.raise':
      return m.alert.clientId;
    case 'task.change':
      for (const [id, b] of bundles) if (b.tasks[m.taskId]) return id;
      return undefined;
    case 'household.visit':
      return m.visit.present[0]?.clientId;
    default:
      return m.clientId;
  }
}
