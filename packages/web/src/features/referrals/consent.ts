import { type Client, type needAreas, partnerCategoryForNeed } from '@puente/core';

/**
 * Whether the person's live consents let the program share with `partner`
 * for `need`: the same rule the server checks (by name, or by the kind of
 * partner the need goes to), so the form can ask before the server refuses.
 */
export function consentCovers(client: Client, partner: string, need: (typeof needAreas)[number]): boolean {
  const live = client.consents.filter((k) => k.revokedAt === null);
  if (!live.some((k) => k.kind === 'service')) return false;
  const named = partner.trim().toLowerCase();
  const category = partnerCategoryForNeed(need);
  return live.some(
    (k) =>
      k.kind === 'share' && (k.partnerName?.trim().toLowerCase() === named || k.partnerCategory === category),
  );
}
