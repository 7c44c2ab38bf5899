import { describe, expect, it } from 'vitest';
import { pushOrder } from './mutations.js';

const register = (id: string) => ({ kind: 'client.register', client: { id } });
const visit = (clientId: string) => ({ kind: 'encounter.record', clientId });
const alert = (clientId: string) => ({ kind: 'alert.raise', alert: { clientId } });
const screen = (clientId: string) => ({ kind: 'screening.record', clientId });
const refer = (clientId: string) => ({ kind: 'referral.make', clientId, referral: { id: `r-${clientId}` } });
const move = (clientId: string) => ({ kind: 'referral.move', clientId, referralId: `r-${clientId}` });
const attempt = (clientId: string) => ({ kind: 'referral.attempt', clientId, referralId: `r-${clientId}` });

describe('push order', () => {
  it.each([
    [
      'alerts first, the rest as made',
      [visit('a'), alert('a'), visit('b')],
      [alert('a'), visit('a'), visit('b')],
    ],
    [
      'a person registered offline just before the alert about them',
      [register('a'), register('b'), visit('a'), screen('a'), alert('a')],
      [register('a'), alert('a'), register('b'), visit('a'), screen('a')],
    ],
    ['nothing to move', [register('a'), visit('a')], [register('a'), visit('a')]],
    [
      'a referral made offline before what was done with it, even around an alert',
      [register('a'), refer('a'), attempt('a'), alert('a'), move('a')],
      [register('a'), alert('a'), refer('a'), attempt('a'), move('a')],
    ],
  ])('%s', (_, batch, expected) => {
    expect(pushOrder(batch)).toEqual(expected);
  });
});
