import { describe, expect, it } from 'vitest';
import { mayCloseUnreachable, nextStatuses, outcomeOf, refuseChange } from './lifecycle.js';
import type { ReferralStatus } from './vocab.js';

describe('referral lifecycle (Gravity Task statuses)', () => {
  // from, side, to, extra, expected refusal (undefined = allowed)
  const table: [
    ReferralStatus,
    'sender' | 'receiver' | 'both',
    ReferralStatus,
    object,
    string | undefined,
  ][] = [
    ['requested', 'receiver', 'accepted', {}, undefined],
    ['requested', 'receiver', 'rejected', { reason: 'Outside our area' }, undefined],
    ['requested', 'receiver', 'rejected', {}, 'errors.referralReasonRequired'],
    ['requested', 'receiver', 'rejected', { reason: '   ' }, 'errors.referralReasonRequired'],
    ['requested', 'sender', 'accepted', {}, 'errors.referralNotYourMove'],
    ['requested', 'both', 'accepted', {}, undefined],
    ['requested', 'sender', 'cancelled', { reason: 'Moved away' }, undefined],
    ['requested', 'receiver', 'cancelled', { reason: 'Duplicate' }, undefined],
    ['requested', 'sender', 'cancelled', {}, 'errors.referralReasonRequired'],
    ['requested', 'sender', 'entered-in-error', {}, undefined],
    ['requested', 'receiver', 'entered-in-error', {}, 'errors.referralNotYourMove'],
    ['requested', 'receiver', 'in-progress', {}, 'errors.referralStatusNotAllowed'],
    ['requested', 'receiver', 'requested', {}, 'errors.referralStatusNotAllowed'],
    ['accepted', 'receiver', 'in-progress', {}, undefined],
    ['accepted', 'receiver', 'rejected', { reason: 'x' }, 'errors.referralStatusNotAllowed'],
    ['accepted', 'receiver', 'on-hold', {}, 'errors.referralReasonRequired'],
    ['accepted', 'receiver', 'on-hold', { reason: 'Waiting for documents' }, undefined],
    ['on-hold', 'receiver', 'accepted', {}, undefined],
    ['on-hold', 'receiver', 'in-progress', {}, undefined],
    ['in-progress', 'receiver', 'completed', {}, undefined],
    ['in-progress', 'receiver', 'completed', { outcome: 'got-help' }, undefined],
    [
      'in-progress',
      'receiver',
      'completed',
      { outcome: 'not-eligible' },
      'errors.referralCompletedIsGotHelp',
    ],
    ['in-progress', 'receiver', 'failed', {}, 'errors.referralOutcomeRequired'],
    ['in-progress', 'receiver', 'failed', { outcome: 'got-help' }, 'errors.referralOutcomeRequired'],
    ['in-progress', 'receiver', 'failed', { outcome: 'not-eligible' }, undefined],
    ['requested', 'both', 'failed', { outcome: 'could-not-contact' }, undefined],
    ['requested', 'both', 'completed', {}, undefined],
    // Closed referrals stay closed: the "completed → requested".
    ['completed', 'both', 'requested', {}, 'errors.referralStatusNotAllowed'],
    ['completed', 'both', 'accepted', {}, 'errors.referralStatusNotAllowed'],
    ['rejected', 'both', 'accepted', {}, 'errors.referralStatusNotAllowed'],
    ['cancelled', 'both', 'cancelled', { reason: 'x' }, 'errors.referralStatusNotAllowed'],
    ['failed', 'both', 'completed', {}, 'errors.referralStatusNotAllowed'],
    ['completed', 'sender', 'entered-in-error', {}, undefined],
    ['entered-in-error', 'sender', 'entered-in-error', {}, 'errors.referralStatusNotAllowed'],
    ['entered-in-error', 'both', 'requested', {}, 'errors.referralStatusNotAllowed'],
  ];

  it.each(table)('%s by %s → %s %o: %s', (from, side, to, extra, expected) => {
    expect(refuseChange(from, side, { to, ...extra })).toBe(expected);
  });

  it('offers each side only its own moves', () => {
    expect(nextStatuses('requested', 'receiver')).toEqual([
      'accepted',
      'rejected',
      'on-hold',
      'completed',
      'failed',
      'cancelled',
    ]);
    expect(nextStatuses('requested', 'sender')).toEqual(['cancelled', 'entered-in-error']);
    expect(nextStatuses('completed', 'receiver')).toEqual([]);
    expect(nextStatuses('completed', 'sender')).toEqual(['entered-in-error']);
    expect(nextStatuses('entered-in-error', 'both')).toEqual([]);
  });

  it('every offered move is allowed when it says what it must', () => {
    const from: ReferralStatus[] = ['requested', 'accepted', 'in-progress', 'on-hold', 'completed'];
    for (const status of from) {
      for (const side of ['sender', 'receiver', 'both'] as const) {
        for (const to of nextStatuses(status, side)) {
          expect(
            refuseChange(status, side, {
              to,
              reason: 'why',
              outcome: to === 'failed' ? 'not-eligible' : undefined,
            }),
          ).toBeUndefined();
        }
      }
    }
  });

  it('records the outcome a closing status means', () => {
    expect(outcomeOf({ to: 'completed' })).toBe('got-help');
    expect(outcomeOf({ to: 'failed', outcome: 'no-capacity' })).toBe('no-capacity');
    expect(outcomeOf({ to: 'cancelled', reason: 'x' })).toBeNull();
    expect(outcomeOf({ to: 'accepted', outcome: 'got-help' })).toBeNull();
  });

  it.each([
    [0, 3, false],
    [2, 3, false],
    [3, 3, true],
    [4, 3, true],
    [1, 1, true],
  ])('%i failed attempts with %i required may close as unreachable: %s', (attempts, required, expected) => {
    expect(mayCloseUnreachable(attempts, required)).toBe(expected);
  });
});
