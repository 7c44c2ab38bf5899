import { describe, expect, it } from 'vitest';
import { PuenteError } from '../errors/problem.js';
import {
  changeFields,
  checkContactAttempt,
  checkReferralChange,
  mayCloseUnreachable,
  nextStatuses,
  outcomeOf,
  refuseChange,
  senderNext,
} from './lifecycle.js';
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

  const refusalOf = (work: () => void) => {
    try {
      work();
      return undefined;
    } catch (error) {
      if (!(error instanceof PuenteError)) throw error;
      return { status: error.status, key: error.key, params: error.params };
    }
  };

  it('refuses a change as the server answers it: with the status and the words', () => {
    expect(
      refusalOf(() => checkReferralChange('completed', 'both', { status: 'on-hold', reason: 'x' })),
    ).toEqual({
      status: 409,
      key: 'errors.referralStatusNotAllowed',
      params: {},
    });
    expect(
      refusalOf(() => checkReferralChange('requested', 'sender', { status: 'completed' })),
    ).toMatchObject({
      status: 403,
      key: 'errors.referralNotYourMove',
    });
    expect(refusalOf(() => checkReferralChange('requested', 'both', { status: 'on-hold' }))).toMatchObject({
      status: 400,
      key: 'errors.referralReasonRequired',
    });
    expect(refusalOf(() => checkContactAttempt('cancelled'))).toMatchObject({
      status: 409,
      key: 'errors.referralClosed',
    });
    expect(refusalOf(() => checkContactAttempt('on-hold'))).toBeUndefined();
  });

  it('closes as "could not contact" only after the attempts the program asks for, when held to them', () => {
    const unreachable = { status: 'failed', outcome: 'could-not-contact' } as const;
    expect(
      refusalOf(() => checkReferralChange('requested', 'both', unreachable, { failed: 2, required: 3 })),
    ).toEqual({
      status: 409,
      key: 'errors.referralTooFewAttempts',
      params: { required: 3, attempts: 2 },
    });
    expect(
      refusalOf(() => checkReferralChange('requested', 'both', unreachable, { failed: 3, required: 3 })),
    ).toBeUndefined();
    // A partner saying so is not held to the program's rule.
    expect(refusalOf(() => checkReferralChange('requested', 'receiver', unreachable))).toBeUndefined();
    // Other endings need no attempts.
    const ineligible = { status: 'failed', outcome: 'not-eligible' } as const;
    expect(
      refusalOf(() => checkReferralChange('requested', 'both', ineligible, { failed: 0, required: 3 })),
    ).toBeUndefined();
  });

  it('writes what a move says, and keeps earlier answers it does not repeat', () => {
    expect(
      changeFields({ status: 'on-hold', reason: '  Waiting for papers ', capacity: 'waitlist' }),
    ).toEqual({
      status: 'on-hold',
      statusReason: 'Waiting for papers',
      outcome: null,
      result: null,
      capacity: 'waitlist',
      enrollment: null,
      closed: false,
    });
    expect(changeFields({ status: 'completed', result: 'A box of food' })).toMatchObject({
      outcome: 'got-help',
      result: 'A box of food',
      closed: true,
    });
    expect(changeFields({ status: 'failed', outcome: 'could-not-contact', reason: ' ' })).toMatchObject({
      statusReason: null,
      outcome: 'could-not-contact',
      closed: true,
    });
  });

  it('offers the sender the moves of its side, and closing as unreachable once tried enough', () => {
    const open = { status: 'accepted', partnerHasAccounts: false, failedContactAttempts: 3 } as const;
    expect(senderNext(open, 3)).toEqual({
      nextStatuses: nextStatuses('accepted', 'both'),
      mayCloseUnreachable: true,
    });
    expect(senderNext({ ...open, partnerHasAccounts: true }, 4)).toEqual({
      nextStatuses: ['cancelled', 'entered-in-error'],
      mayCloseUnreachable: false,
    });
    expect(senderNext({ ...open, status: 'completed' }, 3).mayCloseUnreachable).toBe(false);
  });
});
