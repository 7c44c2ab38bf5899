import type {
  ContactAttemptRequest,
  NewReferralRequest,
  PartnerAccount,
  PartnerReferral,
  Referral,
  ReferralDetail,
  ReferralStatusRequest,
} from '@puente/core';
import { api } from '../../app/api';

const id = encodeURIComponent;
export type ListState = 'open' | 'closed' | 'all';

export const clientReferrals = (clientId: string) =>
  api<{ referrals: Referral[] }>('GET', `/api/clients/${id(clientId)}/referrals`).then((r) => r.referrals);
export const getReferral = (referralId: string) =>
  api<ReferralDetail>('GET', `/api/referrals/${id(referralId)}`);
export const makeReferral = (clientId: string, body: Omit<NewReferralRequest, 'id'> & { id?: string }) =>
  api<Referral>('POST', `/api/clients/${id(clientId)}/referrals`, body);
export const moveReferral = (referralId: string, body: ReferralStatusRequest) =>
  api<Referral>('POST', `/api/referrals/${id(referralId)}/status`, body);
export const logAttempt = (referralId: string, body: ContactAttemptRequest) =>
  api<Referral>('POST', `/api/referrals/${id(referralId)}/contact-attempts`, body);

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
