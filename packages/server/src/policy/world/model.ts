// The generated world of the policy property test (not used by the server): what
// was made through the API, kept as the facts `decide` reads, so the test can
// say for every actor and every surface exactly what must come back.
import {
  type ConsentFact,
  type DataKind,
  decide,
  type PolicyActor,
  type PolicyFacts,
  type ReferralFact,
  type Relation,
} from '@puente/core';

/** The program's staff who sign in, by the part they play in the world. */
export const staff = ['chwA', 'chwLoose', 'chwB', 'supA', 'supB', 'manager', 'admin'] as const;
export type Staff = (typeof staff)[number];
/** The CHWs who hold caseloads: chwA on team A, chwB on team B, chwLoose on no team. */
export const holders = ['chwA', 'chwLoose', 'chwB'] as const;
export type Holder = (typeof holders)[number];
const roleOf: Record<Staff, 'chw' | 'supervisor' | 'manager' | 'admin'> = {
  chwA: 'chw',
  chwLoose: 'chw',
  chwB: 'chw',
  supA: 'supervisor',
  supB: 'supervisor',
  manager: 'manager',
  admin: 'admin',
};
const teamOf: Partial<Record<Staff, 'A' | 'B'>> = { chwA: 'A', chwB: 'B' };
const leads: Partial<Record<Staff, 'A' | 'B'>> = { supA: 'A', supB: 'B' };

/** The two services of one directory organization, and the partner user linked to each. */
export const services = ['pantry', 'legal'] as const;
export type ServiceKey = (typeof services)[number];
export const needFor: Record<ServiceKey, string> = {
  pantry: 'food-insecurity',
  legal: 'intimate-partner-violence',
};

/** The FHIR clients: one for food help, one for legal help, one named for the directory organization. */
export const clinics = ['food', 'legal', 'byName'] as const;
export type ClinicKey = (typeof clinics)[number];

export interface ReferralModel extends ReferralFact {
  id: string;
  service: ServiceKey;
}

export interface PersonModel {
  id: string;
  familyName: string;
  holder: Holder;
  safeToContact: boolean;
  consents: ConsentFact[];
  referrals: ReferralModel[];
  screened: boolean;
  goal: boolean;
  visit: boolean;
  /** Supervisor B broke the glass for this person (until the test ends). */
  brokenBy: Staff[];
  /** A page of services made for the person, and its token. */
  linkToken?: string;
  linkRevoked: boolean;
}

export interface WorldModel {
  people: PersonModel[];
  orgName: string;
  serviceIds: Record<ServiceKey, string>;
  /** The clinics' registrations as the policy reads them. */
  clinic: Record<ClinicKey, { partnerName: string | null; partnerCategory: string | null }>;
}

/** How a member of staff stands to a person in the model. */
export function relationOf(who: Staff, p: PersonModel): Relation {
  if (who === p.holder) return 'caseload';
  const team = teamOf[p.holder];
  if (team !== undefined && leads[who] === team) return 'team';
  if (p.brokenBy.includes(who)) return 'break-glass';
  return 'none';
}

const factsFor = (p: PersonModel, relation: Relation): PolicyFacts => ({
  now: new Date(),
  relation,
  consents: p.consents,
  referrals: p.referrals,
  safeToContact: p.safeToContact,
});

/** What the policy allows a member of staff to read of a person. */
export const staffMay = (who: Staff, p: PersonModel, kind: DataKind): boolean =>
  decide({ type: 'user', role: roleOf[who] }, 'read', { kind }, factsFor(p, relationOf(who, p))).allowed;

const partnerActor = (m: WorldModel, s: ServiceKey): PolicyActor => ({
  type: 'partner',
  serviceIds: [m.serviceIds[s]],
});

/** What the partner linked to service `s` may read through one referral (fields, or undefined when nothing). */
export function partnerMay(m: WorldModel, s: ServiceKey, p: PersonModel, r: ReferralModel, kind: DataKind) {
  const d = decide(partnerActor(m, s), 'read', { kind, referral: r }, factsFor(p, 'none'));
  return d.allowed ? d.fields : undefined;
}

/** What a clinic may read of a person (person-level kinds) or of one of their referrals. */
export function clinicMay(
  m: WorldModel,
  c: ClinicKey,
  p: PersonModel,
  kind: DataKind,
  r?: ReferralModel,
): boolean {
  const actor: PolicyActor = { type: 'api-client', ...m.clinic[c] };
  return decide(actor, 'read', { kind, ...(r ? { referral: r } : {}) }, factsFor(p, 'none')).allowed;
}
