import { describe, expect, it } from 'vitest';
import { addDays, isRealDate, localDate } from './dates.js';

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
