import { describe, expect, it } from 'vitest';
import { ageBand, dateShiftDays, MAX_SHIFT_DAYS, pseudonym, shiftDate } from './deid.js';

describe('de-identification helpers', () => {
  it.each([
    ['2010-01-01', '2026-01-01', '0-17'],
    ['2008-01-02', '2026-01-01', '0-17'],
    ['2008-01-01', '2026-01-01', '18-24'],
    ['1990-06-15', '2026-06-14', '35-44'],
    ['1990-06-15', '2026-06-15', '35-44'],
    ['1961-06-15', '2026-06-15', '65+'],
  ])('born %s is in band %s on %s', (born, day, band) => {
    expect(ageBand(born, day)).toBe(band);
  });

  it('shifts calendar days across months and leap days', () => {
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('gives one person the same pseudonym and shift every time, and another person others', async () => {
    const secret = 'org secret';
    const a = '01900000-0000-7000-8000-000000000001';
    const b = '01900000-0000-7000-8000-000000000002';
    expect(await pseudonym(secret, a)).toBe(await pseudonym(secret, a));
    expect(await pseudonym(secret, a)).not.toBe(await pseudonym(secret, b));
    expect(await pseudonym('another secret', a)).not.toBe(await pseudonym(secret, a));
    expect(await pseudonym(secret, a)).not.toContain(a.slice(-6));
    const shift = await dateShiftDays(secret, a);
    expect(await dateShiftDays(secret, a)).toBe(shift);
    expect(shift).not.toBe(0);
    expect(Math.abs(shift)).toBeLessThanOrEqual(MAX_SHIFT_DAYS);
  });
});
