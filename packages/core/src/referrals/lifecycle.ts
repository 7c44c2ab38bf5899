import type { ReferralOutcome, ReferralStatus } from './vocab.js';

/**
 * Who is moving the referral: the program that sent it, or the organization
 * that received it. For a partner without Puente accounts, the CHW records the
 * partner's answers, acting as the receiver too.
 */
export type ReferralSide = 'sender' | 'receiver' | 'both';

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
