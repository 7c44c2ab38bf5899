import { PuenteError } from '../errors/problem.js';
import type { ContactAttemptRequest, ReferralStatusRequest } from './schemas.js';
import type { ReferralOutcome, ReferralStatus } from './vocab.js';

/**
 * Who is moving the referral: the program that sent it, or the organization
 * that received it. For a partner without Puente accounts, the CHW records the
 * partner's answers, acting as the receiver too.
 */
export type ReferralSide = 'sender' | 'receiver' | 'both';

/** The CHW's side: they answer for the partner too when it has no Puente account. */
export const senderSide = (partnerHasAccounts: boolean): ReferralSide =>
  partnerHasAccounts ? 'sender' : 'both';

interface Move {
  from: readonly ReferralStatus[];
  by: 'sender' | 'receiver' | 'either';
}

const open = ['requested', 'accepted', 'in-progress', 'on-hold'] as const;

/** Every allowed move, by the status it leads to. A status not listed here cannot be reached. */
const moves: Partial<Record<ReferralStatus, Move>> = {
  accepted: { from: ['requested', 'on-hold'], by: 'receiver' },
  rejected: { from: ['requested'], by: 'receiver' },
  'in-progress': { from: ['accepted', 'on-hold'], by: 'receiver' },
  'on-hold': { from: ['requested', 'accepted', 'in-progress'], by: 'receiver' },
  completed: { from: open, by: 'receiver' },
  failed: { from: open, by: 'receiver' },
  cancelled: { from: open, by: 'either' },
  'entered-in-error': {
    from: ['requested', 'accepted', 'in-progress', 'on-hold', 'rejected', 'completed', 'failed', 'cancelled'],
    by: 'sender',
  },
};

/** Statuses that must say why, in words. */
export const statusesNeedingReason: readonly ReferralStatus[] = ['rejected', 'cancelled', 'on-hold'];

function mayAct(by: Move['by'], side: ReferralSide): boolean {
  return by === 'either' || side === 'both' || by === side;
}

/** The statuses `side` may move a referral to from `from`, in lifecycle order. */
export function nextStatuses(from: ReferralStatus, side: ReferralSide): ReferralStatus[] {
  return (Object.entries(moves) as [ReferralStatus, Move][])
    .filter(([, move]) => move.from.includes(from) && mayAct(move.by, side))
    .map(([to]) => to);
}

export interface StatusChange {
  to: ReferralStatus;
  reason?: string | undefined;
  outcome?: ReferralOutcome | undefined;
}

/**
 * Why a change is refused, as a catalog key, or undefined when it is allowed.
 * Checks the lifecycle, who may make the move, and that closing says how it ended.
 */
export function refuseChange(from: ReferralStatus, side: ReferralSide, change: StatusChange) {
  const move = moves[change.to];
  if (!move?.from.includes(from)) return 'errors.referralStatusNotAllowed' as const;
  if (!mayAct(move.by, side)) return 'errors.referralNotYourMove' as const;
  if (statusesNeedingReason.includes(change.to) && !change.reason?.trim()) {
    return 'errors.referralReasonRequired' as const;
  }
  if (change.to === 'failed' && (!change.outcome || change.outcome === 'got-help')) {
    return 'errors.referralOutcomeRequired' as const;
  }
  if (change.to === 'completed' && change.outcome && change.outcome !== 'got-help') {
    return 'errors.referralCompletedIsGotHelp' as const;
  }
  return undefined;
}

const refusalStatus = {
  'errors.referralStatusNotAllowed': 409,
  'errors.referralNotYourMove': 403,
  'errors.referralReasonRequired': 400,
  'errors.referralOutcomeRequired': 400,
  'errors.referralCompletedIsGotHelp': 400,
} as const;

/** Closing as "could not contact": allowed only once enough attempts are logged. */
export const closesUnreachable = (r: ReferralStatusRequest): boolean =>
  r.status === 'failed' && r.outcome === 'could-not-contact';

/** An attempt that did not reach the person: it counts toward closing as unreachable (the server counts them in SQL alike). */
export const isFailedAttempt = (attempt: ContactAttemptRequest): boolean => attempt.result !== 'reached';

/**
 * Checks a change as the server and the phone both do, and throws the
 * refusal. `attempts` (failed tries logged, and how many the program asks
 * for) is given when the mover is held to the attempts rule: the sending program.
 * @example checkReferralChange('completed', 'both', { status: 'cancelled', reason: 'x' }) // throws referralStatusNotAllowed (409)
 */
export function checkReferralChange(
  from: ReferralStatus,
  side: ReferralSide,
  r: ReferralStatusRequest,
  attempts?: { failed: number; required: number },
): void {
  const refusal = refuseChange(from, side, { to: r.status, reason: r.reason, outcome: r.outcome });
  if (refusal) throw new PuenteError(refusalStatus[refusal], refusal);
  if (attempts && closesUnreachable(r) && !mayCloseUnreachable(attempts.failed, attempts.required)) {
    const { required, failed } = attempts;
    throw new PuenteError(409, 'errors.referralTooFewAttempts', { required, attempts: failed });
  }
}

/** An attempt to reach the person is logged only while the referral is open. */
export function checkContactAttempt(status: ReferralStatus): void {
  if (isClosed(status)) throw new PuenteError(409, 'errors.referralClosed');
}

/** The outcome a closing status records: completed means the person got help. */
export function outcomeOf(change: StatusChange): ReferralOutcome | null {
  if (change.to === 'completed') return 'got-help';
  if (change.to === 'failed' || change.to === 'cancelled' || change.to === 'rejected') {
    return change.outcome ?? null;
  }
  return null;
}

export function isClosed(status: ReferralStatus): boolean {
  return status !== 'requested' && status !== 'accepted' && status !== 'in-progress' && status !== 'on-hold';
}

/**
 * Closing as unreachable ("could not contact") is allowed only after the
 * program's number of attempts to reach the person, each logged.
 */
export function mayCloseUnreachable(failedAttempts: number, attemptsBeforeUnreachable: number): boolean {
  return failedAttempts >= attemptsBeforeUnreachable;
}

/**
 * What a move writes on the referral. A null outcome, result, capacity or
 * enrollment keeps what was said before; a reason is the move's own.
 */
export function changeFields(r: ReferralStatusRequest) {
  return {
    status: r.status,
    statusReason: r.reason?.trim() || null,
    outcome: outcomeOf({ to: r.status, outcome: r.outcome }),
    result: r.result?.trim() || null,
    capacity: r.capacity ?? null,
    enrollment: r.enrollment ?? null,
    closed: isClosed(r.status),
  };
}

/**
 * What the sending program's card offers next: the moves it may make now,
 * and whether it may close the referral as unreachable.
 */
export function senderNext(
  r: { status: ReferralStatus; partnerHasAccounts: boolean; failedContactAttempts: number },
  attemptsBeforeUnreachable: number,
): { nextStatuses: ReferralStatus[]; mayCloseUnreachable: boolean } {
  return {
    nextStatuses: nextStatuses(r.status, senderSide(r.partnerHasAccounts)),
    mayCloseUnreachable:
      !isClosed(r.status) && mayCloseUnreachable(r.failedContactAttempts, attemptsBeforeUnreachable),
  };
}
