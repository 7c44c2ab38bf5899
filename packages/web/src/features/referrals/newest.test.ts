import type { Referral, ReferralDetail } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { newest } from './newest';

// Only the fields the choice reads and the card shows first; the rest do not take part.
const copy = {
  id: 'r1',
  status: 'requested',
  outcome: null,
  closedAt: null,
  updatedAt: '2026-12-06T10:00:00.000Z',
} as unknown as Referral;
const answered = {
  ...copy,
  status: 'completed',
  outcome: 'got-help',
  closedAt: '2026-12-06T10:05:00.000Z',
  updatedAt: '2026-12-06T10:05:00.000Z',
  events: [{ id: 'e1', kind: 'status', status: 'completed' }],
} as unknown as ReferralDetail;

describe('the referral card reads one copy with its history', () => {
  it('shows the server’s referral when the history read with it is newer than the phone’s copy', () => {
    const shown = newest(copy, answered);
    expect(shown.status).toBe('completed');
    expect(shown.outcome).toBe('got-help');
    expect('events' in shown).toBe(false);
  });

  it('keeps the phone’s copy when it is as new or newer (a move made here waits to be sent)', () => {
    const movedHere = { ...copy, status: 'cancelled', updatedAt: '2026-12-06T10:06:00.000Z' } as Referral;
    expect(newest(movedHere, answered).status).toBe('cancelled');
    expect(newest(copy, { ...answered, updatedAt: copy.updatedAt })).toBe(copy);
  });

  it('keeps the phone’s copy while no history was read', () => {
    expect(newest(copy, undefined)).toBe(copy);
  });
});
