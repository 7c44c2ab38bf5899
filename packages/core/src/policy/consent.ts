import { partnerCategoryForNeed } from '../referrals/sharing.js';
import { alwaysShared, minimumShare, type ShareableKind, shareableKinds } from './kinds.js';

/** A consent as the policy reads it: what it allows, and from when to when. */
export interface ConsentFact {
  id: string;
  kind: 'service' | 'share' | 'text';
  partnerName: string | null;
  partnerCategory: string | null;
  /** For a consent to share: the data kinds the person agreed to share (null: the minimum). */
  dataKinds: readonly string[] | null;
  /** ISO moment it was withdrawn, or null while it stands. */
  revokedAt: string | null;
}

/** Whom something would be shared with: a partner organization by name, or a category of partners. */
export interface Addressee {
  partnerName: string | null;
  partnerCategory: string | null;
}

/** Partner names compare without case or surrounding spaces ("Food Pantry " is "food pantry"). */
export const samePartner = (a: string | null | undefined, b: string | null | undefined): boolean =>
  Boolean(a?.trim()) && a?.trim().toLowerCase() === b?.trim().toLowerCase();

/** Whether a consent stands at `at` (a withdrawal takes effect the moment it is dated). */
export const consentStands = (k: ConsentFact, at: Date): boolean =>
  k.revokedAt === null || Date.parse(k.revokedAt) > at.getTime();

/** Whether a consent to share names this addressee, by its name or by its category. */
export function namesAddressee(k: ConsentFact, to: Addressee): boolean {
  if (k.kind !== 'share') return false;
  return (
    samePartner(k.partnerName, to.partnerName) ||
    (k.partnerCategory !== null && k.partnerCategory === to.partnerCategory)
  );
}

/** A consent to share that names no one and nothing: filled in with one name or list to ask the rules about it. */
export const blankShare: ConsentFact = {
  id: '',
  kind: 'share',
  partnerName: null,
  partnerCategory: null,
  dataKinds: null,
  revokedAt: null,
};

/** The data kinds a consent to share covers: what it names, never less than identity and the referral. */
export function sharedKinds(k: ConsentFact): readonly ShareableKind[] {
  if (k.kind !== 'share') return [];
  const named = (k.dataKinds ?? minimumShare).filter((d): d is ShareableKind =>
    (shareableKinds as readonly string[]).includes(d),
  );
  return shareableKinds.filter((d) => alwaysShared.includes(d) || named.includes(d));
}

/**
 * The consent that lets the program share with `to` now: a standing consent
 * to be served and a standing consent to share naming the addressee (newest
 * first). Undefined when there is none; the reason says which is missing.
 */
export function consentToShare(
  consents: readonly ConsentFact[],
  to: Addressee,
  at: Date,
): { consent: ConsentFact } | { consent?: undefined; reason: 'no-service-consent' | 'no-share-consent' } {
  const standing = consents.filter((k) => consentStands(k, at));
  if (!standing.some((k) => k.kind === 'service')) return { reason: 'no-service-consent' };
  const consent = standing.find((k) => namesAddressee(k, to));
  return consent ? { consent } : { reason: 'no-share-consent' };
}

/** The addressee of a referral for `need` to the partner named `partnerName`. */
export const referralAddressee = (partnerName: string, need: string): Addressee => ({
  partnerName,
  partnerCategory: partnerCategoryForNeed(need as Parameters<typeof partnerCategoryForNeed>[0]),
});
