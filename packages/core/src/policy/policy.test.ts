import { describe, expect, it } from 'vitest';
import { type ConsentFact, consentToShare, sharedKinds } from './consent.js';
import { decide, type PolicyActor, type PolicyFacts, type ReferralFact, type Relation } from './decide.js';
import { type DataKind, dataKinds } from './kinds.js';
import { roleCan } from './permissions.js';
import { smallCountThreshold, suppressedCells } from './suppress.js';

const now = new Date('2026-06-01T12:00:00Z');
const service: ConsentFact = {
  id: 'k-service',
  kind: 'service',
  partnerName: null,
  partnerCategory: null,
  dataKinds: null,
  revokedAt: null,
};
const shareFood = (dataKinds: string[] | null = null, revokedAt: string | null = null): ConsentFact => ({
  id: 'k-food',
  kind: 'share',
  partnerName: null,
  partnerCategory: 'food',
  dataKinds,
  revokedAt,
});
const foodReferral: ReferralFact = {
  serviceId: 'pantry-service',
  partnerName: 'Eastside Pantry',
  need: 'food-insecurity',
  consentId: 'k-food',
  status: 'requested',
  shares: ['phone'],
  doNotContact: false,
};
const legalReferral: ReferralFact = {
  ...foodReferral,
  serviceId: 'legal-service',
  partnerName: 'Legal Aid',
  need: 'intimate-partner-violence',
  consentId: 'k-legal',
};
const facts = (over: Partial<PolicyFacts> = {}): PolicyFacts => ({
  now,
  relation: 'none',
  consents: [service, shareFood()],
  referrals: [foodReferral, legalReferral],
  safeToContact: true,
  ...over,
});

describe('decide, for the program’s own staff', () => {
  const cases: [Exclude<PolicyActor & { type: 'user' }, never>['role'], Relation, DataKind, boolean][] = [
    ['chw', 'caseload', 'screening-answer', true],
    ['chw', 'none', 'identity', false],
    ['chw', 'team', 'identity', false],
    ['chw', 'break-glass', 'identity', false],
    ['supervisor', 'team', 'sensitive-note', true],
    ['supervisor', 'break-glass', 'safety-plan', true],
    ['supervisor', 'none', 'task', false],
    ['manager', 'team', 'identity', false],
    ['manager', 'notified', 'risk-alert', true],
    ['manager', 'notified', 'identity', false],
    ['admin', 'none', 'identity', false],
    ['admin', 'break-glass', 'visit', true],
    ['chw', 'caseload', 'figure', false],
    ['manager', 'none', 'figure', true],
  ];
  it.each(cases)('%s in relation %s reads %s: %s', (role, relation, kind, allowed) => {
    expect(decide({ type: 'user', role }, 'read', { kind }, facts({ relation })).allowed).toBe(allowed);
  });

  it('never lets a notified manager see whom an alert is about', () => {
    const d = decide(
      { type: 'user', role: 'manager' },
      'read',
      { kind: 'risk-alert' },
      facts({ relation: 'notified' }),
    );
    expect(d.fields).not.toContain('name');
  });

  it('does not count break-the-glass toward a transfer, and leaves cross-team moves to admins', () => {
    const sup = { type: 'user', role: 'supervisor' } as const;
    const move = (relation: Relation, transfer: 'within-team' | 'across-teams', actor: PolicyActor = sup) =>
      decide(actor, 'transfer', { kind: 'identity', transfer }, facts({ relation })).allowed;
    expect(move('team', 'within-team')).toBe(true);
    expect(move('break-glass', 'within-team')).toBe(false);
    expect(move('team', 'across-teams')).toBe(false);
    expect(move('none', 'across-teams', { type: 'user', role: 'admin' })).toBe(true);
    expect(move('caseload', 'within-team', { type: 'user', role: 'chw' })).toBe(false);
  });
});

describe('decide, for partners', () => {
  const pantry: PolicyActor = { type: 'partner', serviceIds: ['pantry-service'] };
  it('shows an addressed referral with the minimum the consent allows', () => {
    expect(decide(pantry, 'read', { kind: 'referral', referral: foodReferral }, facts()).allowed).toBe(true);
    expect(decide(pantry, 'read', { kind: 'identity', referral: foodReferral }, facts()).fields).toEqual([
      'name',
      'language',
    ]);
    expect(decide(pantry, 'read', { kind: 'contact', referral: foodReferral }, facts()).fields).toEqual([
      'phone',
    ]);
  });
  it('never shows a referral addressed to another service, nor clinical data', () => {
    expect(decide(pantry, 'read', { kind: 'referral', referral: legalReferral }, facts()).allowed).toBe(
      false,
    );
    for (const kind of ['screening-answer', 'screening-total', 'sensitive-note', 'visit'] as const) {
      expect(decide(pantry, 'read', { kind, referral: foodReferral }, facts()).allowed).toBe(false);
    }
  });
  it('loses the referral the moment the consent is withdrawn, for reading and for answering', () => {
    const withdrawn = facts({ consents: [service, shareFood(null, '2026-06-01T11:00:00Z')] });
    expect(decide(pantry, 'read', { kind: 'referral', referral: foodReferral }, withdrawn).allowed).toBe(
      false,
    );
    expect(decide(pantry, 'change', { kind: 'referral', referral: foodReferral }, withdrawn).allowed).toBe(
      false,
    );
    // Withdrawn later than now: it still stands.
    const later = facts({ consents: [service, shareFood(null, '2026-06-02T00:00:00Z')] });
    expect(decide(pantry, 'read', { kind: 'referral', referral: foodReferral }, later).allowed).toBe(true);
  });
  it('keeps the phone back unless contact is safe, allowed and passed on', () => {
    const read = (r: ReferralFact, f = facts()) =>
      decide(pantry, 'read', { kind: 'contact', referral: r }, f).allowed;
    expect(read({ ...foodReferral, shares: [] })).toBe(false);
    expect(read({ ...foodReferral, doNotContact: true })).toBe(false);
    expect(read(foodReferral, facts({ safeToContact: false }))).toBe(false);
    expect(read(foodReferral, facts({ consents: [service, shareFood(['identity', 'referral'])] }))).toBe(
      false,
    );
  });
});

describe('decide, for a clinic’s FHIR client', () => {
  const foodClinic: PolicyActor = { type: 'api-client', partnerName: null, partnerCategory: 'food' };
  it('gives a food-help client no screening answers, totals, goals or visits under the minimum consent', () => {
    for (const kind of ['screening-answer', 'screening-total', 'goal', 'visit'] as const) {
      expect(decide(foodClinic, 'read', { kind }, facts()).allowed).toBe(false);
    }
    expect(decide(foodClinic, 'read', { kind: 'identity' }, facts()).allowed).toBe(true);
  });
  it('serves only the referrals addressed to it', () => {
    expect(decide(foodClinic, 'read', { kind: 'referral', referral: foodReferral }, facts()).allowed).toBe(
      true,
    );
    expect(decide(foodClinic, 'read', { kind: 'referral', referral: legalReferral }, facts()).allowed).toBe(
      false,
    );
  });
  it('serves what the consent names, and nothing once it is withdrawn', () => {
    const named = facts({ consents: [service, shareFood(['screening-total'])] });
    expect(decide(foodClinic, 'read', { kind: 'screening-total' }, named).allowed).toBe(true);
    expect(decide(foodClinic, 'read', { kind: 'screening-answer' }, named).allowed).toBe(false);
    const gone = facts({ consents: [service, shareFood(['screening-total'], '2026-05-01T00:00:00Z')] });
    for (const kind of dataKinds) expect(decide(foodClinic, 'read', { kind }, gone).allowed).toBe(false);
  });
  it('sees no one without a referral addressed to it', () => {
    expect(
      decide(foodClinic, 'read', { kind: 'identity' }, facts({ referrals: [legalReferral] })).allowed,
    ).toBe(false);
  });
});

const foodClinicWithoutId: PolicyActor = { type: 'api-client', partnerName: null, partnerCategory: 'food' };

describe('decide, for a clinic that sent the program a referral', () => {
  const sender: PolicyActor = { type: 'api-client', partnerName: 'Clínica', partnerCategory: null, id: 'c1' };
  const other: PolicyActor = { type: 'api-client', partnerName: 'Clínica', partnerCategory: null, id: 'c2' };
  const inbound = { kind: 'referral' as const, inbound: { senderId: 'c1' } };
  it('lets the sender make it and read back how it stands, with no consent of the program needed', () => {
    const read = decide(sender, 'read', inbound, facts({ consents: [] }));
    expect(read).toMatchObject({ allowed: true, reason: 'sender' });
    expect(read.fields).toContain('status');
    expect(decide(sender, 'change', inbound, facts()).allowed).toBe(true);
  });
  it('refuses every other client, even one registered under the same partner name', () => {
    expect(decide(other, 'read', inbound, facts())).toMatchObject({ allowed: false, reason: 'not-sender' });
    expect(decide(foodClinicWithoutId, 'read', inbound, facts()).allowed).toBe(false);
  });
  it('gives the sender nothing of the person beyond the referral', () => {
    for (const kind of dataKinds.filter((k) => k !== 'referral'))
      expect(decide(sender, 'read', { kind, inbound: inbound.inbound }, facts()).allowed).toBe(false);
  });
});
describe('decide, for a private link', () => {
  const link = (revokedAt: string | null, expiresAt = '2026-07-01T00:00:00Z'): PolicyActor => ({
    type: 'link',
    page: 'services',
    expiresAt,
    revokedAt,
  });
  it('opens until revoked or expired', () => {
    expect(decide(link(null), 'read', { kind: 'referral' }, facts()).allowed).toBe(true);
    expect(decide(link('2026-05-01T00:00:00Z'), 'read', { kind: 'referral' }, facts()).allowed).toBe(false);
    expect(decide(link(null, '2026-06-01T12:00:00Z'), 'read', { kind: 'referral' }, facts()).allowed).toBe(
      false,
    );
  });
});

describe('consent to share', () => {
  it('covers identity and the referral even when it names nothing else', () => {
    expect(sharedKinds(shareFood(['goal']))).toEqual(['identity', 'referral', 'goal']);
    expect(sharedKinds(shareFood())).toEqual(['identity', 'contact', 'referral']);
  });
  it('needs a consent to be served beside it', () => {
    const to = { partnerName: 'Eastside Pantry', partnerCategory: 'food' };
    expect(consentToShare([shareFood()], to, now)).toEqual({ reason: 'no-service-consent' });
    expect(consentToShare([service], to, now)).toEqual({ reason: 'no-share-consent' });
    expect(consentToShare([service, shareFood()], to, now).consent?.id).toBe('k-food');
    const byName: ConsentFact = { ...shareFood(), partnerCategory: null, partnerName: ' eastside PANTRY ' };
    expect(consentToShare([service, byName], to, now).consent?.id).toBe('k-food');
  });
});

describe('permissions', () => {
  it('refuses what the table does not list', () => {
    expect(roleCan('chw', 'reports.read')).toBe(false);
    expect(roleCan('admin', 'clients.handover-across-teams')).toBe(true);
    expect(roleCan('supervisor', 'clients.handover-across-teams')).toBe(false);
    expect(roleCan(undefined, 'account.self')).toBe(false);
  });
});

describe('small counts', () => {
  const table: [Record<string, number>, string[], number, string[]][] = [
    // One small cell: the smallest other is hidden with it, so the total cannot give it away.
    [{ a: 3, b: 40, c: 20, all: 63 }, ['a', 'b', 'c'], 11, ['a', 'c']],
    // Two small cells hide each other; zero stays.
    [{ a: 3, b: 4, c: 0, d: 50, all: 57 }, ['a', 'b', 'c', 'd'], 11, ['a', 'b']],
    // Nothing small: nothing hidden.
    [{ a: 11, b: 12, all: 23 }, ['a', 'b'], 11, []],
    // A small total is hidden, and then constrains nothing.
    [{ a: 2, b: 3, all: 5 }, ['a', 'b'], 11, ['a', 'all', 'b']],
    // One small part and only zeros beside it: the zero is hidden too.
    [{ a: 4, b: 0, all: 4 }, ['a', 'b'], 5, ['a', 'all']],
    // A lone part equal to its total: hiding the part must hide the total.
    [{ a: 4, all: 40 }, ['a'], 5, ['a', 'all']],
  ];
  it.each(table)('%j hides %#', (counts, parts, threshold, hidden) => {
    expect([...suppressedCells(counts, [{ total: 'all', parts }], threshold)].sort()).toEqual(hidden);
  });
  it('never lets a program set the threshold under five', () => {
    expect(smallCountThreshold(2)).toBe(5);
    expect(smallCountThreshold(undefined)).toBe(11);
    expect(smallCountThreshold(20)).toBe(20);
  });
});
