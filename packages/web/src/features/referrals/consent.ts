import { type Client, consentToShare, type needAreas, referralAddressee } from '@puente/core';

/**
 * Whether the person's standing consents let the program share with `partner`
 * for `need`: core's consentToShare, the very rule the server's requireConsent
 * runs, so the form can ask before the server refuses.
 */
export function consentCovers(client: Client, partner: string, need: (typeof needAreas)[number]): boolean {
  return consentToShare(client.consents, referralAddressee(partner, need), new Date()).consent !== undefined;
}
