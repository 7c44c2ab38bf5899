import type { Role } from '../auth/roles.js';
import {
  blankShare,
  type ConsentFact,
  consentStands,
  namesAddressee,
  referralAddressee,
  sharedKinds,
} from './consent.js';
import { type Action, type DataKind, dataKinds } from './kinds.js';
import { roleCan } from './permissions.js';

/**
 * How a signed-in user stands to a person: holds them (own caseload or
 * backup), supervises the team that holds them, broke the glass for them
 * (until it expires), was notified of an alert about them, or none of these.
 */
export type Relation = 'caseload' | 'team' | 'break-glass' | 'notified' | 'none';

/** A referral as the policy reads it: whom it is addressed to and which consent it relied on. */
export interface ReferralFact {
  serviceId: string;
  partnerName: string;
  need: string;
  consentId: string;
  status: string;
  /** What the CHW chose to pass on beyond the name: 'phone', 'age-range'. */
  shares: readonly string[];
  doNotContact: boolean;
}

/** Who asks. */
export type PolicyActor =
  | { type: 'user'; role: Exclude<Role, 'partner'> }
  /** A partner user answers for the directory services it is linked to. */
  | { type: 'partner'; serviceIds: readonly string[] }
  /** A connected clinic's system, registered for a partner name or category. */
  | { type: 'api-client'; partnerName: string | null; partnerCategory: string | null; id?: string }
  /** Whoever holds a private link: it opens its one page while it stands. */
  | { type: 'link'; page: LinkPage; expiresAt: string; revokedAt: string | null };

export type LinkPage = 'safety-plan' | 'topic' | 'services';

/** What is asked about: a data kind of one person, or (for partners and clinics) one referral of theirs. */
export interface PolicySubject {
  kind: DataKind;
  /** For a partner or a clinic: the referral the data would travel with. */
  referral?: ReferralFact;
  /** A move of the person to another CHW: across teams, or within the supervisor's own. */
  transfer?: 'within-team' | 'across-teams';
  /** For a clinic: a referral it sent to the program (inbound), by the id of the client that sent it. */
  inbound?: { senderId: string };
}

/** What is known about the person now. */
export interface PolicyFacts {
  now: Date;
  relation: Relation;
  consents: readonly ConsentFact[];
  /** Every referral of the person (a clinic sees person-level data only through the ones addressed to it). */
  referrals?: readonly ReferralFact[];
  safeToContact?: boolean;
}

export interface Decision {
  allowed: boolean;
  /** For a read: the fields of the data kind the actor may see (empty when refused). */
  fields: readonly string[];
  /** Why, in a code a test or an audit entry can name. */
  reason: string;
}

/** The fields of each data kind a caseworker sees; others see a subset. */
export const kindFields: Record<DataKind, readonly string[]> = {
  identity: ['name', 'language', 'birthDate', 'ageRange', 'gender'],
  contact: ['phone', 'address'],
  household: ['household'],
  visit: ['kind', 'occurredAt', 'duration', 'activities', 'note'],
  'sensitive-note': ['note'],
  'screening-answer': ['answers'],
  'screening-total': ['total', 'band'],
  'risk-alert': ['level', 'raisedAt', 'status', 'name'],
  'safety-plan': ['content'],
  goal: ['text', 'status'],
  task: ['title', 'dueOn', 'status', 'name'],
  referral: ['need', 'service', 'reason', 'urgency', 'status'],
  figure: ['count'],
};

const allow = (kind: DataKind, reason: string, fields = kindFields[kind]): Decision => ({
  allowed: true,
  fields,
  reason,
});
const deny = (reason: string): Decision => ({ allowed: false, fields: [], reason });

/** The kinds of a person's record (everything but aggregate figures). */
export const caseworkKinds: readonly DataKind[] = dataKinds.filter((k) => k !== 'figure');

/**
 * The one access rule. Every surface (API, Today, sync, partner inbox, FHIR,
 * exports, reports, private links) asks it, or runs the SQL written from it
 * (`server/src/policy/`), and the property test holds the two equal.
 * @example decide({ type: 'user', role: 'chw' }, 'read', { kind: 'visit' }, { now, relation: 'caseload', consents })
 */
export function decide(
  actor: PolicyActor,
  action: Action,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  switch (actor.type) {
    case 'user':
      return decideForUser(actor.role, action, subject, facts);
    case 'partner':
      return decideForPartner(actor.serviceIds, action, subject, facts);
    case 'api-client':
      return decideForClinic(actor, action, subject, facts);
    case 'link':
      return decideForLink(actor, action, subject, facts);
  }
}

function decideForUser(
  role: Exclude<Role, 'partner'>,
  action: Action,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  if (subject.kind === 'figure') {
    if (action !== 'read') return deny('figures-are-read-only');
    return roleCan(role, 'reports.read') ? allow('figure', 'aggregate') : deny('role');
  }
  if (action === 'transfer') return decideTransfer(role, subject, facts);
  const { relation } = facts;
  if (relation === 'caseload' || (relation === 'team' && roleCan(role, 'team.overview'))) {
    return allow(subject.kind, relation);
  }
  if (relation === 'break-glass' && roleCan(role, 'clients.break-glass')) {
    return allow(subject.kind, 'break-glass');
  }
  // Someone told of an alert may act on it without seeing who it is about.
  if (relation === 'notified' && subject.kind === 'risk-alert' && roleCan(role, 'alerts.acknowledge')) {
    return allow('risk-alert', 'notified', ['level', 'raisedAt', 'status']);
  }
  return deny('outside-caseload');
}

/** Break-the-glass is a window, never a key: it does not count toward moving or merging a person. */
function decideTransfer(
  role: Exclude<Role, 'partner'>,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  if (roleCan(role, 'clients.handover-across-teams')) return allow('identity', 'admin', []);
  if (!roleCan(role, 'clients.handover')) return deny('role');
  if (facts.relation !== 'team' && facts.relation !== 'caseload') return deny('outside-team');
  if (subject.transfer === 'across-teams') return deny('across-teams');
  return allow('identity', 'team', []);
}

/** The consent a referral relied on, if it still stands with a consent to be served beside it. */
function standingConsent(referral: ReferralFact, facts: PolicyFacts): ConsentFact | undefined {
  const standing = facts.consents.filter((k) => consentStands(k, facts.now));
  if (!standing.some((k) => k.kind === 'service')) return undefined;
  return standing.find((k) => k.id === referral.consentId && k.kind === 'share');
}

function decideForPartner(
  serviceIds: readonly string[],
  action: Action,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  const referral = subject.referral;
  if (!referral || !serviceIds.includes(referral.serviceId)) return deny('not-addressed');
  if (referral.status === 'entered-in-error') return deny('entered-in-error');
  const consent = standingConsent(referral, facts);
  if (!consent) return deny('consent-withdrawn');
  if (action === 'change') {
    return subject.kind === 'referral' ? allow('referral', 'addressed') : deny('read-only');
  }
  if (action !== 'read') return deny('read-only');
  const kinds = sharedKinds(consent);
  if (subject.kind === 'referral') return allow('referral', 'addressed');
  if (subject.kind === 'identity' && kinds.includes('identity')) {
    const fields = ['name', 'language', ...(referral.shares.includes('age-range') ? ['ageRange'] : [])];
    return allow('identity', 'consent', fields);
  }
  // A phone travels only when the consent covers contact, the CHW passed it on, and contact is safe.
  if (
    subject.kind === 'contact' &&
    kinds.includes('contact') &&
    referral.shares.includes('phone') &&
    !referral.doNotContact &&
    facts.safeToContact === true
  ) {
    return allow('contact', 'consent', ['phone']);
  }
  return deny('not-in-consent');
}

/** A clinic's system is addressed by a referral to its partner by name, or for a need in its category. */
export function addressedToClinic(
  clinic: { partnerName: string | null; partnerCategory: string | null },
  referral: ReferralFact,
): boolean {
  const to = referralAddressee(referral.partnerName, referral.need);
  return (
    (clinic.partnerName !== null && namesAddressee({ ...blankShare, partnerName: clinic.partnerName }, to)) ||
    (clinic.partnerCategory !== null && clinic.partnerCategory === to.partnerCategory)
  );
}

/** The standing consents behind referrals addressed to the clinic that also name the clinic itself. */
export function clinicConsents(
  clinic: { partnerName: string | null; partnerCategory: string | null },
  facts: PolicyFacts,
): ConsentFact[] {
  const found = new Map<string, ConsentFact>();
  for (const r of facts.referrals ?? []) {
    if (!addressedToClinic(clinic, r)) continue;
    const consent = standingConsent(r, facts);
    if (consent && namesAddressee(consent, clinic)) found.set(consent.id, consent);
  }
  return [...found.values()];
}

/**
 * A referral a clinic sent to the program: the system that sent it creates it and reads back how
 * it stands (the Task's status, its reason and outcome), nothing more of the person; another
 * system, of the same program or not, is refused as if it did not exist.
 */
function decideForSender(
  clinic: { id?: string },
  action: Action,
  subject: PolicySubject & { inbound: { senderId: string } },
): Decision {
  if (!clinic.id || clinic.id !== subject.inbound.senderId) return deny('not-sender');
  if (subject.kind !== 'referral') return deny('not-in-consent');
  if (action === 'transfer') return deny('read-only');
  return allow('referral', 'sender', ['need', 'service', 'urgency', 'status', 'statusReason', 'outcome']);
}

function decideForClinic(
  clinic: { partnerName: string | null; partnerCategory: string | null; id?: string },
  action: Action,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  if (subject.inbound) return decideForSender(clinic, action, { ...subject, inbound: subject.inbound });
  if (action !== 'read') return deny('read-only');
  if (subject.referral) {
    const r = subject.referral;
    if (!addressedToClinic(clinic, r)) return deny('not-addressed');
    const consent = standingConsent(r, facts);
    if (!consent || !namesAddressee(consent, clinic)) return deny('consent-withdrawn');
    return subject.kind === 'referral' ? allow('referral', 'addressed') : deny('not-in-consent');
  }
  const consents = clinicConsents(clinic, facts);
  if (consents.length === 0) return deny('no-referral-addressed');
  const kinds = new Set(consents.flatMap(sharedKinds));
  if (!kinds.has(subject.kind as never)) return deny('not-in-consent');
  if (subject.kind === 'identity')
    return allow('identity', 'consent', ['name', 'language', 'birthDate', 'gender']);
  if (subject.kind === 'contact') {
    return facts.safeToContact === true
      ? allow('contact', 'consent', ['phone'])
      : deny('not-safe-to-contact');
  }
  // Visits leave without their notes: notes stay in Puente.
  if (subject.kind === 'visit') return allow('visit', 'consent', ['kind', 'occurredAt', 'duration']);
  return allow(subject.kind, 'consent');
}

/** A private link opens its one page while it stands: not after it expires or is revoked. */
function decideForLink(
  link: { expiresAt: string; revokedAt: string | null },
  action: Action,
  subject: PolicySubject,
  facts: PolicyFacts,
): Decision {
  if (action !== 'read') return deny('read-only');
  if (link.revokedAt !== null) return deny('link-revoked');
  if (Date.parse(link.expiresAt) <= facts.now.getTime()) return deny('link-expired');
  return allow(subject.kind, 'link', []);
}
