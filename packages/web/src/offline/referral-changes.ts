import {
  changeFields,
  isFailedAttempt,
  type ReferralRecord,
  type SyncMutation,
  senderNext,
} from '@puente/core';

export type ReferralChange = Extract<SyncMutation, { kind: 'referral.move' | 'referral.attempt' }>;

/**
 * A referral as the phone shows it while a move or a contact attempt waits
 * to be sent: the server's copy with the change laid over, by core's rules
 * (what a move writes, which moves come next), as the server will apply it.
 * @example changedReferral(requested, move('on-hold', 'Waiting for papers'), now, 3) // on-hold, next: accepted…
 */
export function changedReferral(
  r: ReferralRecord,
  m: ReferralChange,
  at: string,
  attemptsBeforeUnreachable: number,
): ReferralRecord {
  let next: ReferralRecord;
  if (m.kind === 'referral.attempt') {
    const failed = r.failedContactAttempts + (isFailedAttempt(m.attempt) ? 1 : 0);
    next = { ...r, failedContactAttempts: failed, updatedAt: at };
  } else {
    const f = changeFields(m.move);
    next = {
      ...r,
      status: f.status,
      statusReason: f.statusReason,
      // Answers the move does not repeat stay as they were, as on the server.
      outcome: f.outcome ?? r.outcome,
      result: f.result ?? r.result,
      capacity: f.capacity ?? r.capacity,
      enrollment: f.enrollment ?? r.enrollment,
      updatedAt: at,
      closedAt: f.closed ? (r.closedAt ?? at) : null,
    };
  }
  return { ...next, ...senderNext(next, attemptsBeforeUnreachable) };
}
