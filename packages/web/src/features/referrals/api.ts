import type {
  ContactAttemptRequest,
  DirectoryResult,
  PartnerAccount,
  PartnerReferral,
  Referral,
  ReferralDetail,
  ReferralStatusRequest,
} from '@puente/core';
import { api } from '../../app/api';
import { data, type NewReferral } from '../../offline/data';

const id = encodeURIComponent;
export type ListState = 'open' | 'closed' | 'all';

/** A person's referrals: from the phone's copy when it keeps one, so they show without signal. */
export const clientReferrals = (clientId: string): Promise<Referral[]> => data().listReferrals(clientId);
export const getReferral = (referralId: string) =>
  api<ReferralDetail>('GET', `/api/referrals/${id(referralId)}`);
/** Refers a person to a service; without signal it waits in the outbox, and consent is checked when it arrives. */
export const makeReferral = (clientId: string, body: NewReferral, service: DirectoryResult) =>
  data().makeReferral(clientId, body, service);
/** A change only the server makes (it needs the network): then the phone's copy catches up. */
async function onServer<T>(work: Promise<T>): Promise<T> {
  const result = await work;
  await data().refresh();
  return result;
}

export const moveReferral = (referralId: string, body: ReferralStatusRequest) =>
  onServer(api<Referral>('POST', `/api/referrals/${id(referralId)}/status`, body));
export const logAttempt = (referralId: string, body: ContactAttemptRequest) =>
  onServer(api<Referral>('POST', `/api/referrals/${id(referralId)}/contact-attempts`, body));

export const partnerInbox = (state: ListState) =>
  api<{ referrals: PartnerReferral[] }>('GET', `/api/partner/referrals?state=${state}`).then(
    (r) => r.referrals,
  );
export const answerReferral = (referralId: string, body: ReferralStatusRequest) =>
  api<PartnerReferral>('POST', `/api/partner/referrals/${id(referralId)}/status`, body);

export const partnerAccounts = () =>
  api<{ partners: PartnerAccount[] }>('GET', '/api/partners').then((r) => r.partners);
export const linkPartner = (userId: string, organizationId: string) =>
  api<PartnerAccount>('PUT', `/api/partners/${id(userId)}`, { organizationId });
export const findOrganizations = (search: string) =>
  api<{ contents: { id: string; name: string }[] }>(
    'GET',
    `/hsds/organizations?per_page=20${search ? `&search=${id(search)}` : ''}`,
  ).then((r) => r.contents);
