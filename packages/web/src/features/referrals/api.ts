import type {
  ContactAttemptRequest,
  DirectoryResult,
  PartnerAccount,
  PartnerReferral,
  PartnerService,
  Referral,
  ReferralDetail,
  ReferralStatusRequest,
} from '@puente/core';
import { api, toProblem } from '../../app/api';
import { call } from '../../app/api-client';
import { data, type NewReferral } from '../../offline/data';

export type ListState = 'open' | 'closed' | 'all';

/** A person's referrals: from the phone's copy when it keeps one, so they show without signal. */
export const clientReferrals = (clientId: string): Promise<Referral[]> => data().listReferrals(clientId);
/**
 * A referral with its history, which only the server keeps: `undefined` without signal
 * (the card says it shows later); any other failure is thrown, to be shown. The card
 * shows the referral of the same answer when it is newer than the phone's copy, so the
 * card and its history never tell two stories.
 */
export async function referralHistory(referralId: string): Promise<ReferralDetail | undefined> {
  if (!navigator.onLine) return undefined;
  try {
    return await call('get', '/api/referrals/{id}', { path: { id: referralId } });
  } catch (error) {
    if (toProblem(error).code === 'network') return undefined;
    throw error;
  }
}
/** The program's tries before a referral may close as unreachable: the phone's copy when it keeps one, as its checks use. */
export const attemptsBeforeUnreachable = () => data().attemptsBeforeUnreachable();
/** Refers a person to a service; without signal it waits in the outbox, and consent is checked when it arrives. */
export const makeReferral = (clientId: string, body: NewReferral, service: DirectoryResult) =>
  data().makeReferral(clientId, body, service);
/** Moves a referral; without signal it waits in the outbox, and is checked again where the referral stands when it arrives. */
export const moveReferral = (referralId: string, body: ReferralStatusRequest) =>
  data().moveReferral(referralId, body);
/** Logs a try to reach the person; without signal it waits in the outbox and counts on the card at once. */
export const logAttempt = (referralId: string, body: ContactAttemptRequest) =>
  data().logAttempt(referralId, body);

export const partnerInbox = (state: ListState): Promise<PartnerReferral[]> =>
  call('get', '/api/partner/referrals', { query: { state } }).then((r) => r.referrals);
export const answerReferral = (referralId: string, body: ReferralStatusRequest): Promise<PartnerReferral> =>
  call('post', '/api/partner/referrals/{id}/status', { path: { id: referralId }, body });

export const partnerAccounts = (): Promise<PartnerAccount[]> =>
  call('get', '/api/partners').then((r) => r.partners);
/** Sets exactly the services whose referrals the partner answers. */
export const linkPartnerServices = (userId: string, serviceIds: readonly string[]): Promise<PartnerAccount> =>
  call('put', '/api/partners/{id}/services', { path: { id: userId }, body: { serviceIds: [...serviceIds] } });

/** A service of the directory as the Partners screen lists it: grouped under its organization. */
export type ServiceChoice = PartnerService;
interface HsdsService {
  id: string;
  name: string;
  organization?: { id: string; name: string };
}
const choice = (s: HsdsService): ServiceChoice => ({
  id: s.id,
  name: s.name,
  organizationId: s.organization?.id ?? null,
  organizationName: s.organization?.name ?? null,
});
// The HSDS list stays on api(): the OpenAPI document gives /hsds/services the {slug} parameter
// of /hsds/o/{slug}/services (one route definition serves both) and its records as free-form.
/** Services of the program's directory matching `search` (the first hundred). */
export const findServices = (search: string) =>
  api<{ contents: HsdsService[] }>(
    'GET',
    `/hsds/services?per_page=100${search ? `&search=${encodeURIComponent(search)}` : ''}`,
  ).then((r) => r.contents.map(choice));
/** Every service of one directory organization: the "choose all of it" shortcut. */
export const servicesOf = (organizationId: string) =>
  api<{ contents: HsdsService[] }>(
    'GET',
    `/hsds/services?per_page=100&organization_id=${encodeURIComponent(organizationId)}`,
  ).then((r) => r.contents.map(choice));
