import { describe, expect, it } from 'vitest';
import { addDays, isRealDate, localDate, weekTime } from './dates.js';

describe('dates', () => {
  // 03:30 UTC on 1 March is still 28 February in Los Angeles and already 1 March in Madrid.
  const at = new Date('2027-03-01T03:30:00Z');
  it.each([
    ['America/Los_Angeles', '2027-02-28'],
    ['America/Mexico_City', '2027-02-28'],
    ['Europe/Madrid', '2027-03-01'],
    ['UTC', '2027-03-01'],
  ])('today in %s is %s', (zone, expected) => {
    expect(localDate(at, zone)).toBe(expected);
  });

  // Formatters are kept per zone, a bounded number of them: every zone there is, twice
  // over (so each has been dropped and made again), gives the day a new formatter gives.
  it('gives every time zone its own day and time, however many zones are asked', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(64);
    for (const pass of [1, 2]) {
      for (const zone of zones) {
        const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(at);
        expect(localDate(at, zone), `${zone}, pass ${pass}`).toBe(fresh);
        const hour = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hour: '2-digit',
          hourCycle: 'h23',
        }).format(at);
        expect(weekTime(at, zone).time.slice(0, 2), `${zone}, pass ${pass}`).toBe(hour);
      }
    }
  });

  it('refuses an unknown time zone every time it is asked', () => {
    expect(() => localDate(at, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDate(at, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it.each([
    ['2026-12-30', 3, '2027-01-02'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-11-01', -1, '2026-10-31'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
    ['2026-04-31', false],
  ])('%s is a real date: %s', (date, real) => {
    expect(isRealDate(date)).toBe(real);
  });
});
