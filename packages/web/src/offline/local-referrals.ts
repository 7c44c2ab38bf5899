import {
  type Client,
  ContactAttemptRequest,
  checkContactAttempt,
  checkReferralChange,
  type Me,
  NewReferralRequest,
  type Referral,
  ReferralStatusRequest,
  type SyncMutation,
  senderSide,
  uuidv7,
} from '@puente/core';
import type { PendingChange } from './bundle';
import type { CaseloadData } from './data';
import { checked, refusal, valid } from './refusals';
import type { LocalStore } from './store';
import { referralsView } from './views';

/** What the phone's referrals need from the local adapter around them. */
export interface LocalWrites {
  store: LocalStore;
  me(): Me;
  client(id: string): Client;
  write(mutation: SyncMutation, clientId: string, preview?: PendingChange['preview']): Promise<void>;
}

type ReferralData = Pick<
  CaseloadData,
  'listReferrals' | 'makeReferral' | 'moveReferral' | 'logAttempt' | 'attemptsBeforeUnreachable'
>;

/**
 * Referrals from the phone's copy: made, moved and followed up without
 * signal, checked on the phone by the rules the server applies when they arrive.
 */
export function localReferrals({ store, me, client, write }: LocalWrites): ReferralData {
  const locale = () => me().locale;

  /** The referral as the phone shows it now, and whose it is. */
  function held(referralId: string): { clientId: string; referral: Referral } {
    for (const b of store.holdings().all()) {
      const referral = b.referrals[referralId];
      if (referral && b.client) return { clientId: b.client.id, referral };
    }
    throw refusal(locale(), 404, 'errors.referralNotFound');
  }

  return {
    listReferrals: async (clientId) => referralsView(store.holdings().get(client(clientId).id)),
    async makeReferral(clientId, body, service) {
      const person = client(clientId);
      const request = valid(NewReferralRequest, body, locale());
      const id = request.id ?? uuidv7();
      const now = new Date().toISOString();
      // Until the server has it: requested, no moves yet, the partner as the directory names it.
      const referral: Referral = {
        id,
        status: 'requested',
        statusReason: null,
        need: request.need,
        reason: request.reason,
        urgency: request.urgency,
        doNotContact: request.doNotContact,
        serviceId: request.serviceId,
        serviceName: service.name,
        partnerName: service.organizationName ?? service.name,
        capacity: null,
        enrollment: null,
        outcome: null,
        result: null,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        nextStatuses: [],
        clientId,
        clientName: person.displayName,
        goalId: request.goalId ?? null,
        screeningId: request.screeningId ?? null,
        partnerOrganizationId: null,
        partnerHasAccounts: false,
        shares: [...new Set(request.shares)],
        failedContactAttempts: 0,
        mayCloseUnreachable: false,
        requestedByName: me().displayName,
      };
      await write(
        { id: uuidv7(), kind: 'referral.make', clientId, referral: { ...request, id } },
        clientId,
        referral,
      );
      return referralsView(store.holdings().get(clientId)).find((r) => r.id === id) ?? referral;
    },
    async moveReferral(referralId, body) {
      const { clientId, referral: r } = held(referralId);
      const move = valid(ReferralStatusRequest, body, locale());
      const attempts = { failed: r.failedContactAttempts, required: store.attemptsBeforeUnreachable() };
      checked(locale(), () =>
        checkReferralChange(r.status, senderSide(r.partnerHasAccounts), move, attempts),
      );
      await write({ id: uuidv7(), kind: 'referral.move', clientId, referralId, move }, clientId);
      return held(referralId).referral;
    },
    async logAttempt(referralId, body) {
      const { clientId, referral: r } = held(referralId);
      const attempt = valid(ContactAttemptRequest, body, locale());
      checked(locale(), () => checkContactAttempt(r.status));
      await write({ id: uuidv7(), kind: 'referral.attempt', clientId, referralId, attempt }, clientId);
      return held(referralId).referral;
    },
    // The number the phone checks moves and lays changes over with, so the card and its checks agree.
    attemptsBeforeUnreachable: async () => store.attemptsBeforeUnreachable(),
  };
}
