import type { ConsentFact } from './consent.js';
import { decide, type PolicyActor, type PolicyFacts, type ReferralFact, type Relation } from './decide.js';
import { type DataKind, dataKinds, shareableKinds } from './kinds.js';

/** One column of the privacy table: who, in what standing to the person. */
interface Column {
  heading: string;
  actor: PolicyActor;
  relation: Relation;
}

const columns: Column[] = [
  { heading: 'CHW, own caseload', actor: { type: 'user', role: 'chw' }, relation: 'caseload' },
  { heading: 'CHW, anyone else', actor: { type: 'user', role: 'chw' }, relation: 'none' },
  { heading: 'Supervisor, own teams', actor: { type: 'user', role: 'supervisor' }, relation: 'team' },
  {
    heading: 'Supervisor, break-the-glass',
    actor: { type: 'user', role: 'supervisor' },
    relation: 'break-glass',
  },
  { heading: 'Manager', actor: { type: 'user', role: 'manager' }, relation: 'notified' },
  { heading: 'Admin', actor: { type: 'user', role: 'admin' }, relation: 'none' },
  { heading: 'Partner', actor: { type: 'partner', serviceIds: ['s'] }, relation: 'none' },
  {
    heading: 'FHIR client',
    actor: { type: 'api-client', partnerName: 'P', partnerCategory: null },
    relation: 'none',
  },
];

const referral: ReferralFact = {
  serviceId: 's',
  partnerName: 'P',
  need: 'food-insecurity',
  consentId: 'share',
  status: 'requested',
  shares: ['phone', 'age-range'],
  doNotContact: false,
};

const consentNaming = (dataKinds: readonly string[] | null): ConsentFact[] => [
  {
    id: 'service',
    kind: 'service',
    partnerName: null,
    partnerCategory: null,
    dataKinds: null,
    revokedAt: null,
  },
  { id: 'share', kind: 'share', partnerName: 'P', partnerCategory: null, dataKinds, revokedAt: null },
];

function cell(column: Column, kind: DataKind): string {
  const facts = (dataKinds: readonly string[] | null): PolicyFacts => ({
    now: new Date(0),
    relation: column.relation,
    consents: consentNaming(dataKinds),
    referrals: [referral],
    safeToContact: true,
  });
  const subject = { kind, ...(column.actor.type === 'partner' ? { referral } : {}) };
  const least = decide(column.actor, 'read', subject, facts(null));
  const most = decide(column.actor, 'read', subject, facts(shareableKinds));
  if (least.allowed) return least.fields.length > 0 ? least.fields.join(', ') : 'yes';
  if (most.allowed) return `if the consent names it (${most.fields.join(', ')})`;
  return '—';
}

/**
 * The README's privacy table, computed from `decide` itself so the document
 * cannot drift from the rule: each data kind, and what each kind of reader
 * may see of it (fields, or "—" for nothing). Partners and FHIR clients read
 * only through a referral addressed to them while its consent stands.
 */
export function privacyTable(): string {
  const head = `| data kind | ${columns.map((c) => c.heading).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = dataKinds.map((kind) => `| ${kind} | ${columns.map((c) => cell(c, kind)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}
