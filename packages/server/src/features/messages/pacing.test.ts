import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config.js';
import { pacing } from './deliver.js';

const at = (perSecond?: number) =>
  ({
    texts: { kind: 'gateway', baseUrl: 'http://x', token: 't', secret: 's', countryCode: '1', perSecond },
  }) as unknown as Config;

/** Calls `pace` n times at once; the fake clock's times at which each turn came. */
async function turns(pace: () => Promise<void>, n: number, runMs: number): Promise<number[]> {
  const came: number[] = [];
  const start = Date.now();
  for (let i = 0; i < n; i++) void pace().then(() => came.push(Date.now() - start));
  await vi.advanceTimersByTimeAsync(runMs);
  return came;
}

describe('texts handed to the provider at TEXTS_PER_SECOND', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    { perSecond: 100, expected: [0, 10, 20, 30, 40] },
    { perSecond: 250, expected: [0, 4, 8, 12, 16] },
    { perSecond: 1, expected: [0, 1000, 2000, 3000, 4000] },
  ])('at $perSecond a second, five sends wait their turns $expected ms', async ({ perSecond, expected }) => {
    vi.useFakeTimers();
    expect(await turns(pacing(at(perSecond), Date.now), 5, 5000)).toEqual(expected);
  });

  it('without the setting, the default (250 a second)', async () => {
    vi.useFakeTimers();
    expect(await turns(pacing(at(undefined), Date.now), 3, 100)).toEqual([0, 4, 8]);
  });

  it('a quiet spell saves no turns up for a burst afterwards', async () => {
    vi.useFakeTimers();
    const pace = pacing(at(100), Date.now);
    await turns(pace, 1, 0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await turns(pace, 3, 100)).toEqual([0, 10, 20]);
  });
});
