import { describe, expect, it } from 'vitest';
import { crisisMissing, onCallAt } from './crisis.js';

// 2026-03-04 is a Wednesday (day 3); times are read in Chicago (UTC-6 in early March).
const chicago = (hhmm: string) => new Date(`2026-03-04T${hhmm}:00-06:00`);
const tz = 'America/Chicago';

describe('who is on call when', () => {
  const weekdays = { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };
  const nights = { days: [3], from: '17:00', to: '09:00' };
  it.each([
    ['no hours: always', undefined, chicago('03:00'), true],
    ['within the day', weekdays, chicago('10:30'), true],
    ['at the end, off', weekdays, chicago('17:00'), false],
    ['before the start', weekdays, chicago('08:59'), false],
    ['a night shift in its evening', nights, chicago('22:00'), true],
    [
      'a night shift past midnight belongs to the day before',
      nights,
      new Date('2026-03-05T02:00:00-06:00'),
      true,
    ],
    ['the small hours of its own day are the night before’s', nights, chicago('02:00'), false],
  ] as const)('%s', (_name, hours, now, expected) => {
    expect(onCallAt(hours ? { ...hours, days: [...hours.days] } : undefined, now, tz)).toBe(expected);
  });

  it('says what is missing before screening opens', () => {
    expect(crisisMissing({ crisisLines: [] })).toEqual(['lines', 'emergencyNumber']);
    expect(
      crisisMissing({
        crisisLines: [{ label: '988', phone: '988', language: 'en' }],
        emergencyNumber: '911',
      }),
    ).toEqual([]);
  });
});
